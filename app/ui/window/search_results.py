"""Search results as a reader wants them: one entry per conversation, and a way through the hits.

The history answers a search with ranked hits, several per conversation; listed as they come,
one conversation showed four times. :func:`group_hits` folds them into one
:class:`HitGroup` per conversation (in the order of its best hit): the title, the date, its best
two snippets with the match marked, and how many more hits it has. :class:`HitList` shows the
groups in the sidebar's list (an entry remembers its conversation and its best hit, so opening
it goes to that message) and gives the search box its keys: Enter opens the first result,
Esc clears the search. :class:`HitSteps` is F3 / Shift+F3: the next or previous hit of the
conversation on screen, opened where it is, however far back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem

from app.core.history import SearchHit
from app.core.titles import shown_title

#: The item role holding the message a result opens at (None: a title hit, open at the end).
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
#: Snippets shown per conversation; the rest are counted.
BEST = 2
#: The marker behind a match (the same yellow as in the conversation), black text on it.
MARK_STYLE = "background-color: rgb(255, 213, 79); color: black;"


@dataclass(frozen=True, slots=True)
class HitGroup:
    """A conversation's hits: ``hits`` best first; ``in_order`` their message ids, oldest first."""

    conversation_id: int
    title: str
    when: float | None
    hits: tuple[SearchHit, ...]

    @property
    def best(self) -> tuple[SearchHit, ...]:
        """The best message hits; the title's own hit only when no message matched (the
        title is shown above the snippets anyway)."""
        messages = tuple(h for h in self.hits if h.message_id is not None)
        return messages[:BEST] if messages else self.hits[:1]

    @property
    def more(self) -> int:
        messages = [h for h in self.hits if h.message_id is not None]
        return max(0, len(messages) - len(self.best))

    @property
    def first_message(self) -> int | None:
        return next((h.message_id for h in self.hits if h.message_id is not None), None)

    @property
    def in_order(self) -> list[int]:
        return sorted({h.message_id for h in self.hits if h.message_id is not None})


def group_hits(hits: Sequence[SearchHit]) -> list[HitGroup]:
    """One group per conversation, in the order of each conversation's best hit."""
    order: list[int] = []
    by_conv: dict[int, list[SearchHit]] = {}
    for hit in sorted(hits, key=lambda h: h.rank):
        if hit.conversation_id not in by_conv:
            order.append(hit.conversation_id)
            by_conv[hit.conversation_id] = []
        by_conv[hit.conversation_id].append(hit)
    groups = []
    for cid in order:
        found = by_conv[cid]
        when = max((h.created_at for h in found if h.created_at is not None), default=None)
        groups.append(HitGroup(cid, found[0].title, when, tuple(found)))
    return groups


#: Matches are ``<b>`` (``snippet_html``); this sheet puts them on the marker. Titles and
#: labels use spans, so only matches are marked.
MARK_SHEET = f"<style>b {{ {MARK_STYLE} }}</style>"


