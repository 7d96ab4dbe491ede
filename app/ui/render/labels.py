"""Plain-text labels of a message that the user can select and copy, cheaply.

Moved out of :mod:`app.ui.render.rich_text` (which still re-exports it) to keep that module
under 500 lines.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QEnterEvent, QFocusEvent, QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

__all__ = ["SelectableLabel"]


class SelectableLabel(QLabel):
    """Plain text the user can select and copy — made selectable when first approached.

    A selectable ``QLabel`` keeps a text control with a laid-out ``QTextDocument`` (~25 kB);
    with one per user bubble and two per footer that was a good part of each message, while
    hardly any label is ever selected. So the label turns selectable the moment the mouse
    enters it or it is pressed; until then it lays its text out as a plain label does (the same
    height for a width, so nothing moves when it turns) and takes no focus (Tab does not stop
    at every message). It turns back when the mouse leaves, unless it holds a selection or
    the focus. :meth:`textInteractionFlags` reports what the user gets: selectable, always.
    """

    FLAGS = Qt.TextInteractionFlag.TextSelectableByMouse | (
        Qt.TextInteractionFlag.TextSelectableByKeyboard
    )

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)
        self.setCursor(Qt.CursorShape.IBeamCursor)
        # No focus until armed: a focusable widget costs ~25 kB more once Qt polishes it.
        # (Arming makes it keyboard-selectable, which gives it the focus policy it needs.)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def textInteractionFlags(self) -> Qt.TextInteractionFlag:
        return super().textInteractionFlags() | self.FLAGS

    def is_armed(self) -> bool:
        """Whether the text control exists yet (for tests and benchmarks)."""
        return bool(super().textInteractionFlags() & self.FLAGS)

    def arm(self) -> None:
        if not self.is_armed():
            self.setTextInteractionFlags(self.FLAGS)

    def enterEvent(self, event: QEnterEvent) -> None:
        self.arm()
        super().enterEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.arm()
        super().mousePressEvent(event)

    def disarm(self) -> None:
        """Back to a plain label, unless it holds a selection or the focus (the user's)."""
        if self.is_armed() and not self.hasSelectedText() and not self.hasFocus():
            self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        self.disarm()  # a sweep of the mouse over the conversation leaves nothing behind

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if not self.underMouse():
            self.disarm()
