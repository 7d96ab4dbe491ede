"""The settings dialog's message lines: plain text under a field, coloured by kind.

A kind is "info" (the palette's text colour), "ok", "warning" or "error" (which blocks Save);
the colours stay readable on both the light and the dark palette. The kind is also kept as the
label's ``kind`` property, so tests and screenshots can read what the user is told.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel

_COLORS = {
    "error": {"light": "#b3261e", "dark": "#ff8a80"},
    "warning": {"light": "#8a5a00", "dark": "#ffcc66"},
    "ok": {"light": "#1e7a34", "dark": "#81c995"},
}


def message_label(name: str) -> QLabel:
    """A hidden, word-wrapped, plain-text label (model or server text never becomes markup)."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.hide()
    return label


def show_message(label: QLabel, text: str, kind: str) -> None:
    """Show ``text`` in ``label`` in the colour of ``kind`` for the label's palette."""
    dark = label.palette().color(QPalette.ColorRole.Window).lightness() < 128
    scheme = "dark" if dark else "light"
    label.setProperty("kind", kind)
    label.setStyleSheet(f"color: {_COLORS[kind][scheme]};" if kind in _COLORS else "")
    label.setText(text)
    label.show()
