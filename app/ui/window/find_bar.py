"""Find in the open conversation (Ctrl+F while the conversation has the focus).

A small bar shows at the top right of the conversation, in the view's layout above the
messages (``ChatView.dock_top``): it takes its own room, so it never covers a row's role line
or the match a jump lands on, and closing it gives the room back. What is typed is
searched in the history (off the UI thread, after a short pause) and the hits of the
conversation on screen are kept, oldest first; Enter / F3 goes to the next, Shift+Enter /
Shift+F3 to the previous, each opened where it is however far back (``jump``), the match
highlighted. Esc closes the bar and gives the focus back to the conversation.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from app.ui.chat.chat_view import ChatView
from app.ui.common.tasks import TaskOwner
from app.ui.window.history_door import HistoryDoor

DELAY_MS = 250
WIDTH = 340
SEARCH_LIMIT = 1000


class FindBar(QWidget):
    """The find bar above ``view``'s messages (see the module docstring)."""

    def __init__(
        self,
        view: ChatView,
        door: HistoryDoor,
        tasks: TaskOwner,
        current: Callable[[], int | None],
        open_at: Callable[[int, int, str], object],
    ) -> None:
        super().__init__(view)
        self.setObjectName("findBar")
        #: The visible bar (this widget is its strip of the view, right-aligned in it).
        self.frame = QFrame(self)
        self.frame.setObjectName("findBarFrame")
        self.frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.frame.setAutoFillBackground(True)
        self._view = view
        self._door = door
        self._tasks = tasks
        self._current = current
        self._open_at = open_at
        self.hits: list[int] = []
        self.index = -1
        self._query = ""
        self._cid: int | None = None
        self.field = QLineEdit(self.frame)
        self.field.setPlaceholderText(self.tr("Find in this conversation"))
        self.count_label = QLabel(self.frame)
        self.previous_button = QToolButton(self.frame)
        self.previous_button.setArrowType(Qt.ArrowType.UpArrow)
        self.previous_button.setToolTip(self.tr("Previous match (Shift+Enter)"))
        self.next_button = QToolButton(self.frame)
        self.next_button.setArrowType(Qt.ArrowType.DownArrow)
        self.next_button.setToolTip(self.tr("Next match (Enter)"))
        self.close_button = QToolButton(self.frame)
        self.close_button.setText("✕")
        self.close_button.setToolTip(self.tr("Close (Esc)"))
        row = QHBoxLayout(self.frame)
        row.setContentsMargins(6, 4, 6, 4)
        for widget in (self.field, self.count_label, self.previous_button, self.next_button,
                       self.close_button):  # fmt: skip
            row.addWidget(widget)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._search)
        self.field.textChanged.connect(lambda _text: self._timer.start())
        self.field.installEventFilter(self)
        self.previous_button.clicked.connect(lambda: self.step(False))
        self.next_button.clicked.connect(lambda: self.step(True))
        self.close_button.clicked.connect(self.finish)
        strip = QHBoxLayout(self)
        strip.setContentsMargins(8, 8, 16, 0)  # (the rows keep their own top margin below)
        strip.addStretch(1)
        strip.addWidget(self.frame)
        view.installEventFilter(self)
        self.hide()
        view.dock_top(self)

    def wants_ctrl_f(self) -> bool:
        """Whether Ctrl+F is for this bar: the conversation (or the bar) has the focus."""
        focus = QApplication.focusWidget()
        return self._current() is not None and focus is not None and (
            focus is self._view or self._view.isAncestorOf(focus)
        )

    def start(self) -> None:
        self._place()
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def finish(self) -> None:
        self.hide()
        self._view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _search(self) -> None:
        query = self.field.text().strip()
        cid = self._current()
        if not query or cid is None:
            self.hits, self.index, self._query = [], -1, ""
            self.count_label.clear()
            return
        self._tasks.start("find-in-conversation", self._find(cid, query))

    async def _find(self, cid: int, query: str) -> None:
        store = await self._door.wait()
        if store is None:
            return
        found = await asyncio.to_thread(store.search, query, SEARCH_LIMIT)
        if query != self.field.text().strip() or cid != self._current():
            return  # the user has moved on
        ids = {h.message_id for h in found if h.conversation_id == cid and h.message_id}
        self.hits, self.index, self._query = sorted(i for i in ids if i is not None), -1, query
        self._cid = cid
        if not self.hits:
            self.count_label.setText(self.tr("No matches"))
            return
        self.step(False)  # the newest match first: it is the nearest to where one reads

    def step(self, forward: bool) -> None:
        if self._cid != self._current():  # another conversation since: search it
            self._search()
            return
        if not self.hits:
            return
        if self.index < 0:
            self.index = len(self.hits) - 1
        else:
            self.index = (self.index + (1 if forward else -1)) % len(self.hits)
        cid = self._current()
        if cid is not None:
            self._open_at(cid, self.hits[self.index], self._query)
        self.count_label.setText(
            self.tr("{n} of {total}").format(n=self.index + 1, total=len(self.hits))
        )

    def _place(self) -> None:
        """As wide as ``WIDTH``, narrower in a narrow view (never under 160 px)."""
        self.frame.setFixedWidth(max(160, min(WIDTH, self._view.width() - 24)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._view and event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        if watched is self.field and isinstance(event, QKeyEvent):
            key = event.key()
            if key == Qt.Key.Key_Escape:
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()
                    return True
                if event.type() == QEvent.Type.KeyPress:
                    self.finish()
                    return True
            if event.type() == QEvent.Type.KeyPress and key in (
                Qt.Key.Key_Return,
                Qt.Key.Key_Enter,
            ):
                if self._timer.isActive():
                    self._timer.stop()
                    self._search()
                else:
                    shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                    self.step(not shift)
                return True
        return False


__all__ = ["FindBar"]
