"""File → Export all writes every conversation as a SeekDesk export, File → Import reads one
back (conversations already here are skipped); a file that is not an export imports nothing
and the banner says why."""

from __future__ import annotations

import json

from app.core.history import HistoryStore, MessageStatus
from tests.ui.windowkit import WAIT_MS


def seed(titles: list[str]) -> list[int]:
    ids = []
    with HistoryStore.open() as store:
        for title in titles:
            conv = store.create_conversation(title, "deepseek-v4-pro", "cn-beijing", "openai")
            store.add_user_message(conv.id, f"About {title}?")
            reply = store.start_assistant_message(conv.id, model="deepseek-v4-pro")
            store.finish_message(reply.id, MessageStatus.COMPLETE, text="Yes.", thinking="")
            ids.append(conv.id)
    return ids


def test_export_all_then_import_back(qtbot, window, run_async, tmp_path):
    file_menu = window.menus.file_menu
    file_menu.popup(window.mapToGlobal(window.rect().center()))  # opened, as the user does
    menu = [a.text() for a in file_menu.actions()]
    file_menu.hide()
    assert "&Import…" in menu and "Export &all…" in menu
    keep, lost = seed(["Maples", "Oaks"])
    target = tmp_path / "all.json"
    run_async(window.history_files.export_all_to(target))
    document = json.loads(target.read_text(encoding="utf-8"))
    assert sorted(c["title"] for c in document["conversations"]) == ["Maples", "Oaks"]
    assert "Exported 2 conversations" in window.statusBar().currentMessage()

    window.store.delete_conversation(lost)
    window.conversations.refresh()
    qtbot.waitUntil(lambda: window.sidebar.conversation_ids() == [keep], timeout=WAIT_MS)
    run_async(window.history_files.import_from(target))
    qtbot.waitUntil(lambda: len(window.sidebar.conversation_ids()) == 2, timeout=WAIT_MS)
    assert window.statusBar().currentMessage() == "Imported 1 conversations (1 already here)."


def test_a_file_that_is_no_export_imports_nothing_and_says_why(qtbot, window, run_async, tmp_path):
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": "world"}', encoding="utf-8")
    run_async(window.history_files.import_from(bad))
    assert "Nothing was imported from notes.json" in window.notice_banner.text()
    assert window.sidebar.conversation_ids() == []
