"""Who speaks: the small line above each message — "You" over a prompt, the model's round
avatar and name over a reply — and the place where the message's hover toolbar sits.

Without it a conversation is a column of bubbles and text where only alignment tells a prompt
from a reply, and the hover toolbar, floating over the message's top right corner, covered
the first line of a long prompt. The header is one hand-painted widget (no child labels: it is
on every row), laid over the row's top margin rather than put in its layout, so the rows'
layouts stay as they are. Its height fits the toolbar (``toolbar_slot``), so the toolbar
never covers text; a prompt's header also carries the space between turns (``TURN_GAP``), so
a turn reads as one block: more space before a prompt than between a prompt and its reply.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QBoxLayout, QWidget

from app.ui.common.theme import Theme

#: Extra space above a prompt (px), on top of the view's spacing between messages: the gap
#: between two turns is larger than the gap between a prompt and its reply.
TURN_GAP = 14
#: Room between the header's text and the toolbar beside it (px).
SLOT_GAP = 8
#: The row's events the header acts on (it watches every event of its row).
_ROW_EVENTS = frozenset(
    {QEvent.Type.Resize, QEvent.Type.LayoutRequest, QEvent.Type.FocusIn, QEvent.Type.FocusOut}
)


def header_font(base: QFont) -> QFont:
    """The role line's font: a little smaller than the text, semi-bold (as the footer's)."""
    font = QFont(base)
    if font.pointSizeF() > 0:
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.88))
    font.setWeight(QFont.Weight.DemiBold)
    return font


class RoleHeader(QWidget):
    """The role line over the top margin of ``row`` (see the module docstring).

    ``avatar``: the letter in the round badge before the name (a reply); empty for none (a
    prompt, whose "You" sits on the right, above its bubble).
    """

    def __init__(
        self, row: QWidget, text: str, theme: Theme, *, avatar: str = "", gap: int = 0
    ) -> None:
        super().__init__(row)
        self.setObjectName("roleHeader")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._text = text
        self._avatar = avatar
        self._gap = gap
        self._theme = theme
        self.setAccessibleName(text)
        row.installEventFilter(self)
        self._fit()

    # --- what it says ----------------------------------------------------------------------

    def text(self) -> str:
        return self._text

    def set_text(self, text: str, avatar: str | None = None) -> None:
        self._text = text
        if avatar is not None:
            self._avatar = avatar
        self.setAccessibleName(text)
        self.update()

    def restyle(self, theme: Theme) -> None:
        self._theme = theme
        self.update()

    # --- geometry ---------------------------------------------------------------------------

    def line_height(self) -> int:
        """The header's height: a toolbar button's (the text's line and its padding)."""
        return QFontMetrics(self.font()).height() + 8

    def toolbar_slot(self) -> QRect:
        """Where the toolbar may float, in the row's coordinates: the header's free part on
        the right (left of "You" over a prompt), so it never covers a message's text."""
        height = self.line_height()
        right = self.width()
        if not self._avatar:
            right -= self._text_width() + SLOT_GAP
        return QRect(0, self._gap, max(0, right), height)

    def _text_width(self) -> int:
        return QFontMetrics(header_font(self.font())).horizontalAdvance(self._text) + 2

    def _fit(self) -> None:
        """Take the row's top margin and lie over it, the row's width."""
        row = self.parentWidget()
        if row is None:
            return
        height = self._gap + self.line_height()
        layout = row.layout()
        if isinstance(layout, QBoxLayout):
            margins = layout.contentsMargins()
            if margins.top() != height:
                margins.setTop(height)
                layout.setContentsMargins(margins)
        self.setGeometry(0, 0, row.width(), height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in _ROW_EVENTS:  # most of a row's events: returns before anything else
            return False
        if watched is self.parentWidget():
            if kind in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
                self._fit()
            else:
                self.update()  # focus: the focused message's role line is drawn in the accent
        return False

    def _row_has_focus(self) -> bool:
        row = self.parentWidget()
        return row is not None and row.hasFocus()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # zoom: the line grows with the text
            self._fit()

    # --- painting ---------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = header_font(self.font())
        metrics = QFontMetrics(font)
        line = QRect(0, self._gap, self.width(), self.line_height())
        x = 2
        if self._avatar:
            size = metrics.height() + 2
            badge = QRectF(x, line.center().y() - size / 2 + 0.5, size, size)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(self._theme.accent))
            painter.drawEllipse(badge)
            small = QFont(font)
            if small.pointSizeF() > 0:
                small.setPointSizeF(max(5.0, small.pointSizeF() * 0.85))
            small.setWeight(QFont.Weight.Bold)
            painter.setFont(small)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, self._avatar)
            x += size + 7
        painter.setFont(font)
        # Muted; in the accent while the message has the keyboard focus (Tab), so the message
        # the toolbar and the keys act on is plain to see.
        painter.setPen(QColor(self._theme.accent if self._row_has_focus() else self._theme.muted))
        align = Qt.AlignmentFlag.AlignVCenter
        if self._avatar:
            text_rect = line.adjusted(x, 0, 0, 0)
            align |= Qt.AlignmentFlag.AlignLeft
        else:
            text_rect = line.adjusted(0, 0, -4, 0)
            align |= Qt.AlignmentFlag.AlignRight
        painter.drawText(text_rect, align, metrics.elidedText(
            self._text, Qt.TextElideMode.ElideRight, text_rect.width()))  # fmt: skip


def avatar_letter(label: str) -> str:
    """The badge's letter for a model's label: its first letter ("D" for DeepSeek V4 Pro)."""
    return next((c.upper() for c in label if c.isalnum()), "·")


__all__ = ["SLOT_GAP", "TURN_GAP", "RoleHeader", "avatar_letter", "header_font"]
