"""Actions on a message, in the real window: asked for by the message, carried out by the one
dispatcher. Copies land on the clipboard and the reply says so; diagnostics never hold the key;
stale loading is cancelled, not ignored."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from app.core.history import HistoryStore
from app.ui.chat.message_actions import MessageAction, MessageActionRequest
from tests import fakeserver as fs
from tests.ui import windowkit
from tests.ui.windowkit import WAIT_MS, type_and_enter, wait_reply_done

CODE = 'def greet(name: str) -> str:\n    return f"Hello, {name}!"\n'
ANSWER = f"Here is **a** function:\n\n```python\n{CODE}```\n\nUse it well.\n"


def clipboard() -> str:
    return QGuiApplication.clipboard().text()


def test_the_copy_button_of_a_code_block_copies_the_raw_code_and_says_so(qtbot, window, fake):
    fake.enqueue(fs.thinking_answer("Think.", ANSWER))
    type_and_enter(qtbot, window, "a greeting function please")
    reply = wait_reply_done(qtbot, window)
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(reply.answer.code_views[0].copy_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: clipboard() == CODE, timeout=WAIT_MS)
    assert reply.footer.status_label.text() == "Code copied"  # the click visibly did something
    qtbot.waitUntil(lambda: not reply.footer.status_label.isVisible(), timeout=WAIT_MS)


def test_copy_the_answer_its_plain_text_its_thinking_and_diagnostics(qtbot, window, fake):
    fake.enqueue(fs.thinking_answer("Compare 0.90 with 0.11.", ANSWER))
    type_and_enter(qtbot, window, "Which is greater?")
    reply = wait_reply_done(qtbot, window)

    reply.request(MessageAction.COPY)
    assert clipboard() == ANSWER  # the Markdown source, as the model wrote it
    assert reply.footer.status_label.text() == "Copied"
    reply.request(MessageAction.COPY_THINKING)
    assert clipboard() == "Compare 0.90 with 0.11."
    reply.request(MessageAction.COPY_PLAIN)
    assert "Here is a function:" in clipboard() and "**" not in clipboard()

    reply.request(MessageAction.COPY_DIAGNOSTICS)
    diagnostics = clipboard()
    assert "Model: deepseek-v4-pro" in diagnostics
    assert "Region: cn-beijing" in diagnostics and "API: openai" in diagnostics
    assert f"Request ID: {reply.request_id}" in diagnostics
    assert "Status: complete" in diagnostics and "Output tokens:" in diagnostics
    assert windowkit.TEST_KEY not in diagnostics


def test_a_prompt_can_be_copied_too(qtbot, window, fake):
    type_and_enter(qtbot, window, "Copy me, exactly.")
    wait_reply_done(qtbot, window)
    prompt = window.chat_view.rows()[0]
    request = MessageActionRequest(MessageAction.COPY, prompt.message_id, window.current_id)
    window.chat_view.action_requested.emit(request)
    assert clipboard() == "Copy me, exactly."


def test_regenerate_asks_again_in_place_of_the_reply(qtbot, window, fake):
    fake.enqueue(fs.thinking_answer("", "First answer."), fs.thinking_answer("", "Second."))
    type_and_enter(qtbot, window, "Say something")
    first = wait_reply_done(qtbot, window)
    first.request(MessageAction.REGENERATE)
    qtbot.waitUntil(lambda: windowkit.last_reply(window) is not first, timeout=WAIT_MS)
    second = wait_reply_done(qtbot, window)
    assert second.answer.source() == "Second."
    assert [row.message_id for row in window.chat_view.rows()][-1] == second.message_id
    assert len(window.chat_view.rows()) == 2  # the prompt, and the one reply in its place


def test_a_request_for_a_message_no_longer_on_screen_does_nothing(qtbot, window, fake):
    type_and_enter(qtbot, window, "hello")
    reply = wait_reply_done(qtbot, window)
    window.new_chat()
    QGuiApplication.clipboard().setText("untouched")
    reply_id, cid = reply.message_id, reply.conversation_id
    window.chat_view.action_requested.emit(MessageActionRequest(MessageAction.COPY, reply_id, cid))
    window.chat_view.action_requested.emit(MessageActionRequest(MessageAction.RETRY, reply_id, cid))
    assert clipboard() == "untouched" and not window.worker.is_busy()


def test_clicking_another_conversation_cancels_the_first_ones_loading(
    qtbot, qasync_loop, run_async, fake, isolated_dirs
):
    with HistoryStore.open() as store:
        ids = []
        for title in ("first", "second"):
            conv = store.create_conversation(title, "deepseek-v4-pro", "cn-beijing", "openai")
            store.add_user_message(conv.id, f"the {title} prompt")
            ids.append(conv.id)
    session = windowkit.open_window(qtbot, run_async)
    window = next(session)
    try:
        first = window.open_conversation(ids[0])
        second = window.open_conversation(ids[1])  # before the first has loaded
        qtbot.waitUntil(lambda: window.current_id == ids[1], timeout=WAIT_MS)
        assert first.cancelled()  # stale work is cancelled, not ignored
        assert second.done() and not second.cancelled()
        assert [row.text() for row in window.chat_view.rows()] == ["the second prompt"]
        assert window.windowTitle() == "second — SeekDesk"
    finally:
        next(session, None)
