"""Scroll areas' viewports made in Python, for the widgets the first frame shows.

Qt makes each scroll area's viewport itself; the first time Python reads one (``viewport()``),
PySide6 looks for the most derived Python class of a widget it did not make, and to do so
builds the class of every QWidget subclass it knows, with their enum types (~40, wizards and
calendars among them): a few milliseconds of start-up the window never uses. A viewport made in
Python is already known. It is set up as Qt sets up its own (background, touch events).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QWidget


def own_viewport(area: QAbstractScrollArea, role: QPalette.ColorRole) -> QWidget:
    """Give ``area`` a viewport made here, filled with ``role``; Qt deletes the one it made."""
    viewport = QWidget()
    viewport.setBackgroundRole(role)
    viewport.setAutoFillBackground(True)
    viewport.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
    area.setViewport(viewport)
    return viewport
