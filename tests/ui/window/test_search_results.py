"""Search that finds and takes you there: one entry per conversation with its best snippets and
the count of further hits, Enter opens the first result at its hit (highlighted), Esc clears,
F3 / Shift+F3 step through the hits of the conversation on screen."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.core.history import HistoryStore, MessageStatus, SearchHit
from app.ui.chat.message_widgets import AssistantMessageWidget, UserMessageWidget
from app.ui.window.search_results import group_hits
from tests.ui.windowkit import WAIT_MS


def seed(conversations: list[tuple[str, list[tuple[str, str]]]]) -> list[int]:
    ids = []
    with HistoryStore.open() as store:
        for title, pairs in conversations:
            conv = store.create_conversation(title, "deepseek-v4-pro", "cn-beijing", "openai")
            for prompt, answer in pairs:
                store.add_user_message(conv.id, prompt)
                reply = store.start_assistant_message(conv.id, model="deepseek-v4-pro")
                store.finish_message(reply.id, MessageStatus.COMPLETE, text=answer, thinking="")
            ids.append(conv.id)
    return ids


def search(qtbot, window, query: str, entries: int) -> None:
    window.focus_search()
    window.sidebar.search_box.setText(query)
    qtbot.waitUntil(lambda: len(window.sidebar.conversation_ids()) == entries, timeout=WAIT_MS)


def test_hits_are_grouped_best_first_with_a_count_of_the_rest():
    def hit(cid, mid, rank):
        return SearchHit(cid, mid, f"T{cid}", f"s{mid}", rank, "user", 1_700_000_000.0)

    groups = group_hits([hit(1, 10, 3.0), hit(2, 20, 1.0), hit(1, 11, 2.0), hit(1, 9, 5.0)])
    assert [g.conversation_id for g in groups] == [2, 1]
    one = groups[1]
    assert [h.message_id for h in one.best] == [11, 10] and one.more == 1
    assert one.in_order == [9, 10, 11] and one.first_message == 11


def test_one_entry_per_conversation_and_enter_opens_the_first_at_its_hit(qtbot, window):
    many = [(f"Question {n} on maples", f"Answer {n}: maples turn red.") for n in range(40)]
    busy, other = seed([("Trees", many), ("Garden", [("Any maples here?", "One maple.")])])
    window.conversations.refresh()
    search(qtbot, window, "maples", 2)
    assert sorted(window.sidebar.conversation_ids()) == sorted([busy, other])
    text = window.sidebar.item_text(busy)
    assert text.count("<b>maples</b>") == 2  # the best two snippets, match marked
    assert "more matches" in text

    first = window.sidebar.conversation_ids()[0]
    qtbot.keyClick(window.sidebar.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_id == first, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.steps.at is not None, timeout=WAIT_MS)
    row = window.chat_view.row(window.steps.at[1])
    assert row is not None
    if isinstance(row, UserMessageWidget):
        assert row.label.selectedText().lower() == "maples"
    else:
        assert isinstance(row, AssistantMessageWidget)
        assert any(b.extraSelections() for b in row.answer.browsers())


def test_f3_steps_through_the_hits_of_the_conversation_and_esc_clears(qtbot, window):
    pairs = [(f"Step {n} zebra", f"Reply {n}") for n in range(30)]
    (cid,) = seed([("Zebras", pairs)])
    window.conversations.refresh()
    search(qtbot, window, "zebra", 1)
    qtbot.keyClick(window.sidebar.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_id == cid, timeout=WAIT_MS)
    hits = window.sidebar.hits.group_of(cid).in_order
    assert len(hits) == 30
    start = window.steps.at[1]

    window.chat_view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F3)
    after = hits[(hits.index(start) + 1) % len(hits)]

    def marked(message_id: int) -> bool:
        row = window.chat_view.row(message_id)
        return row is not None and row.label.selectedText() == "zebra"

    qtbot.waitUntil(lambda: marked(after), timeout=WAIT_MS)
    assert "Match" in window.statusBar().currentMessage()
    qtbot.keyClick(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.steps.at == (cid, start)
    qtbot.waitUntil(lambda: marked(start) and not marked(after), timeout=WAIT_MS)

    box = window.sidebar.search_box
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == ""
    qtbot.waitUntil(lambda: window.sidebar.conversation_ids() == [cid], timeout=WAIT_MS)
