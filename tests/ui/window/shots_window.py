"""Screenshots of the whole window for a human: light/dark × en/zh_CN, at the scale of the run.

Run: ``QT_QPA_PLATFORM=offscreen python3 -m pytest tests/ui/window/shots_window.py`` and again
with ``QT_SCALE_FACTOR=2`` for 2x (not part of the suite: it only draws). PNGs go to
``$SEEKDESK_ARTIFACTS`` or ``/tmp/seekdesk-artifacts``: a new chat (the empty state), a
conversation with a reply, the sidebar's grouped search results, the find bar, the quick
switcher and the shortcuts list.
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QDialog

from app.ui.app import dark_palette, install_translations, light_palette
from tests import fakeserver as fs
from tests.ui import windowkit
from tests.ui.screenshots import artifacts_dir
from tests.ui.windowkit import WAIT_MS, type_and_enter, wait_reply_done

ANSWER = (
    "Paris is the capital of **France**.\n\n- population about 2.1 million\n- on the Seine\n\n"
    "```python\nprint('bonjour')\n```\n"
)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_shots(qtbot, qasync_loop, run_async, fake, theme, lang):
    app = QApplication.instance()
    translators = install_translations(app, QLocale(lang)) if lang != "en" else []
    app.setPalette(light_palette() if theme == "light" else dark_palette())
    gen = windowkit.open_window(qtbot, run_async)
    window = next(gen)
    try:
        scale = os.environ.get("QT_SCALE_FACTOR", "1")
        out = artifacts_dir()
        tag = f"{theme}-{lang}-{scale}x"
        qtbot.wait(200)
        window.grab().save(str(out / f"window-empty-{tag}.png"))
        fake.enqueue(
            fs.thinking_answer("The user asks for a capital.", ANSWER),
            fs.thinking_answer("", "Lyon is the third largest city of France."),
        )
        type_and_enter(qtbot, window, "What is the capital of France?")
        wait_reply_done(qtbot, window)
        type_and_enter(qtbot, window, "And Lyon, is it a capital?")
        wait_reply_done(qtbot, window)
        window.status("Exported to /tmp/x.md.")
        qtbot.wait(200)
        window.grab().save(str(out / f"window-chat-{tag}.png"))
        window.chat_view.setFocus()
        qtbot.keyClick(window.chat_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(window.find_bar.field, "capital")
        qtbot.waitUntil(lambda: window.find_bar.hits != [], timeout=WAIT_MS)
        qtbot.wait(200)
        window.grab().save(str(out / f"window-find-{tag}.png"))
        qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
        window.sidebar.search_box.setText("capital")
        qtbot.waitUntil(lambda: window.sidebar.hits.query == "capital", timeout=WAIT_MS)
        qtbot.wait(200)
        window.grab().save(str(out / f"window-search-{tag}.png"))
        window.sidebar.search_box.clear()
        window.keys.switcher.start()
        qtbot.waitUntil(lambda: window.keys.switcher.list.count() == 1, timeout=WAIT_MS)
        qtbot.wait(100)
        window.keys.switcher.grab().save(str(out / f"switcher-{tag}.png"))
        window.keys.switcher.reject()
        window.keys.show_keys()
        dialog = window.findChild(QDialog, "shortcutsDialog")
        qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
        dialog.grab().save(str(out / f"shortcuts-{tag}.png"))
        dialog.close()
    finally:
        next(gen, None)
        for translator in translators:
            app.removeTranslator(translator)
