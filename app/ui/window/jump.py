"""Opening a conversation at one message, however far back: a search hit, F3 / Shift+F3, or
where the user left off.

The chat view holds a page of rows, not the whole conversation (a row costs a widget tree), so
a hit 4,000 messages back is not reached by loading everything newer than it, nor by reading the
whole path (5,000 messages: ~150 ms before a row is made). The jump reads, off the UI thread,
a few messages up to the one wanted, a page after it, and the newest page, and shows a page cut
around the message; older pages load on scroll as usual (the conversation room's
``load_older``), newer ones are read and appended as the user reaches the bottom. Before a
prompt is sent from such a page (``catch_up``), the newest page read with the jump is put back,
so the new turn lands after the last message, as it does in the history.

The match is highlighted in the message (selected in a prompt, marked in an answer) and the
row is pinned below the top of the view while the rows around it lay out.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QLabel, QTextEdit, QWidget

from app.core.history import Conversation, Message
from app.ui.chat.chat_view import ChatView
from app.ui.chat.message_widgets import AssistantMessageWidget, UserMessageWidget
from app.ui.common.tasks import TaskOwner
from app.ui.window.conversations import PAGE_SIZE, ConversationRoom
from app.ui.window.history_door import HistoryDoor
from app.ui.window.state import LiveReply, Shown

JUMP_TASK = "jump-to-message"
NEWER_TASK = "jump-read-on"
#: Messages shown above the one jumped to (context), and below it: enough to fill a tall
#: window; each row costs ~8 ms to make, and the rest loads as the user scrolls.
BEFORE = 4
AFTER = 10


class MessageJump(QObject):
    """Opens conversations at a message (see the module docstring)."""

    def __init__(
        self,
        door: HistoryDoor,
        tasks: TaskOwner,
        rooms: ConversationRoom,
        view: ChatView,
        live: Callable[[int], LiveReply | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._door = door
        self._tasks = tasks
        self._rooms = rooms
        self._view = view
        self._live = live
        self._conv: Conversation | None = None
        self._newest: list[Message] = []  # the newest page, read with the jump
        self._last_shown = 0  # id of the last row shown
        self._showing = False
        self._opening: int | None = None  # the conversation this jump has the room open
        #: How long the last jump took, from the request to the pinned row (ms), for benchmarks.
        self.last_ms = 0.0
        rooms.shown.connect(self._on_shown)
        view.scroll_bar().valueChanged.connect(self._maybe_append)
        # "Jump to latest" on a page cut around a hit goes to the conversation's real end.
        view.jump_button.clicked.connect(self.catch_up)

    def open_at(self, conversation_id: int, message_id: int, query: str = "") -> asyncio.Task[None]:
        """Show ``conversation_id`` scrolled to ``message_id`` with ``query`` highlighted."""
        return self._tasks.start(JUMP_TASK, self._open_at(conversation_id, message_id, query))

    async def _open_at(self, cid: int, message_id: int, query: str) -> None:
        started = time.perf_counter()
        live = self._live(cid)  # a reply streaming there
        store = await self._door.wait()
        if store is None:
            return
        if live is not None:
            await self._open_plainly(cid)  # the live text overlay is the room's business
            self._land(message_id, query, started)
            return

        def read() -> tuple[Conversation | None, list[Message], list[Message], list[Message]]:
            # From the hit on: it comes first if it is on the selected path. (Not the page
            # before ``message_id + 1``: that id is in another conversation, or none, as often
            # as not, and the walk up from it found nothing: the jump fell back to a plain open.)
            on = store.messages_after(cid, message_id - 1, AFTER + 1)
            if not on or on[0].id != message_id:
                return store.get_conversation(cid), [], [], []
            before = store.messages(cid, limit=BEFORE, before_id=message_id)
            return (
                store.get_conversation(cid),
                [*before, on[0]],
                on[1:],
                store.messages(cid, limit=PAGE_SIZE),
            )

        conv, before, after, newest = await asyncio.to_thread(read)
        if conv is None or not before or before[-1].id != message_id:
            await self._open_plainly(cid)  # gone, or on a branch not selected: open as usual
            return
        page = before + after
        self._showing = True
        try:
            self._rooms.show_page(conv, page, has_older=len(before) > BEFORE)
        finally:
            self._showing = False
        self._conv, self._newest = conv, newest
        self._last_shown = page[-1].id
        self._land(message_id, query, started)

    async def _open_plainly(self, cid: int) -> None:
        """Open ``cid`` through the room; its "shown" is this jump's own, not a click elsewhere
        (which cancels the jump: it cancelled itself here, before landing on the hit). The
        room shows the newest page: no page cut around a hit is left to catch up on."""
        self._forget()
        self._opening = cid
        try:
            await self._rooms.open(cid)
        finally:
            self._opening = None

    def _land(self, message_id: int, query: str, started: float) -> None:
        row = self._view.show_message(message_id)
        if row is not None and query:
            highlight(row, query)
        self.last_ms = (time.perf_counter() - started) * 1000

    def has_newer(self) -> bool:
        """Whether newer messages of the conversation on screen are not shown yet."""
        return (
            self._conv is not None
            and bool(self._newest)
            and self._last_shown < self._newest[-1].id
        )

    def catch_up(self) -> None:
        """Before a prompt is sent from a page cut around a message: show the newest page."""
        if not self.has_newer() or self._conv is None:
            return
        conv, newest = self._conv, self._newest
        self._forget()
        self._showing = True
        try:
            self._rooms.show_page(conv, newest, has_older=len(newest) == PAGE_SIZE)
        finally:
            self._showing = False

    def _maybe_append(self, value: int) -> None:
        bar = self._view.scroll_bar()
        if (
            self.has_newer()
            and value >= bar.maximum() - bar.pageStep() // 2
            and not self._tasks.running(NEWER_TASK)
        ):
            self._tasks.start(NEWER_TASK, self._append_newer())

    async def _append_newer(self) -> None:
        store = await self._door.wait()
        conv = self._conv
        if store is None or conv is None:
            return
        page = await asyncio.to_thread(store.messages_after, conv.id, self._last_shown, PAGE_SIZE)
        if self._conv is not conv:
            return  # something else was opened meanwhile
        if not page:
            self._forget()
            return
        self._last_shown = page[-1].id
        self._view.append_messages(page)

    def _on_shown(self, shown: Shown) -> None:
        if self._showing or shown.conversation_id == self._opening:
            return  # ours
        if self._conv is not None and shown.conversation_id == self._conv.id:
            return  # the same conversation retitled
        # Anything else shown (a click in the sidebar, a new chat) wins over a jump under way.
        self._tasks.cancel(JUMP_TASK)
        self._tasks.cancel(NEWER_TASK)
        self._forget()

    def _forget(self) -> None:
        self._conv, self._newest, self._last_shown = None, [], 0


def highlight(row: QWidget, query: str) -> bool:
    """Mark the first match of ``query`` in a message row; True when one was found.

    In an answer every match is marked, and marked again whenever a view's text is set anew:
    an answer far off screen sleeps (its documents emptied) and wakes when scrolled back
    (``AnswerPart.sleep``/``wake``), and a restyle re-renders it; either would drop the marks.
    """
    if isinstance(row, UserMessageWidget):
        label = row.label
        start = label.text().casefold().find(query.casefold())
        if start < 0:
            return False
        label.arm()
        label.setSelection(start, len(query))
        _show_as_marked(label)
        return True
    if isinstance(row, AssistantMessageWidget):
        found = False
        for browser in row.answer.browsers():
            if browser.property(_QUERY) is None:  # once per view: it keeps the latest query
                browser.textChanged.connect(lambda view=browser: _mark(view, view.property(_QUERY)))
            browser.setProperty(_QUERY, query)
            found = _mark(browser, query) or found
        return found
    return False


def _mark(browser: QTextEdit, query: str) -> bool:
    """Mark every match of ``query`` in ``browser`` (a view emptied by sleep has none)."""
    cursor = browser.document().find(query, 0, QTextDocument.FindFlag(0))
    selections = []
    while not cursor.isNull():
        selection = QTextEdit.ExtraSelection()
        selection.cursor = QTextCursor(cursor)  # type: ignore[attr-defined]
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(MATCH_BACKGROUND))
        fmt.setForeground(QColor(Qt.GlobalColor.black))
        selection.format = fmt  # type: ignore[attr-defined]
        selections.append(selection)
        cursor = browser.document().find(query, cursor)
    browser.setExtraSelections(selections)
    return bool(selections)


def _show_as_marked(label: QLabel) -> None:
    """A prompt's match is a selection (a label has no other marks): shown in the marker
    yellow, as in an answer, until the user clicks or types there (then it is theirs)."""
    marker = QPalette()
    marker.setResolveMask(0)  # only the two roles below are pinned; the rest follows the theme
    marker.setColor(QPalette.ColorRole.Highlight, QColor(MATCH_BACKGROUND))
    marker.setColor(QPalette.ColorRole.HighlightedText, QColor(Qt.GlobalColor.black))
    label.setPalette(marker)
    if label.findChild(_MarkerReset) is None:
        label.installEventFilter(_MarkerReset(label))


class _MarkerReset(QObject):
    """Gives a prompt its own selection colours back at the user's first click or key."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QLabel) and event.type() in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.KeyPress,
        ):
            plain = QPalette()
            plain.setResolveMask(0)
            watched.setPalette(plain)
        return False


#: The query an answer view marks (a dynamic property: the view may outlive the jump).
_QUERY = "seekdeskFindQuery"


#: A marker yellow: readable with black text in the light and the dark palette alike.
MATCH_BACKGROUND = "#ffd54f"


__all__ = ["MATCH_BACKGROUND", "MessageJump", "highlight"]
