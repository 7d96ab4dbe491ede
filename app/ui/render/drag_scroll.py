"""A selection drag that reaches the edge of the conversation scrolls it.

An answer's segments are each as tall as their text (a segment of 8,000 characters is well over
a screen), and the conversation scrolls as one page, so a drag that should go on into text not
yet in sight must move the page: while the pointer is held above or below the page's viewport,
:class:`EdgeScroll` scrolls it a step every :data:`INTERVAL_MS` — faster the further out the
pointer is — and reports the pointer again, so the selection follows the text coming in. The
text views themselves never scroll (they have no range); only the enclosing page does.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, QTimer
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

__all__ = ["INTERVAL_MS", "EdgeScroll"]

#: Time between two scroll steps while the pointer is held outside the page (ms).
INTERVAL_MS = 30
#: Smallest and largest step (px): a pointer just past the edge creeps, one far off races.
MIN_STEP, MAX_STEP = 4, 80


def page_of(widget: QWidget) -> QAbstractScrollArea | None:
    """The scroll area whose page holds ``widget`` (the conversation), if any."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return parent
        parent = parent.parentWidget()
    return None


class EdgeScroll(QObject):
    """Scrolls ``group``'s page while a drag is held beyond its edge; ``moved(global_pos)`` is
    called after each step, as if the pointer had moved there again."""

    def __init__(self, group: QWidget, moved: Callable[[QPoint], object]) -> None:
        super().__init__(group)
        self._group = group
        self._moved = moved
        self._pos = QPoint()
        self._step = 0
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self._tick)

    def follow(self, global_pos: QPoint) -> None:
        """The pointer is at ``global_pos`` with the button down: scroll if it is out."""
        self._pos = QPoint(global_pos)
        page = page_of(self._group)
        if page is None:
            self.stop()
            return
        viewport = page.viewport()
        top = viewport.mapToGlobal(QPoint(0, 0)).y()
        bottom = top + viewport.height()
        y = global_pos.y()
        distance = y - bottom if y > bottom else (y - top if y < top else 0)
        if distance == 0:
            self.stop()
            return
        size = min(MAX_STEP, max(MIN_STEP, abs(distance) // 2))
        self._step = size if distance > 0 else -size
        if not self._timer.isActive():
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._step = 0

    def is_scrolling(self) -> bool:
        return self._timer.isActive()

    def _tick(self) -> None:
        page = page_of(self._group)
        if page is None or not self._step:
            self.stop()
            return
        bar = page.verticalScrollBar()
        before = bar.value()
        bar.setValue(before + self._step)
        if bar.value() == before:
            self.stop()  # the page ends here
            return
        self._moved(self._pos)
