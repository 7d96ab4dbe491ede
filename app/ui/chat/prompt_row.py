"""The user's prompt on screen: its text in a bubble on the right, under the "You" line.

Apart from ``message_widgets`` (the reply card) because a prompt shares nothing with a reply
but the role line: no streaming, no parts made on demand, no actions of its own (the window's
toolbar dresses it), no renderer — plain, selectable text sized to its words. Its only
subtlety is the bubble's width: as wide as the text needs, at most 80 % of the row.
``message_widgets`` re-exports both classes, and ``app.ui.chat.rows`` names them from there.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.core.history.records import Message
from app.ui.chat.role_header import TURN_GAP, RoleHeader
from app.ui.common.theme import Theme, paint_card, theme_for
from app.ui.render.labels import SelectableLabel

__all__ = ["Bubble", "UserMessageWidget"]


class Bubble(QFrame):
    """The user's bubble: as wide as its text needs, at most 80 % of the row; wraps beyond.

    It reports that width as its size hint and may shrink below it, so a narrow window
    rewraps the text instead of clipping it.
    """

    def __init__(self, label: QLabel, theme: Theme, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("userBubble")
        self.theme = theme
        self.label = label
        label.setParent(self)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(14, 9, 14, 9)
        self._layout.addWidget(label)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self._natural: tuple[str, str, int] = ("", "", -1)

    def _natural_width(self) -> int:
        """The unwrapped text's width, measured once per text and font: the layout asks for the
        size hint many times while a conversation opens (each a pass over every line)."""
        text, font = self.label.text(), self.label.font().key()
        if self._natural[:2] != (text, font):
            metrics = self.label.fontMetrics()
            margins = self._layout.contentsMargins()
            lines = text.splitlines() or [""]
            width = max(metrics.horizontalAdvance(line) for line in lines) + 4
            self._natural = (text, font, width + margins.left() + margins.right())
        return self._natural[2]

    def sizeHint(self) -> QSize:
        natural = self._natural_width()
        parent = self.parentWidget()
        limit = max(120, int(parent.width() * 0.8)) if parent is not None else natural
        width = min(natural, limit)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(60, super().minimumSizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        paint_card(self, self.theme.user_bubble, radius=14)


class UserMessageWidget(QWidget):
    """The user's message: plain, selectable text in a bubble on the right."""

    def __init__(
        self, message: Message, parent: QWidget | None = None, theme: Theme | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("userMessage")
        self.message_id = message.id
        self.message = message
        self.label = SelectableLabel(message.text)
        self.label.setObjectName("userText")
        self.label.setWordWrap(True)
        theme = theme or theme_for(self.palette())
        self.bubble = Bubble(self.label, theme, self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addStretch(1)
        layout.addWidget(self.bubble)
        self.header = RoleHeader(self, self.tr("You"), theme, gap=TURN_GAP)

    def text(self) -> str:
        return self.label.text()

    def restyle(self, theme: Theme) -> None:
        self.bubble.theme = theme
        self.bubble.update()
        self.header.restyle(theme)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.bubble.updateGeometry()  # its width limit follows ours
