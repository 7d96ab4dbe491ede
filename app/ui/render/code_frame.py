"""The chrome of a code block: its rounded frame, the header band with the language, and the
Copy button.

Apart from ``code_view`` (which holds the code: its pages, streaming, sleeping and colouring)
because none of this knows any code: it is what a block looks like around its text, drawn by
hand for speed — a real button and label cost ~3 ms a block, a rounded rectangle thousands of
pixels tall is slow to rasterise — and it changes for reasons of looks, not of content.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from app.ui.common.painted_button import PaintedButton
from app.ui.render.style import MarkdownStyle

__all__ = ["OUTER_MARGIN", "CopyButton", "paint_frame"]

#: Space between a code block and the text above and below it (px).
OUTER_MARGIN = 6
#: Corner radius of the frame (px).
RADIUS = 6
#: Height (px) of the strips at the top and bottom of a tall frame drawn with rounded corners.
TALL = 40


class CopyButton(PaintedButton):
    """The Copy button of a code block: link-coloured text, painted by hand.

    A ``QToolButton`` and a ``QLabel`` in a layout cost ~3 ms per code block to make (measured:
    3.6 ms a code view against 0.7 ms a text view), and an answer may hold a hundred blocks.
    It takes the focus with Tab and clicks with Space, as any button.
    """

    def __init__(self, text: str, color: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codeCopy")
        self.setText(text)
        self._color = QColor(color)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches it
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self.text()) + 12, metrics.height() + 6)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        font = QFont(self.font())
        font.setUnderline(self.underMouse() or self.isDown())
        painter.setFont(font)
        painter.setPen(self._color)
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.text())
        self.paint_focus(painter)


def paint_frame(
    widget: QWidget, event: QPaintEvent, style: MarkdownStyle, code_top: int, font: QFont,
    language: str,
) -> None:  # fmt: skip
    """Paint ``widget``'s frame and, above ``code_top`` (where its code begins), the header
    band with ``language`` in ``font`` (the Copy button is a child widget, on top)."""
    s = style
    painter = QPainter(widget)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    frame = QRectF(widget.rect()).adjusted(0.5, OUTER_MARGIN + 0.5, -0.5, -OUTER_MARGIN - 0.5)
    painter.setPen(QColor(s.border))
    painter.setBrush(QColor(s.code_background))
    painter.setClipRect(event.rect())
    if frame.height() > 4 * TALL:
        # A rounded rectangle thousands of pixels tall is slow to rasterise even when only
        # a strip of it shows: draw the corners apart, the long sides as a plain rectangle.
        for top in (frame.top(), frame.bottom() - TALL):
            strip = QRectF(frame.left(), top, frame.width(), TALL)
            if strip.intersects(QRectF(event.rect())):
                painter.save()
                clip = strip.adjusted(-1, -1, 1, 1)
                painter.setClipRect(clip, Qt.ClipOperation.IntersectClip)
                painter.drawRoundedRect(frame, RADIUS, RADIUS)
                painter.restore()
        middle = frame.adjusted(0, TALL, 0, -TALL)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.fillRect(middle, QColor(s.code_background))
        painter.drawLine(middle.topLeft(), middle.bottomLeft())
        painter.drawLine(middle.topRight(), middle.bottomRight())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    else:
        painter.drawRoundedRect(frame, RADIUS, RADIUS)
    # The header's band, in its own colour, under the language and the button.
    band = code_top - frame.top()
    if band > 1:
        painter.save()
        painter.setClipRect(QRectF(frame.left(), frame.top(), frame.width(), band))
        painter.setBrush(QColor(s.code_header))
        painter.drawRoundedRect(frame, RADIUS, RADIUS)
        painter.restore()
        painter.setPen(QColor(s.border))
        y = frame.top() + band - 0.5
        painter.drawLine(frame.left(), y, frame.right(), y)  # type: ignore[call-overload]
        painter.setPen(QColor(s.muted))
        painter.setFont(font)
        text = QRectF(frame.left() + 9, frame.top(), frame.width() / 2, band)
        painter.drawText(text, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         language)  # fmt: skip
