"""The sidebar: conversations newest first, a New chat button, and search over the history.

The sidebar never touches the store: the window gives it conversations and search hits, and it
reports what the user asked for through signals (open, new, rename, delete, search). That keeps
it testable with plain records and keeps every disk access in one place (the window).

Typing in the search box waits a moment (``SEARCH_DELAY_MS``) before asking, so a fast typist
causes one query, not one per key. While the box is non-empty the list shows hits with their
snippet; clearing it brings the conversations back.

Snippets are cut from stored Markdown; the sidebar shows them as the text a reader sees
(``snippets``), the match in bold. While the history is still opening, the list says so
and search waits (``set_opening``).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Collection, Mapping, Sequence

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.history import Conversation, SearchHit
from app.core.titles import shown_title
from app.ui.window.date_groups import HEADER_ROLE, PINNED, DateGroups, group_key
from app.ui.window.search_results import HIT_ROLE, HitList
from app.ui.window.sidebar_rows import MARK_ROLE, RoomyRows, RowMark

SEARCH_DELAY_MS = 200
ID_ROLE = Qt.ItemDataRole.UserRole


class Sidebar(QWidget):
    """Conversation list and search; emits what the user wants, the window does it."""

    conversation_selected = Signal(int)
    #: A search result opened: its conversation at its best hit (``search_results``).
    hit_selected = Signal(int, int)
    new_chat_requested = Signal()
    rename_requested = Signal(int, str)
    delete_requested = Signal(int)
    search_requested = Signal(str)
    #: Several selected conversations to delete (asked already) or to export.
    delete_many_requested = Signal(list)
    export_requested = Signal(list)
    #: Pin to top / Unpin asked for a conversation (``pins`` keeps the set).
    pin_toggled = Signal(int)
    #: The user scrolled near the end of the list and older conversations exist.
    more_wanted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self._conversations: list[Conversation] = []
        self._has_more = False
        self._more_asked = False
        self._current: int | None = None
        self._streaming: frozenset[int] = frozenset()
        #: Conversations whose reply failed while off screen, with the failure's sentence.
        self._reply_failures: dict[int, str] = {}
        self.pinned: set[int] = set()
        self._opening = False
        self._failed = False

        self.new_button = QPushButton(self.tr("New chat"), self)
        self.new_button.setObjectName("newChatButton")
        self.new_button.setToolTip(self.tr("Start a new conversation (Ctrl+N)"))
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(self.tr("Search history (Ctrl+F)"))
        self.search_box.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setObjectName("conversationList")
        # Ctrl/Shift+click selects several (delete or export them at once); a click opens one.
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.setUniformItemSizes(False)
        self.list.setWordWrap(False)  # one line per conversation; the tooltip has the rest
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setItemDelegate(RoomyRows(self.list))
        self.hits = HitList(self.list, self.search_box, ID_ROLE)
        self._groups = DateGroups(self)
        delete = QKeySequence.StandardKey.Delete
        for keys, act in (("F2", self.ask_rename), (delete, self.ask_delete)):
            action = QAction(self.list)  # F2 renames, Delete deletes the selected conversation
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _=False, act=act: self._on_selected(act))
            self.list.addAction(action)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("sidebarEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.new_button)
        layout.addWidget(self.search_box)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_label, 1)  # shown instead of the list, centred in it

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._emit_search)

        self.new_button.clicked.connect(self.new_chat_requested)
        self.search_box.textChanged.connect(self._on_search_text)
        self.search_box.returnPressed.connect(
            lambda: self.hits.open_first() or self._emit_search()  # type: ignore[func-returns-value]
        )
        self.list.itemActivated.connect(self._on_item_activated)
        self.list.itemClicked.connect(self._on_item_activated)
        self.list.customContextMenuRequested.connect(self._show_context_menu)
        self.list.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self._update_empty()

    # -- data from the window -----------------------------------------------------------------

    def is_searching(self) -> bool:
        return bool(self.search_box.text().strip())

    def set_conversations(
        self, conversations: Sequence[Conversation], has_more: bool = False
    ) -> None:
        """Show ``conversations`` (already newest first) unless a search is showing;
        ``has_more``: older ones exist, asked for (``more_wanted``) as the user scrolls down.
        A list that only goes on from the one shown (the next page) adds its new rows."""
        old, self._conversations = self._conversations, list(conversations)
        self._has_more, self._more_asked = has_more, False
        if not self.is_searching():
            bar = self.list.verticalScrollBar()
            position = bar.value()  # a longer list keeps the user where they were
            goes_on = (
                old
                and self.list.count() == len(old)
                and self._conversations[: len(old)] == old
                and not any(c.id in self.pinned for c in self._conversations[len(old) :])
            )
            self._show_conversations(len(old) if goes_on else 0)
            bar.setValue(position)
            self._on_scrolled(bar.value())

    def set_search_results(self, query: str, hits: Sequence[SearchHit]) -> None:
        """Show the hits, one entry per conversation (``search_results.HitList``)."""
        if query.strip() != self.search_box.text().strip():
            return  # an answer to a query the user has already changed
        self.hits.show(query.strip(), hits)
        self._update_empty(no_hits=not hits)

    def set_opening(self, opening: bool, failed: bool = False) -> None:
        """While the history opens (or if it could not be): no list, no search, say so."""
        self._opening, self._failed = opening, failed
        self.search_box.setEnabled(not (opening or failed))
        if opening or failed:
            self.list.clear()
        self._update_empty()

    def set_pinned(self, ids: Sequence[int]) -> None:
        """The conversations kept at the top, under "Pinned"."""
        self.pinned = set(ids)
        if not self.is_searching():
            self._show_conversations()

    def set_current(self, conversation_id: int | None) -> None:
        """Highlight the conversation on screen (None: a new, unsaved chat)."""
        self._current = conversation_id
        if not self.is_searching():
            self._select_current()

    def set_streaming(self, conversation_ids: Collection[int]) -> None:
        """Mark every conversation whose reply is streaming (several may, on screen or not):
        a dot drawn left of the title (``sidebar_rows``), said in the tooltip and to screen
        readers."""
        streaming = frozenset(conversation_ids)
        if streaming == self._streaming:
            return
        self._streaming = streaming
        if not self.is_searching():
            self._show_conversations()

    def set_failed(self, failures: Mapping[int, str]) -> None:
        """Mark the conversations whose reply failed while off screen (the sentence of each
        failure goes in the tooltip): a red dot until the user opens them."""
        if dict(failures) == self._reply_failures:
            return
        self._reply_failures = dict(failures)
        if not self.is_searching():
            self._show_conversations()

    def streaming_ids(self) -> frozenset[int]:
        """The conversations marked as streaming."""
        return self._streaming

    def mark(self, conversation_id: int) -> RowMark:
        """What the row of ``conversation_id`` shows besides its title (streaming wins)."""
        if conversation_id in self._streaming:
            return RowMark.STREAMING
        if conversation_id in self._reply_failures:
            return RowMark.FAILED
        return RowMark.NONE

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def conversation_ids(self) -> list[int]:
        """Ids in list order (what is shown), for tests and keyboard navigation."""
        return [int(self.list.item(i).data(ID_ROLE)) for i in range(self.list.count())]

    def item_text(self, conversation_id: int) -> str:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(ID_ROLE) == conversation_id:
                widget = self.list.itemWidget(item)
                return widget.text() if isinstance(widget, QLabel) else item.text()
        raise KeyError(conversation_id)

    # -- internals ----------------------------------------------------------------------------

    def _on_scrolled(self, value: int) -> None:
        """Near the end of the list (the last few rows, or a list that does not fill the
        view): ask once for the older conversations."""
        if not self._has_more or self._more_asked or self.is_searching():
            return
        bar = self.list.verticalScrollBar()
        if value >= bar.maximum() - 8 * max(1, bar.singleStep()):
            self._more_asked = True
            self.more_wanted.emit()

    def _show_conversations(self, start: int = 0) -> None:
        """List the conversations, pinned first; ``start``: the first ``start`` are listed
        already (none of the others pinned), only the rest are added below them."""
        blocker = self.list.blockSignals(True)
        try:
            now, group = dt.datetime.now(), None
            pinned = [c for c in self._conversations if c.id in self.pinned]
            rows = pinned + [c for c in self._conversations if c.id not in self.pinned]
            if start:
                last = rows[start - 1]
                group = PINNED if last.id in self.pinned else group_key(last.updated_at, now)
                rows = rows[start:]
            else:
                self.list.clear()
            # Translated once per fill, not per row (a first fill lists 100, then 500).
            untitled, tip_words = self.tr("Untitled"), self.tr("{title}\n{model} · {when}")
            repaired = self.tr("Some stored values were damaged and are shown repaired.")
            for conv in rows:
                key = PINNED if conv.id in self.pinned else group_key(conv.updated_at, now)
                header = self._groups.label(key) if key != group else None
                group = key
                title = shown_title(conv.title) if conv.title else untitled
                item = QListWidgetItem(title)
                mark = self.mark(conv.id)
                item.setData(MARK_ROLE, mark.value)  # drawn as a dot (``sidebar_rows``)
                said, read_out = self._mark_words(conv.id, title, mark)
                if read_out:  # read out instead of the dot
                    item.setData(Qt.ItemDataRole.AccessibleTextRole, read_out)
                item.setData(ID_ROLE, conv.id)
                item.setData(HEADER_ROLE, header)  # drawn above the row (``_RoomyRows``)
                # (time.strftime: datetime's imports the time module anew on every call)
                when = time.strftime("%Y-%m-%d %H:%M", time.localtime(conv.updated_at))
                tip = tip_words.format(title=title, model=conv.model, when=when)
                if said:
                    tip += "\n" + said
                if conv.repaired:  # values that broke the history's rules, shown replaced
                    tip += "\n" + repaired
                item.setToolTip(tip)
                self.list.addItem(item)
            self._select_current()
        finally:
            self.list.blockSignals(blocker)
        self._update_empty()

    def _mark_words(self, conversation_id: int, title: str, mark: RowMark) -> tuple[str, str]:
        """The mark as the tooltip says it and the row as a screen reader reads it ("", "" for
        none)."""
        if mark is RowMark.STREAMING:
            return (
                self.tr("A reply is streaming"),
                self.tr("{title} (a reply is streaming)").format(title=title),
            )
        if mark is RowMark.FAILED:
            sentence = self._reply_failures[conversation_id]
            return (
                self.tr("Reply failed: {sentence}").format(sentence=sentence),
                self.tr("{title} (the reply failed: {sentence})").format(
                    title=title, sentence=sentence
                ),
            )
        return "", ""

    def _select_current(self) -> None:
        self.list.clearSelection()
        if self._current is None:  # a new chat: no row to look for among hundreds
            return
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(ID_ROLE) == self._current:
                item.setSelected(True)
                self.list.setCurrentItem(item)
                break

    def _update_empty(self, no_hits: bool = False) -> None:
        """Say why the list is empty, in its place (the label takes the list's room)."""
        if self._opening or self._failed:
            text = (
                self.tr("The history could not be opened.")
                if self._failed
                else self.tr("Opening history…")
            )
            empty = True
        elif self.is_searching():
            text, empty = self.tr("No matches."), no_hits
        else:
            text, empty = self.tr("No conversations yet."), not self._conversations
        self.empty_label.setText(text)
        self.empty_label.setVisible(empty)
        self.list.setVisible(not empty)

    def _on_search_text(self, text: str) -> None:
        if text.strip():
            self._search_timer.start()
        else:
            self._search_timer.stop()
            self._show_conversations()

    def _emit_search(self) -> None:
        self._search_timer.stop()
        query = self.search_box.text().strip()
        if query:
            self.search_requested.emit(query)

    def selected_ids(self) -> list[int]:
        """The conversations selected in the list, in list order."""
        rows = sorted(self.list.row(item) for item in self.list.selectedItems())
        return [int(self.list.item(row).data(ID_ROLE)) for row in rows]

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        held = QApplication.keyboardModifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
        if held and not self.is_searching():
            return  # extending the selection, not opening
        cid = item.data(ID_ROLE)
        message_id = item.data(HIT_ROLE) if self.is_searching() else None
        if cid is not None and message_id is not None:
            self.hit_selected.emit(int(cid), int(message_id))
        elif cid is not None:
            self.conversation_selected.emit(int(cid))

    def _on_selected(self, act: Callable[[int], None]) -> None:
        item = self.list.currentItem()
        if item is None or item.data(ID_ROLE) is None or self.is_searching():
            return
        many = self.selected_ids()
        if act == self.ask_delete and len(many) > 1:
            self.ask_delete_many(many)
        else:
            act(int(item.data(ID_ROLE)))

    def _conversation(self, cid: int) -> Conversation | None:
        return next((c for c in self._conversations if c.id == cid), None)

    def _show_context_menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        if item is None or self.is_searching():
            return
        cid = int(item.data(ID_ROLE))
        menu = QMenu(self)
        many = self.selected_ids()
        if len(many) > 1 and cid in many:
            delete_all = QAction(self.tr("Delete {n} conversations…").format(n=len(many)), menu)
            delete_all.triggered.connect(lambda: self.ask_delete_many(many))
            export = QAction(self.tr("Export {n} conversations…").format(n=len(many)), menu)
            export.triggered.connect(lambda: self.export_requested.emit(many))
            menu.addActions([export, delete_all])
            menu.popup(self.list.viewport().mapToGlobal(pos))
            return
        rename = QAction(self.tr("Rename…"), menu)
        delete = QAction(self.tr("Delete…"), menu)
        pin = QAction(self.tr("Unpin") if cid in self.pinned else self.tr("Pin to top"), menu)
        pin.triggered.connect(lambda: self.pin_toggled.emit(cid))
        menu.addAction(pin)
        rename.triggered.connect(lambda: self.ask_rename(cid))
        delete.triggered.connect(lambda: self.ask_delete(cid))
        menu.addAction(rename)
        menu.addAction(delete)
        menu.popup(self.list.viewport().mapToGlobal(pos))

    def ask_rename(self, cid: int) -> None:
        from app.ui.window.rename_dialog import RenameDialog  # (not needed to show the list)

        conv = self._conversation(cid)
        dialog = RenameDialog(conv.title if conv else "", self)  # wide; no nested event loop
        dialog.chosen.connect(lambda title: self.rename_requested.emit(cid, title))
        dialog.open()

    def ask_delete_many(self, ids: list[int]) -> None:
        from PySide6.QtWidgets import QMessageBox  # (its class and enums: at the first ask)

        answer = QMessageBox.question(
            self,
            self.tr("Delete conversations"),
            self.tr("Delete {n} conversations and all their messages?").format(n=len(ids))
            + "\n\n"
            + self.tr("Its requests and tokens stay counted in View → Usage."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_many_requested.emit(ids)

    def ask_delete(self, cid: int) -> None:
        from PySide6.QtWidgets import QMessageBox  # (its class and enums: at the first ask)

        conv = self._conversation(cid)
        title = shown_title(conv.title) if conv else ""
        answer = QMessageBox.question(
            self,
            self.tr("Delete conversation"),
            self.tr("Delete “{title}” and all its messages?").format(title=title)
            + "\n\n"
            + self.tr("Its requests and tokens stay counted in View → Usage."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_requested.emit(cid)
