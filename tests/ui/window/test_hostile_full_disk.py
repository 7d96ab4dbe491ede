"""The disk fills up while replies stream in conversations the user is not looking at.

On screen, a reply the full disk refused keeps its text and says why (test_unsaved_reply.py).
Off screen, the sidebar marks the conversation; opening it must show the same: the text that
arrived (the session still holds it whole) and the full disk named on the reply, with
"Save to history again". Today the reopened reply is blank: the history has only the last
flush before the disk filled (often nothing) and the window shows only what the history has.
"""

from __future__ import annotations

from app.core.errors import HINTS, ErrorKind
from tests import fakeserver as fs
from tests.core.history.conditions import fill_disk
from tests.ui.window.test_parallel_streams import open_and_wait, settled, start_streaming
from tests.ui.windowkit import WAIT_MS, last_reply

ANSWER = "".join(f"part{i} " for i in range(1500))


def test_a_full_disk_under_a_stream_on_screen_keeps_the_text_and_the_window_goes_on(
    qtbot, window, fake
):
    fake.enqueue(fs.slow("", ANSWER, delay=0.003, chunk_size=8), fs.answer_only("Next."))
    start_streaming(qtbot, window, "Long answer " + "padding " * 400)
    fill_disk(window.store)
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)
    reply = last_reply(window)
    assert reply.answer.source() == ANSWER  # all of it arrived and stays on screen
    assert reply.failure_panel.hint_label.text() == HINTS[ErrorKind.STORAGE_FULL]


def test_a_reply_the_full_disk_refused_off_screen_shows_its_text_when_opened(qtbot, window, fake):
    fake.enqueue(fs.slow("", ANSWER, delay=0.003, chunk_size=8), fs.answer_only("Hello."))
    away = start_streaming(qtbot, window, "Long answer " + "padding " * 400)
    window.new_chat()  # the user looks elsewhere
    fill_disk(window.store)
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)
    open_and_wait(qtbot, window, away)
    reply = last_reply(window)
    assert reply.answer.source() == ANSWER
    assert not reply.failure_panel.isHidden()
    assert reply.failure_panel.hint_label.text() == HINTS[ErrorKind.STORAGE_FULL]
