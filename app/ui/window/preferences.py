"""The window's preferences room: the settings it holds, writes, and edits with the user.

It holds the window's ``Settings`` (loaded at start), applies them to the composer, saves a
choice the user makes there (model, thinking, effort) or the window's layout, and writes the
file off the UI thread — one writer task at a time (``save-settings``), the latest value
last, never cancelled half-way. It also owns the Settings dialog (opened, raised if open, its
saved values merged), the first-launch key check (off the UI thread: the keyring is a D-Bus
call that can wait for an unlock prompt) and the banner that offers a delisted model's
replacement.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QWidget

from app.core import catalog, regions
from app.core.settings import Editor, Settings, merge, save_settings
from app.ui.chat.composer import Composer
from app.ui.common.banner import Banner
from app.ui.common.said import written_here
from app.ui.common.tasks import TaskOwner
from app.ui.window.state import Notices

WRITE_TASK = "save-settings"


class Preferences(QObject):
    """The settings the window runs with (see the module docstring)."""

    def __init__(
        self,
        settings: Settings,
        tasks: TaskOwner,
        composer: Composer,
        model_banner: Banner,
        notices: Notices,
        window: QWidget,
        dismiss_notice: Callable[[], None],
    ) -> None:
        """``window``: the dialogs' parent; ``dismiss_notice``: hide the window's notice banner
        (saved settings make an old complaint about them moot)."""
        super().__init__(window)
        self.settings = settings
        self._tasks = tasks
        self._composer = composer
        self._banner = model_banner
        self._notices = notices
        self._window = window
        self._dismiss_notice = dismiss_notice
        self._dirty = False
        model_banner.action_clicked.connect(self._switch_to_replacement)

    # -- the composer's choices -----------------------------------------------------------------

    def apply_to_composer(self) -> None:
        s = self.settings
        self._composer.set_region(s.region)  # the models offered there (model_regions)
        self._composer.set_thinking(s.thinking)
        self._composer.set_effort(s.effort)
        self._composer.set_model(s.model)
        self.update_model_banner()

    def save(self, name: str, value: Any) -> None:
        """Keep one setting the user chose in the window (refused values: a status line)."""
        try:
            self.settings = self.settings.with_value(name, value)
        except (ValueError, regions.ConfigError) as exc:
            self._notices.status(str(exc))
            return
        self.persist()

    def save_ui(self, ui: dict[str, Any]) -> None:
        """Keep the window's layout (geometry, splitter, sidebar, zoom)."""
        self.settings = dataclasses.replace(self.settings, ui=ui)
        self.persist()

    def persist(self) -> None:
        """Write the settings off the UI thread; one writer at a time, the latest value last."""
        self._dirty = True
        if not self._tasks.running(WRITE_TASK):
            self._tasks.start(WRITE_TASK, self._write())

    async def _write(self) -> None:
        while self._dirty:
            self._dirty = False
            try:
                await asyncio.to_thread(save_settings, self.settings)
            except OSError as exc:
                self._notices.show_notice(
                    self.tr("Your preferences could not be saved: {error}").format(error=exc)
                )
                return

    def model_chosen(self, name: str) -> None:
        self.save("model", name)
        self.update_model_banner()

    def switch_model(self, name: str) -> None:
        """Use ``name`` from now on (a delisted model's replacement, or any catalog model);
        an empty name (no known replacement) opens the model picker instead."""
        if not name:
            self._composer.model_box.setFocus()
            self._composer.model_box.showPopup()
            return
        self._composer.set_model(name)
        self.model_chosen(name)
        self._notices.status(self.tr("Model switched to {model}.").format(model=name))

    def update_model_banner(self) -> None:
        entry = catalog.lookup(self._composer.model())
        if entry.is_delisted() and entry.replacements:
            replacement = entry.replacements[0]
            day = entry.delisted_on
            assert day is not None
            self._banner.show_message(
                self.tr(
                    "{model} was delisted by Model Studio on {date}; it no longer answers. "
                    "Its recommended replacement is {replacement}."
                ).format(model=entry.label, date=written_here(day), replacement=replacement),
                self.tr("Switch to {replacement}").format(replacement=replacement),
            )
            self._banner.setProperty("replacement", replacement)
        else:
            self._banner.hide()

    def _switch_to_replacement(self) -> None:
        replacement = self._banner.property("replacement")
        if replacement:
            self.switch_model(str(replacement))

    # -- the Settings dialog --------------------------------------------------------------------

    def open_settings(self) -> None:
        from app.ui.settings.settings_dialog import SettingsDialog

        existing = self._window.findChild(SettingsDialog)
        if existing is not None and existing.isVisible():
            existing.raise_()
            existing.activateWindow()
            return
        dialog = SettingsDialog(self.settings, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.accepted.connect(lambda: self._settings_saved(dialog.settings()))
        dialog.open()

    def _settings_saved(self, saved: Settings) -> None:
        # Take what the dialog edits, keep what the window edits (the rule is the settings'
        # own declaration: ``Editor``).
        self.settings = merge(self.settings, saved, Editor.DIALOG)
        self.persist()
        self._dismiss_notice()
        self.apply_to_composer()

    async def first_run_check(self, still_wanted: Callable[[], bool]) -> None:
        """Open Settings by itself when there is no usable key (and ``still_wanted()``: the
        window may have closed or failed meanwhile)."""
        from app.ui.settings.key_access import needs_first_run_setup  # (not the dialog)

        settings = self.settings
        needed = await asyncio.to_thread(needs_first_run_setup, settings, settings.region)
        if needed and still_wanted():
            self.open_settings()


__all__ = ["Preferences"]
