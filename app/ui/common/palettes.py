"""The window's palettes and the theme setting: light, dark, or as the system says.

Apart from ``app.ui.app`` (which re-exports all of it) so that the settings dialog can apply a
theme the user just saved without importing the application module, which imports the window,
which opens the dialog: one-way imports.

The ``theme`` setting ("system", "light", "dark") is kept on the application as the
``seekdeskTheme`` property; ``SEEKDESK_THEME=light|dark`` in the environment wins over it. While
the theme is "system", a light/dark switch of the system is followed live.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

#: Fusion's standard (light) palette where it differs from ``QPalette(QColor("#efefef"))``:
#: (groups, role, colour). Written out because asking a Fusion style for it makes PySide6 build
#: its QStyle class and enums (~15 ms) before the first frame; a test compares the two.
_A, _I, _D = QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled
_R = QPalette.ColorRole
FUSION_LIGHT: tuple[tuple[tuple[QPalette.ColorGroup, ...], QPalette.ColorRole, str], ...] = (
    ((_A, _I, _D), _R.Midlight, "#cacaca"),
    ((_A, _I), _R.Dark, "#9f9f9f"),
    ((_A, _I, _D), _R.Mid, "#b8b8b8"),
    ((_A, _I), _R.Shadow, "#767676"),
    ((_A, _I), _R.Highlight, "#308cc6"),
    ((_A, _I, _D), _R.PlaceholderText, "#80000000"),
    ((_A, _I), _R.Accent, "#308cc6"),
    ((_D,), _R.WindowText, "#bebebe"),
    ((_D,), _R.Dark, "#bebebe"),
    ((_D,), _R.Text, "#bebebe"),
    ((_D,), _R.ButtonText, "#bebebe"),
    ((_D,), _R.Shadow, "#b1b1b1"),
    ((_D,), _R.Highlight, "#919191"),
    ((_D,), _R.AlternateBase, "#f7f7f7"),
    ((_D,), _R.Accent, "#919191"),
)


def fusion_light_palette() -> QPalette:
    """Fusion's standard palette (``QStyleFactory.create("Fusion").standardPalette()``)."""
    p = QPalette(QColor("#efefef"))
    for groups, role, colour in FUSION_LIGHT:
        for group in groups:
            p.setColor(group, role, QColor(colour))
    return p


def dark_palette() -> QPalette:
    """A dark Fusion palette with enough contrast for muted text (thinking) to stay readable."""
    p = QPalette()
    window, base, alt, text = "#202124", "#2a2c30", "#303236", "#e8eaed"
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: alt,
        QPalette.ColorRole.ToolTipBase: "#2d2f33",
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: "#9aa0a6",
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: "#2d2f33",
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Light: "#3c4043",
        QPalette.ColorRole.Midlight: "#34373b",
        QPalette.ColorRole.Mid: "#2a2c30",
        QPalette.ColorRole.Dark: "#111214",
        QPalette.ColorRole.Shadow: "#000000",
        QPalette.ColorRole.Highlight: "#3d6fb4",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#8ab4f8",
        QPalette.ColorRole.LinkVisited: "#c58af9",
    }
    for role, color in roles.items():
        p.setColor(role, QColor(color))
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(disabled, role, QColor("#80868b"))
    p.setColor(disabled, QPalette.ColorRole.Button, QColor("#26282b"))
    return p


def light_palette() -> QPalette:
    p = fusion_light_palette()
    p.setColor(QPalette.ColorRole.Highlight, QColor("#2f6fd0"))
    p.setColor(QPalette.ColorRole.Link, QColor("#1a5fb4"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#8a8a8a"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#8a8a8a"))
    return p


def wanted_scheme(theme: str | None = None) -> Qt.ColorScheme:
    """light/dark when forced (env first, then the setting), else what the system says."""
    forced = (os.environ.get("SEEKDESK_THEME") or theme or "system").strip().lower()
    if forced == "dark":
        return Qt.ColorScheme.Dark
    if forced == "light":
        return Qt.ColorScheme.Light
    return QGuiApplication.styleHints().colorScheme()


#: The app property holding the theme setting in force ("system", "light" or "dark").
THEME_PROPERTY = "seekdeskTheme"


def set_theme(app: QApplication, theme: str | None) -> None:
    """Follow the ``theme`` setting from now on (None or "system": the system's scheme)."""
    app.setProperty(THEME_PROPERTY, (theme or "system").strip().lower())
    apply_theme(app, wanted_scheme(theme))


def system_scheme_changed(app: QApplication, scheme: Qt.ColorScheme) -> None:
    """The system switched light/dark: follow it unless a theme is forced."""
    forced = os.environ.get("SEEKDESK_THEME") or app.property(THEME_PROPERTY) or "system"
    if str(forced).strip().lower() not in ("light", "dark"):
        apply_theme(app, scheme)


def apply_theme(app: QApplication, scheme: Qt.ColorScheme) -> None:
    """Install the palette for ``scheme`` (Unknown means light)."""
    app.setPalette(dark_palette() if scheme == Qt.ColorScheme.Dark else light_palette())
    app.setProperty("seekdeskDark", scheme == Qt.ColorScheme.Dark)


def is_dark(app: QApplication | None = None) -> bool:
    """Whether the installed palette is dark (by its window colour, whoever installed it)."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    if app is None:
        return False
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128
