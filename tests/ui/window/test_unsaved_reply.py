"""The disk fills up while a reply streams in the window: the reply is marked failed with the
full disk named, its whole text stays on screen, and the user can save it to a file at once, or
write it to the history once space is back, without asking (and paying) again."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.core.errors import HINTS, Action, ErrorKind
from app.core.history import MessageStatus
from tests.core.history.conditions import fill_disk, free_disk
from tests.fakeserver import thinking_answer
from tests.ui.windowkit import WAIT_MS, settled, type_and_enter, wait_reply_done, wait_status

ANSWER = "A long answer. " * 3000 + "The last words."


def test_a_reply_the_full_disk_refused_can_be_saved_to_a_file_and_later_to_the_history(
    qtbot, window, fake, tmp_path
):
    fake.enqueue(thinking_answer("", "Hello!"), thinking_answer("Let me see.", ANSWER))
    type_and_enter(qtbot, window, "Hi")
    wait_reply_done(qtbot, window)
    fill_disk(window.store)

    type_and_enter(qtbot, window, "Tell me everything")
    reply = wait_status(qtbot, window, MessageStatus.FAILED)
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)
    panel = reply.failure_panel
    assert panel.hint_label.text() == HINTS[ErrorKind.STORAGE_FULL]
    assert reply.answer.source() == ANSWER  # every word stays on screen
    assert list(panel.buttons) == [Action.SAVE_AGAIN, Action.SAVE_TO_FILE]
    requests = len(fake.requests)

    # Save to a file, now.
    target = tmp_path / "kept.md"
    window.unsaved.choose_path = lambda _title, _name: str(target)
    qtbot.mouseClick(panel.buttons[Action.SAVE_TO_FILE], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists, timeout=WAIT_MS)
    kept = target.read_text(encoding="utf-8")
    assert "Let me see." in kept and kept.rstrip().endswith("The last words.")

    # Still full: saving again says so and keeps the offer.
    qtbot.mouseClick(panel.buttons[Action.SAVE_AGAIN], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "still cannot" in window.statusBar().currentMessage(), timeout=WAIT_MS)
    assert panel.isVisible()

    # Space is back: the reply goes into the history, whole, and is no longer failed.
    free_disk(window.store)
    qtbot.mouseClick(panel.buttons[Action.SAVE_AGAIN], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: reply.status is MessageStatus.COMPLETE, timeout=WAIT_MS)
    assert not panel.isVisible()
    stored = window.store.messages(reply.conversation_id)[-1]
    assert stored.id == reply.message_id
    assert stored.status is MessageStatus.COMPLETE and stored.text == ANSWER
    assert stored.thinking == "Let me see."
    assert len(fake.requests) == requests  # nothing was asked again
