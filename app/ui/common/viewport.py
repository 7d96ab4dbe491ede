"""A scroll area's viewport, fetched without making PySide6 build every widget class.

``QAbstractScrollArea.viewport()`` returns a ``QWidget*``; the first time PySide6 meets a
viewport that has no Python object yet, it works out the C++ object's most derived class by
trying every ``QWidget`` subclass of QtWidgets, and for that it builds each of those Python
classes with their enum types (the wizard's, the calendar's, the MDI area's, the message box's,
the file dialog's… 65 enum types, ~9 ms of CPU here) — at the first frame, for what is a plain
``QWidget``. ``findChild`` with the class given returns the same object, typed as asked, and
builds nothing.

``install()`` (called by ``app.ui.app.start_window`` before any widget exists) routes every
``viewport()`` call of the process through ``viewport_of``, so the chat view, the sidebar and
the prompt — and any code added later — ask this way without knowing it; the same object comes
back (a test compares), at ~1 µs a call. Qt names every viewport it makes
``qt_scrollarea_viewport``; one set by ``setViewport`` may have another name, and then the area
is asked as before.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

#: The object name Qt gives the viewport it makes for every scroll area.
VIEWPORT_NAME = "qt_scrollarea_viewport"

_ASKED: Callable[[QAbstractScrollArea], QWidget] = QAbstractScrollArea.viewport


def viewport_of(area: QAbstractScrollArea) -> QWidget:
    """``area.viewport()``, without PySide6's search for its class (see the module docstring)."""
    only_children = Qt.FindChildOption.FindDirectChildrenOnly
    found = area.findChild(QWidget, VIEWPORT_NAME, only_children)
    return found if found is not None else _ASKED(area)


def install() -> None:
    """Make ``viewport()`` of every scroll area of the process go through ``viewport_of``."""
    QAbstractScrollArea.viewport = viewport_of  # type: ignore[method-assign, assignment]


def installed() -> bool:
    return QAbstractScrollArea.viewport is viewport_of  # type: ignore[comparison-overlap]


__all__ = ["VIEWPORT_NAME", "install", "installed", "viewport_of"]
