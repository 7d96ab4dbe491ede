"""When a formula is typeset: at once while that is cheap, else on a worker thread.

Typesetting costs a few milliseconds a formula (up to ~100 ms for the largest the guards let
through). A streaming reply closes one formula now and then, and typesetting it at once keeps
the answer whole. But a stored answer opened whole may hold hundreds (200 formulas: ~2 s):
typeset on the window's thread, that is a frozen window. So the caller's thread typesets while
it has spent under :data:`SYNC_BUDGET_S` on it in the last :data:`WINDOW_S`, and the worker
is idle; past that, formulas queue for one worker thread and the caller is told when each is
ready (the view shows a blank of about the right size until then).

Pure Python: the Qt side (:mod:`.math_images`) turns "ready" into a repaint.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from queue import SimpleQueue

from app.ui.render import math_tex
from app.ui.render.math_tex import Formula, MathError

__all__ = ["SYNC_BUDGET_S", "WINDOW_S", "pending", "typeset_soon"]

#: Typesetting the caller's thread may do per :data:`WINDOW_S` before the rest waits.
SYNC_BUDGET_S = 0.025
WINDOW_S = 0.1
#: The GIL's switch interval while the worker has formulas (see _work).
WORKER_SWITCH_S = 0.001

_lock = threading.Lock()
_waiting: dict[tuple[str, bool], list[Callable[[], None]]] = {}
_spent: deque[tuple[float, float]] = deque()  # (when a sync typeset ended, seconds it took)
_queue: SimpleQueue[tuple[str, bool]] = SimpleQueue()
_thread: threading.Thread | None = None


def typeset_soon(
    tex: str, display: bool, when_ready: Callable[[], None]
) -> Formula | MathError | None:
    """The formula typeset now (cached, or cheap enough), or None: it is queued, and
    ``when_ready`` is called (on the worker thread) once :func:`math_tex.cached` has it."""
    result = math_tex.cached(tex, display)
    if result is not None:
        return result
    key = (tex.strip(), display)
    with _lock:
        if key in _waiting:
            _waiting[key].append(when_ready)
            return None
        now = time.perf_counter()
        while _spent and _spent[0][0] < now - WINDOW_S:
            _spent.popleft()
        if _waiting or sum(spent for _, spent in _spent) >= SYNC_BUDGET_S:
            _waiting[key] = [when_ready]
            _start_worker()
            _queue.put(key)
            return None
    start = time.perf_counter()
    result = math_tex.typeset(tex, display)
    end = time.perf_counter()
    with _lock:
        _spent.append((end, end - start))
    return result


def pending() -> int:
    """Formulas queued for the worker (0 once every one asked for is typeset)."""
    with _lock:
        return len(_waiting)


def _start_worker() -> None:
    """One daemon thread (called with ``_lock`` held): quitting never waits for its queue."""
    global _thread
    if _thread is None:
        _thread = threading.Thread(target=_work, name="seekdesk-math", daemon=True)
        _thread.start()


def _work() -> None:
    """The worker's loop. While it has formulas, Python hands the GIL over every
    :data:`WORKER_SWITCH_S` instead of every 5 ms: each call the window's thread makes into Qt
    gives the GIL away and waits that long to get it back (measured, opening 200 formulas:
    the longest event-loop wait 200 ms at 5 ms, 90 ms at 1 ms)."""
    default = sys.getswitchinterval()
    while True:
        key = _queue.get()
        sys.setswitchinterval(min(default, WORKER_SWITCH_S))
        try:
            math_tex.typeset(*key)
        finally:
            with _lock:
                callbacks = _waiting.pop(key, [])
            for callback in callbacks:
                try:
                    callback()
                except Exception:  # one view's bug must not stop the worker
                    continue
        if _queue.empty():
            sys.setswitchinterval(default)
