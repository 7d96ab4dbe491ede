"""A slim, dismissable banner above the conversation: notices the user should read but that
must not block them (a damaged history moved aside, invalid settings reset, a delisted model).

A banner is not a modal dialog on purpose: the window stays usable, tests can read it, and a
notice that appears at start-up does not stop the app from opening.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QWidget,
)


class Tone(enum.Enum):
    INFO = "info"
    WARNING = "warning"


_COLORS = {
    # tone: (light background, dark background)
    Tone.INFO: ("#e8f0fe", "#1f2d44"),
    Tone.WARNING: ("#fef3d6", "#3d3320"),
}


class Banner(QFrame):
    """Text, an optional action button, and a close button."""

    action_clicked = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None, tone: Tone = Tone.INFO) -> None:
        super().__init__(parent)
        self._tone = tone
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAutoFillBackground(True)
        self.label = QLabel(self)
        self.label.setObjectName("bannerText")
        self.label.setWordWrap(True)
        # Notices quote settings values and error messages: shown as text, never as HTML.
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action = QPushButton(self)
        self.action.setObjectName("bannerAction")
        self.action.hide()
        self.close_button = QToolButton(self)
        self.close_button.setObjectName("bannerClose")
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Dismiss"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action)
        layout.addWidget(self.close_button)
        self.action.clicked.connect(self.action_clicked)
        self.close_button.clicked.connect(self._dismiss)
        self.hide()
        self._recolor()

    def show_message(self, text: str, action: str | None = None, tone: Tone | None = None) -> None:
        if tone is not None:
            self._tone = tone
        self.label.setText(text)
        self.action.setText(action or "")
        self.action.setVisible(bool(action))
        self._recolor()
        self.show()

    def text(self) -> str:
        return self.label.text()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            self._recolor()

    def _recolor(self) -> None:
        palette = self.palette()
        app_window = QApplication.palette().color(QPalette.ColorRole.Window)
        dark = app_window.lightness() < 128
        light_bg, dark_bg = _COLORS[self._tone]
        palette.setColor(QPalette.ColorRole.Window, QColor(dark_bg if dark else light_bg))
        blocker = self.blockSignals(True)
        self.setPalette(palette)
        self.blockSignals(blocker)

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()
