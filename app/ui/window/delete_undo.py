"""Deleting a conversation with Undo for a few seconds, as for messages.

Before the conversation is deleted it is exported (SeekDesk JSON, off the UI thread, the same
document File → Export writes); Undo imports that document back (the core's importer, whole or
nothing), so what comes back is what was there: every message and version, title, settings and
its ``uid``. Undo is a button in the status bar for ``UNDO_SECONDS``, like the message delete's.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QMainWindow, QPushButton

from app.core.history import HistoryError
from app.core.history.exchange import ImportFormatError, export_json, import_data
from app.ui.common.tasks import TaskOwner
from app.ui.window.conversations import ConversationRoom
from app.ui.window.history_door import HistoryDoor
from app.ui.window.state import Notices

UNDO_SECONDS = 8


class DeleteUndo(QObject):
    """Deletes conversations through ``rooms`` and offers Undo (see the module docstring)."""

    def __init__(
        self,
        window: QMainWindow,
        door: HistoryDoor,
        tasks: TaskOwner,
        rooms: ConversationRoom,
        notices: Notices,
        streaming: Callable[[], int | None],
    ) -> None:
        """``streaming``: the conversation whose reply streams (it is not deleted)."""
        super().__init__(window)
        self._streaming = streaming
        self._window = window
        self._door = door
        self._tasks = tasks
        self._rooms = rooms
        self._notices = notices
        self._offer: tuple[dict[str, Any], bool, QPushButton, QTimer] | None = None

    def delete(self, conversation_id: int) -> asyncio.Task[None]:
        return self.delete_many([conversation_id])

    def delete_many(self, ids: list[int]) -> asyncio.Task[None]:
        """Delete ``ids`` (a streaming one is kept, and the room says why) with one Undo."""

        async def run() -> None:
            store = await self._door.wait()
            if store is None:
                return
            streaming = self._streaming()
            if streaming in ids:
                self._rooms.delete(streaming)  # says why it is not deleted
            doomed = [cid for cid in ids if cid != streaming]
            if not doomed:
                return
            document = await asyncio.to_thread(export_json, store, doomed)
            was_open = self._rooms.current_id in doomed
            for cid in doomed:
                self._rooms.delete(cid)
            if document.get("conversations"):
                self._offer_undo(document, was_open)

        return self._tasks.start(f"delete-with-undo-{'-'.join(map(str, ids))}", run())

    def _offer_undo(self, document: dict[str, Any], was_open: bool) -> None:
        self._drop()
        bar = self._window.statusBar()
        button = QPushButton(self.tr("Undo"), bar)
        button.setObjectName("undoDeleteConversation")
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        bar.addWidget(button)
        deleted = document["conversations"]
        title = deleted[0].get("title") or self.tr("Untitled")
        said = (
            self.tr("“{title}” deleted.").format(title=title)
            if len(deleted) == 1
            else self.tr("{n} conversations deleted.").format(n=len(deleted))
        )
        bar.showMessage(said, UNDO_SECONDS * 1000)
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(self._drop)
        timer.start(UNDO_SECONDS * 1000)
        button.clicked.connect(self.undo)
        self._offer = (document, was_open, button, timer)

    def _drop(self) -> None:
        if self._offer is not None:
            _, _, button, timer = self._offer
            timer.stop()
            self._window.statusBar().removeWidget(button)
            button.deleteLater()
            self._offer = None

    def undo(self) -> asyncio.Task[None] | None:
        """Put the last deleted conversation back (while Undo is offered)."""
        if self._offer is None:
            return None
        document, was_open = self._offer[0], self._offer[1]
        self._drop()

        async def run() -> None:
            store = await self._door.wait()
            if store is None:
                return
            try:
                result = await asyncio.to_thread(import_data, store, document)
            except (ImportFormatError, HistoryError) as exc:
                self._notices.show_notice(
                    self.tr("The conversation could not be restored: {error}").format(error=exc)
                )
                return
            await self._rooms.refreshed()
            if was_open and result.conversation_ids:
                self._rooms.open(result.conversation_ids[0])

        return self._tasks.start("undo-delete-conversation", run())


__all__ = ["UNDO_SECONDS", "DeleteUndo"]
