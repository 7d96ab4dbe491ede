"""The keyboard reaches everything: Ctrl+Shift+C copies the last answer, Alt+Up / Alt+Down move
between conversations, and Help lists every shortcut the window has, from its actions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QTableWidget

from tests import fakeserver as fs
from tests.ui.windowkit import WAIT_MS, type_and_enter, wait_reply_done


def test_ctrl_shift_c_copies_the_last_answer_as_written(qtbot, window, fake):
    fake.enqueue(fs.thinking_answer("", "First."), fs.thinking_answer("", "The **last** one."))
    for prompt in ("one", "two"):
        type_and_enter(qtbot, window, prompt)
        wait_reply_done(qtbot, window)
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(
        window.composer.edit,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert QGuiApplication.clipboard().text() == "The **last** one."
    assert window.statusBar().currentMessage() == "Last answer copied."


def test_alt_up_and_down_move_between_conversations(qtbot, window, fake):
    fake.enqueue(fs.thinking_answer("", "A."), fs.thinking_answer("", "B."))
    for prompt in ("first chat", "second chat"):
        window.new_chat()
        type_and_enter(qtbot, window, prompt)
        wait_reply_done(qtbot, window)
    qtbot.waitUntil(lambda: len(window.sidebar.conversation_ids()) == 2, timeout=WAIT_MS)
    newest, older = window.sidebar.conversation_ids()
    assert window.current_id == newest
    alt = Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Down, alt)
    qtbot.waitUntil(lambda: window.current_id == older, timeout=WAIT_MS)
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Down, alt)  # the last: stays
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Up, alt)
    qtbot.waitUntil(lambda: window.current_id == newest, timeout=WAIT_MS)


def test_help_lists_every_shortcut_from_the_actions(qtbot, window):
    window.keys.keys_list.trigger()
    dialog = window.findChild(QDialog, "shortcutsDialog")
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    table = dialog.findChild(QTableWidget)
    rows = {table.item(n, 0).text(): table.item(n, 1).text() for n in range(table.rowCount())}
    assert rows["New chat"] == "Ctrl+N"
    assert rows["Find next"] == "F3"
    assert rows["Copy last answer"] == "Ctrl+Shift+C"
    assert rows["Next conversation"] == "Alt+Down"
    assert set(rows["Zoom in"].split(", ")) <= {"Ctrl++", "Ctrl+="}  # keys one can type
    assert not any("&" in what for what in rows)
    dialog.close()


def test_the_shortcuts_list_shows_every_row_without_scrolling(qtbot, window):
    window.keys.keys_list.trigger()
    dialog = window.findChild(QDialog, "shortcutsDialog")
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    table = dialog.findChild(QTableWidget)
    screen = window.screen().availableGeometry().height()
    needed = table.verticalHeader().length() + table.horizontalHeader().height()
    if needed < screen * 0.7:  # a screen with room for the whole list
        assert table.verticalScrollBar().maximum() == 0
    widest = max(table.fontMetrics().horizontalAdvance(table.item(n, 0).text())
                 for n in range(table.rowCount()))  # fmt: skip
    assert table.columnWidth(0) >= widest + 12  # a command never touches its keys
    dialog.close()


def test_ctrl_k_goes_to_a_conversation_by_typing_part_of_its_title(qtbot, window, fake):
    fake.enqueue(fs.thinking_answer("", "A."), fs.thinking_answer("", "B."))
    for prompt in ("Plan the garden beds", "Fix the bicycle chain"):
        window.new_chat()
        type_and_enter(qtbot, window, prompt)
        wait_reply_done(qtbot, window)
    qtbot.waitUntil(lambda: len(window.sidebar.conversation_ids()) == 2, timeout=WAIT_MS)
    garden = window.sidebar.conversation_ids()[1]
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    switcher = window.keys.switcher
    qtbot.waitUntil(lambda: switcher.isVisible() and switcher.list.count() == 2, timeout=WAIT_MS)
    first = switcher.list.visualItemRect(switcher.list.item(0))
    assert first.height() >= switcher.list.fontMetrics().height() + 8  # rows easy to aim at
    qtbot.keyClicks(switcher.field, "GARDEN plan")
    assert [switcher.list.item(i).text() for i in range(switcher.list.count())] == [
        "Plan the garden beds"
    ]
    qtbot.keyClick(switcher.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_id == garden, timeout=WAIT_MS)
    assert not switcher.isVisible()
