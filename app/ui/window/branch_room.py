"""The window's side of versions and deleting: the ``‹ 2 / 3 ›`` switchers, Edit, Delete + Undo.

Every row the chat view makes is dressed here (``dress``, which the window connects to the
view's ``row_made``: the room is made with the first row; ``message_toolbar.attach``: toolbar,
context menu, keys, a hidden switcher), and once the rows settle their versions are read from the
history off the UI thread (``branches.positions_of``) and shown. The dispatcher hands this room
the actions that change which messages exist or are shown:

* ``SWITCH_BRANCH`` — select the sibling (``branches.select_sibling``) and redraw the
  conversation: the path below it is that version's own;
* ``EDIT`` — "" opens the prompt's inline editor; a text sends it as a new version
  (``TurnRouter.edit``; the original and its replies stay one ``‹`` away);
* ``DELETE`` — after confirmation, the message and all that follows it on every branch go
  (``branches.delete_subtree``); an Undo button stays in the status bar for ``UNDO_SECONDS``
  and puts back exactly what went (same ids, same path).

Nothing here runs while a reply streams in the conversation on screen: switching or deleting
under a live reply would pull the row out from under it, so the user is told to wait or stop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QMainWindow, QMessageBox, QPushButton, QWidget

from app.core.history import branches
from app.ui.chat.chat_view import ChatView
from app.ui.chat.message_actions import MessageAction, MessageActionRequest
from app.ui.chat.message_toolbar import attach, begin_edit, composer_up_edits, switcher_of
from app.ui.chat.message_widgets import AssistantMessageWidget, UserMessageWidget
from app.ui.common.tasks import TaskOwner
from app.ui.window.conversations import ConversationRoom
from app.ui.window.history_door import HistoryDoor
from app.ui.window.state import Notices
from app.ui.window.turns import TurnRouter

#: How long Undo stays offered after a delete.
UNDO_SECONDS = 8
POSITIONS_TASK = "branch-positions"


class BranchRoom(QObject):
    """Switchers, inline editing and Delete with Undo (see the module docstring)."""

    def __init__(
        self,
        window: QMainWindow,
        view: ChatView,
        door: HistoryDoor,
        tasks: TaskOwner,
        rooms: ConversationRoom,
        turns: TurnRouter,
        notices: Notices,
        busy: Callable[[], bool],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._view = view
        self._door = door
        self._tasks = tasks
        self._rooms = rooms
        self._turns = turns
        self._notices = notices
        self._busy = busy
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(0)
        self._settle.timeout.connect(self.refresh_positions)
        self._undo: tuple[branches.Removed, QPushButton, QTimer] | None = None
        #: The last confirmation asked (tests answer it).
        self.confirmation: QMessageBox | None = None
        composer_up_edits(window.composer.edit, self.edit_last_prompt)  # type: ignore[attr-defined]

    # -- rows ---------------------------------------------------------------------------------

    def dress(self, row: QWidget) -> None:
        """A row was made (``ChatView.row_made``)."""
        if isinstance(row, AssistantMessageWidget | UserMessageWidget):
            attach(row, self._view.action_requested.emit)
            self._settle.start()

    def refresh_positions(self) -> None:
        """Read which rows have other versions and show their switchers."""
        if not self._door.is_ready():
            return
        store = self._door.store
        ids = [row.message_id for row in self._view.rows()]

        async def read() -> None:
            positions = await asyncio.to_thread(branches.positions_of, store, ids)
            for row in self._view.rows():
                switcher = switcher_of(row)
                if switcher is None:
                    continue
                index, count = positions.get(row.message_id, (1, 1))
                switcher.set_position(index, count)

        self._tasks.start(POSITIONS_TASK, read())

    # -- actions ------------------------------------------------------------------------------

    def handle(self, request: MessageActionRequest) -> None:
        action = request.action
        if action is MessageAction.EDIT and not request.value:
            row = self._view.row(request.message_id)
            if isinstance(row, UserMessageWidget):
                begin_edit(row, lambda a, v: self._view.action_requested.emit(
                    MessageActionRequest(a, row.message_id, request.conversation_id, v)
                ))  # fmt: skip
            return
        if self._streaming_here(request.conversation_id):
            self._notices.status(
                self.tr("A reply is still streaming. Stop it (Esc) before changing messages.")
            )
            return
        if action is MessageAction.EDIT:
            self._turns.edit(request.message_id, request.value)
        elif action is MessageAction.SWITCH_BRANCH:
            self._switch(request)
        elif action is MessageAction.DELETE:
            self._confirm_delete(request)

    def _streaming_here(self, conversation_id: int) -> bool:
        return self._busy() and self._turns.live is not None and (
            self._turns.live.conversation_id == conversation_id
        )

    def edit_last_prompt(self) -> bool:
        prompts = [r for r in self._view.rows() if isinstance(r, UserMessageWidget)]
        if not prompts or self._busy():
            return False
        last = prompts[-1]
        self._view.action_requested.emit(
            MessageActionRequest(MessageAction.EDIT, last.message_id, last.message.conversation_id)
        )
        return True

    def _switch(self, request: MessageActionRequest) -> None:
        store = self._door.store
        step = -1 if request.value.startswith("-") else 1

        async def switch() -> None:
            moved = await asyncio.to_thread(
                branches.select_sibling, store, request.message_id, step
            )
            if moved is not None and self._rooms.shows(request.conversation_id):
                await self._rooms.open(request.conversation_id)

        self._tasks.start("switch-branch", switch())

    def _confirm_delete(self, request: MessageActionRequest) -> None:
        row = self._view.row(request.message_id)
        box = QMessageBox(self._window)
        box.setObjectName("deleteConfirmation")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Delete message"))
        if isinstance(row, UserMessageWidget):
            text = self.tr("Delete this prompt, its replies and everything after it?")
        else:
            text = self.tr("Delete this reply and everything after it?")
        box.setText(text)
        box.setInformativeText(
            self.tr("Other versions are deleted too. You can undo this for a few seconds.")
        )
        delete = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(
            lambda button: self._delete(request) if button is delete else None
        )
        self.confirmation = box
        box.open()

    def _delete(self, request: MessageActionRequest) -> None:
        store = self._door.store

        async def delete() -> None:
            removed = await asyncio.to_thread(branches.delete_subtree, store, request.message_id)
            if removed is None:
                return
            if self._rooms.shows(request.conversation_id):
                await self._rooms.open(request.conversation_id)
            self._offer_undo(removed)

        self._tasks.start("delete-message", delete())

    def _offer_undo(self, removed: branches.Removed) -> None:
        self._drop_undo()
        bar = self._window.statusBar()
        button = QPushButton(self.tr("Undo"), bar)
        button.setObjectName("undoDelete")
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        bar.addWidget(button)
        if removed.count == 1:
            said = self.tr("1 message deleted.")
        else:
            said = self.tr("{count} messages deleted.").format(count=removed.count)
        bar.showMessage(said, UNDO_SECONDS * 1000)
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(self._drop_undo)
        timer.start(UNDO_SECONDS * 1000)
        button.clicked.connect(self.undo)
        self._undo = (removed, button, timer)

    def _drop_undo(self) -> None:
        if self._undo is not None:
            _, button, timer = self._undo
            timer.stop()
            self._window.statusBar().removeWidget(button)
            button.deleteLater()
            self._undo = None

    def undo(self) -> None:
        """Put back what the last delete removed (while Undo is offered)."""
        if self._undo is None:
            return
        removed = self._undo[0]
        self._drop_undo()
        store = self._door.store

        async def restore() -> None:
            await asyncio.to_thread(branches.restore, store, removed)
            self._notices.status(self.tr("Restored."), 3000)
            if self._rooms.shows(removed.conversation_id):
                await self._rooms.open(removed.conversation_id)

        self._tasks.start("undo-delete", restore())

    @property
    def undo_offered(self) -> bool:
        return self._undo is not None


__all__ = ["UNDO_SECONDS", "BranchRoom"]
