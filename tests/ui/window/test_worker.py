"""ChatWorker: a turn's events become Qt signals; one turn per conversation, several
conversations at once; Stop cancels one turn at once, shutdown all.

The turns here are small scripted async generators of SessionEvents (the same objects a
ChatSession yields), so the bridge is tested on its own; the window tests run the real session
against the fake server.
"""

from __future__ import annotations

import asyncio

from app.core.errors import make_failure
from app.core.events import AnswerDelta, Finished, ThinkingDelta, Usage
from app.core.history import Message, MessageStatus
from app.core.session import ReplyEnded, ReplyStarted
from app.ui.common.tasks import TaskOwner
from app.ui.window.worker import ChatWorker


def message(
    id_: int, conversation_id: int, role: str, status: MessageStatus = MessageStatus.STREAMING
) -> Message:
    """A record as the session hands it over (what the history wrote)."""
    return Message(
        id=id_, conversation_id=conversation_id, role=role, text="", thinking="",
        status=status, model=None, parameters={}, usage=None, request_id=None, created_at=0.0,
        started_at=None, first_token_at=None, answer_started_at=None, finished_at=None,
        failure_kind=None, failure_message=None, failure_code=None, failure_status=None,
    )  # fmt: skip


def started(conversation_id: int, user_id: int, reply_id: int) -> ReplyStarted:
    return ReplyStarted(
        message(user_id, conversation_id, "user", MessageStatus.COMPLETE),
        message(reply_id, conversation_id, "assistant"),
    )


def ended_with(status: MessageStatus, conversation_id: int = 7) -> ReplyEnded:
    return ReplyEnded(message(2, conversation_id, "assistant", status))


async def scripted_turn(
    gate: asyncio.Event | None = None, fail: bool = False, conversation_id: int = 7
):
    yield started(conversation_id, 1, 2)
    yield ThinkingDelta("Let me think")
    if gate is not None:
        await gate.wait()  # a model that pauses mid-answer
    yield AnswerDelta("Hello")
    if fail:
        yield make_failure(status=500, code="InternalError", message="boom", request_id="r-1")
        yield ended_with(MessageStatus.FAILED, conversation_id)
        return
    yield Usage(12, 40, 31)
    yield Finished("stop", "req-123")
    yield ended_with(MessageStatus.COMPLETE, conversation_id)


def record(worker: ChatWorker) -> list[tuple[str, object]]:
    seen: list[tuple[str, object]] = []
    for name in ("reply_started", "thinking", "answer", "usage", "finished", "failed"):
        getattr(worker, name).connect(lambda payload, n=name: seen.append((n, payload)))
    worker.reply_ended.connect(lambda notice: seen.append(("reply_ended", notice)))
    return seen


def test_every_event_becomes_a_signal_with_the_conversation_and_message(qtbot, qasync_loop):
    worker = ChatWorker()
    seen = record(worker)
    with qtbot.waitSignal(worker.reply_ended, timeout=30_000) as ended:
        assert worker.start(scripted_turn())
    assert [name for name, _ in seen] == [
        "reply_started",
        "thinking",
        "answer",
        "usage",
        "finished",
        "reply_ended",
    ]
    thinking = seen[1][1]
    assert (thinking.conversation_id, thinking.message_id, thinking.text) == (7, 2, "Let me think")
    assert seen[3][1].usage == Usage(12, 40, 31)
    assert seen[4][1].request_id == "req-123"
    assert ended.args[0].status is MessageStatus.COMPLETE
    qtbot.waitUntil(lambda: not worker.is_busy(), timeout=10_000)


def test_a_failure_is_reported_with_its_reply(qtbot, qasync_loop):
    worker = ChatWorker()
    seen = record(worker)
    with qtbot.waitSignal(worker.reply_ended, timeout=30_000) as ended:
        worker.start(scripted_turn(fail=True))
    failed = next(payload for name, payload in seen if name == "failed")
    assert failed.message_id == 2 and failed.failure.code == "InternalError"
    assert ended.args[0].status is MessageStatus.FAILED


def test_a_second_turn_in_the_same_conversation_is_refused_while_one_runs(qtbot, qasync_loop):
    worker = ChatWorker()
    gate = asyncio.Event()
    busy: list[bool] = []
    worker.busy_changed.connect(busy.append)
    with qtbot.waitSignal(worker.thinking, timeout=30_000):
        ticket = worker.start(scripted_turn(gate))  # a new chat: conversation 7 once started
    assert ticket is not None
    assert worker.is_busy() and worker.conversation_ids() == {7}
    assert worker.ticket_in(7) == ticket and not worker.busy_in(None)
    assert worker.start(scripted_turn(), 7) is None  # refused, nothing consumed
    with qtbot.waitSignal(worker.reply_ended, timeout=30_000):
        gate.set()
    qtbot.waitUntil(lambda: busy == [True, False], timeout=10_000)


