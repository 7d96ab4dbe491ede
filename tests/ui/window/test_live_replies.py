"""LiveReplies: what the window has seen of each streaming reply, one per conversation, and the
sidebar's marks that follow them."""

from __future__ import annotations

import time

from app.core.events import Usage
from app.core.history import Conversation
from app.ui.window.live_replies import LiveReplies
from app.ui.window.sidebar import Sidebar
from app.ui.window.sidebar_rows import RowMark


def conversation(cid: int, title: str) -> Conversation:
    now = time.time()
    return Conversation(cid, title, "deepseek-v4-pro", "cn-beijing", "openai", now, now)


def test_two_replies_stream_apart_and_each_ends_on_its_own(qtbot):
    sidebar = Sidebar()
    qtbot.addWidget(sidebar)
    sidebar.set_conversations([conversation(1, "First"), conversation(2, "Second")])
    lives = LiveReplies(sidebar)
    lives.begin(1, 10)
    lives.begin(2, 20)
    for piece in ("Hel", "lo"):
        lives.add_answer(1, 10, piece)
        lives.add_answer(2, 20, piece.upper())
    lives.add_thinking(2, 20, "hmm")
    lives.add_answer(2, 99, "from a reply that is not the live one")  # ignored
    lives.set_usage(1, 10, Usage(3, 4, 7))
    first, second = lives.get(1), lives.get(2)
    assert first is not None and (first.answer, first.thinking) == ("Hello", "")
    assert first.usage == Usage(3, 4, 7)
    assert second is not None and (second.answer, second.thinking) == ("HELLO", "hmm")
    assert sidebar.mark(1) is sidebar.mark(2) is RowMark.STREAMING
    assert sidebar.item_text(1) == "First"  # the title as it is: the mark is drawn

    lives.add_answer(1, 10, " again")
    assert lives.get(1) is first and first.answer == "Hello again"  # the same reply, grown

    lives.end(2, 19)  # an earlier reply's end leaves the live one alone
    assert lives.ids() == {1, 2}
    lives.end(2, 20)
    assert lives.ids() == {1} and lives.get(2) is None
    assert sidebar.mark(2) is RowMark.NONE and sidebar.mark(1) is RowMark.STREAMING
    lives.end(1, 10)
    assert lives.ids() == set() and sidebar.streaming_ids() == frozenset()
