"""GUI test fixtures: asyncio on Qt's event loop (qasync) under pytest-qt.

How to test code that starts asyncio tasks from Qt slots
--------------------------------------------------------
pytest-qt has no asyncio support of its own (pytest-dev/pytest-qt#448: "probably best for a
separate plugin"), and pytest-asyncio would run a *second*, non-Qt loop. The pattern used here:

* ``qasync_loop`` creates a ``qasync.QEventLoop(qapp, already_running=True)``. In that mode
  qasync marks the loop as the running asyncio loop of the thread *without* entering
  ``app.exec()``. Its callbacks, timers and socket notifiers are plain Qt timers and
  QSocketNotifiers, so they run whenever anything spins Qt's event loop.
* Tests therefore stay ordinary synchronous pytest-qt tests: click with ``qtbot``, then wait
  with ``qtbot.waitSignal(...)`` / ``qtbot.waitUntil(...)``; while pytest-qt spins Qt, asyncio
  tasks (httpx streams, sleeps, the code under test) make progress. No ``async def`` tests, no
  ``run_until_complete`` re-entrancy problems, no sleeps.
* To await a coroutine directly, use ``run_async(coro, timeout=...)``: it schedules a task and
  waits with ``qtbot.waitUntil`` until it is done, then returns its result (or raises).
* Teardown cancels every task still pending, lets them unwind (so httpx connections close),
  clears the running loop and closes it; the next test gets a fresh loop.

Usage::

    def test_something(qtbot, qasync_loop, run_async):
        widget.start()                                  # creates asyncio tasks from a slot
        with qtbot.waitSignal(widget.done, timeout=30_000):
            pass
        assert run_async(some_coroutine()) == 42

Generous timeouts (tens of seconds) keep the tests robust on a loaded machine; they cost
nothing when things work, because the waits return as soon as the condition holds.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, TypeVar

import pytest

T = TypeVar("T")


@pytest.fixture
def qasync_loop(qapp) -> Iterator[asyncio.AbstractEventLoop]:
    """A qasync loop that counts as running for the whole test (see the module docstring)."""
    import qasync

    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    # run_forever() would install the loop's async-generator hooks; already_running mode does
    # not, and an async generator abandoned mid-iteration would then be finalized with no
    # running loop ("RuntimeError: no running event loop" from httpx's cleanup).
    previous_hooks = sys.get_asyncgen_hooks()
    sys.set_asyncgen_hooks(
        firstiter=loop._asyncgen_firstiter_hook,  # type: ignore[attr-defined]
        finalizer=loop._asyncgen_finalizer_hook,  # type: ignore[attr-defined]
    )
    try:
        yield loop
    finally:
        try:
            _shutdown(qapp, loop)
        finally:
            sys.set_asyncgen_hooks(*previous_hooks)


def _shutdown(qapp: Any, loop: asyncio.AbstractEventLoop) -> None:
    from PySide6.QtCore import QDeadlineTimer, QEventLoop

    pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
    for task in pending:
        task.cancel()
    pending.append(loop.create_task(loop.shutdown_asyncgens()))
    deadline = QDeadlineTimer(20_000)
    while any(not task.done() for task in pending) and not deadline.hasExpired():
        qapp.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    # Let finished tasks' done-callbacks and transport closes run once more.
    qapp.processEvents()
    # Not loop.stop(): in already_running mode it calls QApplication.exit(), which sets Qt's
    # thread-wide "quit now" flag, and every later QEventLoop.exec() (so every qtbot.waitSignal
    # of every later test) would return at once. Clear qasync's running flag directly instead.
    loop._QEventLoop__is_running = False  # type: ignore[attr-defined]
    asyncio.events._set_running_loop(None)
    with contextlib.suppress(RuntimeError, TypeError):
        qapp.aboutToQuit.disconnect(loop._after_run_forever)
    loop.close()
    asyncio.set_event_loop(None)
    stuck = [task for task in pending if not task.done()]
    assert not stuck, f"asyncio tasks did not finish after cancellation: {stuck}"


@pytest.fixture
def run_async(qtbot, qasync_loop) -> Callable[..., Any]:
    """``run_async(awaitable, timeout=30.0)``: run it on the qasync loop, return its result."""

    def run(awaitable: Awaitable[T], timeout: float = 30.0) -> T:
        task = asyncio.ensure_future(awaitable, loop=qasync_loop)
        qtbot.waitUntil(task.done, timeout=int(timeout * 1000))
        return task.result()

    return run
