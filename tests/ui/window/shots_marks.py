"""Screenshots of the sidebar's marks, for a human: light/dark × en/zh_CN (and 2x when run with
``QT_SCALE_FACTOR=2``).

Run: ``QT_QPA_PLATFORM=offscreen python3 -m pytest tests/ui/window/shots_marks.py`` (not part of
the suite: it only draws). PNGs go to ``$SEEKDESK_ARTIFACTS`` or ``/tmp/seekdesk-artifacts``: one
conversation streaming, one whose reply failed while another was on screen, one idle, and the
streaming one selected.
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from app.ui.app import dark_palette, install_translations, light_palette
from app.ui.window.sidebar_rows import RowMark
from tests import fakeserver as fs
from tests.ui import windowkit
from tests.ui.screenshots import artifacts_dir
from tests.ui.window.test_parallel_streams import open_and_wait, start_streaming
from tests.ui.windowkit import WAIT_MS, type_and_enter, wait_reply_done


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
        breaks = fs.stall("The first words of an answer that will break ", 1.0)
        fake.enqueue(fs.answer_only("A quiet answer."), breaks, slow)
        type_and_enter(qtbot, window, "An idle conversation")
        wait_reply_done(qtbot, window)
        idle = window.current_id
        window.new_chat()
        failing = start_streaming(qtbot, window, "This one breaks off screen")
        window.new_chat()
        streaming = start_streaming(qtbot, window, "Count to four thousand")
        open_and_wait(qtbot, window, idle)
        qtbot.waitUntil(lambda: window.sidebar.mark(failing) is RowMark.FAILED, timeout=WAIT_MS)
        qtbot.wait(200)
        window.sidebar.grab().save(str(out / f"marks-sidebar-{tag}.png"))
        window.grab().save(str(out / f"marks-window-{tag}.png"))
        open_and_wait(qtbot, window, streaming)
        qtbot.wait(200)
        window.sidebar.grab().save(str(out / f"marks-selected-{tag}.png"))
    finally:
        next(gen, None)
        for translator in translators:
            app.removeTranslator(translator)