class HitList(QObject):
    """The sidebar's list while searching, and the search box's Enter and Esc."""

    def __init__(self, view: QListWidget, box: QLineEdit, id_role: int) -> None:
        super().__init__(view)
        self._view = view
        self._box = box
        self._id_role = id_role
        self.groups: list[HitGroup] = []
        self.query = ""
        box.installEventFilter(self)

    def show(self, query: str, hits: Sequence[SearchHit]) -> None:
        # (Imported at the first search, not with the sidebar: the window's first frame lists
        # conversations, and ``snippets``' patterns and ``html``'s entity table cost its start.)
        from app.ui.window.snippets import snippet_text

        self.query = query
        self.groups = group_hits(hits)
        self._view.clear()
        width = max(self._view.viewport().width() - 4, 120)
        for group in self.groups:
            item = QListWidgetItem()
            item.setData(self._id_role, group.conversation_id)
            item.setData(HIT_ROLE, group.first_message)
            label = QLabel()
            label.setObjectName("searchHit")
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setText(self._html(group))
            label.setContentsMargins(6, 5, 6, 5)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
            plain = " · ".join(snippet_text(h.snippet) for h in group.best)
            item.setToolTip(plain)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{shown_title(group.title)}: {plain}")
            label.setFixedWidth(width)
            item.setSizeHint(QSize(width, label.heightForWidth(width) + 4))
            self._view.addItem(item)
            self._view.setItemWidget(item, label)

    def group_of(self, conversation_id: int | None) -> HitGroup | None:
        return next((g for g in self.groups if g.conversation_id == conversation_id), None)

    def _html(self, group: HitGroup) -> str:
        import html

        from app.ui.window.snippets import snippet_html

        title = html.escape(shown_title(group.title) if group.title else self.tr("Untitled"))
        when = (
            dt.datetime.fromtimestamp(group.when).strftime("%Y-%m-%d") if group.when else ""
        )
        parts = [
            MARK_SHEET,
            f'<div><span style="font-weight:600">{title}</span>&nbsp;&nbsp;'
            f"<small>{html.escape(when)}</small></div>",
        ]
        for hit in group.best:
            where = {"user": self.tr("You"), "assistant": self.tr("Reply")}.get(
                hit.role or "", self.tr("Title")
            )
            parts.append(f"<div><i>{html.escape(where)}:</i> {snippet_html(hit.snippet)}</div>")
        if group.more:
            more = (
                self.tr("+ 1 more match")
                if group.more == 1
                else self.tr("+ {n} more matches").format(n=group.more)
            )
            parts.append(f"<div><small><i>{html.escape(more)}</i></small></div>")
        return "".join(parts)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._box and isinstance(event, QKeyEvent):
            key = event.key()
            if key == Qt.Key.Key_Escape and self._box.text():
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()  # ours, not the window's Esc (Stop)
                    return True
                if event.type() == QEvent.Type.KeyPress:
                    self._box.clear()
                    return True
        return False

    def open_first(self) -> bool:
        """Open the first result (Enter in the search box); False when there is none yet."""
        if self._box.text().strip() != self.query or self._view.count() == 0:
            return False
        item = self._view.item(0)
        self._view.setCurrentItem(item)
        self._view.itemActivated.emit(item)
        return True


class HitSteps(QObject):
    """F3 / Shift+F3: the next / previous hit of the search in the conversation on screen."""

    def __init__(
        self,
        hits: HitList,
        current: Callable[[], int | None],
        open_at: Callable[[int, int, str], object],
        say: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._hits = hits
        self._current = current
        self._open_at = open_at
        self._say = say
        self.at: tuple[int, int] | None = None  # (conversation, message) last opened

    def open_hit(self, conversation_id: int, message_id: int) -> None:
        """Open a result (from the list): that conversation at that hit; F3 goes on from it."""
        self.at = (conversation_id, message_id)
        self._open_at(conversation_id, message_id, self._hits.query)

    def step(self, forward: bool) -> None:
        cid = self._current()
        group = self._hits.group_of(cid)
        if cid is None or group is None or not group.in_order:
            self._say(self.tr("No search hits in this conversation."))
            return
        ids = group.in_order
        here = self.at[1] if self.at is not None and self.at[0] == cid else None
        if here is None:
            index = 0 if forward else len(ids) - 1
        else:
            after = [i for i, mid in enumerate(ids) if (mid > here if forward else mid < here)]
            if not after:
                index = 0 if forward else len(ids) - 1  # wrap around
            else:
                index = after[0] if forward else after[-1]
        self.at = (cid, ids[index])
        self._open_at(cid, ids[index], self._hits.query)
        self._say(
            self.tr("Match {n} of {total}").format(n=index + 1, total=len(ids))
        )


__all__ = ["HIT_ROLE", "HitGroup", "HitList", "HitSteps", "group_hits"]
