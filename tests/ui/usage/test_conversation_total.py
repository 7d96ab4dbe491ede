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


def test_in_a_narrow_window_the_total_keeps_its_figure_after_an_ellipsis_and_whole_in_its_tooltip(
    qtbot, window, fake
):
    fake.enqueue(fs.thinking_answer("", "Four."))
    type_and_enter(qtbot, window, "Two plus two?")
    wait_reply_done(qtbot, window)
    label = window.usage.total_label
    qtbot.waitUntil(lambda: label.text() != "", timeout=WAIT_MS)
    whole = label.text()
    window.resize(1200, 700)
    qtbot.waitUntil(lambda: label.shown() == whole, timeout=WAIT_MS)
    window.resize(300, 700)  # narrower than the header's buttons and the figure together
    qtbot.waitUntil(lambda: label.shown() != whole, timeout=WAIT_MS)
    shown = label.shown()
    assert shown.startswith("…") and whole.endswith(shown[1:])
    assert shown.endswith(" tokens") and any(ch.isdigit() for ch in shown)  # the figure stays
    assert label.toolTip() == whole
    assert not label.grab().toImage().isNull()  # it paints the shortened text without error
