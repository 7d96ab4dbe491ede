"""The main window's menus, shortcuts, zoom and export (split from main_window to keep both small).

Every command is a ``QAction`` added to the window as well as to its menu, so its shortcut works
wherever the focus is. Shortcuts: Ctrl+N new chat, Ctrl+F search, Ctrl+, settings, Esc stop,
Ctrl+B sidebar, Ctrl++ / Ctrl+- / Ctrl+0 zoom, Ctrl+Q quit.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog

if TYPE_CHECKING:
    from app.ui.window.main_window import MainWindow

ZOOM_MIN, ZOOM_MAX = -4, 12


class WindowActions(QObject):
    """Builds the menu bar of ``window`` and carries out the commands that are not turns."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.zoom = 0
        self._base_point_size = window.chat_view.font().pointSizeF()
        bar = window.menuBar()
        tr = self.tr

        file_menu = bar.addMenu(tr("&File"))
        self.new_chat = self._action(tr("&New chat"), window.new_chat, QKeySequence.StandardKey.New)
        self.export = self._action(tr("&Export conversation…"), self.export_conversation)
        self.quit = self._action(tr("&Quit"), window.close, QKeySequence.StandardKey.Quit)
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu.addActions([self.new_chat, self.export])
        file_menu.addSeparator()
        file_menu.addAction(self.quit)

        edit_menu = bar.addMenu(tr("&Edit"))
        self.copy = self._action(tr("&Copy"), window.copy)
        self.copy.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # widgets handle Ctrl+C
        self.find = self._action(tr("&Find in history"), window.sidebar_focus_search, "Ctrl+F")
        self.stop = self._action(tr("&Stop reply"), window.stop, "Esc")
        self.settings = self._action(tr("&Settings…"), window.open_settings, "Ctrl+,")
        self.settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        edit_menu.addActions([self.copy, self.find, self.stop])
        edit_menu.addSeparator()
        edit_menu.addAction(self.settings)

        view_menu = bar.addMenu(tr("&View"))
        self.toggle_sidebar = self._action(tr("Show &sidebar"), self.set_sidebar, "Ctrl+B")
        self.toggle_sidebar.setCheckable(True)
        self.toggle_sidebar.setChecked(True)
        self.zoom_in = self._action(tr("Zoom &in"), lambda: self.apply_zoom(self.zoom + 1))
        self.zoom_in.setShortcuts([QKeySequence.StandardKey.ZoomIn, QKeySequence("Ctrl+=")])
        self.zoom_out = self._action(tr("Zoom &out"), lambda: self.apply_zoom(self.zoom - 1))
        self.zoom_out.setShortcuts([QKeySequence.StandardKey.ZoomOut])
        self.zoom_reset = self._action(tr("&Actual size"), lambda: self.apply_zoom(0), "Ctrl+0")
        view_menu.addAction(self.toggle_sidebar)
        view_menu.addSeparator()
        view_menu.addActions([self.zoom_in, self.zoom_out, self.zoom_reset])

        help_menu = bar.addMenu(tr("&Help"))
        self.about = self._action(tr("&About SeekDesk"), window.about)
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(self.about)
        self.update_enabled()

    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.window.addAction(action)  # shortcut works even with the menu bar hidden
        return action

    def update_enabled(self) -> None:
        busy = self.window.worker.is_busy()
        self.stop.setEnabled(busy)
        self.export.setEnabled(self.window.current_id is not None)
        if hasattr(self, "toggle_sidebar"):
            self.toggle_sidebar.setChecked(not self.window.sidebar.isHidden())

    # -- view ---------------------------------------------------------------------------------

    def set_sidebar(self, visible: bool) -> None:
        self.window.sidebar.setVisible(visible)
        self.toggle_sidebar.setChecked(visible)

    def apply_zoom(self, step: int) -> None:
        """Scale the conversation and the prompt text by ``step`` points (persisted on close)."""
        self.zoom = max(ZOOM_MIN, min(ZOOM_MAX, step))
        size = max(6.0, self._base_point_size + self.zoom)
        for widget in (self.window.chat_view, self.window.composer.edit):
            font = widget.font()
            font.setPointSizeF(size)
            widget.setFont(font)

    # -- export -------------------------------------------------------------------------------

    def export_conversation(self) -> None:
        cid = self.window.current_id
        if cid is None:
            return
        conv = self.window.current_conversation()
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

        store = self.window.store

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
                self.window.show_notice(
                    self.tr("Could not export to {path}: {error}").format(path=path, error=exc)
                )
                return
            self.window.status(self.tr("Exported to {path}.").format(path=path))

        return self.window.spawn(run(), "export")


def _safe_name(title: str) -> str:
    keep = "".join(c if c.isalnum() or c in " -_" else " " for c in title)
    return "-".join(keep.split())[:60]
