"""One selection in the window: a press outside the answer holding it clears it.

Like a page in a browser, the window has one text selection at a time. The answer that holds
one (an :class:`~app.ui.render.selection.AnswerSelection`) claims it with :meth:`OneSelection.hold`,
which clears the previous holder's; while something is held, an application event filter
watches left presses, and one outside the holder (the composer, another message, the sidebar)
clears it. Menus (the context menu's Copy acts on it) and scroll bars (they scroll to it) do
not count. The filter is removed as soon as nothing is held, so an idle window pays nothing.
"""

from __future__ import annotations

from typing import Protocol

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QMenu, QScrollBar, QWidget

__all__ = ["Holder", "OneSelection", "the_window_selection"]


class Holder(Protocol):
    """What holds the selection (an answer's): where it lies, and how to drop it."""

    def contains(self, widget: QWidget) -> bool: ...

    def clear(self) -> None: ...


class OneSelection(QObject):
    """The window's one selection: who holds it, cleared by a left press elsewhere."""

    def __init__(self) -> None:
        super().__init__()
        self.active: Holder | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.MouseButtonPress
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
            and isinstance(watched, QWidget)
            and not isinstance(watched, (QMenu, QScrollBar))
        ):
            active = self.active
            if active is None or (isinstance(active, QObject) and not shiboken6.isValid(active)):
                self.release()
            elif not active.contains(watched):
                active.clear()
        return False

    def hold(self, holder: Holder) -> None:
        """``holder`` has a selection now; whoever had one before loses it."""
        previous = self.active
        if previous is not None and previous is not holder and _alive(previous):
            previous.clear()
        if self.active is None:
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)
        self.active = holder

    def release(self, holder: Holder | None = None) -> None:
        """Nothing is held any more (by ``holder``, if given: another's hold stays)."""
        if holder is not None and holder is not self.active:
            return
        if self.active is not None:
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
        self.active = None


def _alive(holder: Holder) -> bool:
    return not isinstance(holder, QObject) or shiboken6.isValid(holder)


_window_selection: OneSelection | None = None


def the_window_selection() -> OneSelection:
    """The one selection of the application (made on first use)."""
    global _window_selection
    if _window_selection is None:
        _window_selection = OneSelection()
    return _window_selection
