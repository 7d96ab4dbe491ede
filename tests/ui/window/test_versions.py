"""Every version is kept, in the real window against the fake server: Regenerate and Edit make a
new version beside the old one, ``‹ 2 / 2 ›`` switches between them and the next prompt sends the
version on screen, Delete asks first and can be undone — and all of it works from the keyboard:
Tab to a message, Menu for its actions, Enter to edit a prompt, Up in an empty composer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QMenu, QMessageBox, QPushButton, QToolButton

from app.ui.chat.message_actions import MessageAction, MessageActionRequest
from app.ui.chat.message_toolbar import editor_of, switcher_of
from app.ui.chat.message_widgets import UserMessageWidget
from tests import fakeserver as fs
from tests.ui.windowkit import (
    WAIT_MS,
    last_reply,
    settled,
    type_and_enter,
    wait_reply_done,
)


def texts(window) -> list[str]:
    return [
        row.text() if isinstance(row, UserMessageWidget) else row.answer_source()
        for row in window.chat_view.rows()
    ]


def wait_texts(qtbot, window, expected: list[str]) -> None:
    qtbot.waitUntil(lambda: settled(window) and texts(window) == expected, timeout=WAIT_MS)


def switcher_text(row) -> str:
    switcher = switcher_of(row)
    return switcher.label.text() if switcher is not None and switcher.isVisible() else ""


def sent(fake) -> list[str]:
    return [m["content"] for m in fake.requests[-1].messages]


def test_regenerate_keeps_both_replies_and_the_switcher_shows_the_one_sent_next(
    qtbot, window, fake
):
    fake.enqueue(fs.thinking_answer("", "First take."), fs.thinking_answer("", "Second take."))
    type_and_enter(qtbot, window, "Write a haiku")
    first = wait_reply_done(qtbot, window)
    first.setFocus()  # the toolbar shows on focus (and hover)
    qtbot.mouseClick(first.findChild(QToolButton, "toolbar_regenerate"), Qt.MouseButton.LeftButton)
    wait_texts(qtbot, window, ["Write a haiku", "Second take."])
    reply = last_reply(window)
    qtbot.waitUntil(lambda: switcher_text(reply) == "2 / 2", timeout=WAIT_MS)

    qtbot.mouseClick(switcher_of(reply).previous, Qt.MouseButton.LeftButton)
    wait_texts(qtbot, window, ["Write a haiku", "First take."])
    qtbot.waitUntil(lambda: switcher_text(last_reply(window)) == "1 / 2", timeout=WAIT_MS)

    fake.enqueue(fs.thinking_answer("", "Thanks!"))
    type_and_enter(qtbot, window, "Nice")
    wait_texts(qtbot, window, ["Write a haiku", "First take.", "Nice", "Thanks!"])
    assert sent(fake) == ["Write a haiku", "First take.", "Nice"]


def test_editing_a_prompt_in_place_sends_a_new_version_and_keeps_the_original(
    qtbot, window, fake
):
    fake.enqueue(fs.thinking_answer("", "Paris."), fs.thinking_answer("", "Berlin."))
    type_and_enter(qtbot, window, "Capital of France?")
    wait_reply_done(qtbot, window)
    prompt = window.chat_view.rows()[0]
    prompt.setFocus()  # the toolbar is made and shown on focus (and hover)
    toolbar_edit = prompt.findChild(QToolButton, "toolbar_edit")
    qtbot.mouseClick(toolbar_edit, Qt.MouseButton.LeftButton)
    editor = editor_of(prompt)
    assert editor is not None and editor.edit.toPlainText() == "Capital of France?"
    editor.edit.selectAll()
    editor.edit.insertPlainText("Capital of Germany?")
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return)

    wait_texts(qtbot, window, ["Capital of Germany?", "Berlin."])
    assert sent(fake) == ["Capital of Germany?"]
    edited = window.chat_view.rows()[0]
    qtbot.waitUntil(lambda: switcher_text(edited) == "2 / 2", timeout=WAIT_MS)
    qtbot.mouseClick(switcher_of(edited).previous, Qt.MouseButton.LeftButton)
    wait_texts(qtbot, window, ["Capital of France?", "Paris."])


def test_escape_cancels_an_edit_and_changes_nothing(qtbot, window, fake):
    type_and_enter(qtbot, window, "Keep me")
    wait_reply_done(qtbot, window)
    prompt = window.chat_view.rows()[0]
    prompt.setFocus()
    qtbot.keyClick(prompt, Qt.Key.Key_Return)  # Enter on a focused prompt edits it
    editor = editor_of(prompt)
    assert editor is not None and editor.edit.hasFocus()
    editor.edit.insertPlainText(" changed")
    qtbot.keyClick(editor.edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: editor_of(prompt) is None or not editor.isVisible(), timeout=WAIT_MS)
    assert prompt.bubble.isVisible() and prompt.text() == "Keep me"
    assert len(fake.requests) == 1


def test_up_in_an_empty_composer_edits_the_last_prompt(qtbot, window, fake):
    type_and_enter(qtbot, window, "First")
    wait_reply_done(qtbot, window)
    type_and_enter(qtbot, window, "Second")
    wait_reply_done(qtbot, window)
    window.composer.edit.setFocus()
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Up)
    last_prompt = window.chat_view.rows()[2]
    editor = editor_of(last_prompt)
    assert editor is not None and editor.edit.toPlainText() == "Second"


def test_the_menu_key_opens_a_reply_s_actions_and_they_work(qtbot, window, fake):
    fake.enqueue(fs.thinking_answer("Let me think.", "An answer."))
    type_and_enter(qtbot, window, "Question")
    reply = wait_reply_done(qtbot, window)
    reply.setFocus()
    assert reply.findChild(QFrame, "messageToolbar").isVisible()  # focus shows the toolbar
    qtbot.keyClick(reply, Qt.Key.Key_Menu)
    menu = reply.findChild(QMenu, "messageMenu")
    names = [a.objectName() for a in menu.actions()]
    assert names == [
        "menu_copy", "menu_copy_plain", "menu_copy_thinking", "menu_copy_diagnostics",
        "menu_regenerate", "menu_delete",
    ]  # fmt: skip
    copied: list[str] = []
    window.dispatcher.clipboard = copied.append
    next(a for a in menu.actions() if a.objectName() == "menu_copy_thinking").trigger()
    assert copied == ["Let me think."]


def test_delete_asks_first_removes_what_follows_and_undo_puts_it_back(qtbot, window, fake):
    fake.enqueue(fs.thinking_answer("", "One."), fs.thinking_answer("", "Two."))
    type_and_enter(qtbot, window, "first")
    wait_reply_done(qtbot, window)
    type_and_enter(qtbot, window, "second")
    wait_reply_done(qtbot, window)
    second_prompt = window.chat_view.rows()[2]
    delete_request = MessageActionRequest(
        MessageAction.DELETE, second_prompt.message_id, window.current_id
    )
    second_prompt.setFocus()
    qtbot.keyClick(second_prompt, Qt.Key.Key_Delete)  # from the keyboard
    box = window.branch_room.confirmation
    assert box is not None and box.isVisible()
    cancel = box.button(QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert texts(window) == ["first", "One.", "second", "Two."]  # cancelled: nothing gone

    window.chat_view.action_requested.emit(delete_request)
    box = window.branch_room.confirmation
    delete = next(b for b in box.buttons() if b.text() == "Delete")
    qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    wait_texts(qtbot, window, ["first", "One."])
    qtbot.waitUntil(lambda: window.branch_room.undo_offered, timeout=WAIT_MS)

    undo = window.statusBar().findChild(QPushButton, "undoDelete")
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    wait_texts(qtbot, window, ["first", "One.", "second", "Two."])


def test_regenerating_an_earlier_reply_shows_its_new_version_without_what_followed(
    qtbot, window, fake
):
    fake.enqueue(*(fs.thinking_answer("", text) for text in ("One.", "Two.", "Uno.")))
    type_and_enter(qtbot, window, "first")
    first = wait_reply_done(qtbot, window)
    type_and_enter(qtbot, window, "second")
    wait_reply_done(qtbot, window)

    first.request(MessageAction.REGENERATE)
    wait_texts(qtbot, window, ["first", "Uno."])
    assert sent(fake) == ["first"]
    reply = last_reply(window)
    qtbot.waitUntil(lambda: switcher_text(reply) == "2 / 2", timeout=WAIT_MS)
    qtbot.mouseClick(switcher_of(reply).previous, Qt.MouseButton.LeftButton)
    wait_texts(qtbot, window, ["first", "One.", "second", "Two."])  # nothing was lost


def test_versions_and_the_chosen_one_survive_a_restart(qtbot, qasync_loop, run_async, fake):
    from tests.ui import windowkit

    first = windowkit.open_window(qtbot, run_async)
    window = next(first)
    fake.enqueue(fs.thinking_answer("", "First take."), fs.thinking_answer("", "Second take."))
    type_and_enter(qtbot, window, "Write a haiku")
    wait_reply_done(qtbot, window).request(MessageAction.REGENERATE)
    wait_texts(qtbot, window, ["Write a haiku", "Second take."])
    reply = last_reply(window)
    qtbot.waitUntil(lambda: switcher_text(reply) == "2 / 2", timeout=WAIT_MS)
    qtbot.mouseClick(switcher_of(reply).previous, Qt.MouseButton.LeftButton)
    wait_texts(qtbot, window, ["Write a haiku", "First take."])
    cid = window.current_id
    next(first, None)  # closed

    second = windowkit.open_window(qtbot, run_async)
    window = next(second)
    try:
        window.open_conversation(cid)
        wait_texts(qtbot, window, ["Write a haiku", "First take."])  # the chosen version
        qtbot.waitUntil(lambda: switcher_text(last_reply(window)) == "1 / 2", timeout=WAIT_MS)
    finally:
        next(second, None)


def test_regenerate_and_switching_versions_from_the_keyboard(qtbot, window, fake):
    fake.enqueue(fs.thinking_answer("", "First take."), fs.thinking_answer("", "Second take."))
    type_and_enter(qtbot, window, "Write a haiku")
    reply = wait_reply_done(qtbot, window)
    reply.setFocus()
    qtbot.keyClick(reply, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)  # its menu
    menu = reply.findChild(QMenu, "messageMenu")
    next(a for a in menu.actions() if a.objectName() == "menu_regenerate").trigger()
    wait_texts(qtbot, window, ["Write a haiku", "Second take."])
    reply = last_reply(window)
    switcher = switcher_of(reply)
    qtbot.waitUntil(lambda: switcher.isVisible(), timeout=WAIT_MS)
    assert switcher.previous.focusPolicy() & Qt.FocusPolicy.TabFocus  # reachable with Tab
    switcher.previous.setFocus()
    qtbot.keyClick(switcher.previous, Qt.Key.Key_Space)
    wait_texts(qtbot, window, ["Write a haiku", "First take."])
