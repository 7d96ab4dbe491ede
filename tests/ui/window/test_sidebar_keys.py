"""The sidebar reads by date and works from the keyboard: conversations under Today, Yesterday,
Previous 7 days, Previous 30 days and month headers; F2 renames the selected one (the window's
title follows), Delete deletes it after asking."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.core.history import HistoryStore
from app.ui.window.date_groups import HEADER_ROLE, group_key
from app.ui.window.rename_dialog import RenameDialog
from tests.ui.windowkit import WAIT_MS


def test_conversations_fall_into_date_groups():
    now = dt.datetime(2026, 11, 30, 15, 0)
    day = 86_400
    base = now.timestamp()
    assert group_key(base - 60, now) == "today"
    assert group_key(base - day, now) == "yesterday"
    assert group_key(base - 5 * day, now) == "week"
    assert group_key(base - 20 * day, now) == "month"
    assert group_key(base - 90 * day, now) == (2026, 9)


def seed_dated(ages_in_days: list[int]) -> list[int]:
    ids = []
    now = dt.datetime.now().timestamp()
    with HistoryStore.open() as store:
        for n, age in enumerate(ages_in_days):
            when = now - age * 86_400 - n
            conv = store.create_conversation(f"Chat {age}d", "deepseek-v4-pro", "cn-beijing",
                                             "openai", created_at=when)  # fmt: skip
            ids.append(conv.id)
    return ids


def test_the_sidebar_shows_date_headers_above_each_group(qtbot, window):
    seed_dated([0, 1, 3, 40])
    window.conversations.refresh()
    qtbot.waitUntil(lambda: len(window.sidebar.conversation_ids()) == 4, timeout=WAIT_MS)
    lst = window.sidebar.list
    headers = [lst.item(i).data(HEADER_ROLE) for i in range(lst.count())]
    assert headers[:3] == ["Today", "Yesterday", "Previous 7 days"]
    assert headers[3] and headers[3][-4:].isdigit()  # "<Month> <year>"


def test_f2_renames_and_the_title_follows_delete_asks_then_deletes(qtbot, window, monkeypatch):
    keep, doomed = seed_dated([0, 0])
    window.conversations.refresh()
    qtbot.waitUntil(lambda: len(window.sidebar.conversation_ids()) == 2, timeout=WAIT_MS)
    window.open_conversation(keep)
    qtbot.waitUntil(lambda: window.current_id == keep, timeout=WAIT_MS)
    lst = window.sidebar.list
    lst.setFocus()
    lst.setCurrentRow(window.sidebar.conversation_ids().index(keep))
    qtbot.keyClick(lst, Qt.Key.Key_F2)
    dialog = window.sidebar.findChild(RenameDialog, "renameDialog")
    assert dialog.field.text() == "Chat 0d"
    long_title = "Comparing three approaches to caching in a distributed web service"
    assert dialog.field.fontMetrics().horizontalAdvance(long_title) < dialog.field.width()
    dialog.field.setText("Garden")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.windowTitle() == "Garden — SeekDesk", timeout=WAIT_MS)
    assert window.sidebar.item_text(keep) == "Garden"

    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    window.activateWindow()  # back from the dialog, as the window manager does
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    lst.setFocus()
    lst.setCurrentRow(window.sidebar.conversation_ids().index(doomed))
    qtbot.keyClick(lst, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.sidebar.conversation_ids() == [keep], timeout=WAIT_MS)


def test_a_pinned_conversation_stays_on_top_and_is_remembered(qtbot, window):
    from app.core.settings import load_settings

    newer, older = seed_dated([0, 5])
    window.conversations.refresh()
    qtbot.waitUntil(lambda: window.sidebar.conversation_ids() == [newer, older], timeout=WAIT_MS)
    window.sidebar.pin_toggled.emit(older)  # the context menu's "Pin to top"
    assert window.sidebar.conversation_ids() == [older, newer]
    assert window.sidebar.list.item(0).data(HEADER_ROLE) == "Pinned"
    assert window.sidebar.list.item(1).data(HEADER_ROLE) == "Today"
    qtbot.waitUntil(lambda: load_settings().settings.ui.get("pinned") == [older], timeout=WAIT_MS)
    window.sidebar.pin_toggled.emit(older)  # "Unpin"
    assert window.sidebar.conversation_ids() == [newer, older]


def test_a_deleted_conversation_comes_back_whole_with_undo(qtbot, window, fake, monkeypatch):
    from PySide6.QtWidgets import QPushButton

    from tests import fakeserver as fs
    from tests.ui.windowkit import screen_text, type_and_enter, wait_reply_done

    fake.enqueue(fs.thinking_answer("Some thought.", "An answer worth keeping."))
    type_and_enter(qtbot, window, "Keep this one")
    wait_reply_done(qtbot, window)
    before = screen_text(window)
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    lst = window.sidebar.list
    lst.setFocus()
    lst.setCurrentRow(0)
    qtbot.keyClick(lst, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.sidebar.conversation_ids() == [], timeout=WAIT_MS)
    assert window.current_id is None
    undo = window.statusBar().findChild(QPushButton, "undoDeleteConversation")
    assert undo is not None and "deleted" in window.statusBar().currentMessage()

    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(window.sidebar.conversation_ids()) == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.current_id is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: screen_text(window) == before, timeout=WAIT_MS)


def test_several_selected_are_deleted_at_once_with_one_undo(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QPushButton

    first, second, third = seed_dated([0, 0, 0])
    window.conversations.refresh()
    qtbot.waitUntil(lambda: len(window.sidebar.conversation_ids()) == 3, timeout=WAIT_MS)
    lst = window.sidebar.list
    ids = window.sidebar.conversation_ids()
    for n in (0, 2):  # Ctrl+click two rows: selected, not opened
        rect = lst.visualItemRect(lst.item(n))
        qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.ControlModifier, rect.center())  # fmt: skip
    assert window.sidebar.selected_ids() == [ids[0], ids[2]]
    assert window.current_id is None
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    lst.setFocus()
    qtbot.keyClick(lst, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.sidebar.conversation_ids() == [ids[1]], timeout=WAIT_MS)
    assert window.statusBar().currentMessage() == "2 conversations deleted."
    undo = window.statusBar().findChild(QPushButton, "undoDeleteConversation")
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(window.sidebar.conversation_ids()) == 3, timeout=WAIT_MS)
    assert {first, second, third} & set(window.sidebar.conversation_ids()) == {ids[1]}


def test_several_selected_are_exported_to_one_file(qtbot, window, run_async, tmp_path):
    import json

    a, _, c = seed_dated([0, 1, 2])
    target = tmp_path / "two.json"
    run_async(window.history_files.export_all_to(target, [a, c]))
    titles = sorted(x["title"] for x in json.loads(target.read_text())["conversations"])
    assert titles == ["Chat 0d", "Chat 2d"]
