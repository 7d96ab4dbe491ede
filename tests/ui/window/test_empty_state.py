"""A new chat welcomes the user: it says which model, region and API a prompt goes to, and an
example prompt fills the composer (nothing is sent until the user presses Enter)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests import fakeserver as fs
from tests.ui.windowkit import type_and_enter, wait_reply_done


def test_a_new_chat_says_where_prompts_go_and_examples_fill_the_composer(qtbot, window, fake):
    welcome = window.empty_state
    assert welcome.isVisible() and not window.chat_view.isVisible()
    said = welcome.connection.text()
    assert "DeepSeek V4 Pro" in said and "China (Beijing)" in said
    assert "OpenAI-compatible" in said

    qtbot.mouseClick(welcome.examples[1], Qt.MouseButton.LeftButton)
    assert window.composer.text() == welcome.examples[1].text()
    assert window.composer.edit.hasFocus()
    assert fake.requests == [] and welcome.isVisible()  # filled, not sent

    fake.enqueue(fs.thinking_answer("", "def dedupe(items): ..."))
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Return)
    wait_reply_done(qtbot, window)
    assert not welcome.isVisible() and window.chat_view.isVisible()

    window.new_chat()
    assert welcome.isVisible() and not window.chat_view.isVisible()


def test_the_welcome_follows_the_model_picked_in_the_composer(qtbot, window, fake):
    box = window.composer.model_box
    before = box.currentText().strip()
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)  # the user picks the next model with the keyboard
    assert box.currentText().strip() != before
    assert box.currentText().strip() in window.empty_state.connection.text()
    assert before not in window.empty_state.connection.text()


def test_an_opened_conversation_hides_the_welcome(qtbot, window, fake):
    fake.enqueue(fs.thinking_answer("", "Hello."))
    type_and_enter(qtbot, window, "Hi")
    wait_reply_done(qtbot, window)
    cid = window.current_id
    window.new_chat()
    window.open_conversation(cid)
    qtbot.waitUntil(lambda: window.chat_view.isVisible())
    assert not window.empty_state.isVisible()
