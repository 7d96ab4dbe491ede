"""A user with hundreds of conversations starts SeekDesk: the window paints its sidebar with the
newest few screens of them first (making each row costs start-up time), then lists the rest up to
the usual page without remaking the rows already on screen, the date groups running on across
the seam as if listed at once."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt

from app.core.history import HistoryStore
from app.ui.window.conversations import CONVERSATION_LIMIT, FIRST_PAGE
from app.ui.window.date_groups import HEADER_ROLE
from tests.ui import windowkit
from tests.ui.windowkit import WAIT_MS

TOTAL = CONVERSATION_LIMIT + 200
SEEN = Qt.ItemDataRole.UserRole + 99


class FirstPaint(QObject):
    """Notes how many rows the list had when it first painted some."""

    def __init__(self, window) -> None:
        super().__init__()
        self.list = window.sidebar.list
        self.rows: int | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.rows is None and self.list.count():
            self.rows = self.list.count()
        return False


def test_the_sidebar_paints_its_first_screens_then_lists_the_rest_below_them(
    qtbot, qasync_loop, run_async, fake
):
    now = time.time()
    with HistoryStore.open() as store, store.transaction() as db:
        db.executemany(
            "INSERT INTO conversations (uid, title, model, region, api, created_at, updated_at) "
            "VALUES (?, ?, 'deepseek-v4-pro', 'cn-beijing', 'openai', ?, ?)",
            [(f"u{i}", f"Chat {i}", now - i * 6 * 3600, now - i * 6 * 3600) for i in range(TOTAL)],
        )
    gen = windowkit.open_window(qtbot, run_async, ready=False)
    window = next(gen)
    try:
        listing = window.sidebar.list
        first = FirstPaint(window)
        listing.viewport().installEventFilter(first)
        qtbot.waitUntil(lambda: first.rows is not None, timeout=WAIT_MS)
        assert first.rows == FIRST_PAGE < CONVERSATION_LIMIT  # a few screens, not a full page
        listing.item(0).setData(SEEN, True)

        qtbot.waitUntil(lambda: listing.count() == CONVERSATION_LIMIT, timeout=WAIT_MS)
        assert listing.item(0).data(SEEN)  # the first rows stayed: the rest were added
        titles = [listing.item(n).text() for n in range(listing.count())]
        assert titles == [f"Chat {i}" for i in range(CONVERSATION_LIMIT)]  # newest first
        headers = [listing.item(n).data(HEADER_ROLE) for n in range(listing.count())]
        shown = [header for header in headers if header]
        assert len(shown) >= 3 and len(shown) == len(set(shown))  # no group begun twice
        # Scrolling to the end still brings the older ones.
        listing.scrollToBottom()
        qtbot.waitUntil(lambda: listing.count() == TOTAL, timeout=WAIT_MS)
        assert listing.item(0).data(SEEN)
    finally:
        listing.viewport().removeEventFilter(first)
        next(gen, None)
