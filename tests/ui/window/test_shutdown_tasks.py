"""Closing the window while a reply streams: what the stopped stream sets off (the usage total,
the branch switchers, the sidebar) finishes before the history closes, and nothing starts after.

Before, the refreshes a stopped stream started during shutdown ran after the history had
closed: "background task failed … Cannot operate on a closed database" at every such close.
"""

from __future__ import annotations

import logging

from tests import fakeserver as fs
from tests.ui.window.test_parallel_streams import start_streaming
from tests.ui.windowkit import type_and_enter, wait_reply_done

LONG = "".join(f"word{i} " for i in range(3000))


def failures(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "background task" in r.getMessage()]


def test_closing_while_streaming_finishes_the_background_work_before_the_history_closes(
    qtbot, window, fake, run_async, caplog
):
    caplog.set_level(logging.ERROR)
    fake.enqueue(fs.slow("", LONG, delay=0.003, chunk_size=6))
    start_streaming(qtbot, window, "Count for a while")
    window.close()
    run_async(window.shutdown())
    assert window.tasks.pending() == []
    assert failures(caplog) == []


def test_after_shutdown_a_late_refresh_starts_nothing(qtbot, window, fake, run_async, caplog):
    caplog.set_level(logging.ERROR)
    fake.enqueue(fs.answer_only("Done."))
    type_and_enter(qtbot, window, "a short question")
    wait_reply_done(qtbot, window)
    window.close()
    run_async(window.shutdown())
    # As the branch switchers' settle timer and a late usage signal would, after the close:
    window.branch_room.refresh_positions()
    window.usage.refresh()
    qtbot.wait(200)
    assert failures(caplog) == []  # neither read the closed history
    assert window.tasks.pending() == []
