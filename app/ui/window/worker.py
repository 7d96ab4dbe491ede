"""The qasync bridge: runs one ChatSession turn as an asyncio task and re-emits its events as Qt
signals.

The session does all the work (building turns, streaming, persisting); this module only owns the
task. The task is named and kept referenced (an unreferenced task can be garbage-collected
mid-stream), and ``stop()`` cancels it at once: cancelling the consuming task closes the HTTP
stream and makes the session mark the reply ``stopped`` with the text so far. Because a cancelled
generator cannot yield any more, the worker itself reports that ending (``reply_ended`` with
status ``stopped``).

One turn runs at a time. ``start()`` refuses a second one (returns False); the window disables
sending while ``busy`` is set, and says so. Every payload carries the conversation id so the
window can route a stream that keeps running in the background while another conversation is
shown.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from app.core.errors import Failure, failure_for
from app.core.events import AnswerDelta, Finished, Retrying, ThinkingDelta, Usage
from app.core.history import MessageStatus
from app.core.session import ReplyEnded, ReplyStarted

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
    """The reply reached its final state (complete, stopped, failed)."""

    conversation_id: int
    message_id: int
    status: MessageStatus


class ChatWorker(QObject):
    """Runs ChatSession turns on the asyncio loop (qasync) and turns their events into signals."""

    reply_started = Signal(object)  # ReplyStarted
    thinking = Signal(object)  # Delta
    answer = Signal(object)  # Delta
    usage = Signal(object)  # UsageUpdate
    retrying = Signal(object)  # RetryNotice
    finished = Signal(object)  # FinishNotice
    failed = Signal(object)  # FailureNotice
    reply_ended = Signal(object)  # EndNotice
    busy_changed = Signal(bool)

    _counter = itertools.count(1)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._task: asyncio.Task[None] | None = None
        self._conversation_id: int | None = None
        self._message_id: int | None = None

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
        return self._message_id if self.is_busy() else None

    def start(self, events: AsyncIterator[object], conversation_id: int | None = None) -> bool:
        """Consume ``events`` (``ChatSession.send/regenerate/...``) in a named task.

        Returns False, consuming nothing, when a turn is already running.
        """
        if self.is_busy():
            return False
        self._conversation_id = conversation_id
        self._message_id = None
        name = f"seekdesk-turn-{next(self._counter)}"
        self._task = asyncio.get_event_loop().create_task(self._run(events), name=name)
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
            if self._message_id is not None and not ended:
                self.reply_ended.emit(
                    EndNotice(self._cid(), self._message_id, MessageStatus.STOPPED)
                )
            raise
        except Exception as exc:  # a bug or an environment fault (disk full): tell the user
            log.exception("chat turn crashed")
            # One route (core): a storage kind, or INTERNAL with the traceback in the log file.
            failure = await asyncio.to_thread(failure_for, exc)
            self.failed.emit(FailureNotice(self._conversation_id, self._message_id, failure))
            if self._message_id is not None and not ended:
                self.reply_ended.emit(
                    EndNotice(self._cid(), self._message_id, MessageStatus.FAILED)
                )

    def _cid(self) -> int:
        return self._conversation_id if self._conversation_id is not None else -1

    def _dispatch(self, event: object) -> bool:
        """Emit the signal for one session event; True when it was the reply's end."""
        mid = self._message_id if self._message_id is not None else -1
        match event:
            case ReplyStarted():
                self._conversation_id = event.conversation_id
                self._message_id = event.assistant_message_id
                self.reply_started.emit(event)
            case ThinkingDelta():
                self.thinking.emit(Delta(self._cid(), mid, event.text))
            case AnswerDelta():
                self.answer.emit(Delta(self._cid(), mid, event.text))
            case Usage():
                self.usage.emit(UsageUpdate(self._cid(), mid, event))
            case Retrying():
                self.retrying.emit(
                    RetryNotice(self._cid(), mid, event.attempt, event.delay, event.failure)
                )
            case Finished():
                self.finished.emit(
                    FinishNotice(self._cid(), mid, event.finish_reason, event.request_id)
                )
            case Failure():
                self.failed.emit(FailureNotice(self._conversation_id, self._message_id, event))
            case ReplyEnded():
                self.reply_ended.emit(
                    EndNotice(self._cid(), event.assistant_message_id, event.status)
                )
                return True
            case _:
                log.debug("ignoring unknown session event %r", event)
        return False

    def _on_done(self, task: asyncio.Task[None]) -> None:
        if task is self._task:
            self._task = None
        self.busy_changed.emit(False)
