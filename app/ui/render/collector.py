"""No full pass of Python's cycle collector while a reply streams.

CPython's collector now and then walks every object the process holds (a "generation 2"
pass). In the window that is some 50,000–100,000 objects — Qt wrappers, the parser's rule
chains, stored conversations — and a pass takes ~20 ms of CPU (measured: 18 ms at 52,000
objects in the streaming benchmark, 24 ms once the window's modules are loaded), all in one
turn of the event loop. A streamed answer allocates enough to set one off now and then, and it
lands on top of a repaint: the longest stall of the stream (issue #9).

So while a reply streams, the full pass's threshold is raised out of reach; the young
generations are still collected (the reply's own short-lived cycles are freed as before), and
when the reply ends the threshold is put back, so a full pass that was due runs after it. The
start-up freeze (``app.ui.app``: what exists at the first frame is never scanned) is left
alone: this touches only the threshold. Several replies streaming at once: the first to end
restores it. A reply whose view goes away without an end (its conversation closed mid-stream)
cannot keep the pass away: with no streaming repaint for ``IDLE_MS`` the threshold is restored
all the same.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QCoreApplication, QTimer
from shiboken6 import isValid

__all__ = ["IDLE_MS", "is_paused", "reply_ended", "reply_streams"]

#: With no streaming repaint for this long, the full pass may run again (see the module).
IDLE_MS = 5_000
#: The full pass's threshold while a reply streams: young collections it would take, never met.
OUT_OF_REACH = 1 << 30

_saved: int | None = None  # the full pass's own threshold while paused
_last = 0.0
_watchdog: QTimer | None = None


def reply_streams() -> None:
    """A reply is streaming (called on each of its repaints): no full pass until it ends."""
    global _saved, _last
    _last = time.monotonic()
    if _saved is None:
        young, middle, _saved = gc.get_threshold()
        gc.set_threshold(young, middle, OUT_OF_REACH)
        _watch()


def _watch() -> None:
    global _watchdog
    if _watchdog is None or not isValid(_watchdog):  # (none yet, or gone with an application)
        app = QCoreApplication.instance()
        if app is None:
            return
        _watchdog = QTimer(app)  # (goes with the application)
        _watchdog.timeout.connect(_check)
    _watchdog.start(IDLE_MS)


def _check() -> None:
    if time.monotonic() - _last >= IDLE_MS / 1000:
        reply_ended()


def reply_ended() -> None:
    """The reply is over: the full pass runs again when due."""
    global _saved
    if _saved is not None:
        young, middle, current = gc.get_threshold()
        if current == OUT_OF_REACH:  # (unless someone set thresholds of their own since)
            gc.set_threshold(young, middle, _saved)
        _saved = None
    if _watchdog is not None and isValid(_watchdog):
        _watchdog.stop()


def is_paused() -> bool:
    return _saved is not None
