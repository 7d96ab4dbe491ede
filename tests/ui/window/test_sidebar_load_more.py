"""The sidebar lists every conversation: a user with years of them scrolls down and older ones
keep coming as they reach the end, down to the very first one, not only the newest 500; and a
conversation whose stored values were damaged is listed (marked), never breaking the list."""

from __future__ import annotations

from app.core.history import HistoryStore
from app.ui.window.conversations import CONVERSATION_LIMIT
from tests.ui import windowkit
from tests.ui.windowkit import WAIT_MS

TOTAL = 2 * CONVERSATION_LIMIT + 37


def test_scrolling_to_the_end_of_the_sidebar_reaches_the_oldest_conversation(
    qtbot, qasync_loop, run_async, fake
):
    with HistoryStore.open() as store, store.transaction() as db:
        db.executemany(
            "INSERT INTO conversations (uid, title, model, region, api, created_at, updated_at) "
            "VALUES (?, ?, 'deepseek-v4-pro', 'cn-beijing', 'openai', ?, ?)",
            [(f"u{i}", f"Conversation {i}", 1.7e9 + i, 1.7e9 + i) for i in range(TOTAL)],
        )
    gen = windowkit.open_window(qtbot, run_async)
    window = next(gen)
    try:
        sidebar = window.sidebar
        qtbot.waitUntil(lambda: sidebar.list.count() == CONVERSATION_LIMIT, timeout=WAIT_MS)
        assert sidebar.list.item(0).text() == f"Conversation {TOTAL - 1}"  # newest first
        for expected in (2 * CONVERSATION_LIMIT, TOTAL):
            sidebar.list.scrollToBottom()
            qtbot.waitUntil(lambda n=expected: sidebar.list.count() == n, timeout=WAIT_MS)
        assert sidebar.list.item(TOTAL - 1).text() == "Conversation 0"
        # The user's place in the list is kept while it grows.
        assert sidebar.list.verticalScrollBar().value() > 0
    finally:
        next(gen, None)


def test_a_damaged_conversation_is_listed_with_a_mark(qtbot, qasync_loop, run_async, fake):
    with HistoryStore.open() as store:
        conv = store.create_conversation("Hand-edited", "deepseek-v4-pro", "cn-beijing", "openai")
        with store.transaction() as db:
            db.execute("UPDATE conversations SET updated_at = 'tuesday' WHERE id = ?", (conv.id,))
    gen = windowkit.open_window(qtbot, run_async)
    window = next(gen)
    try:
        qtbot.waitUntil(lambda: window.sidebar.list.count() == 1, timeout=WAIT_MS)
        item = window.sidebar.list.item(0)
        assert item.text() == "Hand-edited"
        assert "shown repaired" in item.toolTip()
    finally:
        next(gen, None)
