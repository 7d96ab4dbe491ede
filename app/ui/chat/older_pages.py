"""When the chat view asks for the page before the oldest one shown.

Reaching the top of a conversation that has more asks for the older page once per reach: a
reach ends when the page arrives or when the user goes a whole screen back down, so jiggling
at the top does not ask again. A page too short to scroll cannot be scrolled to the top, so
after a page is shown (or the view is resized) a zero-delay check asks at once. While a page is
on its way, "Loading earlier messages…" shows above the first row.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QScrollBar, QWidget

#: Within this many pixels of the top counts as "at the top".
TOP_SLACK = 4


class OlderPages(QObject):
    """The "load older" rule of one chat view (see the module docstring)."""

    requested = Signal()

    def __init__(self, bar: QScrollBar, has_rows: Callable[[], bool], column: QWidget) -> None:
        super().__init__(column)
        self._bar = bar
        self._has_rows = has_rows
        self.label = QLabel(self.tr("Loading earlier messages…"), column)
        self.label.setObjectName("olderLabel")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.hide()
        self.has_older = False
        self._asked = False
        # Owned here (not QTimer.singleShot): it dies with the view, never fires after.
        self._fill_timer = QTimer(self)
        self._fill_timer.setSingleShot(True)
        self._fill_timer.setInterval(0)
        self._fill_timer.timeout.connect(self._check_fill)

    def reset(self, has_older: bool = False) -> None:
        """A new page set is shown (or none): nothing asked yet."""
        self.has_older = has_older
        self._asked = False
        self.label.hide()
        if has_older:
            self._fill_timer.start()

    def arrived(self, has_older: bool) -> None:
        """The older page asked for is in: a new reach may ask again."""
        self.reset(has_older)
        self._fill_timer.start()

    def resized(self) -> None:
        if self.has_older:
            self._fill_timer.start()

    def scrolled(self, value: int) -> None:
        """The scroll position is ``value`` (the user moved, or the range shrank to nothing)."""
        if value > TOP_SLACK:
            if value > self._bar.pageStep():
                self._asked = False
            return
        if self.has_older and not self._asked and self._has_rows():
            self._asked = True
            self.label.show()
            self.requested.emit()

    def _check_fill(self) -> None:
        if self._bar.maximum() == 0:
            self.scrolled(0)
