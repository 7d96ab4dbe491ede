"""Drafts per conversation: what I typed and did not send stays with its conversation when I
switch (and with the new chat), comes back with the cursor at its end, survives a restart,
goes when I send it, and goes with a deleted conversation (Undo brings it back)."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from app.core.drafts import drafts_path, load_drafts, save_drafts
from app.ui.window.main_window import MainWindow
from tests import fakeserver as fs
from tests.ui import windowkit
from tests.ui.window.test_search_results import seed
from tests.ui.windowkit import TEST_KEY, WAIT_MS, type_and_enter, wait_reply_done


def open_and_wait(qtbot, window: MainWindow, conversation_id: int | None) -> None:
    if conversation_id is None:
        window.new_chat()
    else:
        task = window.open_conversation(conversation_id)
        qtbot.waitUntil(task.done, timeout=WAIT_MS)
    assert window.current_id == conversation_id


def type_in(qtbot, window: MainWindow, text: str) -> None:
    edit = window.composer.edit
    edit.setFocus()
    edit.insertPlainText(text)  # QTest types ASCII only; insert like a paste


def cursor_at_end(window: MainWindow) -> bool:
    edit = window.composer.edit
    return edit.textCursor().position() == len(edit.toPlainText())


def on_disk() -> dict:
    return dict(load_drafts().drafts)


def test_each_conversation_keeps_its_own_draft_and_so_does_the_new_chat(qtbot, window):
    garden, trees = seed([("Garden", [("Roses?", "Yes.")]), ("Trees", [("Oaks?", "Tall.")])])
    window.conversations.refresh()
    type_in(qtbot, window, "a question for a new chat")

    open_and_wait(qtbot, window, garden)
    assert window.composer.text() == ""
    type_in(qtbot, window, "what about tulips")
    open_and_wait(qtbot, window, trees)
    assert window.composer.text() == ""
    type_in(qtbot, window, "and maples?\nsecond line")

    open_and_wait(qtbot, window, garden)
    assert window.composer.text() == "what about tulips" and cursor_at_end(window)
    type_in(qtbot, window, " and lilies")  # carries on where I left off
    open_and_wait(qtbot, window, None)
    assert window.composer.text() == "a question for a new chat" and cursor_at_end(window)
    open_and_wait(qtbot, window, trees)
    assert window.composer.text() == "and maples?\nsecond line" and cursor_at_end(window)
    open_and_wait(qtbot, window, garden)
    assert window.composer.text() == "what about tulips and lilies"


def test_drafts_survive_a_restart_and_the_file_never_holds_the_key(qtbot, run_async, fake):
    (garden,) = seed([("Garden", [("Roses?", "Yes.")])])
    gen = windowkit.open_window(qtbot, run_async)
    window = next(gen)
    type_in(qtbot, window, "new chat idea")
    open_and_wait(qtbot, window, garden)
    type_in(qtbot, window, "半句话，还没写完")
    next(gen, None)  # close and shut down, as the app does on quit

    saved = drafts_path().read_text(encoding="utf-8")
    assert TEST_KEY not in saved
    assert on_disk() == {None: "new chat idea", garden: "半句话，还没写完"}

    gen = windowkit.open_window(qtbot, run_async)
    again = next(gen)
    qtbot.waitUntil(lambda: again.current_id == garden, timeout=WAIT_MS)  # where I left off
    qtbot.waitUntil(lambda: again.composer.text() == "半句话，还没写完", timeout=WAIT_MS)
    assert cursor_at_end(again)
    open_and_wait(qtbot, again, None)
    assert again.composer.text() == "new chat idea"
    next(gen, None)


def test_sending_clears_the_draft_and_text_typed_meanwhile_stays(qtbot, window, fake):
    fake.enqueue(fs.slow("", "word " * 200, delay=0.005, chunk_size=5))
    type_and_enter(qtbot, window, "first question")
    qtbot.waitUntil(lambda: window.current_id is not None, timeout=WAIT_MS)
    assert window.composer.text() == ""
    type_in(qtbot, window, "a follow-up, typed while it answers")  # the new conversation's now
    wait_reply_done(qtbot, window)
    made = window.current_id

    open_and_wait(qtbot, window, None)
    assert window.composer.text() == ""  # the new chat's draft went with what it became
    open_and_wait(qtbot, window, made)
    assert window.composer.text() == "a follow-up, typed while it answers"

    fake.enqueue(fs.answer_only("Sure."))
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Return)
    wait_reply_done(qtbot, window)
    assert window.composer.text() == ""
    open_and_wait(qtbot, window, None)
    open_and_wait(qtbot, window, made)
    assert window.composer.text() == ""
    window.drafts.persist()
    qtbot.waitUntil(lambda: not window.tasks.running("write-drafts"), timeout=WAIT_MS)
    assert on_disk() == {}


def test_a_prompt_that_could_not_leave_stays_as_the_draft(qtbot, window, monkeypatch):
    monkeypatch.delenv("DASHSCOPE_API_KEY")  # no key anywhere: the turn ends before a request
    monkeypatch.setattr("app.core.secrets.resolve_key", lambda region: None)
    type_and_enter(qtbot, window, "keep me")
    qtbot.waitUntil(lambda: not window.worker.is_busy(), timeout=WAIT_MS)
    assert window.composer.text() == "keep me"
    assert window.drafts.text(None) == "keep me"


def test_deleting_drops_the_draft_and_undo_brings_it_back(qtbot, window, monkeypatch):
    (garden,) = seed([("Garden", [("Roses?", "Yes.")])])
    window.conversations.refresh()
    open_and_wait(qtbot, window, garden)
    type_in(qtbot, window, "unsent thought")
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    qtbot.waitUntil(lambda: window.sidebar.conversation_ids() == [garden], timeout=WAIT_MS)
    window.sidebar.ask_delete(garden)
    qtbot.waitUntil(lambda: window.sidebar.conversation_ids() == [], timeout=WAIT_MS)
    assert window.current_id is None and window.composer.text() == ""
    window.drafts.persist()
    qtbot.waitUntil(lambda: not window.tasks.running("write-drafts"), timeout=WAIT_MS)
    assert on_disk() == {}

    undo = window.statusBar().findChild(QPushButton, "undoDeleteConversation")
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_id is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.composer.text() == "unsent thought", timeout=WAIT_MS)
    assert window.current_id != garden  # back under a new id, the draft with it


def test_an_unreadable_drafts_file_is_kept_aside_and_said(qtbot, run_async, fake):
    drafts_path().write_text("{ not json", encoding="utf-8")
    gen = windowkit.open_window(qtbot, run_async)
    window = next(gen)
    qtbot.waitUntil(lambda: window.notice_banner.isVisible(), timeout=WAIT_MS)
    assert "drafts" in window.notice_banner.text()
    broken = drafts_path().with_name("drafts.json.broken")
    assert broken.read_text(encoding="utf-8") == "{ not json"
    type_in(qtbot, window, "fresh")
    next(gen, None)
    assert on_disk() == {None: "fresh"} and broken.exists()


def test_the_file_keeps_only_drafts_it_can_read(tmp_path):
    path = tmp_path / "drafts.json"
    save_drafts({None: "new", 3: "three", 4: ""}, path)
    assert json.loads(path.read_text(encoding="utf-8"))["conversations"] == {"3": "three"}
    path.write_text(
        json.dumps({"new": 5, "conversations": {"7": "seven", "x": "bad", "8": ["no"]}}),
        encoding="utf-8",
    )
    assert dict(load_drafts(path).drafts) == {7: "seven"}


def test_a_draft_the_disk_refuses_is_said_once_and_stays_in_the_box(qtbot, window):
    qtbot.waitUntil(lambda: not window.tasks.running("load-drafts"), timeout=WAIT_MS)
    blocker = drafts_path()  # a folder where the file goes: the rename onto it fails
    blocker.mkdir()
    (blocker / "in-the-way").write_text("x", encoding="utf-8")

    def written() -> bool:
        return not window.tasks.running("write-drafts")

    type_in(qtbot, window, "first words")
    window.drafts.persist()
    qtbot.waitUntil(lambda: "could not be saved" in window.notice_banner.text(), timeout=WAIT_MS)
    window.notice_banner.hide()  # the user dismissed it
    type_in(qtbot, window, ", more words")
    window.drafts.persist()
    qtbot.waitUntil(written, timeout=WAIT_MS)
    assert window.notice_banner.isHidden()  # not said again at every pause
    assert window.composer.text() == "first words, more words"

    (blocker / "in-the-way").unlink()
    blocker.rmdir()
    type_in(qtbot, window, "!")
    window.drafts.persist()
    qtbot.waitUntil(lambda: written() and drafts_path().is_file(), timeout=WAIT_MS)
    assert on_disk() == {None: "first words, more words!"}
