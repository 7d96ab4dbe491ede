"""A pinned conversation stays pinned through Delete → Undo: it comes back under a new id (the
history imports it anew) and the pin follows it, also when another pin changed meanwhile."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from app.core.history import HistoryStore, MessageStatus
from app.core.settings import load_settings
from app.ui.window.date_groups import HEADER_ROLE
from tests.ui.windowkit import WAIT_MS


def seed(titles: list[str]) -> list[int]:
    """Conversations with one exchange each, the first the newest."""
    ids = []
    with HistoryStore.open() as store:
        for n, title in enumerate(reversed(titles)):
            conv = store.create_conversation(title, "deepseek-v4-pro", "cn-beijing", "openai",
                                             created_at=1_800_000_000 + n)  # fmt: skip
            store.add_user_message(conv.id, f"About {title}")
            reply = store.start_assistant_message(conv.id, model="deepseek-v4-pro")
            store.finish_message(reply.id, MessageStatus.COMPLETE, text="Sure.", thinking="")
            ids.append(conv.id)
    return list(reversed(ids))


def titles(window) -> list[str]:
    return [window.sidebar.item_text(cid) for cid in window.sidebar.conversation_ids()]


def delete_with_the_key(qtbot, window, monkeypatch, conversation_id: int) -> None:
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    lst = window.sidebar.list
    lst.setFocus()
    lst.setCurrentRow(window.sidebar.conversation_ids().index(conversation_id))
    qtbot.keyClick(lst, Qt.Key.Key_Delete)
    qtbot.waitUntil(
        lambda: conversation_id not in window.sidebar.conversation_ids(), timeout=WAIT_MS
    )


def click_undo(qtbot, window) -> None:
    undo = window.statusBar().findChild(QPushButton, "undoDeleteConversation")
    assert undo is not None
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)


def pinned_saved() -> list[int]:
    return load_settings().settings.ui.get("pinned", [])


def test_a_pinned_conversation_deleted_and_undone_is_pinned_again(qtbot, window, monkeypatch):
    _, _, travel = seed(["News", "Recipes", "Travel"])
    window.conversations.refresh()
    qtbot.waitUntil(lambda: len(window.sidebar.conversation_ids()) == 3, timeout=WAIT_MS)
    window.sidebar.pin_toggled.emit(travel)  # the context menu's "Pin to top"
    assert titles(window)[0].startswith("Travel")

    delete_with_the_key(qtbot, window, monkeypatch, travel)
    click_undo(qtbot, window)
    qtbot.waitUntil(lambda: len(window.sidebar.conversation_ids()) == 3, timeout=WAIT_MS)

    back = window.sidebar.conversation_ids()[0]
    assert back != travel  # imported anew
    assert titles(window)[0].startswith("Travel")
    assert window.sidebar.list.item(0).data(HEADER_ROLE) == "Pinned"
    assert window.sidebar.pinned == {back}
    qtbot.waitUntil(lambda: pinned_saved() == [back], timeout=WAIT_MS)


def test_the_pin_comes_back_even_if_another_was_pinned_meanwhile(qtbot, window, monkeypatch):
    news, _, travel = seed(["News", "Recipes", "Travel"])
    window.conversations.refresh()
    qtbot.waitUntil(lambda: len(window.sidebar.conversation_ids()) == 3, timeout=WAIT_MS)
    window.sidebar.pin_toggled.emit(travel)

    delete_with_the_key(qtbot, window, monkeypatch, travel)
    window.sidebar.pin_toggled.emit(news)  # while Undo is offered
    qtbot.waitUntil(lambda: pinned_saved() == [news], timeout=WAIT_MS)  # the deleted one dropped
    click_undo(qtbot, window)
    qtbot.waitUntil(lambda: len(window.sidebar.conversation_ids()) == 3, timeout=WAIT_MS)

    pinned = set(window.sidebar.pinned)
    assert news in pinned and len(pinned) == 2
    assert sorted(titles(window)[:2]) == sorted(
        window.sidebar.item_text(cid) for cid in pinned
    )
    assert not any(t.startswith("Recipes") for t in titles(window)[:2])


def test_an_unpinned_conversation_comes_back_unpinned(qtbot, window, monkeypatch):
    news, recipes, _ = seed(["News", "Recipes", "Travel"])
    window.conversations.refresh()
    qtbot.waitUntil(lambda: len(window.sidebar.conversation_ids()) == 3, timeout=WAIT_MS)
    window.sidebar.pin_toggled.emit(news)

    delete_with_the_key(qtbot, window, monkeypatch, recipes)
    click_undo(qtbot, window)
    qtbot.waitUntil(lambda: len(window.sidebar.conversation_ids()) == 3, timeout=WAIT_MS)
    assert window.sidebar.pinned == {news}
