"""The qasync bridge: runs one ChatSession turn as an asyncio task and re-emits its events as Qt
signals.

The session does all the work (building turns, streaming, persisting); this module only runs the
turn, as the task ``turn`` of the window's :class:`~app.ui.common.tasks.TaskOwner` (named, kept
referenced, its crash logged), and ``stop()`` cancels it at once: cancelling the consuming task
closes the HTTP stream and makes the session mark the reply ``stopped`` with the text so far.
Because a cancelled generator cannot yield any more, the worker itself reports that ending
(``reply_ended`` with status ``stopped`` and no record: the session's ``last_reply`` has it).

Every payload is a frozen dataclass with the reply's conversation and message ids; deltas can
only come after ``ReplyStarted`` (the session yields it before sending the request), so an id
is never a placeholder.

One turn runs at a time. ``start()`` refuses a second one (returns False); the window disables
sending while ``busy`` is set, and says so. Every payload carries the conversation id so the
window can route a stream that keeps running in the background while another conversation is
shown.
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
class EndNotice:
    """The reply reached its final state (complete, stopped, failed); ``reply`` is its stored
    record when the session could say it (None after a stop or a crash)."""

    conversation_id: int
    message_id: int
    status: MessageStatus
    reply: Message | None = None


class ChatWorker(QObject):
    """Runs ChatSession turns on the asyncio loop (qasync) and turns their events into signals."""

    reply_started = Signal(ReplyStarted)
    thinking = Signal(Delta)
    answer = Signal(Delta)
    usage = Signal(UsageUpdate)
    retrying = Signal(RetryNotice)
    finished = Signal(FinishNotice)
    failed = Signal(FailureNotice)
    reply_ended = Signal(EndNotice)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, tasks: TaskOwner | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks if tasks is not None else TaskOwner()
        self._task: asyncio.Task[None] | None = None
        self._conversation_id: int | None = None
        self._started: ReplyStarted | None = None

    # -- public API ---------------------------------------------------------------------------

    def is_busy(self) -> bool:
        return self._task is not None and not self._task.done()

    @property
    def conversation_id(self) -> int | None:
        """The conversation of the running turn (None before its first message is saved)."""
        return self._conversation_id if self.is_busy() else None

    @property
    def message_id(self) -> int | None:
        """The assistant message being streamed, once known."""
        started = self._started
        return started.assistant_message_id if started is not None and self.is_busy() else None

    def start(self, events: AsyncIterator[object], conversation_id: int | None = None) -> bool:
        """Consume ``events`` (``ChatSession.send/regenerate/...``) in a named task.

        Returns False, consuming nothing, when a turn is already running.
        """
        if self.is_busy():
            return False
        self._conversation_id = conversation_id
        self._started = None
        self._task = self._tasks.start("turn", self._run(events))
        self._task.add_done_callback(self._on_done)
        self.busy_changed.emit(True)
        return True

    def stop(self) -> None:
        """Cancel the running turn now; the partial reply is kept and marked stopped."""
        if self.is_busy():
            assert self._task is not None
            self._task.cancel()

    async def shutdown(self, timeout: float = 10.0) -> None:
        """Stop the running turn and wait until the session has recorded it (window closing)."""
        task = self._task
        if task is None or task.done():
            return
        task.cancel()
        try:
            await asyncio.wait_for(asyncio.shield(task), timeout)
        except (asyncio.CancelledError, TimeoutError):
            pass
        except Exception:  # already reported through `failed`
            log.debug("turn task ended with an error during shutdown", exc_info=True)

    # -- the task -----------------------------------------------------------------------------

    async def _run(self, events: AsyncIterator[object]) -> None:
        ended = False
        try:
            async for event in events:
                ended = self._dispatch(event) or ended
        except asyncio.CancelledError:
            if not ended:
                self._end(MessageStatus.STOPPED)
            raise
        except Exception as exc:  # a bug or an environment fault (disk full): tell the user
            log.exception("chat turn crashed")
            # One route (core): a storage kind, or INTERNAL with the traceback in the log file.
            failure = await asyncio.to_thread(failure_for, exc)
            started = self._started
            self.failed.emit(
                FailureNotice(
                    started.conversation_id if started else self._conversation_id,
                    started.assistant_message_id if started else None,
                    failure,
                )
            )
            if not ended:
                self._end(MessageStatus.FAILED)

    def _end(self, status: MessageStatus) -> None:
        """Report the end of a reply the session could not report itself (stop, crash)."""
        started = self._started
        if started is not None:
            self.reply_ended.emit(
                EndNotice(started.conversation_id, started.assistant_message_id, status)
            )

    def _dispatch(self, event: object) -> bool:
        """Emit the signal for one session event; True when it was the reply's end."""
        if isinstance(event, ReplyStarted):
            self._conversation_id = event.conversation_id
            self._started = event
            self.reply_started.emit(event)
            return False
        if isinstance(event, ReplyEnded):
            self.reply_ended.emit(
                EndNotice(
                    event.conversation_id, event.assistant_message_id, event.status, event.reply
                )
            )
            return True
        started = self._started
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

    def _on_done(self, task: asyncio.Task[None]) -> None:
        if task is self._task:
            self._task = None
        self.busy_changed.emit(False)
