"""A button that paints itself (a fold header, a code block's Copy): the parts every such
button needs, written once — a repaint when the mouse enters or leaves (its look follows the
hover), and the style's focus frame when it has the keyboard focus."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QEnterEvent, QPainter
from PySide6.QtWidgets import QAbstractButton, QStyle, QStyleOptionFocusRect


class PaintedButton(QAbstractButton):
    """Subclasses paint their look and call :meth:`paint_focus` at the end of ``paintEvent``."""

    def paint_focus(self, painter: QPainter) -> None:
        """The style's focus frame, when the button has the keyboard focus."""
        if self.hasFocus():
            option = QStyleOptionFocusRect()
            option.initFrom(self)
            self.style().drawPrimitive(
                QStyle.PrimitiveElement.PE_FrameFocusRect, option, painter, self
            )

    def enterEvent(self, event: QEnterEvent) -> None:
        super().enterEvent(event)
        self.update()

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        self.update()
