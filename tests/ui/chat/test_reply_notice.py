"""A reply says how it ended and whether the model will see it again, in the real window against
the fake server: a length cut offers Continue (which sends "continue" with the cut text in the
context), an answer with no text names its tokens, a failed reply without text is marked "Not
sent as context" — and all of it reads the same after the conversation is opened again."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.core.history import MessageStatus
from tests import fakeserver as fs
from tests.ui.windowkit import WAIT_MS, settled, type_and_enter, wait_reply_done, wait_status


def shown(widget) -> bool:
    return widget is not None and widget.isVisible()


def test_a_reply_cut_at_the_length_limit_says_so_and_continue_goes_on(qtbot, window, fake):
    fake.enqueue(fs.thinking_answer("", "Once upon a", finish_reason="length"))
    type_and_enter(qtbot, window, "Tell a story")
    reply = wait_reply_done(qtbot, window)

    notice = reply.notice.notice
    assert shown(notice) and notice.ending_label.text() == "Cut off at the length limit."
    assert shown(notice.continue_button) and not shown(notice.context_label)

    fake.enqueue(fs.thinking_answer("", " time."))
    qtbot.mouseClick(notice.continue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(fake.requests) == 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)
    assert [(m["role"], m["content"]) for m in fake.requests[-1].messages] == [
        ("user", "Tell a story"),
        ("assistant", "Once upon a"),
        ("user", "continue"),
    ]


def test_an_answer_with_no_text_names_its_tokens(qtbot, window, fake):
    fake.enqueue(fs.thinking_answer("Only thinking here.", ""))
    type_and_enter(qtbot, window, "Say nothing")
    reply = wait_reply_done(qtbot, window)

    notice = reply.notice.notice
    assert shown(notice)
    assert notice.ending_label.text().startswith("The model returned no answer text (")
    assert "output tokens" in notice.ending_label.text()
    assert not shown(notice.continue_button)
    assert shown(notice.context_label)  # no answer text: not sent as context either


def test_a_failed_reply_without_text_is_marked_not_sent_as_context(qtbot, window, fake):
    fake.enqueue(fs.error(400, "InvalidParameter", "Range of input length should be [1, 98304]"))
    type_and_enter(qtbot, window, "Far too long")
    reply = wait_status(qtbot, window, MessageStatus.FAILED)
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)

    notice = reply.notice.notice
    assert shown(notice) and shown(notice.context_label)
    assert notice.context_label.text() == "Not sent as context"
    assert not shown(notice.ending_label)


def test_a_normal_reply_has_no_notice_at_all(qtbot, window, fake):
    fake.enqueue(fs.thinking_answer("", "All good."))
    type_and_enter(qtbot, window, "hello")
    reply = wait_reply_done(qtbot, window)
    assert reply.notice.notice is None  # not even made: most replies never need one


def test_the_notices_read_the_same_when_the_conversation_is_opened_again(qtbot, window, fake):
    fake.enqueue(fs.thinking_answer("", "Half", finish_reason="length"))
    type_and_enter(qtbot, window, "Story")
    wait_reply_done(qtbot, window)
    conversation_id = window.current_id

    window.new_chat()
    window.open_conversation(conversation_id)
    qtbot.waitUntil(lambda: len(window.chat_view.rows()) == 2, timeout=WAIT_MS)
    reopened = window.chat_view.rows()[-1]
    assert reopened.notice.notice is not None
    assert reopened.notice.notice.ending_label.text() == "Cut off at the length limit."
