"""Text in, nothing else: a text file dropped on the prompt box, or pasted as a file, is
inserted at the cursor; a binary one is refused with the reason and nothing is sent.

Files are read off the UI thread (``app.core.text_files`` decides what is text). A file above
100 kB is inserted only after the user says yes (a non-blocking question: no nested event
loop). What the box does with anything else it is given (plain text, a URL that is not a local
file) is left to it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt
from PySide6.QtGui import QDropEvent, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QMessageBox, QPlainTextEdit, QWidget

from app.core.text_files import Kind, TextFile, read_text
from app.ui.common.said import said, written_here
from app.ui.common.tasks import TaskOwner
from app.ui.window.state import Notices


def local_files(mime: QMimeData | None) -> list[Path]:
    """The local files in ``mime`` (empty when anything in it is not a local file)."""
    if mime is None or not mime.hasUrls():
        return []
    urls = mime.urls()
    if not urls or not all(url.isLocalFile() for url in urls):
        return []
    return [Path(url.toLocalFile()) for url in urls]


class TextDrop(QObject):
    """Takes files dropped or pasted on ``edit`` (see the module docstring)."""

    def __init__(
        self, edit: QPlainTextEdit, tasks: TaskOwner, notices: Notices, window: QWidget
    ) -> None:
        super().__init__(edit)
        self._edit = edit
        self._tasks = tasks
        self._notices = notices
        self._window = window
        self._viewport = edit.viewport()  # kept: no C++ call from the filter while it dies
        edit.installEventFilter(self)
        self._viewport.installEventFilter(self)

    def take(self, paths: Sequence[Path]) -> asyncio.Task[None]:
        """Read ``paths`` off the UI thread, then insert the text ones (asking above 100 kB)."""
        return self._tasks.start("read-dropped-files", self._read(list(paths)))

    async def _read(self, paths: list[Path]) -> None:
        files = await asyncio.to_thread(lambda: [read_text(p) for p in paths])
        refused = [f for f in files if f.kind is not Kind.TEXT]
        if refused:
            self._notices.show_notice("\n".join(self.reason(f) for f in refused))
        texts = [f for f in files if f.kind is Kind.TEXT]
        if any(f.needs_asking for f in texts):
            self._ask(texts)
        elif texts:
            self._insert(texts)

    def reason(self, file: TextFile) -> str:
        name = file.path.name
        if file.kind is Kind.BINARY:
            what = said(file.what) if file.what else self.tr("a binary file")
            return self.tr(
                "“{name}” was not inserted: it is {what}, not text, and these models take "
                "text only. Nothing was sent."
            ).format(name=name, what=what)
        if file.kind is Kind.TOO_LARGE:
            return self.tr("“{name}” was not inserted: at {size} MB it is too large.").format(
                name=name, size=written_here(round(file.size / 1_000_000, 1))
            )
        return self.tr("“{name}” could not be read: {error}").format(name=name, error=file.error)

    def _ask(self, texts: list[TextFile]) -> None:
        size = sum(f.size for f in texts)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Insert a large file?"),
            self.tr(
                "{names} is {size} kB of text. Everything inserted is sent with the prompt "
                "and counts as input tokens. Insert it?"
            ).format(names=", ".join(f"“{f.path.name}”" for f in texts), size=size // 1000),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self._window,
        )
        box.setObjectName("largeFileBox")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        box.accepted.connect(lambda: self._insert(texts))
        box.open()  # not exec(): no nested event loop under qasync

    def _insert(self, texts: list[TextFile]) -> None:
        self._edit.insertPlainText("\n\n".join(f.text for f in texts))
        self._edit.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._viewport and isinstance(event, QDropEvent):
            files = local_files(event.mimeData())
            if not files:
                return False
            if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
                event.acceptProposedAction()
                return True
            if kind == QEvent.Type.Drop:
                event.acceptProposedAction()
                self.take(files)
                return True
        if (
            watched is self._edit
            and kind == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Paste)
        ):
            files = local_files(QGuiApplication.clipboard().mimeData())
            if files:
                self.take(files)
                return True
        return False


__all__ = ["TextDrop", "local_files"]
