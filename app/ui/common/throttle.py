"""Coalesce bursts of calls into at most one call per interval (after qutebrowser's Throttle).

A streaming answer arrives in many small pieces, often hundreds per second. Repainting on every
piece would spend the UI thread on layout instead of on the user, so the chat view accumulates
text in buffers and repaints through a :class:`Throttle`:

* the first call runs at once (the first token shows up without delay);
* later calls within ``interval_ms`` of the last run collapse into a single pending call, which
  runs when the interval has passed (so the screen keeps up at ≤ 60 repaints a second);
* :meth:`Throttle.flush` runs a pending call right now — used at the end of a reply so the last
  piece is never left waiting — and :meth:`Throttle.cancel` drops it.

The wrapped callable takes no arguments on purpose: the callback renders *what has arrived*,
read from the buffers, so there is nothing to keep from the collapsed calls.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

#: At most ~59 repaints per second (1000 / 17), the pace of a common 60 Hz screen.
DEFAULT_INTERVAL_MS = 17


class Throttle(QObject):
    """Call ``func`` at most once per ``interval_ms``; the first call runs immediately."""

    def __init__(
        self,
        func: Callable[[], object],
        interval_ms: int = DEFAULT_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if interval_ms < 0:
            raise ValueError("interval_ms must not be negative")
        self._func = func
        self._interval_ms = interval_ms
        self._last_run: float | None = None  # time.monotonic() of the last run
        self._pending = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._run_pending)
        #: How many times ``func`` actually ran (for tests and benchmarks).
        self.runs = 0

    @property
    def interval_ms(self) -> int:
        return self._interval_ms

    def is_pending(self) -> bool:
        """Whether a collapsed call is waiting for its turn."""
        return self._pending

    def __call__(self) -> None:
        if self._pending:
            return  # already scheduled: this call collapses into it
        now = time.monotonic()
        elapsed_ms = None if self._last_run is None else (now - self._last_run) * 1000.0
        if elapsed_ms is None or elapsed_ms >= self._interval_ms:
            self._run()
            return
        self._pending = True
        self._timer.start(max(0, int(self._interval_ms - elapsed_ms)))

    def flush(self) -> None:
        """Run the pending call now, if there is one (the end of a reply)."""
        if self._pending:
            self._timer.stop()
            self._run()

    def cancel(self) -> None:
        """Forget the pending call, if any (the widget it would paint is going away)."""
        self._timer.stop()
        self._pending = False

    def _run_pending(self) -> None:
        if self._pending:
            self._run()

    def _run(self) -> None:
        self._pending = False
        self._last_run = time.monotonic()
        self.runs += 1
        self._func()
