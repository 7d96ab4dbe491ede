"""A cache hit rate never breaks between its figure and its % sign in a wrapped summary."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from app.ui.usage.tables import format_rate


def test_the_percent_sign_stays_with_its_figure():
    shown = format_rate(0.242, QLocale(QLocale.Language.English))
    assert shown == "24.2\u00a0%" and " " not in shown
    assert format_rate(None) == "—"