def test_turns_in_two_conversations_run_at_once_and_stop_one_at_a_time(qtbot, qasync_loop):
    worker = ChatWorker()
    gate = asyncio.Event()
    ended: list[object] = []
    done: list[object] = []
    worker.reply_ended.connect(ended.append)
    worker.turn_done.connect(done.append)
    with qtbot.waitSignal(worker.thinking, timeout=30_000):
        first = worker.start(scripted_turn(gate, conversation_id=7), 7)
    with qtbot.waitSignal(worker.thinking, timeout=30_000):
        second = worker.start(scripted_turn(gate, conversation_id=8), 8)
    assert first is not None and second is not None and first != second
    assert worker.conversation_ids() == {7, 8}
    worker.stop(first)
    qtbot.waitUntil(lambda: len(done) == 1, timeout=10_000)
    assert [(e.conversation_id, e.status) for e in ended] == [(7, MessageStatus.STOPPED)]
    assert worker.conversation_ids() == {8} and worker.is_busy()
    gate.set()  # the other goes on to its end
    qtbot.waitUntil(lambda: len(done) == 2, timeout=10_000)
    assert (ended[-1].conversation_id, ended[-1].status) == (8, MessageStatus.COMPLETE)
    assert [(d.ticket, d.conversation_id) for d in done] == [(first, 7), (second, 8)]
    assert not worker.is_busy()


def test_stop_cancels_at_once_and_reports_the_reply_stopped(qtbot, qasync_loop):
    worker = ChatWorker()
    gate = asyncio.Event()  # never set: the model "thinks" forever
    answers: list[object] = []
    worker.answer.connect(answers.append)
    with qtbot.waitSignal(worker.thinking, timeout=30_000):
        worker.start(scripted_turn(gate))
    with qtbot.waitSignal(worker.reply_ended, timeout=30_000) as ended:
        worker.stop()
    assert ended.args[0].status is MessageStatus.STOPPED
    assert ended.args[0].message_id == 2
    assert answers == []
    qtbot.waitUntil(lambda: not worker.is_busy(), timeout=10_000)


def test_shutdown_waits_for_every_cancelled_turn(qtbot, qasync_loop, run_async):
    worker = ChatWorker()
    gate = asyncio.Event()
    ended: list[object] = []
    worker.reply_ended.connect(ended.append)
    for cid in (7, 8):
        with qtbot.waitSignal(worker.thinking, timeout=30_000):
            worker.start(scripted_turn(gate, conversation_id=cid), cid)
    run_async(worker.shutdown())
    assert not worker.is_busy()
    assert sorted((e.conversation_id, e.status) for e in ended) == [
        (7, MessageStatus.STOPPED),
        (8, MessageStatus.STOPPED),
    ]


def test_a_crashing_turn_is_reported_not_raised(qtbot, qasync_loop):
    async def broken():
        yield started(3, 4, 5)
        raise OSError("disk full")

    worker = ChatWorker()
    with (
        qtbot.waitSignal(worker.failed, timeout=30_000) as failed,
        qtbot.waitSignal(worker.reply_ended, timeout=30_000) as ended,
    ):
        worker.start(broken())
    assert "disk full" in failed.args[0].failure.message
    assert ended.args[0].status is MessageStatus.FAILED


def test_the_end_carries_the_stored_record_and_no_id_is_a_placeholder(qtbot, qasync_loop):
    async def turn():
        yield AnswerDelta("before any reply")  # a broken source: dropped, not sent as id -1
        yield started(7, 1, 2)
        yield AnswerDelta("Hello")
        yield ended_with(MessageStatus.COMPLETE)

    worker = ChatWorker()
    answers: list[object] = []
    worker.answer.connect(answers.append)
    with qtbot.waitSignal(worker.reply_ended, timeout=30_000) as ended:
        worker.start(turn())
    assert [(a.conversation_id, a.message_id, a.text) for a in answers] == [(7, 2, "Hello")]
    notice = ended.args[0]
    assert notice.reply is not None and notice.reply.status is MessageStatus.COMPLETE
    assert (notice.conversation_id, notice.message_id) == (7, 2)


def test_the_turn_is_a_named_task_of_the_owner_it_is_given(qtbot, qasync_loop):
    tasks = TaskOwner()
    worker = ChatWorker(tasks=tasks)
    gate = asyncio.Event()
    with qtbot.waitSignal(worker.thinking, timeout=30_000):
        worker.start(scripted_turn(gate))
    assert tasks.names() == ["turn-1"]
    with qtbot.waitSignal(worker.reply_ended, timeout=30_000) as ended:
        tasks.cancel_all()  # e.g. the window closing: the reply still ends, as stopped
    assert ended.args[0].status is MessageStatus.STOPPED and ended.args[0].reply is None
