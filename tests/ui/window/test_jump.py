"""Opening a conversation at a message far back: a hit 4,000 messages back in a 5,000-message
conversation opens scrolled to it with the match highlighted; reading on loads the newer
messages; a prompt sent from there lands after the newest message, as in the history."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from app.core.history import HistoryStore, MessageStatus
from app.ui.chat.message_widgets import UserMessageWidget
from tests import fakeserver as fs
from tests.ui.windowkit import WAIT_MS, type_and_enter, wait_reply_done


def seed_long(pairs: int = 2500, marked: int = 500) -> tuple[int, int]:
    """A conversation of ``2 * pairs`` messages; the prompt of pair ``marked`` says "zebra".
    Returns (conversation id, that prompt's message id)."""
    with HistoryStore.open() as store:
        conv = store.create_conversation("Long", "deepseek-v4-pro", "cn-beijing", "openai")
        with store.transaction():
            for n in range(pairs):
                text = f"question {n} about a zebra crossing" if n == marked else f"question {n}"
                prompt = store.add_user_message(conv.id, text)
                if n == marked:
                    target = prompt.id
                reply = store.start_assistant_message(conv.id, model="deepseek-v4-pro")
                store.finish_message(
                    reply.id, MessageStatus.COMPLETE, text=f"answer {n}", thinking=""
                )
    return conv.id, target


def in_viewport(window, row) -> bool:
    view = window.chat_view
    top = row.mapTo(view.viewport(), QPoint(0, 0)).y()
    return 0 <= top < view.viewport().height()


def test_a_hit_4000_messages_back_opens_there_highlighted(qtbot, window, run_async):
    cid, target = seed_long()
    run_async(window.jump.open_at(cid, target, "zebra"), timeout=WAIT_MS / 1000)
    print(f"\njump to a hit 4,000 messages back: {window.jump.last_ms:.0f} ms")
    assert window.current_id == cid
    row = window.chat_view.row(target)
    assert isinstance(row, UserMessageWidget)
    qtbot.wait(50)  # a layout pass: the row stays pinned where it was put
    assert in_viewport(window, row)
    assert row.label.selectedText() == "zebra"
    assert len(window.chat_view.rows()) < 100  # a page around it, not 4,000 rows
    assert window.windowTitle().startswith("Long")


def test_reading_on_loads_newer_and_a_prompt_lands_after_the_newest(
    qtbot, window, run_async, fake
):
    cid, target = seed_long(pairs=60, marked=5)
    run_async(window.jump.open_at(cid, target, "zebra"), timeout=WAIT_MS / 1000)
    shown = len(window.chat_view.rows())
    assert shown < 120 and window.jump.has_newer()
    bar = window.chat_view.scroll_bar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: len(window.chat_view.rows()) > shown, timeout=WAIT_MS)

    fake.enqueue(fs.thinking_answer("", "The newest answer."))
    type_and_enter(qtbot, window, "One more question")
    wait_reply_done(qtbot, window)
    texts = [row.text() for row in window.chat_view.rows() if isinstance(row, UserMessageWidget)]
    assert texts[-2:] == ["question 59", "One more question"]
    sent = fake.requests[-1].body["messages"]
    assert sent[-1]["content"] == "One more question" and len(sent) > 100  # whole history


def test_jump_to_latest_from_a_hit_goes_to_the_real_end(qtbot, window, run_async):
    cid, target = seed_long(pairs=200, marked=10)
    run_async(window.jump.open_at(cid, target, "zebra"), timeout=WAIT_MS / 1000)
    assert window.jump.has_newer()
    button = window.chat_view.jump_button
    qtbot.waitUntil(button.isVisible, timeout=WAIT_MS)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    last = window.chat_view.rows()[-1]
    assert last.answer_source() == "answer 199"
    assert window.chat_view.is_following_tail()
