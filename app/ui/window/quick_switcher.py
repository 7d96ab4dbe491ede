"""Ctrl+K: type a few letters of a conversation's title, Enter jumps to it.

The list is read from the history when the switcher opens (off the UI thread: the newest
``LIMIT`` conversations) and filtered as the user types: every word typed must appear in the
title, in any case; the newest come first. Up/Down move in the list while the focus stays in
the text field; Esc closes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.core.history import Conversation
from app.core.titles import shown_title
from app.ui.common.tasks import TaskOwner
from app.ui.window.history_door import HistoryDoor

LIMIT = 2000
ID_ROLE = Qt.ItemDataRole.UserRole


def matches(title: str, typed: str) -> bool:
    words = typed.casefold().split()
    folded = title.casefold()
    return all(word in folded for word in words)


class QuickSwitcher(QDialog):
    """The Ctrl+K dialog (see the module docstring)."""

    def __init__(
        self,
        parent: QWidget,
        door: HistoryDoor,
        tasks: TaskOwner,
        open_conversation: Callable[[int], object],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("quickSwitcher")
        self.setWindowTitle(self.tr("Go to conversation"))
        self._door = door
        self._tasks = tasks
        self._open = open_conversation
        self._all: list[Conversation] = []
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(self.tr("Type to find a conversation…"))
        self.list = QListWidget(self)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setUniformItemSizes(True)  # (up to LIMIT rows, re-made at each key)
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.list)
        self.resize(520, 420)
        self.field.textChanged.connect(self._filter)
        self.field.returnPressed.connect(self._choose)
        self.list.itemActivated.connect(lambda _item: self._choose())
        self.list.itemClicked.connect(lambda _item: self._choose())
        self.field.installEventFilter(self)

    def start(self) -> None:
        """Open, empty, and read the conversations."""
        self.field.clear()
        self.list.clear()
        self.open()
        self.field.setFocus()
        self._tasks.start("quick-switcher", self._load())

    async def _load(self) -> None:
        store = await self._door.wait()
        if store is None:
            return
        self._all = await asyncio.to_thread(store.list_conversations, LIMIT)
        self._filter(self.field.text())

    def _filter(self, typed: str) -> None:
        self.list.clear()
        row = QSize(0, self.list.fontMetrics().height() + 10)  # rows with air: easy to aim at
        for conv in self._all:
            title = conv.title or self.tr("Untitled")
            if matches(title, typed):
                item = QListWidgetItem(shown_title(title))
                item.setData(ID_ROLE, conv.id)
                item.setSizeHint(row)
                self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def _choose(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.accept()
        self._open(int(item.data(ID_ROLE)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        arrows = (Qt.Key.Key_Up, Qt.Key.Key_Down)
        if (
            watched is self.field
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in arrows
        ):
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            row = max(0, min(self.list.count() - 1, self.list.currentRow() + step))
            self.list.setCurrentRow(row)
            return True
        return False


__all__ = ["QuickSwitcher", "matches"]
