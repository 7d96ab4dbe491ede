"""Several replies at once: each conversation streams on its own, against the real fake server.

A user asks something long in one chat, starts another chat and asks there too; both answers
arrive together. Stop (Esc) stops the one on screen and the other goes on; the sidebar marks
each conversation while its reply streams; going back to a conversation mid-stream shows the
reply so far and then the rest (nothing lost, nothing twice); a failure in one leaves the
other alone; deleting a streaming conversation stops it first; closing the window stops every
reply and keeps each one's text, recorded as stopped.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import Qt

from app.core.errors import Action
from app.core.history import HistoryStore, MessageStatus
from app.ui.window.main_window import MainWindow
from app.ui.window.sidebar import ID_ROLE
from app.ui.window.sidebar_rows import RowMark
from tests import fakeserver as fs
from tests.ui import windowkit
from tests.ui.windowkit import WAIT_MS, last_reply, type_and_enter

LONG = "alpha " * 3000  # about 30 s at this pace: still streaming when the test is done
SHORT = "".join(f"beta line {i}\n" for i in range(150))


def slow_long() -> fs.Scenario:
    return fs.slow("", LONG, delay=0.01, chunk_size=6)


def slow_short() -> fs.Scenario:
    return fs.slow("Weighing it. ", SHORT, delay=0.004, chunk_size=12)


def start_streaming(qtbot: Any, window: MainWindow, prompt: str) -> int:
    """Send ``prompt`` in the chat on screen; once its answer is arriving, the conversation."""
    type_and_enter(qtbot, window, prompt)

    def arriving() -> bool:
        live = window.turns.live_in(window.current_id)
        row = window.chat_view.assistant(live.message_id) if live is not None else None
        return row is not None and len(row.answer.source()) > 20

    qtbot.waitUntil(arriving, timeout=WAIT_MS)
    assert window.current_id is not None
    return window.current_id


def open_and_wait(qtbot: Any, window: MainWindow, conversation_id: int) -> None:
    task = window.open_conversation(conversation_id)
    qtbot.waitUntil(task.done, timeout=WAIT_MS)
    assert window.current_id == conversation_id


def marked(window: MainWindow, conversation_id: int) -> bool:
    return window.sidebar.mark(conversation_id) is RowMark.STREAMING


def accessible_text(window: MainWindow, conversation_id: int) -> str:
    for i in range(window.sidebar.list.count()):
        item = window.sidebar.list.item(i)
        if item.data(ID_ROLE) == conversation_id:
            return str(item.data(Qt.ItemDataRole.AccessibleTextRole) or "")
    raise KeyError(conversation_id)


def stored(window: MainWindow, conversation_id: int) -> list[tuple[str, str, MessageStatus]]:
    return [(m.role, m.text, m.status) for m in window.store.messages(conversation_id)]


def settled(window: MainWindow) -> bool:
    """No reply streams anywhere and the composer can send."""
    return not window.worker.is_busy() and not window.composer.is_busy()


def settled_here(window: MainWindow) -> bool:
    """No reply streams in the conversation on screen (others may) and the composer can send."""
    return not window.turns.busy_here() and not window.composer.is_busy()


def test_two_chats_stream_at_once_esc_stops_the_one_in_view_the_other_completes(
    qtbot, window, fake
):
    fake.enqueue(slow_long(), slow_short())
    first = start_streaming(qtbot, window, "Write a very long poem")
    assert window.composer.stop_button.isVisible()  # this chat streams: Stop

    window.new_chat()  # another chat while the first streams: Send, not Stop
    assert window.composer.send_button.isVisible() and not window.composer.stop_button.isVisible()
    second = start_streaming(qtbot, window, "Count some lines")
    assert second != first
    assert window.worker.conversation_ids() == {first, second}
    qtbot.waitUntil(lambda: marked(window, first) and marked(window, second), timeout=WAIT_MS)
    assert "streaming" in accessible_text(window, second)
    assert "streaming" in window.sidebar.list.item(0).toolTip()

    open_and_wait(qtbot, window, first)  # back to the first: it is still coming in
    shown = len(last_reply(window).answer.source())
    qtbot.waitUntil(lambda: len(last_reply(window).answer.source()) > shown + 30, timeout=WAIT_MS)
    assert window.composer.stop_button.isVisible()
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Escape)  # stops this one only
    qtbot.waitUntil(lambda: last_reply(window).status is MessageStatus.STOPPED, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.composer.send_button.isVisible(), timeout=WAIT_MS)
    partial = last_reply(window).answer.source()
    assert window.worker.conversation_ids() == {second}  # the other goes on
    qtbot.waitUntil(lambda: not marked(window, first), timeout=WAIT_MS)

    open_and_wait(qtbot, window, second)
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)
    reply = last_reply(window)
    assert reply.status is MessageStatus.COMPLETE
    assert reply.answer.source() == SHORT  # the live text then the rest: nothing lost or twice
    assert not marked(window, second)
    assert stored(window, first) == [
        ("user", "Write a very long poem", MessageStatus.COMPLETE),
        ("assistant", partial, MessageStatus.STOPPED),
    ]
    assert stored(window, second) == [
        ("user", "Count some lines", MessageStatus.COMPLETE),
        ("assistant", SHORT, MessageStatus.COMPLETE),
    ]
    assert LONG.startswith(partial) and len(partial) < len(LONG)


def test_a_reply_streams_into_its_own_chat_while_another_is_on_screen(qtbot, window, fake):
    fake.enqueue(fs.answer_only("An earlier answer."), slow_short())
    type_and_enter(qtbot, window, "an earlier chat")
    windowkit.wait_reply_done(qtbot, window)
    earlier = window.current_id
    assert earlier is not None

    window.new_chat()
    streaming = start_streaming(qtbot, window, "Count some lines")
    open_and_wait(qtbot, window, earlier)  # away: the earlier chat, not touched by the stream
    screen = windowkit.screen_text(window)
    qtbot.waitUntil(lambda: not window.worker.is_busy(), timeout=WAIT_MS)
    assert windowkit.screen_text(window) == screen
    assert window.windowTitle() == "an earlier chat — SeekDesk"
    qtbot.waitUntil(lambda: not marked(window, streaming), timeout=WAIT_MS)

    open_and_wait(qtbot, window, streaming)  # what came in meanwhile is all there, once
    assert windowkit.screen_text(window) == [
        ("user", "", "Count some lines", "complete"),
        ("assistant", "Weighing it. ", SHORT, "complete"),
    ]


def test_a_failure_in_one_chat_leaves_the_other_streaming_and_retry_works_meanwhile(
    qtbot, window, fake
):
    fake.enqueue(
        slow_long(),
        fs.midstream_error(
            "InternalError", "The model broke down.", status=500, after_answer="Half "
        ),
        fs.answer_only("Whole, this time."),
    )
    first = start_streaming(qtbot, window, "Write a very long poem")
    window.new_chat()
    type_and_enter(qtbot, window, "This one fails")
    qtbot.waitUntil(
        lambda: (
            window.current_id not in (None, first)
            and last_reply(window).status is MessageStatus.FAILED
        ),
        timeout=WAIT_MS,
    )
    failed = window.current_id
    assert failed is not None
    panel = last_reply(window).failure_panel
    assert not panel.isHidden()  # its own panel, with its own Retry
    qtbot.waitUntil(lambda: window.composer.send_button.isVisible(), timeout=WAIT_MS)
    assert window.worker.conversation_ids() == {first}  # the other still streams
    qtbot.waitUntil(lambda: not marked(window, failed) and marked(window, first), timeout=WAIT_MS)

    qtbot.mouseClick(panel.buttons[Action.RETRY], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: last_reply(window).status is MessageStatus.COMPLETE and settled_here(window),
        timeout=WAIT_MS,
    )
    assert last_reply(window).answer.source() == "Whole, this time."
    assert window.worker.conversation_ids() == {first}  # retried while the other streamed

    open_and_wait(qtbot, window, first)
    reply = last_reply(window)
    assert reply.failure is None and reply.is_streaming()
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)
    assert stored(window, first)[-1][2] is MessageStatus.STOPPED
    assert [(role, status) for role, _, status in stored(window, failed)] == [
        ("user", MessageStatus.COMPLETE),
        ("assistant", MessageStatus.COMPLETE),  # the retried version is the one on the path
    ]


def test_four_chats_streaming_together_each_keep_their_own_words(qtbot, window, fake):
    """Each reply goes to its own conversation, on screen and in the history, while the user
    hops between them mid-stream: no word of one in another, none lost, none twice."""
    answers = ["".join(f"chat{n} word{i} " for i in range(400)) for n in range(4)]
    fake.enqueue(*(fs.slow("", answer, delay=0.003, chunk_size=7) for answer in answers))
    ids = []
    for n in range(4):
        window.new_chat()
        ids.append(start_streaming(qtbot, window, f"Talk as chat{n}"))
    assert set(window.turns.streaming_ids()) <= set(ids)
    for cid in reversed(ids):  # a look at each while they stream
        open_and_wait(qtbot, window, cid)
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)
    for cid, answer in zip(ids, answers, strict=True):
        assert stored(window, cid)[-1] == ("assistant", answer, MessageStatus.COMPLETE)
        open_and_wait(qtbot, window, cid)
        assert last_reply(window).answer.source() == answer
    assert not any(marked(window, cid) for cid in ids)


def test_deleting_a_streaming_chat_stops_it_first_and_undo_brings_its_text_back(
    qtbot, window, fake
):
    fake.enqueue(slow_long(), slow_short())
    doomed = start_streaming(qtbot, window, "Write a very long poem")
    window.new_chat()
    other = start_streaming(qtbot, window, "Count some lines")

    task = window.delete_undo.delete(doomed)
    qtbot.waitUntil(task.done, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: doomed not in window.sidebar.conversation_ids(), timeout=WAIT_MS)
    assert window.store.get_conversation(doomed) is None
    assert window.worker.conversation_ids() == {other}  # the other goes on

    undo = window.delete_undo.undo()
    assert undo is not None
    qtbot.waitUntil(undo.done, timeout=WAIT_MS)
    (back,) = [c for c in window.store.list_conversations(10) if c.id not in (doomed, other)]
    (_, (_, text, status)) = stored(window, back.id)
    assert status is MessageStatus.STOPPED and len(text) > 20 and LONG.startswith(text)

    qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)
    assert stored(window, other)[-1] == ("assistant", SHORT, MessageStatus.COMPLETE)


def test_closing_the_window_while_two_stream_records_both_stopped(
    qtbot, qasync_loop, run_async, fake
):
    gen = windowkit.open_window(qtbot, run_async)
    window = next(gen)
    fake.enqueue(slow_long(), slow_long())
    first = start_streaming(qtbot, window, "Write a very long poem")
    window.new_chat()
    second = start_streaming(qtbot, window, "And another one")
    replies = {
        cid: window.turns.live_in(cid) for cid in (first, second)
    }  # the live replies, as far as the window has seen them
    assert all(live is not None for live in replies.values())
    next(gen, None)  # close() + shutdown(), as app.run does before the loop exits

    with HistoryStore.open() as store:
        for live in replies.values():
            assert live is not None
            message = store.get_message(live.message_id)
            assert message is not None and message.status is MessageStatus.STOPPED
            assert len(message.text) >= len(live.answer) > 20  # nothing the user saw is lost
            assert LONG.startswith(message.text)


def test_a_new_chat_while_the_history_opens_still_waits_to_send(
    qtbot, qasync_loop, run_async, fake
):
    """The composer follows the conversation on screen, but while the history opens it says
    so whatever is on screen: no Send that could only be refused."""
    gate = threading.Event()

    def slow_open() -> HistoryStore:
        gate.wait(WAIT_MS / 1000)
        return HistoryStore.open()

    gen = windowkit.open_window(qtbot, run_async, ready=False, open_store=slow_open)
    window = next(gen)
    try:
        type_and_enter(qtbot, window, "typed while opening")
        qtbot.mouseClick(window.sidebar.new_button, Qt.MouseButton.LeftButton)
        composer = window.composer
        assert composer.busy_label.isVisible() and composer.busy_label.text() == "Opening history…"
        assert not composer.send_button.isEnabled()
    finally:
        gate.set()
    qtbot.waitUntil(window.is_ready, timeout=WAIT_MS)
    assert window.composer.send_button.isEnabled()
    next(gen, None)
