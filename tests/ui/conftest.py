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
* run_forever() would install the loop's async-generator hooks; already_running mode does not,
  so the fixture installs them (as ``app.ui.app.run`` does): an httpx stream abandoned
  mid-iteration is then closed on the loop instead of by the garbage collector with no loop
  ("RuntimeError: no running event loop", "async generator ignored GeneratorExit").
* Teardown cancels every task still pending, lets them unwind (so httpx connections close),
  runs ``shutdown_asyncgens()``, clears the running loop and closes it; the next test gets a
  fresh loop. It must NOT call ``loop.stop()``: in already_running mode that calls
  ``QApplication.exit()``, which sets Qt's per-thread "quit now" flag, and every later
  ``QEventLoop.exec()`` (every ``qtbot.waitSignal`` of every later test) returns at once.

The implementation lives in ``tests/ui/asyncloop.py`` (also used by ``windowkit``), so there is
one copy of these details; these fixtures are the entry points for tests.

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
from collections.abc import Callable, Iterator
from typing import Any

import pytest


@pytest.fixture
def qasync_loop(qapp) -> Iterator[asyncio.AbstractEventLoop]:
    """A qasync loop that counts as running for the whole test (see the module docstring)."""
    from tests.ui.asyncloop import running_loop

    yield from running_loop(qapp)


@pytest.fixture
def run_async(qtbot, qasync_loop) -> Callable[..., Any]:
    """``run_async(awaitable, timeout=30.0)``: run it on the qasync loop, return its result."""
    from tests.ui.asyncloop import runner

    return runner(qtbot, qasync_loop)


@pytest.fixture
def fake(monkeypatch):
    """The fake Model Studio server, with the window's environment pointed at it
    (SEEKDESK_BASE_URL and a DASHSCOPE_API_KEY). A module may override it."""
    from tests.ui import windowkit

    yield from windowkit.server(monkeypatch)


@pytest.fixture
def window(qtbot, qasync_loop, run_async, fake):
    """A real MainWindow, shown and started, with its history open; shut down afterwards."""
    from tests.ui import windowkit

    yield from windowkit.open_window(qtbot, run_async)
