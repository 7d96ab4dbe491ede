"""Drafts per conversation: the prompt box holds the unsent text of the conversation on screen.

Whatever is in the composer belongs to its owner, the conversation on screen (``None``: the new
chat). An edit only notes that the box changed (reading a 100 kB box at every key would cost a
millisecond each); the box's text is taken as the owner's draft before anything looks at the
drafts (a switch, a send, a delete, a save), so no switch can lose a keystroke. When another
conversation comes on screen (``ConversationRoom.shown``) its own draft replaces the box's
text, the cursor at the end. The rules, each in one place here:

* **Sending clears** the draft of the conversation the prompt was sent from, once the prompt has
  left (the turn router's ``on_sent``: after the key was found), and only if the draft is still
  that prompt: text typed meanwhile, or in another conversation, stays.
* **A new chat's first turn** makes a conversation that takes the new chat's place on screen
  (``on_adopt``): the text in the box moves with it, and the next new chat starts empty.
* **Deleting a conversation** drops its draft from disk; Undo brings it back under the
  conversation's new id (``DeleteUndo.restored``), for as long as this window lives.
* **A restart keeps drafts**: ``core.drafts`` reads the file off the UI thread at start and
  writes it whole, atomically, on a worker thread, ``SAVE_DELAY_MS`` after the last edit (one
  writer at a time, the latest text last) and at once when the window closes (``shutdown``
  waits for it). Text typed before the file was read wins over the file's.

The turn router and Delete's Undo are made after the window's first frame: the window hands
them ``sent``, ``adopt`` and ``carry`` when it makes them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, SignalInstance

from app.core.drafts import DraftKey, LoadedDrafts, load_drafts, save_drafts
from app.ui.chat.composer import Composer
from app.ui.common.tasks import TaskOwner
from app.ui.window.conversations import ConversationRoom
from app.ui.window.sidebar import Sidebar
from app.ui.window.state import Notices, Shown

if TYPE_CHECKING:
    from app.ui.window.delete_undo import Restored

SAVE_DELAY_MS = 500
LOAD_TASK = "load-drafts"
WRITE_TASK = "write-drafts"


class Drafts(QObject):
    """Keeps each conversation's unsent text (see the module docstring)."""

    def __init__(
        self,
        composer: Composer,
        rooms: ConversationRoom,
        sidebar: Sidebar,
        tasks: TaskOwner,
        notices: Notices,
        closing: SignalInstance,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._composer = composer
        self._tasks = tasks
        self._notices = notices
        self._texts: dict[DraftKey, str] = {}
        #: Drafts of deleted conversations, by their old id, while Undo may bring them back.
        self._departed: dict[int, str] = {}
        self._owner: DraftKey = rooms.current_id
        self._box_changed = False  # typed since the box's text was last taken as the draft
        self._dirty = False
        self._refused = False  # the last write failed (and the user was told)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.persist)

        composer.edit.textChanged.connect(self._typed)
        rooms.shown.connect(self._shown)
        sidebar.delete_requested.connect(lambda cid: self.departing([cid]))
        sidebar.delete_many_requested.connect(self.departing)
        closing.connect(self.persist)
        tasks.start(LOAD_TASK, self._load())

    def text(self, key: DraftKey) -> str:
        """The draft of a conversation (None: the new chat); "" when there is none."""
        self._capture()
        if key is not None and key in self._departed:
            return self._departed[key]
        return self._texts.get(key, "")

    # -- following the composer and the screen ------------------------------------------------

    def _typed(self) -> None:
        self._box_changed = True
        self._timer.start()

    def _capture(self) -> None:
        """The box's text, as typed so far, becomes its owner's draft."""
        if self._box_changed:
            self._box_changed = False
            self._keep(self._owner, self._composer.text())

    def _keep(self, key: DraftKey, text: str) -> None:
        if key is not None and key in self._departed:
            self._departed[key] = text  # typed while its deletion runs: Undo brings it back
            return
        if self._texts.get(key, "") == text:
            return
        if text:
            self._texts[key] = text
        else:
            self._texts.pop(key, None)
        self._timer.start()

    def _shown(self, shown: Shown) -> None:
        if shown.conversation_id == self._owner:
            return  # the same conversation redrawn or renamed: the box is its own already
        self._capture()
        self._owner = shown.conversation_id
        self._show(self.text(self._owner))

    def _show(self, text: str) -> None:
        if self._composer.text() != text:
            self._composer.set_draft(text)

    # -- the turn router's moments ------------------------------------------------------------

    def sent(self, key: DraftKey, prompt: str) -> None:
        """The prompt sent from ``key`` has left: its draft goes, if it still is that prompt."""
        if self.text(key) != prompt:
            return
        if key == self._owner:
            self._show("")  # the box follows
        self._keep(key, "")

    def adopt(self, conversation_id: int) -> None:
        """The new chat on screen became ``conversation_id``: the box's text goes with it."""
        if self._owner is not None:
            return
        self._capture()
        self._owner = conversation_id
        self._keep(conversation_id, self._texts.pop(None, ""))
        self._timer.start()

    # -- deleting and Undo --------------------------------------------------------------------

    def departing(self, ids: Sequence[int]) -> None:
        """``ids`` are being deleted: their drafts leave the file (Undo may bring them back)."""
        self._capture()
        for cid in ids:
            self._departed[cid] = self._texts.pop(cid, "")
        self._timer.start()

    def carry(self, restored: Restored) -> None:
        """Undo put conversations back under new ids: their drafts follow."""
        for old, new in restored.moved.items():
            text = self._departed.pop(old, "")
            if text:
                self._keep(new, text)
                if new == self._owner:
                    self._show(text)

    # -- the file -----------------------------------------------------------------------------

    async def _load(self) -> None:
        try:
            loaded: LoadedDrafts = await asyncio.to_thread(load_drafts)
        except OSError:  # no data folder to read from: the history says so; start empty
            loaded = LoadedDrafts()
        if loaded.kept_aside is not None:
            self._notices.show_notice(
                self.tr(
                    "Your unsent drafts could not be read ({problem}). The file was kept as {path}."
                ).format(problem=loaded.problem, path=loaded.kept_aside)
            )
        self._capture()
        for key, text in loaded.drafts.items():
            if key not in self._texts and (key is None or key not in self._departed):
                self._texts[key] = text  # text typed before the file was read wins
        if not self._composer.text():
            self._show(self.text(self._owner))

    def persist(self) -> None:
        """Write the drafts now, off the UI thread; one writer at a time, the latest last."""
        self._capture()
        self._timer.stop()
        self._dirty = True
        if not self._tasks.running(WRITE_TASK):
            self._tasks.start(WRITE_TASK, self._write())

    async def _write(self) -> None:
        await self._loaded()
        while self._dirty:
            self._dirty = False
            snapshot = dict(self._texts)
            try:
                await asyncio.to_thread(save_drafts, snapshot)
            except OSError as exc:
                if not self._refused:  # said once, not at every pause in typing
                    self._refused = True
                    self._notices.show_notice(
                        self.tr("Your unsent drafts could not be saved: {error}").format(error=exc)
                    )
                return
            self._refused = False

    async def _loaded(self) -> None:
        """Never write before the file was read (that would lose the drafts not yet read)."""
        task = self._tasks.task(LOAD_TASK)
        if task is not None and not task.done():
            await asyncio.wait([task])


__all__ = ["SAVE_DELAY_MS", "Drafts"]
