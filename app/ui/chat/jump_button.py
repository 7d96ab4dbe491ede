"""The floating "Jump to latest" button of the chat view.

It floats over the conversation (a child of the view, not of the scrolled column), centred
near the bottom, with a soft shadow, and carries its own small style sheet: a sheet on the view
would cover every message row (see ``app.ui.common.theme``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsDropShadowEffect, QToolButton, QWidget

from app.ui.common.theme import Theme

#: Pixels between the button and the bottom of the view.
BOTTOM_MARGIN = 16


class JumpButton(QToolButton):
    """ "↓ Jump to latest": shown by the view when the user has scrolled up from the tail."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("jumpButton")
        self.setText(self.tr("↓ Jump to latest"))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        shadow = QGraphicsDropShadowEffect(self)
        shadow.setBlurRadius(12)
        shadow.setOffset(0, 2)
        shadow.setColor(QColor(0, 0, 0, 90))
        self.setGraphicsEffect(shadow)
        self.hide()

    def place(self) -> None:
        """Centre it near the bottom of its parent (after a resize or before showing)."""
        parent = self.parentWidget()
        if parent is None:
            return
        self.adjustSize()
        size = self.sizeHint()
        x = (parent.width() - size.width()) // 2
        y = parent.height() - size.height() - BOTTOM_MARGIN
        self.setGeometry(x, y, size.width(), size.height())

    def show_if(self, show: bool) -> None:
        if show != self.isVisible():
            self.setVisible(show)
            if show:
                self.place()
                self.raise_()

    def restyle(self, theme: Theme) -> None:
        self.setStyleSheet(theme.jump_button_stylesheet())
