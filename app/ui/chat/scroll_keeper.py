"""Where the conversation stays while its rows come, go and change height: at its end, or on
what the user is reading.

While a reply streams the view follows the tail: its end stays in sight, until the user scrolls
up; then the view stays put and the floating "Jump to latest" button leads back. When rows are
put in above what the user reads (an older page), replaced, built late or woken at another
height, that place is pinned — a widget and its distance from the viewport's top — and put back
once the layout has changed, until the user scrolls.

Apart from ``chat_view`` because it is one rule with its own state (following or not, the pin,
the scrolls the program makes as opposed to the user's) that every change of the rows asks, and
it needs nothing about what a row is: the view tells it when rows change, and it answers with
the scroll bar's value and the jump button's visibility.
"""

from __future__ import annotations

from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLayout, QScrollArea, QWidget

from app.ui.chat.jump_button import JumpButton

#: Within this many pixels of the end counts as "at the end" (following the tail).
BOTTOM_SLACK = 24


class ScrollKeeper:
    """The scroll position of one chat view (see the module docstring)."""

    def __init__(
        self,
        scroll: QScrollArea,
        content: QWidget,
        column: QWidget,
        layouts: Sequence[QLayout],
        rows: Sequence[QWidget],
        jump_button: JumpButton,
    ) -> None:
        """``rows`` is the view's own list of rows (read, never changed, here); ``layouts`` are
        activated, outermost first, before a pinned widget's place is read."""
        self._scroll = scroll
        self._content = content
        self._column = column
        self._layouts = layouts
        self._rows = rows
        self._jump_button = jump_button
        self.following = True
        #: What stays in place: (a widget, its y minus the scroll value), or None.
        self.anchor: tuple[QWidget, int] | None = None
        self._programmatic = 0

    def set_scroll(self, value: int) -> None:
        """Scroll to ``value`` (a move of the program's, not the user's)."""
        self._programmatic += 1
        try:
            self._scroll.verticalScrollBar().setValue(value)
        finally:
            self._programmatic -= 1

    def follow(self) -> None:
        """Scroll to the end and follow the tail."""
        self.following = True
        self.anchor = None
        self.set_scroll(self._scroll.verticalScrollBar().maximum())
        self.update_jump_button()

    def pin(self, widget: QWidget, offset: int) -> None:
        """Keep ``widget`` ``offset`` px below the viewport's top (until the user scrolls)."""
        self.following = False
        self.anchor = (widget, offset)
        self.restore()
        self.update_jump_button()

    def remember(self) -> None:
        """Pin the first row that shows in the viewport, at its current distance from the top."""
        value = self._scroll.verticalScrollBar().value()
        for row in self._rows:
            top = row.mapTo(self._content, QPoint(0, 0)).y()
            if top + row.height() > value:
                self.anchor = (row, top - value)
                self.following = False
                return
        self.anchor = None

    def pin_view(self) -> None:
        """Views are about to be built above others (a stored answer filling): pin the view under
        the viewport's middle until the user scrolls (following the end needs no pin)."""
        if self.following or self.anchor is not None:
            return
        viewport = self._scroll.viewport()
        middle = self._content.mapFrom(viewport, viewport.rect().center())
        widget = self._content.childAt(middle)
        if widget is None or widget in (self._column, self._content):
            self.remember()
            return
        top = widget.mapTo(self._content, QPoint(0, 0)).y()
        self.anchor = (widget, top - self._scroll.verticalScrollBar().value())

    def restore(self) -> None:
        """Put the pinned widget back at its distance from the top (if it is still there)."""
        if self.anchor is None:
            return
        row, offset = self.anchor
        alive = shiboken6.isValid(row) and row.isVisible() and self._column.isAncestorOf(row)
        if row not in self._rows and not alive:  # replaced or cleared meanwhile (or a view in one)
            self.anchor = None
            return
        parent = row.parentWidget()
        while parent is not None and parent is not self._column:  # (a view inside a row)
            layout = parent.layout()
            if layout is not None:
                layout.activate()
            parent = parent.parentWidget()
        for layout in self._layouts:
            layout.activate()
        top = row.mapTo(self._content, QPoint(0, 0)).y()
        self.set_scroll(top - offset)

    def range_changed(self, maximum: int) -> None:
        """The rows' height changed: keep the pin, or the end, in place."""
        if self.anchor is not None:
            self.restore()
        elif self.following:
            self.set_scroll(maximum)
        self.update_jump_button()

    def value_changed(self, value: int) -> bool:
        """The scroll bar moved. True if the user moved it (which ends the pin; following is
        whether they stopped at the end), False if it was one of ours."""
        if self._programmatic:
            return False
        bar = self._scroll.verticalScrollBar()
        self.anchor = None  # the user moved: stop pinning
        self.following = value >= bar.maximum() - BOTTOM_SLACK
        self.update_jump_button()
        return True

    def update_jump_button(self) -> None:
        bar = self._scroll.verticalScrollBar()
        self._jump_button.show_if(not self.following and bar.maximum() - bar.value() > BOTTOM_SLACK)
