"""Screenshots of the message hierarchy for a human: role labels, the spacing between and within
turns, and the hover toolbar on a prompt and on a reply (shown by the mouse and by Tab focus),
light/dark × en/zh_CN at the scale of the run.

Run: ``QT_QPA_PLATFORM=offscreen python3 -m pytest tests/ui/chat/shots_messages.py`` and again
with ``QT_SCALE_FACTOR=2`` (not part of the suite: it only draws). PNGs go to
``$SEEKDESK_ARTIFACTS`` or ``/tmp/seekdesk-artifacts``.
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QLocale, QPointF, Qt
from PySide6.QtGui import QEnterEvent
from PySide6.QtWidgets import QApplication

from app.ui.app import dark_palette, install_translations, light_palette
from app.ui.chat.message_widgets import AssistantMessageWidget, UserMessageWidget
from tests import fakeserver as fs
from tests.ui import windowkit
from tests.ui.screenshots import artifacts_dir
from tests.ui.windowkit import type_and_enter, wait_reply_done

ANSWER = (
    "Paris is the capital of **France**, and it has been for a long time: this first line is "
    "long enough to run under the toolbar if the toolbar sat on the text.\n\n"
    "- population about 2.1 million\n- on the Seine\n"
)
PROMPT = "What is the capital of France? Please answer in one or two sentences, with a list."


def hover(row) -> None:
    local = QPointF(row.width() - 20, 10)
    QApplication.sendEvent(row, QEnterEvent(local, local, row.mapToGlobal(local)))


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
        fake.enqueue(
            fs.thinking_answer("The user asks for a capital.", ANSWER),
            fs.thinking_answer("", "Lyon is the third largest city of France."),
        )
        type_and_enter(qtbot, window, PROMPT)
        wait_reply_done(qtbot, window)
        type_and_enter(qtbot, window, "And Lyon?")
        wait_reply_done(qtbot, window)
        qtbot.wait(200)
        rows = window.chat_view.rows()
        prompt = next(r for r in rows if isinstance(r, UserMessageWidget))
        reply = next(r for r in rows if isinstance(r, AssistantMessageWidget))
        window.chat_view.grab().save(str(out / f"messages-{tag}.png"))
        hover(reply)
        qtbot.wait(50)
        window.chat_view.grab().save(str(out / f"messages-hover-reply-{tag}.png"))
        prompt.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.wait(50)
        window.chat_view.grab().save(str(out / f"messages-focus-prompt-{tag}.png"))
        window.resize(window.minimumSizeHint().width(), window.height())  # the narrowest
        qtbot.wait(200)
        hover(reply)
        qtbot.wait(50)
        window.grab().save(str(out / f"messages-narrow-{tag}.png"))
    finally:
        next(gen, None)
        for translator in translators:
            app.removeTranslator(translator)
