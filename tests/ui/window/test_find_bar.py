"""Ctrl+F while reading a conversation finds in it: the bar opens over the conversation, the
newest match opens highlighted, Enter / Shift+Enter and F3 go through the others however far
back, Esc closes it and the focus returns to the conversation. Ctrl+F elsewhere still searches
the whole history in the sidebar."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QWidget

from tests.ui.window.test_jump import seed_long
from tests.ui.windowkit import WAIT_MS


def test_ctrl_f_in_the_conversation_finds_in_it(qtbot, window, run_async):
    cid, first = seed_long(pairs=300, marked=10)  # "zebra" once, 580 messages back
    run_async(window.open_conversation(cid))
    window.chat_view.setFocus()
    qtbot.keyClick(window.chat_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    assert not window.sidebar.search_box.hasFocus()

    qtbot.keyClicks(bar.field, "zebra")
    qtbot.waitUntil(lambda: bar.count_label.text() == "1 of 1", timeout=WAIT_MS)

    def marked() -> bool:
        row = window.chat_view.row(first)
        return row is not None and row.label.selectedText() == "zebra"

    qtbot.waitUntil(marked, timeout=WAIT_MS)
    assert window.current_id == cid

    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert window.chat_view.hasFocus()


def test_enter_and_f3_step_through_the_matches(qtbot, window, run_async):
    cid, _ = seed_long(pairs=40, marked=3)
    run_async(window.open_conversation(cid))
    window.chat_view.setFocus()
    qtbot.keyClick(window.chat_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    qtbot.keyClicks(bar.field, "question")  # every prompt: 40
    qtbot.waitUntil(lambda: bar.count_label.text() == "40 of 40", timeout=WAIT_MS)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count_label.text() == "1 of 40"  # wraps to the oldest
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_label.text() == "40 of 40"
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert bar.count_label.text() == "1 of 40"


def test_ctrl_f_outside_the_conversation_searches_the_history(qtbot, window):
    window.composer.edit.setFocus()
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.sidebar.search_box.hasFocus()
    assert not window.find_bar.isVisible()


def window_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


def test_the_bar_covers_nothing_of_the_conversation(qtbot, window, run_async):
    """The first prompt's own words are the match: its row (role line included) and the marked
    text show in full below the bar, inside the conversation's viewport."""
    cid, first = seed_long(pairs=3, marked=0)
    run_async(window.open_conversation(cid))
    window.chat_view.setFocus()
    qtbot.keyClick(window.chat_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    qtbot.keyClicks(bar.field, "zebra")
    qtbot.waitUntil(lambda: bar.count_label.text() == "1 of 1", timeout=WAIT_MS)

    def marked() -> bool:  # (the jump shows the page anew: ask for the row each time)
        row = window.chat_view.row(first)
        return row is not None and row.label.selectedText() == "zebra"

    qtbot.waitUntil(marked, timeout=WAIT_MS)
    qtbot.wait(50)  # the layout settles
    row = window.chat_view.row(first)
    assert row is not None

    frame = window_rect(bar.frame)
    viewport = window_rect(window.chat_view.viewport())
    for shown in (window_rect(row), window_rect(row.label)):
        assert shown.top() > frame.bottom(), (shown, frame)
        assert viewport.contains(shown.topLeft()) and viewport.contains(shown.bottomRight())
    assert not frame.intersects(viewport)  # nothing scrolled under it either

    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)  # closed: the conversation has the room back
    qtbot.waitUntil(lambda: window_rect(window.chat_view.viewport()).top() < frame.top())
