"""The window's side of a conversation's setup: its system prompt and the preset a chat
starts from (``app.core.history.setup``, ``app.core.presets``).

* A conversation on screen shows its stored system prompt at the top (``SystemPromptPanel``);
  saving an edit writes it to the history (off the UI thread), and the next prompt sends it.
* A new chat starts from the default preset, if one is marked: its system prompt fills the
  panel, its model, thinking and effort the composer, its parameters go with the first turn.
  The panel's combo picks another preset (or none). The first send saves the system prompt
  with the new conversation (``TurnRouter.turn_setup`` hands it to the session; the window
  hands the router ``turn_setup`` and ``new_chat_preset_name`` when it makes it).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QBoxLayout

from app.core import presets
from app.core.history import setup
from app.ui.chat.chat_view import ChatView
from app.ui.chat.composer import Composer
from app.ui.chat.system_prompt import SystemPromptPanel
from app.ui.common.tasks import TaskOwner
from app.ui.window.conversations import ConversationRoom
from app.ui.window.history_door import HistoryDoor
from app.ui.window.state import Notices, Shown

if TYPE_CHECKING:  # (dialogs imported when first opened)
    from app.ui.chat.parameters_panel import ParametersPanel
    from app.ui.window.presets_dialog import PresetsDialog


class SetupRoom(QObject):
    """System prompt panel and presets (see the module docstring)."""

    def __init__(
        self,
        view: ChatView,
        composer: Composer,
        door: HistoryDoor,
        tasks: TaskOwner,
        rooms: ConversationRoom,
        notices: Notices,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._view = view
        self._composer = composer
        self._door = door
        self._tasks = tasks
        self._rooms = rooms
        self._notices = notices
        self.panel = SystemPromptPanel(view.parentWidget())
        self._presets: tuple[presets.Preset, ...] = ()
        #: The new chat's preset (its parameters go with the first turn).
        self._new_chat_preset: presets.Preset | None = None
        self.panel.saved.connect(self._save)
        self.panel.preset_chosen.connect(self._choose)
        self.panel.parameters_requested.connect(self.open_parameters)
        self.panel.presets_requested.connect(self.open_presets)
        self.presets_dialog: PresetsDialog | None = None
        #: The sampling parameters of the conversation on screen (or of the new chat).
        self.parameters: dict[str, float | int] = {}
        self.parameters_panel: ParametersPanel | None = None
        composer.model_changed.connect(lambda _model: self._refresh_parameters())
        rooms.shown.connect(self._shown)
        # The window opens on a new chat: start it from the default preset once the loop runs.
        QTimer.singleShot(0, self._start_new_chat)

    def place(self) -> None:
        """Put the panel just above the conversation (once the window is laid out)."""
        parent = self._view.parentWidget()
        layout = parent.layout() if parent is not None else None
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(layout.indexOf(self._view), self.panel)

    # -- the conversation on screen -----------------------------------------------------------

    def _shown(self, shown: Shown) -> None:
        if shown.conversation_id is None:
            self.panel.set_text("")
            # After the window has put the saved choices in the composer (same signal).
            QTimer.singleShot(0, self._start_new_chat)
            return
        self._new_chat_preset = None
        self.parameters = {}
        self.panel.set_presets([], new_chat=False)
        if not self._door.is_ready():
            return
        store, cid = self._door.store, shown.conversation_id

        async def load() -> None:
            found = await asyncio.to_thread(setup.setup_of, store, cid)
            if self._rooms.shows(cid):
                self.panel.set_text(found.system_prompt)
                self.parameters = dict(found.parameters)
                self._refresh_parameters()

        self._tasks.start("load-setup", load())

    def _start_new_chat(self) -> None:
        async def load() -> None:
            loaded = await asyncio.to_thread(presets.load_presets)
            if loaded.notice:
                self._notices.show_notice(loaded.notice)
            if self._rooms.current_id is not None:
                return
            self._presets = loaded.presets
            chosen = presets.default_preset(loaded.presets)
            names = [p.name for p in loaded.presets]
            self.panel.set_presets(names, new_chat=True, chosen=chosen.name if chosen else "")
            self._apply(chosen)

        self._tasks.start("load-presets", load())

    def _choose(self, name: str) -> None:
        self._apply(presets.find(self._presets, name) if name else None)

    def _apply(self, preset: presets.Preset | None) -> None:
        self._new_chat_preset = preset
        self.panel.set_text(preset.system if preset is not None else "")
        self.parameters = dict(preset.parameters) if preset is not None else {}
        self._refresh_parameters()
        if preset is None:
            return
        if preset.model:
            self._composer.set_model(preset.model)
        if preset.thinking is not None:
            self._composer.set_thinking(preset.thinking)
        if preset.effort:
            self._composer.set_effort(preset.effort)

    def _save(self, text: str) -> None:
        cid = self._rooms.current_id
        if cid is None or not self._door.is_ready():
            return  # a new chat: sent and saved with its first prompt (turn_setup)
        store = self._door.store

        async def save() -> None:
            await asyncio.to_thread(setup.set_system_prompt, store, cid, text)
            self._notices.status(self.tr("System prompt saved."), 3000)

        self._tasks.start(f"save-setup-{cid}", save())

    # -- presets ---------------------------------------------------------------------------------

    def open_presets(self) -> None:
        """Load the presets (off the UI thread), then show the dialog that edits them."""

        async def load() -> None:
            loaded = await asyncio.to_thread(presets.load_presets)
            if loaded.notice:
                self._notices.show_notice(loaded.notice)
            self._presets = loaded.presets
            from app.ui.window.presets_dialog import PresetsDialog

            dialog = self.presets_dialog = PresetsDialog(
                loaded.presets, self._save_presets, self.panel.window()
            )
            dialog.show()

        self._tasks.start("open-presets", load())

    def _save_presets(self, items: tuple[presets.Preset, ...]) -> None:
        self._presets = items

        async def save() -> None:
            try:
                await asyncio.to_thread(presets.save_presets, items)
            except OSError as exc:
                self._notices.show_notice(
                    self.tr("The presets could not be saved: {error}").format(error=exc)
                )
                return
            self._notices.status(self.tr("Presets saved."), 3000)
            if self._rooms.current_id is None:  # a new chat: its combo lists them
                chosen = self._new_chat_preset.name if self._new_chat_preset else ""
                self.panel.set_presets([p.name for p in items], new_chat=True, chosen=chosen)

        self._tasks.start("save-presets", save())

    # -- parameters -----------------------------------------------------------------------------

    def open_parameters(self) -> ParametersPanel:
        if self.parameters_panel is None:
            from app.ui.chat.parameters_panel import ParametersPanel

            self.parameters_panel = ParametersPanel(self.panel.window())
            self.parameters_panel.changed.connect(self._parameters_changed)
        self._refresh_parameters()
        self.parameters_panel.show()
        self.parameters_panel.raise_()
        return self.parameters_panel

    def _refresh_parameters(self) -> None:
        if self.parameters_panel is not None:
            self.parameters_panel.show_for(self._composer.model(), self.parameters)

    def _parameters_changed(self, values: dict[str, float | int]) -> None:
        self.parameters = dict(values)
        cid = self._rooms.current_id
        if cid is None or not self._door.is_ready():
            return  # a new chat: sent and saved with its first prompt
        store = self._door.store

        async def save() -> None:
            await asyncio.to_thread(setup.set_parameters, store, cid, values)

        self._tasks.start(f"save-parameters-{cid}", save())

    # -- what a turn is sent with -------------------------------------------------------------

    def new_chat_preset_name(self) -> str | None:
        """The preset the new chat starts from, recorded with it (the usage ledger's preset)."""
        return self._new_chat_preset.name if self._new_chat_preset is not None else None

    def turn_setup(
        self, conversation_id: int | None
    ) -> tuple[str | None, dict[str, float | int] | None]:
        """The conversation's parameters (over the settings' defaults), and for a new chat the
        panel's system prompt (for a conversation None: the session sends the stored one)."""
        parameters = dict(self.parameters) or None
        if conversation_id is not None:
            return None, parameters
        return self.panel.text() or None, parameters


__all__ = ["SetupRoom"]
