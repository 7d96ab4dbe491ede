"""Search hits in odd Unicode: the user searches Hebrew, Arabic, a decomposed "é" or a family
emoji, opens the hit, and sees it marked in the answer (not a neighbour, not nothing)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.core.history import HistoryStore, MessageStatus
from app.ui.chat.message_widgets import AssistantMessageWidget
from tests.ui import windowkit
from tests.ui.window.test_jump_highlight import marked
from tests.ui.windowkit import WAIT_MS

ANSWER = (
    "Intro line.\n\n"
    "Greeting: שלום עולם and مرحبا بالعالم.\n\n"
    "Cafe\u0301 au lait, Z" + "\u0301" * 50 + " zalgo.\n\n"
    "Family: 👨\u200d👩\u200d👧\u200d👦 at home.\n\n"
    "**bold שלום** and `code مرحبا`.\n"
)


def seed() -> tuple[int, int]:
    with HistoryStore.open() as store:
        conv = store.create_conversation("Unicode", "deepseek-v4-pro", "cn-beijing", "openai")
        store.add_user_message(conv.id, "say hello")
        reply = store.start_assistant_message(conv.id, model="deepseek-v4-pro")
        store.finish_message(reply.id, MessageStatus.COMPLETE, text=ANSWER, thinking="")
    return conv.id, reply.id


@pytest.mark.parametrize(
    "query", ["שלום", "مرحبا", "Cafe\u0301", "👨\u200d👩\u200d👧\u200d👦", "zalgo"]
)
def test_a_hit_in_odd_unicode_is_marked_where_it_is(qtbot, window, run_async, query):
    cid, target = seed()
    hits = window.store.search(query)
    assert any(hit.message_id == target for hit in hits)
    run_async(window.jump.open_at(cid, target, query), timeout=WAIT_MS / 1000)
    row = window.chat_view.row(target)
    assert isinstance(row, AssistantMessageWidget)
    found = marked(row)
    assert found and all(text == query for text in found), found


def test_a_hit_in_a_conversation_written_alongside_another_opens_at_the_hit(
    qtbot, window, run_async
):
    """Two chats written turn by turn (as with several replies at once): ids alternate, so the
    message after the hit belongs to the other chat. The jump still lands on the hit, with
    the page around it, and marks the match."""
    with HistoryStore.open() as store:
        a = store.create_conversation("A", "deepseek-v4-pro", "cn-beijing", "openai")
        b = store.create_conversation("B", "deepseek-v4-pro", "cn-beijing", "openai")
        for n in range(40):
            for conv in (a, b):
                store.add_user_message(conv.id, f"{conv.title} question {n}")
                reply = store.start_assistant_message(conv.id, model="deepseek-v4-pro")
                text = f"{conv.title} answer {n}" + (" okapi" if (conv is a and n == 5) else "")
                store.finish_message(reply.id, MessageStatus.COMPLETE, text=text, thinking="")
    (hit,) = [h for h in window.store.search("okapi") if h.message_id is not None]
    run_async(window.jump.open_at(a.id, hit.message_id, "okapi"), timeout=WAIT_MS / 1000)
    assert window.current_id == a.id
    row = window.chat_view.row(hit.message_id)
    assert isinstance(row, AssistantMessageWidget)
    assert marked(row) == ["okapi"]
    shown = [r.message_id for r in window.chat_view.rows()]
    assert len(shown) < 40  # a page around the hit, not the whole conversation


def test_a_hit_in_a_conversation_that_is_streaming_is_landed_on_and_marked(
    qtbot, window, fake, run_async
):
    from tests import fakeserver as fs
    from tests.ui.window.test_parallel_streams import settled, start_streaming

    fake.enqueue(
        fs.answer_only("An okapi lives in the forest."),
        fs.slow("", "word " * 3000, delay=0.01, chunk_size=6),
    )
    windowkit.type_and_enter(qtbot, window, "Tell me about an animal")
    first = windowkit.wait_reply_done(qtbot, window)
    streaming = start_streaming(qtbot, window, "Now count for a long while")
    window.new_chat()  # the user looks elsewhere, then searches
    run_async(window.jump.open_at(streaming, first.message_id, "okapi"), timeout=WAIT_MS / 1000)
    assert window.current_id == streaming
    row = window.chat_view.row(first.message_id)
    assert isinstance(row, AssistantMessageWidget)
    assert marked(row) == ["okapi"]
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)
