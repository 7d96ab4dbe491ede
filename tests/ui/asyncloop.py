"""asyncio on Qt's event loop (qasync) for the window tests — see tests/ui/conftest.py for the idea.

Same pattern as ``conftest.qasync_loop`` (a ``qasync.QEventLoop(app, already_running=True)`` that
counts as the running loop while pytest-qt spins Qt), with one difference that matters when many
GUI tests share a process: teardown must not call ``loop.stop()``. qasync's ``stop()`` calls
``QApplication.exit()``, and with no ``exec()`` running that leaves Qt's per-thread ``quitNow``
flag set, so every later ``QEventLoop.exec()`` — which ``qtbot.waitSignal`` and
``qtbot.waitUntil`` use — returns at once and later tests time out. Here the running flag is
cleared directly instead, and setup repairs the flag if an earlier test left it set. It also
installs the async-generator hooks qasync forgets (see ``app.ui.app.install_asyncgen_hooks``)
and shuts abandoned generators down before closing, as ``asyncio.run`` does.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")


def _repair_quit_flag(qapp: Any) -> None:
    """One trip through ``exec()`` resets Qt's ``quitNow`` (set by an earlier ``exit()``)."""
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, qapp.quit)
    qapp.exec()


#: Closed loops, kept alive on purpose (see ``_bury``).
_GRAVEYARD: list[asyncio.AbstractEventLoop] = []


def _bury(loop: asyncio.AbstractEventLoop) -> None:
    """Kill the closed loop's Qt timers here, on the main thread, and keep the loop referenced.

    qasync schedules every ``call_later`` as a Qt timer on a helper QObject and only kills a
    timer when it fires, so a cancelled handle (an httpx timeout, a flush interval) leaves a
    registered timer behind. If the garbage collector then frees the loop from another thread
    (a QThreadExecutor worker, the fake server's thread), Qt cannot unregister those timers and
    later dispatches one to freed memory: a segfault in ``QTimerInfoList::activateTimers`` many
    tests later. Killing them now and never letting the loop be collected avoids both.
    """
    timer = getattr(loop, "_timer", None)
    callbacks = getattr(timer, "_SimpleTimer__callbacks", None)
    if timer is not None and isinstance(callbacks, dict):
        for timer_id in list(callbacks):
            timer.killTimer(timer_id)
        callbacks.clear()
    _GRAVEYARD.append(loop)


def running_loop(qapp: Any) -> Iterator[asyncio.AbstractEventLoop]:
    import qasync
    from PySide6.QtCore import QDeadlineTimer, QEventLoop

    from app.ui.app import install_asyncgen_hooks

    _repair_quit_flag(qapp)
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    old_hooks = install_asyncgen_hooks(loop)  # as app.run() does (qasync does not)
    try:
        yield loop
    finally:
        pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
        for task in pending:
            task.cancel()
        deadline = QDeadlineTimer(20_000)
        while any(not task.done() for task in pending) and not deadline.hasExpired():
            qapp.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        qapp.processEvents()
        # What asyncio.run() does last: close async generators left suspended (httpx stream
        # iterators abandoned at the end of a reply), so the GC never finalises them later.
        closing = loop.create_task(loop.shutdown_asyncgens())
        while not closing.done() and not deadline.hasExpired():
            qapp.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        loop._QEventLoop__is_running = False  # type: ignore[attr-defined]  (not stop(): above)
        asyncio.events._set_running_loop(None)
        with contextlib.suppress(RuntimeError, TypeError):
            qapp.aboutToQuit.disconnect(loop._after_run_forever)  # type: ignore[attr-defined]
        loop.close()
        _bury(loop)
        sys.set_asyncgen_hooks(*old_hooks)
        asyncio.set_event_loop(None)
        stuck = [task for task in pending if not task.done()]
        assert not stuck, f"asyncio tasks did not finish after cancellation: {stuck}"


def runner(qtbot: Any, loop: asyncio.AbstractEventLoop) -> Callable[..., Any]:
    """``run(awaitable, timeout=30.0)``: run it on the qasync loop and return its result."""

    def run(awaitable: Awaitable[T], timeout: float = 30.0) -> T:
        task = asyncio.ensure_future(awaitable, loop=loop)
        qtbot.waitUntil(task.done, timeout=int(timeout * 1000))
        return task.result()

    return run
