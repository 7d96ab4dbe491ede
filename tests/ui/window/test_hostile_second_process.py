"""A second SeekDesk process writes the same history while the window is open and streaming.

The user has the window streaming a long answer and, in a terminal, runs ``seekdesk ask`` (a
new conversation, and one continuing the very conversation that streams) and ``seekdesk
history delete`` on it. Both processes finish their work; the window's reply is kept whole.
"""

from __future__ import annotations

import subprocess

from app.core.history import MessageStatus
from tests import fakeserver as fs
from tests.cli.seekdesk_cli import ROOT, TIMEOUT, child_env, command, seekdesk
from tests.ui.window.test_parallel_streams import settled, start_streaming, stored
from tests.ui.windowkit import TEST_KEY, WAIT_MS, type_and_enter, wait_reply_done

LONG = "".join(f"word{i} " for i in range(1500))


def ask_in_terminal(fake: fs.FakeServer, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        command(*args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=child_env(key=TEST_KEY, base_url=fake.base_url),
    )


def test_a_terminal_ask_while_the_window_streams_both_are_kept(qtbot, window, fake):
    fake.enqueue(fs.slow("", LONG, delay=0.003, chunk_size=6), fs.answer_only("From the CLI."))
    streaming = start_streaming(qtbot, window, "Count for a while")
    proc = ask_in_terminal(fake, "a question from the terminal")
    out, err = proc.communicate(timeout=TIMEOUT)
    assert proc.returncode == 0, err.decode()
    assert out.decode().strip() == "From the CLI."
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)
    assert stored(window, streaming)[-1] == ("assistant", LONG, MessageStatus.COMPLETE)
    titles = [c.title for c in window.store.list_conversations(10)]
    assert "a question from the terminal" in titles


def test_a_terminal_continuing_the_streaming_conversation(qtbot, window, fake):
    """The reply still streaming is not context yet (core/context.py's rule): the terminal's
    turn is sent without it and stored after it; the window's reply is kept whole."""
    fake.enqueue(fs.slow("", LONG, delay=0.003, chunk_size=6), fs.answer_only("Continued."))
    streaming = start_streaming(qtbot, window, "Count for a while")
    proc = ask_in_terminal(fake, "--continue", str(streaming), "and then?")
    out, err = proc.communicate(timeout=TIMEOUT)
    assert proc.returncode == 0, err.decode()
    assert out.decode().strip() == "Continued."
    assert [m["content"] for m in fake.requests[-1].messages] == ["and then?"]
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)
    assert stored(window, streaming) == [
        ("user", "Count for a while", MessageStatus.COMPLETE),
        ("assistant", LONG, MessageStatus.COMPLETE),
        ("user", "and then?", MessageStatus.COMPLETE),
        ("assistant", "Continued.", MessageStatus.COMPLETE),
    ]


def test_a_terminal_deleting_the_streaming_conversation_is_obeyed(qtbot, window, fake):
    """The user deleted it on purpose: the window's reply ends without raising anything."""
    fake.enqueue(fs.slow("", LONG, delay=0.003, chunk_size=6), fs.answer_only("Fresh."))
    streaming = start_streaming(qtbot, window, "Count for a while")
    result = seekdesk("history", "delete", str(streaming))
    assert result.status == 0 and "Deleted conversation" in result.stdout
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)
    assert window.store.get_conversation(streaming) is None
    window.new_chat()  # and the window goes on working
    type_and_enter(qtbot, window, "still there?")
    assert wait_reply_done(qtbot, window).answer.source() == "Fresh."


def test_a_prompt_sent_in_a_conversation_a_terminal_deleted_meanwhile_is_not_lost(
    qtbot, window, fake
):
    fake.enqueue(fs.answer_only("First."))
    type_and_enter(qtbot, window, "first question")
    wait_reply_done(qtbot, window)
    gone = window.current_id
    assert seekdesk("history", "delete", str(gone)).status == 0
    type_and_enter(qtbot, window, "a question typed with care")
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.notice_banner.isVisible(), timeout=WAIT_MS)
    assert window.composer.text() == "a question typed with care"  # back in the box
    notice = window.notice_banner.text()
    assert "Your prompt is back in the box." in notice
    # Told what happened, not that SeekDesk has a bug.
    assert "deleted by another SeekDesk" in notice and "start a new chat" in notice.lower()
    assert "internal error" not in notice.lower()
    assert len(fake.requests) == 1  # nothing was sent for it
