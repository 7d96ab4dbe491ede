"""The window's menus and shortcuts, zoom and export: the commands that are not turns.

Every command is a ``QAction`` added to the window as well as to its menu, so its shortcut works
wherever the focus is. Shortcuts: Ctrl+N new chat, Ctrl+F search, Ctrl+, settings, Esc stop,
Ctrl+B sidebar, Ctrl++ / Ctrl+- / Ctrl+0 zoom, Ctrl+Q quit.

It knows the window only through :class:`WindowCommands` (what each menu entry calls) and
:class:`ActionState` (what enables them), so it imports no other part of the window. The menus
are attributes (``file_menu``, ``edit_menu``, ``view_menu``, ``help_menu``): a new entry is one
``_action`` call and one ``addAction``.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

from app import __version__
from app.core.history import Conversation
from app.ui.common.tasks import TaskOwner
from app.ui.window.history_door import HistoryDoor
from app.ui.window.state import Notices

ZOOM_MIN, ZOOM_MAX = -4, 12

Slot = Callable[[], object]


@dataclass(frozen=True, slots=True)
class WindowCommands:
    """What the menu entries do (the window's parts provide them)."""

    new_chat: Slot
    quit: Slot
    copy: Slot
    find: Slot
    stop: Slot
    settings: Slot


@dataclass(frozen=True, slots=True)
class ActionState:
    """What the actions' enabled state depends on."""

    busy: Callable[[], bool]
    current: Callable[[], Conversation | None]
    current_id: Callable[[], int | None]


class WindowActions(QObject):
    """Builds the menu bar of ``window`` and carries out the commands that are not turns."""

    def __init__(
        self,
        window: QMainWindow,
        commands: WindowCommands,
        state: ActionState,
        sidebar: QWidget,
        zoomed: Sequence[QWidget],
        door: HistoryDoor,
        tasks: TaskOwner,
        notices: Notices,
    ) -> None:
        """``zoomed``: the widgets whose text zooms (the conversation, the prompt box)."""
        super().__init__(window)
        self.window = window
        self._state = state
        self._sidebar = sidebar
        self._zoomed = list(zoomed)
        self._door = door
        self._tasks = tasks
        self._notices = notices
        self.zoom = 0
        self._base_point_size = self._zoomed[0].font().pointSizeF()
        bar = window.menuBar()
        tr = self.tr
        c = commands

        self.file_menu = bar.addMenu(tr("&File"))
        self.new_chat = self._action(tr("&New chat"), c.new_chat, QKeySequence.StandardKey.New)
        self.export = self._action(tr("&Export conversation…"), self.export_conversation)
        self.quit = self._action(tr("&Quit"), c.quit, QKeySequence.StandardKey.Quit)
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.file_menu.addActions([self.new_chat, self.export])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit)

        self.edit_menu = bar.addMenu(tr("&Edit"))
        self.copy = self._action(tr("&Copy"), c.copy)
        self.copy.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # widgets handle Ctrl+C
        self.find = self._action(tr("&Find in history"), c.find, "Ctrl+F")
        self.stop = self._action(tr("&Stop reply"), c.stop, "Esc")
        self.settings = self._action(tr("&Settings…"), c.settings, "Ctrl+,")
        self.settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.edit_menu.addActions([self.copy, self.find, self.stop])
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.settings)

        self.view_menu = bar.addMenu(tr("&View"))
        self.toggle_sidebar = self._action(tr("Show &sidebar"), self.set_sidebar, "Ctrl+B")
        self.toggle_sidebar.setCheckable(True)
        self.toggle_sidebar.setChecked(True)
        self.zoom_in = self._action(tr("Zoom &in"), lambda: self.apply_zoom(self.zoom + 1))
        zoom_in_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.ZoomIn)
        self.zoom_in.setShortcuts([*zoom_in_keys, QKeySequence("Ctrl+=")])
        self.zoom_out = self._action(tr("Zoom &out"), lambda: self.apply_zoom(self.zoom - 1))
        self.zoom_out.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.ZoomOut))
        self.zoom_reset = self._action(tr("&Actual size"), lambda: self.apply_zoom(0), "Ctrl+0")
        self.view_menu.addAction(self.toggle_sidebar)
        self.view_menu.addSeparator()
        self.view_menu.addActions([self.zoom_in, self.zoom_out, self.zoom_reset])

        self.help_menu = bar.addMenu(tr("&Help"))
        self.about = self._action(tr("&About SeekDesk"), self.show_about)
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        self.help_menu.addAction(self.about)
        self.update_enabled()

    def _action(
        self,
        text: str,
        slot: Callable[..., object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.window.addAction(action)  # shortcut works even with the menu bar hidden
        return action

    def update_enabled(self) -> None:
        self.stop.setEnabled(self._state.busy())
        self.export.setEnabled(self._state.current_id() is not None)
        self.toggle_sidebar.setChecked(not self._sidebar.isHidden())

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox  # (its class and enums: when first asked)

        QMessageBox.about(
            self.window,
            self.tr("About SeekDesk"),
            self.tr(
                "<h3>SeekDesk {version}</h3><p>A desktop chat client for DeepSeek and Qwen "
                "models on Alibaba Cloud Model Studio.</p><p>Your history stays on this "
                "computer; your API key stays in the system keyring.</p>"
            ).format(version=__version__),
        )

    # -- view ---------------------------------------------------------------------------------

    def set_sidebar(self, visible: bool) -> None:
        self._sidebar.setVisible(visible)
        self.toggle_sidebar.setChecked(visible)

    def apply_zoom(self, step: int) -> None:
        """Scale the conversation and the prompt text by ``step`` points (persisted on close)."""
        self.zoom = max(ZOOM_MIN, min(ZOOM_MAX, step))
        size = max(6.0, self._base_point_size + self.zoom)
        for widget in self._zoomed:
            font = widget.font()
            font.setPointSizeF(size)
            widget.setFont(font)

    # -- export -------------------------------------------------------------------------------

    def export_conversation(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # (its class and enums: when first asked)

        cid = self._state.current_id()
        if cid is None:
            return
        conv = self._state.current()
        stem = _safe_name(conv.title if conv else "") or f"conversation-{cid}"
        md_filter, json_filter = self.tr("Markdown (*.md)"), self.tr("SeekDesk JSON (*.json)")
        path, chosen = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Export conversation"),
            str(Path.home() / f"{stem}.md"),
            f"{md_filter};;{json_filter}",
        )
        if not path:
            return
        fmt = "json" if chosen == json_filter or path.lower().endswith(".json") else "md"
        self.export_to(cid, Path(path), fmt)

    def export_to(self, conversation_id: int, path: Path, fmt: str) -> asyncio.Task[None]:
        """Write one conversation as Markdown (``md``) or SeekDesk JSON (``json``), off the UI."""
        from app.core.history import exchange

        store = self._door.store

        def write() -> None:
            if fmt == "json":
                document = exchange.export_json(store, [conversation_id])
                text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
            else:
                text = exchange.export_markdown(store, [conversation_id])
            path.write_text(text, encoding="utf-8")

        async def run() -> None:
            try:
                await asyncio.to_thread(write)
            except OSError as exc:
                self._notices.show_notice(
                    self.tr("Could not export to {path}: {error}").format(path=path, error=exc)
                )
                return
            self._notices.status(self.tr("Exported to {path}.").format(path=path))

        return self._tasks.start(f"export-{path}", run())


def _safe_name(title: str) -> str:
    keep = "".join(c if c.isalnum() or c in " -_" else " " for c in title)
    return "-".join(keep.split())[:60]
