"""Text shown in a banner (a settings value quoted in a notice, an error message) is shown as
the characters it is, never interpreted as HTML: a crafted value cannot add links, images or
hide the rest of the notice."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from app.ui.common.banner import Banner

HOSTILE = "<a href='https://evil.example/'>Click to fix</a><img src='file:///etc/passwd'>"


def test_a_banner_shows_markup_as_plain_characters(qtbot):
    banner = Banner()
    qtbot.addWidget(banner)
    banner.show_message(f"Settings were invalid: {HOSTILE}")
    assert banner.label.textFormat() == Qt.TextFormat.PlainText
    assert HOSTILE in banner.text()


def test_a_settings_value_in_the_start_notice_is_not_rendered(qtbot, qasync_loop, run_async, fake):
    from app.core.settings import settings_path
    from tests.ui import windowkit

    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"model": HOSTILE}), encoding="utf-8")
    gen = windowkit.open_window(qtbot, run_async)
    window = next(gen)
    assert window.notice_banner.isVisible()
    assert window.notice_banner.label.textFormat() == Qt.TextFormat.PlainText
    assert "Click to fix" in window.notice_banner.text()
    next(gen, None)
