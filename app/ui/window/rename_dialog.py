"""The Rename conversation dialog: a field wide enough for a long title, and no nested loop.

Qt's static ``QInputDialog.getText`` sizes itself to its label (a long title did not fit) and
runs a nested event loop, which qasync does not survive well; this one is as wide as a long
title needs (within the screen), opens with ``open()`` and reports through ``chosen``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

#: The field's width in average characters (a long title fits; the screen caps it).
WIDTH_CHARS = 80


class RenameDialog(QDialog):
    """Asks for a new title; ``chosen`` carries it when it is new and not empty."""

    chosen = Signal(str)

    def __init__(self, old: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("renameDialog")
        self.setWindowTitle(self.tr("Rename conversation"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self._old = old
        self.field = QLineEdit(old, self)
        self.field.setObjectName("renameField")
        self.field.selectAll()
        metrics = self.field.fontMetrics()
        wanted = max(metrics.averageCharWidth() * WIDTH_CHARS, metrics.horizontalAdvance(old) + 40)
        screen = self.screen().availableGeometry().width() if self.screen() else wanted
        self.field.setMinimumWidth(min(wanted, int(screen * 0.8)))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Title:"), self))
        layout.addWidget(self.field)
        layout.addWidget(buttons)

    def accept(self) -> None:
        title = self.field.text().strip()
        super().accept()
        if title and title != self._old:
            self.chosen.emit(title)


__all__ = ["RenameDialog"]
