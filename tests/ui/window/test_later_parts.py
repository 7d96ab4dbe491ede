"""The parts the first frame does not show come when they are wanted, whatever comes first: the
idle turns after the first frame, the user's first key or click, or a part asked for by another.

A user who presses Ctrl+K the moment the window appears gets the switcher; one who searches and
steps through hits before the window has made its search-stepping part steps through them; a
send makes the turn router; and left alone, the window makes everything within moments.
"""

from __future__ import annotations

import importlib.util

import pytest
from PySide6.QtCore import Qt

from app.core.history import HistoryStore, MessageStatus
from app.ui.chat.message_toolbar import switcher_of
from app.ui.window.later_parts import ORDER, STEPS, LaterParts
from tests import fakeserver as fs
from tests.ui import windowkit
from tests.ui.windowkit import WAIT_MS, wait_reply_done


def seed(title: str, pairs: list[tuple[str, str]]) -> int:
    with HistoryStore.open() as store:
        conv = store.create_conversation(title, "deepseek-v4-pro", "cn-beijing", "openai")
        for prompt, answer in pairs:
            store.add_user_message(conv.id, prompt)
            reply = store.start_assistant_message(conv.id, model="deepseek-v4-pro")
            store.finish_message(reply.id, MessageStatus.COMPLETE, text=answer, thinking="")
        return conv.id


@pytest.fixture
def no_idle_turns(monkeypatch):
    """The window never makes its later parts in the background: each comes on demand only."""
    monkeypatch.setattr(LaterParts, "after_first_frame", lambda self: None)


def opened(qtbot, run_async, *, ready: bool = True):
    return windowkit.open_window(qtbot, run_async, ready=ready)


def test_ctrl_k_the_moment_the_window_appears_opens_the_switcher(
    qtbot, run_async, fake, no_idle_turns
):
    seed("Plan the garden beds", [("Where do the tulips go?", "By the fence.")])
    session = opened(qtbot, run_async, ready=False)
    window = next(session)
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)  # (where the keys go)
    assert window.later.missing() == list(ORDER)  # nothing made yet
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.later.missing() == []  # the key made them, before Qt looked it up
    switcher = window.keys.switcher
    qtbot.waitUntil(lambda: switcher.isVisible() and switcher.list.count() == 1, timeout=WAIT_MS)
    next(session, None)


def test_a_search_hit_opens_and_f3_steps_before_anything_was_made(
    qtbot, run_async, fake, no_idle_turns
):
    cid = seed("Zebras", [(f"Step {n} zebra", f"Reply {n}") for n in range(12)])
    session = opened(qtbot, run_async)
    window = next(session)
    qtbot.waitUntil(lambda: window.sidebar.conversation_ids() == [cid], timeout=WAIT_MS)
    assert window.later.missing() == list(ORDER)  # listed, and still nothing made
    window.sidebar.search_box.setText("zebra")  # (typed into the field: no key to notice)
    qtbot.waitUntil(lambda: window.sidebar.hits.group_of(cid) is not None, timeout=WAIT_MS)

    window.sidebar.hit_selected.emit(cid, window.sidebar.hits.group_of(cid).first_message)
    qtbot.waitUntil(lambda: window.current_id == cid, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.steps.at is not None, timeout=WAIT_MS)
    start = window.steps.at[1]
    window.chat_view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: window.steps.at is not None and window.steps.at[1] != start,
                    timeout=WAIT_MS)  # fmt: skip
    next(session, None)


def test_a_send_before_anything_was_made_gets_its_reply_with_its_toolbar(
    qtbot, run_async, fake, no_idle_turns
):
    fake.enqueue(fs.thinking_answer("", "Hello back."))
    session = opened(qtbot, run_async)
    window = next(session)
    assert window.later.built("turns") is None
    assert window.send("Hello")  # (no key pressed: the router is made by the send itself)
    reply = wait_reply_done(qtbot, window)
    assert reply.answer.source() == "Hello back."
    for row in window.chat_view.rows():  # dressed as they were made: versions' switchers
        assert switcher_of(row) is not None
    next(session, None)


def test_left_alone_the_window_makes_every_part_after_its_first_frame(qtbot, run_async, fake):
    seed("Maples", [("Red in autumn?", "Yes.")])
    session = opened(qtbot, run_async)
    window = next(session)
    qtbot.waitUntil(lambda: window.later.missing() == [], timeout=WAIT_MS)
    entries = [action.text() for action in window.menus.file_menu.actions()]
    assert "&Import…" in entries and "Export &all…" in entries
    next(session, None)


def test_the_view_menu_keeps_its_order_whichever_part_came_first(qtbot, run_async, fake):
    def view_entries(window) -> list[str]:
        return [action.text() for action in window.menus.view_menu.actions() if action.text()]

    session = opened(qtbot, run_async)
    window = next(session)
    qtbot.waitUntil(lambda: window.later.missing() == [], timeout=WAIT_MS)
    in_turn = view_entries(window)
    next(session, None)

    session = opened(qtbot, run_async, ready=False)
    window = next(session)
    assert window.usage is not None  # the usage room asked for first (a send, say)
    assert view_entries(window) == in_turn
    next(session, None)


def test_the_modules_imported_ahead_of_a_part_are_the_apps():
    """(``STEPS`` names modules by string: a module moved or renamed must not fail an idle turn.)"""
    for part, modules in STEPS.items():
        assert part in ORDER
        for name in modules:
            assert importlib.util.find_spec(name) is not None, name
