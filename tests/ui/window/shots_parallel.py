"""Screenshots of several replies streaming at once, for a human: light/dark × en/zh_CN.

Run: ``QT_QPA_PLATFORM=offscreen python3 -m pytest tests/ui/window/shots_parallel.py`` and again
with ``QT_SCALE_FACTOR=2`` for 2x (not part of the suite: it only draws). PNGs go to
``$SEEKDESK_ARTIFACTS`` or ``/tmp/seekdesk-artifacts``: two conversations streaming (the
sidebar marks both) seen from a third, idle one (Send, not Stop), then from a streaming one.
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from app.ui.app import dark_palette, install_translations, light_palette
from tests import fakeserver as fs
from tests.ui import windowkit
from tests.ui.screenshots import artifacts_dir
from tests.ui.window.test_parallel_streams import open_and_wait, start_streaming
from tests.ui.windowkit import type_and_enter, wait_reply_done


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_shots(qtbot, qasync_loop, run_async, fake, theme, lang):
    app = QApplication.instance()
    translators = install_translations(app, QLocale(lang)) if lang != "en" else []
    app.setPalette(light_palette() if theme == "light" else dark_palette())
    gen = windowkit.open_window(qtbot, run_async)
    window = next(gen)
    try:
        out = artifacts_dir()
        tag = f"{theme}-{lang}-{os.environ.get('QT_SCALE_FACTOR', '1')}x"
        slow = fs.slow("Counting. ", "".join(f"{i}, " for i in range(4000)), delay=0.02)
        fake.enqueue(fs.answer_only("A quiet answer."), slow, slow)
        type_and_enter(qtbot, window, "An idle conversation")
        wait_reply_done(qtbot, window)
        idle = window.current_id
        assert idle is not None
        window.new_chat()
        start_streaming(qtbot, window, "Count to four thousand")
        window.new_chat()
        start_streaming(qtbot, window, "Count again, slowly")
        open_and_wait(qtbot, window, idle)
        qtbot.wait(200)
        window.grab().save(str(out / f"parallel-idle-{tag}.png"))
        open_and_wait(qtbot, window, window.sidebar.conversation_ids()[0])
        qtbot.wait(300)
        window.grab().save(str(out / f"parallel-streaming-{tag}.png"))
    finally:
        next(gen, None)
        for translator in translators:
            app.removeTranslator(translator)
