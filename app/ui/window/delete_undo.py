"""Deleting a conversation with Undo for a few seconds, as for messages.

Before the conversation is deleted it is exported (SeekDesk JSON, off the UI thread, the same
document File → Export writes); Undo imports that document back (the core's importer, whole or
nothing), so what comes back is what was there: every message and version, title, settings and
its ``uid``. Undo is a button in the status bar for ``UNDO_SECONDS``, like the message delete's.

What comes back has new ids (the importer inserts it anew), so whatever the window keeps by
conversation id (the pins) would forget it: ``restored`` says which new id each old one became,
matched by ``uid``, the one thing the round trip keeps.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QPushButton

from app.core.history import HistoryError
from app.core.history.rules import ImportFormatError  # (exchange: on first use)
from app.ui.common.tasks import TaskOwner
from app.ui.window.conversations import ConversationRoom
from app.ui.window.history_door import HistoryDoor
from app.ui.window.state import Notices

UNDO_SECONDS = 8


@dataclass(frozen=True, slots=True)
class Restored:
    """Conversations brought back by Undo: each deleted id and the id it has now."""

    moved: Mapping[int, int]


@dataclass(frozen=True, slots=True)
class _Offer:
    document: dict[str, Any]
    uids: Mapping[int, str]  # each deleted id's uid, to find it again once imported
    was_open: bool
    button: QPushButton
    timer: QTimer


class DeleteUndo(QObject):
    """Deletes conversations through ``rooms`` and offers Undo (see the module docstring)."""

    #: Undo put conversations back (a ``Restored``), under new ids.
    restored = Signal(object)

    def __init__(
        self,
        window: QMainWindow,
        door: HistoryDoor,
        tasks: TaskOwner,
        rooms: ConversationRoom,
        notices: Notices,
        stop_streaming: Callable[[list[int]], Awaitable[None]],
    ) -> None:
        """``stop_streaming``: stops the replies streaming in these conversations and returns
        once each is recorded as stopped (so the export, and Undo, keep their whole text)."""
        super().__init__(window)
        self._stop_streaming = stop_streaming
        self._window = window
        self._door = door
        self._tasks = tasks
        self._rooms = rooms
        self._notices = notices
        self._offer: _Offer | None = None

    def delete(self, conversation_id: int) -> asyncio.Task[None]:
        return self.delete_many([conversation_id])

    def delete_many(self, ids: list[int]) -> asyncio.Task[None]:
        """Delete ``ids`` (a reply streaming there is stopped first) with one Undo."""

        async def run() -> None:
            store = await self._door.wait()
            if store is None:
                return
            await self._stop_streaming(ids)
            doomed = list(ids)

            # Imported here, on the UI thread (not at start, not in the worker: an import beside
            # PySide6's import hook on another thread has crashed the interpreter).
            from app.core.history.exchange import export_json

            def export() -> tuple[dict[str, Any], dict[int, str]]:
                uids = {cid: store.conversation_uid(cid) for cid in doomed}
                return export_json(store, doomed), {c: u for c, u in uids.items() if u}

            document, uids = await asyncio.to_thread(export)
            was_open = self._rooms.current_id in doomed
            # Undo is offered once the rows are gone, not while they are going: an Undo clicked
            # before a deletion landed would put back what that deletion then removes.
            if doomed:
                await asyncio.wait([self._rooms.delete(cid) for cid in doomed])
            if document.get("conversations"):
                self._offer_undo(document, uids, was_open)

        return self._tasks.start(f"delete-with-undo-{'-'.join(map(str, ids))}", run())

    def _offer_undo(
        self, document: dict[str, Any], uids: Mapping[int, str], was_open: bool
    ) -> None:
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
        self._offer = _Offer(document, uids, was_open, button, timer)

    def _drop(self) -> None:
        if self._offer is not None:
            offer, self._offer = self._offer, None
            offer.timer.stop()
            self._window.statusBar().removeWidget(offer.button)
            offer.button.deleteLater()

    def undo(self) -> asyncio.Task[None] | None:
        """Put the last deleted conversation back (while Undo is offered)."""
        if self._offer is None:
            return None
        offer = self._offer
        self._drop()

        async def run() -> None:
            store = await self._door.wait()
            if store is None:
                return

            from app.core.history.exchange import import_data  # (on the UI thread: see above)

            def restore() -> tuple[list[int], dict[int, int]]:
                result = import_data(store, offer.document)
                now = {store.conversation_uid(cid): cid for cid in result.conversation_ids}
                moved = {old: now[uid] for old, uid in offer.uids.items() if uid in now}
                return list(result.conversation_ids), moved

            try:
                added, moved = await asyncio.to_thread(restore)
            except (ImportFormatError, HistoryError) as exc:
                self._notices.show_notice(
                    self.tr("The conversation could not be restored: {error}").format(error=exc)
                )
                return
            if moved:
                self.restored.emit(Restored(moved))  # before the list shows them: pins first
            await self._rooms.refreshed()
            if offer.was_open and added:
                self._rooms.open(added[0])

        return self._tasks.start("undo-delete-conversation", run())


__all__ = ["UNDO_SECONDS", "DeleteUndo", "Restored"]
