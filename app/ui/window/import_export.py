"""File → Import… and File → Export all…: the history's files, from the window.

Import takes a SeekDesk export or a ChatGPT ``conversations.json`` (the core's importer:
checked whole, written whole or not at all, conversations already present skipped); export
writes every conversation as a SeekDesk JSON export (the format Import reads back). Both run
off the UI thread; the outcome is a status line, a refusal a banner naming the problem.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu

from app.core.history import HistoryError
from app.core.history.rules import ImportFormatError  # (exchange itself: on first use)
from app.ui.common.said import said
from app.ui.common.tasks import TaskOwner
from app.ui.window.history_door import HistoryDoor
from app.ui.window.state import Notices


def _exchange() -> ModuleType:
    """The exchange modules (the importer, ChatGPT's format: about a twentieth of the app's
    imports), imported on first use — on the UI thread, never in the worker: an import beside
    PySide6's import hook on another thread has crashed the interpreter."""
    from app.core.history import exchange

    return exchange


class HistoryFiles(QObject):
    """The File menu's Import and Export all (see the module docstring)."""

    def __init__(
        self,
        window: QMainWindow,
        file_menu: QMenu,
        door: HistoryDoor,
        tasks: TaskOwner,
        notices: Notices,
        refresh: Callable[[], object],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._door = door
        self._tasks = tasks
        self._notices = notices
        self._refresh = refresh
        self.import_action = QAction(self.tr("&Import…"), window)
        self.import_action.triggered.connect(self.ask_import)
        self.export_all_action = QAction(self.tr("Export &all…"), window)
        self.export_all_action.triggered.connect(self.ask_export_all)
        before = file_menu.actions()[2] if len(file_menu.actions()) > 2 else None
        file_menu.insertActions(before, [self.import_action, self.export_all_action])  # type: ignore[arg-type]  # (None: append)

    def ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self._window,
            self.tr("Import conversations"),
            str(Path.home()),
            self.tr("Exports (*.json);;All files (*)"),
        )
        if path:
            self.import_from(Path(path))

    def ask_export_all(self) -> None:
        self._ask_export(self.tr("Export all conversations"), "seekdesk-history.json", None)

    def ask_export(self, ids: list[int]) -> None:
        """Export the conversations selected in the sidebar (one SeekDesk JSON file)."""
        self._ask_export(self.tr("Export conversations"), "seekdesk-conversations.json", ids)

    def _ask_export(self, title: str, suggested: str, ids: list[int] | None) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self._window, title, str(Path.home() / suggested), self.tr("SeekDesk JSON (*.json)")
        )
        if path:
            self.export_all_to(Path(path), ids)

    def import_from(self, path: Path) -> asyncio.Task[None]:
        async def run() -> None:
            store = await self._door.wait()
            if store is None:
                return
            try:
                result = await asyncio.to_thread(_exchange().import_file, store, path)
            except (ImportFormatError, HistoryError, OSError) as exc:
                self._notices.show_notice(
                    self.tr("Nothing was imported from {path}: {error}").format(
                        path=path.name, error=said(exc)
                    )
                )
                return
            self._refresh()
            self._notices.status(
                self.tr("Imported {added} conversations ({skipped} already here).").format(
                    added=result.added, skipped=result.skipped
                )
            )

        return self._tasks.start("import-history", run())

    def export_all_to(self, path: Path, ids: list[int] | None = None) -> asyncio.Task[None]:
        """Write the conversations ``ids`` (all when None) as a SeekDesk JSON export."""

        async def run() -> None:
            store = await self._door.wait()
            if store is None:
                return

            export_json = _exchange().export_json

            def write() -> int:
                document = export_json(store, ids)
                text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
                path.write_text(text, encoding="utf-8")
                return len(document.get("conversations", []))

            try:
                count = await asyncio.to_thread(write)
            except (OSError, HistoryError) as exc:
                self._notices.show_notice(
                    self.tr("Could not export to {path}: {error}").format(path=path, error=exc)
                )
                return
            self._notices.status(
                self.tr("Exported {count} conversations to {path}.").format(count=count, path=path)
            )

        return self._tasks.start("export-history", run())


__all__ = ["HistoryFiles"]
