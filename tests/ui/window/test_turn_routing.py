"""Turns in the window draw from the session's records: no history read on the UI thread to
show a reply start or end, yet what is shown equals what a restart will show."""

from __future__ import annotations

import threading
from collections import Counter

import pytest

from app.core.history import HistoryStore, MessageStatus
from app.ui.chat.message_widgets import AssistantMessageWidget
from tests import fakeserver as fs
from tests.ui.windowkit import WAIT_MS, type_and_enter, wait_reply_done, wait_status

READS = ("get_message", "get_conversation", "messages", "list_conversations")


@pytest.fixture
def ui_thread_reads(monkeypatch) -> Counter[str]:
    """How often each read of the history runs on the UI (main) thread, by name."""
    counts: Counter[str] = Counter()
    for name in READS:
        original = getattr(HistoryStore, name)

        def counted(self, *args, __original=original, __name=name, **kwargs):
            if threading.current_thread() is threading.main_thread():
                counts[__name] += 1
            return __original(self, *args, **kwargs)

        monkeypatch.setattr(HistoryStore, name, counted)
    return counts


def test_a_new_chat_and_its_reply_are_drawn_without_ui_thread_reads(
    qtbot, window, fake, ui_thread_reads
):
    fake.enqueue(fs.thinking_answer("Compare.", "9.9 is greater."))
    ui_thread_reads.clear()
    type_and_enter(qtbot, window, "Which is greater, 9.9 or 9.11?")
    reply = wait_reply_done(qtbot, window)
    # The session itself reads the earlier turns (core code on the loop): not the window's.
    window_reads = {k: v for k, v in ui_thread_reads.items() if k != "messages"}
    assert window_reads == {}
    assert window.windowTitle() == "Which is greater, 9.9 or 9.11? — SeekDesk"
    stored = window.store.get_message(reply.message_id)
    assert stored is not None
    shown = (reply.started_at, reply.first_token_at, reply.finished_at, reply.request_id)
    assert shown == (
        stored.started_at,
        stored.first_token_at,
        stored.finished_at,
        stored.request_id,
    )


def test_a_stopped_reply_shows_its_stored_times_too(qtbot, window, fake, ui_thread_reads):
    fake.enqueue(fs.slow("Thinking slowly. " * 50, "Never finished. " * 50, delay=0.05))
    type_and_enter(qtbot, window, "Take your time")
    qtbot.waitUntil(
        lambda: any(
            isinstance(row, AssistantMessageWidget) and row.thinking.text()
            for row in window.chat_view.rows()
        ),
        timeout=WAIT_MS,
    )
    ui_thread_reads.clear()
    window.turns.stop()
    reply = wait_status(qtbot, window, MessageStatus.STOPPED)
    assert {k: v for k, v in ui_thread_reads.items() if k != "messages"} == {}
    stored = window.store.get_message(reply.message_id)
    assert stored is not None and stored.status is MessageStatus.STOPPED
    assert (reply.started_at, reply.finished_at) == (stored.started_at, stored.finished_at)
    assert reply.thinking.text() == stored.thinking  # nothing between two flushes is lost
