"""Screenshots of the whole window for a human: light/dark × en/zh_CN, at the scale of the run.

Run: ``QT_QPA_PLATFORM=offscreen python3 -m pytest tests/ui/window/shots_window.py`` and again
with ``QT_SCALE_FACTOR=2`` for 2x (not part of the suite: it only draws). PNGs go to
``$SEEKDESK_ARTIFACTS`` or ``/tmp/seekdesk-artifacts``: a new chat (the empty state), a
conversation with a reply, and the sidebar's search results.
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from app.ui.app import dark_palette, install_translations, light_palette
from tests import fakeserver as fs
from tests.ui.screenshots import artifacts_dir
from tests.ui.windowkit import type_and_enter, wait_reply_done

ANSWER = (
    "Paris is the capital of **France**.\n\n- population about 2.1 million\n- on the Seine\n\n"
    "```python\nprint('bonjour')\n```\n"
)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_shots(qtbot, window, fake, theme, lang):
    app = QApplication.instance()
    translators = install_translations(app, QLocale(lang)) if lang != "en" else []
    try:
        app.setPalette(light_palette() if theme == "light" else dark_palette())
        window.setPalette(app.palette())
        scale = os.environ.get("QT_SCALE_FACTOR", "1")
        out = artifacts_dir()
        tag = f"{theme}-{lang}-{scale}x"
        qtbot.wait(200)
        window.grab().save(str(out / f"window-empty-{tag}.png"))
        fake.enqueue(fs.thinking_answer("The user asks for a capital.", ANSWER))
        type_and_enter(qtbot, window, "What is the capital of France?")
        wait_reply_done(qtbot, window)
        window.status("Exported to /tmp/x.md.")
        qtbot.wait(200)
        window.grab().save(str(out / f"window-chat-{tag}.png"))
        window.sidebar.search_box.setText("capital")
        qtbot.wait(600)
        window.grab().save(str(out / f"window-search-{tag}.png"))
    finally:
        for translator in translators:
            app.removeTranslator(translator)
