"""Another program holds the history's write lock (a big ``seekdesk history import`` runs in
one transaction for many seconds) while the window streams, and the user presses Esc.

The window must stay responsive meanwhile: its history work happens off the UI thread. Today
the stop writes the stopped reply synchronously on the UI thread (``ChatSession._run``'s
CancelledError path), behind a flush waiting on the lock: the window freezes until the other
program lets go (up to the 15 s busy timeout).
"""

from __future__ import annotations

import sqlite3
import threading

from PySide6.QtCore import Qt, QTimer

from tests import fakeserver as fs
from tests.ui.window.test_parallel_streams import settled, start_streaming
from tests.ui.windowkit import WAIT_MS

HELD_S = 3.0


def test_esc_while_another_program_holds_the_history_does_not_freeze_the_window(
    qtbot, window, fake
):
    fake.enqueue(fs.slow("", "word " * 5000, delay=0.005, chunk_size=6))
    start_streaming(qtbot, window, "Count for a long while")
    other = sqlite3.connect(window.store.path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN EXCLUSIVE")  # the import's transaction
    released = threading.Event()

    def release() -> None:
        other.execute("ROLLBACK")
        other.close()
        released.set()

    threading.Timer(HELD_S, release).start()
    ticks: list[bool] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(released.is_set()))
    timer.start(50)
    qtbot.wait(1500)  # a flush is now waiting on the lock
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Escape)  # stops: the stopped write waits
    qtbot.waitUntil(released.is_set, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)
    timer.stop()
    # Ticks of the event loop while the lock was held: ~HELD_S / 0.05 if it never froze.
    while_held = ticks.count(False)
    assert while_held >= 0.8 * HELD_S / 0.05, while_held
