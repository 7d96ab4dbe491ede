"""One owner for the window's asyncio tasks: named, kept referenced, cancelled when stale.

Why one owner: an unreferenced task may be garbage-collected mid-flight, an exception nobody
awaits vanishes into a "Task exception was never retrieved" at exit, and work the user has
moved on from (a conversation they clicked away from, a search they retyped, a stream they
stopped, a connection test they cancelled) must be *cancelled*, not left to run and have its
result ignored by a generation counter. So everything long-running that the window or a dialog
starts goes through a :class:`TaskOwner`:

* ``start(name, coro)`` runs ``coro`` as a task named ``<prefix>-<name>``, keeps a reference
  until it is done, and first cancels the running task of the same name (the latest wins: the
  shape of "open another conversation", "search again", "test again");
* ``running(name)`` / ``task(name)`` say whether that slot is busy (a caller that must never
  cancel — a settings writer — asks before starting);
* ``cancel(name)`` and ``cancel_all()`` cancel; ``join(timeout)`` waits for what is left,
  including tasks those start meanwhile (the window's shutdown: pending writes and the refreshes
  a stopped stream sets off finish before the history closes);
* ``close()`` ends the owner's life: from then on ``start`` runs nothing (the task it returns is
  cancelled before its first step), so no refresh fired by a late signal reads a closed history
  or touches deleted widgets;
* an exception that ends a task is logged with its traceback and handed to ``on_error`` (the
  window shows a notice); a cancellation is not an error.

Pure asyncio, no Qt: it runs on whatever loop is running (qasync in the app and the tests).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

ErrorHandler = Callable[[str, BaseException], None]


class TaskOwner:
    """Starts, names, keeps and cancels tasks; one running task per name."""

    def __init__(self, prefix: str = "seekdesk", on_error: ErrorHandler | None = None) -> None:
        self.prefix = prefix
        #: Called with (name, exception) when a task ends with an exception (after logging).
        self.on_error = on_error
        self._named: dict[str, asyncio.Task[Any]] = {}
        self._all: set[asyncio.Task[Any]] = set()
        self._closed = False
        #: How many starts ``close()`` refused (for tests and diagnostics).
        self.refused = 0

    def start(self, name: str, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        """Run ``coro`` as the task ``name``, cancelling the one running under that name.

        Once closed, ``coro`` never runs: the task returned is cancelled before its first step.
        """
        if self._closed:
            self.refused += 1
            log.debug("not starting %s-%s: the owner is closed", self.prefix, name)
            refused = asyncio.get_event_loop().create_task(coro, name=f"{self.prefix}-{name}")
            refused.cancel()
            return refused
        previous = self._named.get(name)
        if previous is not None and not previous.done():
            previous.cancel()
        task = asyncio.get_event_loop().create_task(coro, name=f"{self.prefix}-{name}")
        self._named[name] = task
        self._all.add(task)
        task.add_done_callback(lambda done: self._done(name, done))
        return task

    def task(self, name: str) -> asyncio.Task[Any] | None:
        """The running task of that name, if any."""
        task = self._named.get(name)
        return task if task is not None and not task.done() else None

    def running(self, name: str) -> bool:
        return self.task(name) is not None

    def names(self) -> list[str]:
        """The names with a running task (for tests and diagnostics)."""
        return sorted(name for name, task in self._named.items() if not task.done())

    def pending(self) -> list[asyncio.Task[Any]]:
        return [task for task in self._all if not task.done()]

    def cancel(self, name: str) -> bool:
        """Cancel the task ``name``; True if one was running."""
        task = self.task(name)
        if task is None:
            return False
        task.cancel()
        return True

    def cancel_all(self) -> None:
        for task in self.pending():
            task.cancel()

    def close(self) -> None:
        """Start nothing more (see the module's docstring); running tasks go on."""
        self._closed = True

    @property
    def closed(self) -> bool:
        return self._closed

    async def join(self, timeout: float | None = None) -> None:
        """Wait until no task is left, those started while waiting included (at most
        ``timeout`` seconds in all)."""
        loop = asyncio.get_event_loop()
        deadline = None if timeout is None else loop.time() + timeout
        while pending := self.pending():
            left = None if deadline is None else deadline - loop.time()
            if left is not None and left <= 0:
                return
            await asyncio.wait(pending, timeout=left)

    def _done(self, name: str, task: asyncio.Task[Any]) -> None:
        self._all.discard(task)
        if self._named.get(name) is task:
            del self._named[name]
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None:
            return
        log.error("background task %s failed", task.get_name(), exc_info=exc)
        if self.on_error is not None:
            self.on_error(name, exc)


__all__ = ["ErrorHandler", "TaskOwner"]
