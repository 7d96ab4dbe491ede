"""A reply is waiting to retry a throttled request ("Retrying in 30 s…") and the user presses
Stop: no retry is coming, so the status bar no longer says one is."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.fakeserver import error
from tests.ui.windowkit import WAIT_MS, settled, type_and_enter


def test_stopping_while_waiting_to_retry_clears_the_retry_notice(qtbot, window, fake):
    fake.enqueue(error(429, "Throttling.RateQuota", "Requests rate limit exceeded", retry_after=30))
    type_and_enter(qtbot, window, "Hello?")
    bar = window.statusBar()
    qtbot.waitUntil(lambda: "Retrying in" in bar.currentMessage(), timeout=WAIT_MS)

    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Escape)

    qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)
    assert "Retrying" not in bar.currentMessage()
    assert len(fake.requests) == 1  # and indeed nothing was retried


def test_the_window_sends_with_the_longest_reply_setting(qtbot, window):
    window.prefs.save("max_minutes", 15)
    plan = window.turns.plan_turn()
    assert plan is not None and plan.config.options.max_reply_seconds == 15 * 60
