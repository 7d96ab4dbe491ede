"""The conversation's total in its header reads as a sentence when no price is set: its tokens,
without a lone "—" for the unknown cost."""

from __future__ import annotations

from tests import fakeserver as fs
from tests.ui.windowkit import WAIT_MS, type_and_enter, wait_reply_done


def test_without_prices_the_total_names_tokens_only(qtbot, window, fake):
    fake.enqueue(fs.thinking_answer("", "Four."))
    type_and_enter(qtbot, window, "Two plus two?")
    wait_reply_done(qtbot, window)
    label = window.usage.total_label
    qtbot.waitUntil(lambda: label.text() != "", timeout=WAIT_MS)
    assert label.text().startswith("This conversation: ")
    assert label.text().endswith(" tokens") and "—" not in label.text()
