"""The qasync bridge: runs ChatSession turns as asyncio tasks and re-emits their events as Qt
signals.

The session does all the work (building turns, streaming, persisting); this module only runs
each turn, as the task ``turn-<ticket>`` of the window's
:class:`~app.ui.common.tasks.TaskOwner` (named, kept referenced, its crash logged), and
``stop(ticket)`` cancels it at once: cancelling the consuming task closes the HTTP stream and
makes the session mark the reply ``stopped`` with the text so far. Because a cancelled generator
cannot yield any more, the worker itself reports that ending (``reply_ended`` with status
``stopped`` and no record: the session's ``last_reply`` has it).

Every payload is a frozen dataclass with the reply's conversation and message ids; deltas can
only come after ``ReplyStarted`` (the session yields it before sending the request), so an id
is never a placeholder.

**Several turns run at once, one per conversation.** Each ``start()`` gets a ticket (an int
from 1, never reused); ``start()`` refuses a second turn in a conversation that already has one
(returns None). A new chat's turn has no conversation until its ``ReplyStarted``; from then on
it counts as that conversation's. Every payload carries the conversation id, so the window
routes each stream to its own conversation whichever one is on screen; ``turn_done`` says which
ticket's task has ended (after its last signal), so per-turn state can be let go.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from app.core.errors import Failure, failure_for
from app.core.events import AnswerDelta, Finished, Retrying, ThinkingDelta, Usage
from app.core.history import Message, MessageStatus
from app.core.session import ReplyEnded, ReplyStarted
from app.ui.common.tasks import TaskOwner

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Delta:
    """A piece of thinking or answer text of the reply ``message_id``."""

    conversation_id: int
    message_id: int
    text: str


@dataclass(frozen=True, slots=True)
class UsageUpdate:
    conversation_id: int
    message_id: int
    usage: Usage


@dataclass(frozen=True, slots=True)
class RetryNotice:
    """The request failed before the first token and is retried after ``delay`` seconds."""

    conversation_id: int
    message_id: int
    attempt: int
    delay: float
    failure: Failure


@dataclass(frozen=True, slots=True)
class FinishNotice:
    conversation_id: int
    message_id: int
    finish_reason: str | None
    request_id: str | None


@dataclass(frozen=True, slots=True)
class FailureNotice:
    """The turn failed; ``message_id`` is None when it failed before a reply row existed."""

    conversation_id: int | None
    message_id: int | None
    failure: Failure


@dataclass(frozen=True, slots=True)
class TurnDone:
    """The task of the turn ``ticket`` has ended (after its last event signal, however it
    ended); ``conversation_id`` is None when it ended before its conversation existed."""

    ticket: int
    conversation_id: int | None


@dataclass(frozen=True, slots=True)
class EndNotice:
    """The reply reached its final state (complete, stopped, failed); ``reply`` is its stored
    record when the session could say it (None after a stop or a crash)."""

    conversation_id: int
    message_id: int
    status: MessageStatus
    reply: Message | None = None


class _Run:
    """One running turn, as the worker tracks it."""

    __slots__ = ("conversation_id", "started", "task", "ticket")

    def __init__(self, ticket: int, conversation_id: int | None) -> None:
        self.ticket = ticket
        self.conversation_id = conversation_id
        self.started: ReplyStarted | None = None
        self.task: asyncio.Task[None] | None = None


class ChatWorker(QObject):
    """Runs ChatSession turns on the asyncio loop (qasync) and turns their events into signals;
    one turn per conversation, any number of conversations at once."""

    reply_started = Signal(ReplyStarted)
    thinking = Signal(Delta)
    answer = Signal(Delta)
    usage = Signal(UsageUpdate)
    retrying = Signal(RetryNotice)
    finished = Signal(FinishNotice)
    failed = Signal(FailureNotice)
    reply_ended = Signal(EndNotice)
    #: A turn's task has ended (its last signal has been emitted).
    turn_done = Signal(TurnDone)
    #: A turn started or ended; the value says whether any turn is running.
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, tasks: TaskOwner | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks if tasks is not None else TaskOwner()
        self._runs: dict[int, _Run] = {}
        self._next_ticket = 1

    # -- public API ---------------------------------------------------------------------------

    def is_busy(self) -> bool:
        """True while any turn runs (in any conversation)."""
        return any(self._alive(run) for run in self._runs.values())

    def ticket_in(self, conversation_id: int | None) -> int | None:
        """The running turn of ``conversation_id`` (None: a new chat's turn whose conversation
        does not exist yet), or None when there is none."""
        for run in self._runs.values():
            if run.conversation_id == conversation_id and self._alive(run):
                return run.ticket
        return None

    def busy_in(self, conversation_id: int | None) -> bool:
        return self.ticket_in(conversation_id) is not None

    def conversation_ids(self) -> set[int]:
        """The conversations with a running turn (a new chat's counts once it exists)."""
        return {
            run.conversation_id
            for run in self._runs.values()
            if run.conversation_id is not None and self._alive(run)
        }

    def start(
        self, events: AsyncIterator[object], conversation_id: int | None = None
    ) -> int | None:
        """Consume ``events`` (``ChatSession.send/regenerate/...``) in a named task; returns the
        turn's ticket, or None, consuming nothing, when ``conversation_id`` already has a turn.
        """
        if conversation_id is not None and self.busy_in(conversation_id):
            return None
        ticket, self._next_ticket = self._next_ticket, self._next_ticket + 1
        run = _Run(ticket, conversation_id)
        self._runs[ticket] = run
        run.task = self._tasks.start(f"turn-{ticket}", self._run(run, events))
        run.task.add_done_callback(lambda _task: self._on_done(run))
        self.busy_changed.emit(True)
        return ticket

    def stop(self, ticket: int | None = None) -> None:
        """Cancel the turn ``ticket`` now (None: every turn, as when the window closes); the
        partial reply is kept and marked stopped."""
        for run in list(self._runs.values()):
            if (ticket is None or run.ticket == ticket) and self._alive(run):
                assert run.task is not None
                run.task.cancel()

    async def stopped(self, tickets: list[int], timeout: float = 10.0) -> None:
        """Stop the turns ``tickets`` and wait until each session has recorded its reply."""
        tasks = [run.task for t in tickets if (run := self._runs.get(t)) and run.task]
        tasks = [task for task in tasks if not task.done()]
        for task in tasks:
            task.cancel()
        if tasks:  # (a task's own error is logged and reported by the TaskOwner)
            # shielded: cancelling the caller must not cut short the turns' stopped writes
            await asyncio.shield(asyncio.wait(tasks, timeout=timeout))

    async def shutdown(self, timeout: float = 10.0) -> None:
        """Stop every running turn and wait until the sessions have recorded them (window
        closing): at most ``timeout`` seconds in all, however many were streaming."""
        await self.stopped(list(self._runs), timeout)

    # -- the task -----------------------------------------------------------------------------

    @staticmethod
    def _alive(run: _Run) -> bool:
        return run.task is not None and not run.task.done()

    async def _run(self, run: _Run, events: AsyncIterator[object]) -> None:
        ended = False
        try:
            async for event in events:
                ended = self._dispatch(run, event) or ended
        except asyncio.CancelledError:
            if not ended:
                self._end(run, MessageStatus.STOPPED)
            raise
        except Exception as exc:  # a bug or an environment fault (disk full): tell the user
            log.exception("chat turn crashed")
            # One route (core): a storage kind, or INTERNAL with the traceback in the log file.
            failure = await asyncio.to_thread(failure_for, exc)
            started = run.started
            self.failed.emit(
                FailureNotice(
                    started.conversation_id if started else run.conversation_id,
                    started.assistant_message_id if started else None,
                    failure,
                )
            )
            if not ended:
                self._end(run, MessageStatus.FAILED)

    def _end(self, run: _Run, status: MessageStatus) -> None:
        """Report the end of a reply the session could not report itself (stop, crash)."""
        started = run.started
        if started is not None:
            self.reply_ended.emit(
                EndNotice(started.conversation_id, started.assistant_message_id, status)
            )

    def _dispatch(self, run: _Run, event: object) -> bool:
        """Emit the signal for one session event; True when it was the reply's end."""
        if isinstance(event, ReplyStarted):
            run.conversation_id = event.conversation_id
            run.started = event
            self.reply_started.emit(event)
            return False
        if isinstance(event, ReplyEnded):
            self.reply_ended.emit(
                EndNotice(
                    event.conversation_id, event.assistant_message_id, event.status, event.reply
                )
            )
            return True
        started = run.started
        if started is None:  # the session yields ReplyStarted first: a bug in the event source
            log.error("ignoring %r: no reply has started", event)
            return False
        cid, mid = started.conversation_id, started.assistant_message_id
        match event:
            case ThinkingDelta():
                self.thinking.emit(Delta(cid, mid, event.text))
            case AnswerDelta():
                self.answer.emit(Delta(cid, mid, event.text))
            case Usage():
                self.usage.emit(UsageUpdate(cid, mid, event))
            case Retrying():
                self.retrying.emit(RetryNotice(cid, mid, event.attempt, event.delay, event.failure))
            case Finished():
                self.finished.emit(FinishNotice(cid, mid, event.finish_reason, event.request_id))
            case Failure():
                self.failed.emit(FailureNotice(cid, mid, event))
            case _:
                log.debug("ignoring unknown session event %r", event)
        return False

    def _on_done(self, run: _Run) -> None:
        self._runs.pop(run.ticket, None)
        self.turn_done.emit(TurnDone(run.ticket, run.conversation_id))
        self.busy_changed.emit(self.is_busy())


__all__ = [
    "ChatWorker",
    "Delta",
    "EndNotice",
    "FailureNotice",
    "FinishNotice",
    "RetryNotice",
    "TurnDone",
    "UsageUpdate",
]
