"""No full pass of Python's cycle collector while a reply streams.

CPython's collector now and then walks every object the process holds (a "generation 2"
pass). In the window that is some 50,000–100,000 objects — Qt wrappers, the parser's rule
chains, stored conversations — and a pass takes ~20 ms of CPU (measured: 18 ms at 52,000
objects in the streaming benchmark, 24 ms once the window's modules are loaded), all in one
turn of the event loop. A streamed answer allocates enough to set one off about once per long
reply, and it lands on top of a repaint: the longest stall of the stream (issue #9).

So while a reply streams, the objects that existed when it began are *frozen*
(:func:`gc.freeze`: moved aside, O(1)); the collector still frees the cycles the reply itself
makes, and a full pass only walks those. When the reply ends they are unfrozen
(:func:`gc.unfreeze`, O(1)) and the next full pass sees everything again, so nothing leaks
for longer than a reply. Several replies streaming at once: the first to end unfreezes (the
others may then meet a full pass, as before). A reply whose view goes away without an end
(its conversation closed mid-stream) cannot keep them frozen: with no repaint for
``IDLE_MS`` they are unfrozen all the same.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QCoreApplication, QTimer
from shiboken6 import isValid

__all__ = ["IDLE_MS", "is_frozen", "reply_ended", "reply_streams"]

#: With no streaming repaint for this long, what was frozen is unfrozen (see the module).
IDLE_MS = 5_000

_frozen = False
_last = 0.0
_watchdog: QTimer | None = None


def reply_streams() -> None:
    """A reply is streaming (called on each of its repaints): freeze what is there, once."""
    global _frozen, _last
    _last = time.monotonic()
    if not _frozen:
        gc.freeze()
        _frozen = True
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
    """The reply is over: the frozen objects are collectable again."""
    global _frozen
    if _frozen:
        gc.unfreeze()
        _frozen = False
    if _watchdog is not None and isValid(_watchdog):
        _watchdog.stop()


def is_frozen() -> bool:
    return _frozen
