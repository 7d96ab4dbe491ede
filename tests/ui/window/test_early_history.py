"""The history opens while the window is still being imported (``app.ui.app.start_window``
hands the window an opening started on a thread of its own, ``history_door.open_early``).

Done by the time the window starts, the history is there at once and the sidebar is listed
before the first frame is painted: the user never sees "Opening history…" and then the list.
Not done yet, the window waits for it as it always did; failed, it explains as it always did.
"""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QMessageBox

from app.core.history import HistoryError, HistoryStore
from app.ui.window.history_door import open_early
from tests.ui import windowkit
from tests.ui.windowkit import WAIT_MS


def seed(titles: list[str]) -> list[int]:
    with HistoryStore.open() as store:
        return [store.create_conversation(t, "deepseek-v4-pro", "cn-beijing", "openai").id
                for t in titles]  # fmt: skip


def test_an_opening_done_before_the_window_starts_lists_before_the_first_frame(
    qtbot, qasync_loop, run_async
):
    ids = seed(["Maples", "Oaks", "Birches"])
    early = open_early(HistoryStore.open)
    early.result(timeout=30)  # (as it is by the time the window's modules are imported)
    session = windowkit.open_window(qtbot, run_async, ready=False, early=early)
    window = next(session)  # shown and started; no event handled since
    assert window.is_ready()
    assert window.sidebar.conversation_ids() == ids[::-1]  # newest first, in the first frame
    assert not window.sidebar.empty_label.isVisible()
    next(session, None)


def test_an_opening_still_under_way_is_waited_for(qtbot, qasync_loop, run_async):
    ids = seed(["Tulips"])
    gate = threading.Event()

    def slow_open() -> HistoryStore:
        gate.wait(30)
        return HistoryStore.open()

    early = open_early(slow_open)
    session = windowkit.open_window(qtbot, run_async, ready=False, early=early)
    window = next(session)
    assert not window.is_ready()
    gate.set()
    qtbot.waitUntil(lambda: window.sidebar.conversation_ids() == ids, timeout=WAIT_MS)
    next(session, None)


def test_an_opening_that_failed_is_explained(qtbot, qasync_loop, run_async):
    def broken() -> HistoryStore:
        raise HistoryError("Cannot open the history at /x: disk I/O error")

    early = open_early(broken)
    session = windowkit.open_window(qtbot, run_async, ready=False, early=early)
    window = next(session)

    def box() -> QMessageBox | None:
        found = window.findChild(QMessageBox, "cannotStartBox")
        return found if found is not None and found.isVisible() else None

    qtbot.waitUntil(lambda: box() is not None, timeout=WAIT_MS)
    assert "disk I/O error" in box().text()
    box().reject()
    assert window.exit_status == 1
    next(session, None)
