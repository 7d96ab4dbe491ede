"""A chat in the window when the history lets it down: the user reads a full disk or a
read-only history as what it is, in place (on the reply, or in the banner when no reply row
could be written), never as "the reply could not be read, check any proxy"."""

from __future__ import annotations

from app.core.errors import HINTS, ErrorKind
from app.core.history import MessageStatus
from tests.core.history.conditions import fill_disk, make_read_only
from tests.fakeserver import thinking_answer
from tests.ui.windowkit import WAIT_MS, settled, type_and_enter, wait_reply_done, wait_status


def test_a_disk_that_fills_up_during_the_answer_is_shown_on_the_reply(qtbot, window, fake):
    fake.enqueue(thinking_answer("", "Hello!"), thinking_answer("", "A long answer. " * 3000))
    type_and_enter(qtbot, window, "Hi")
    wait_reply_done(qtbot, window)
    fill_disk(window.store)

    type_and_enter(qtbot, window, "Tell me everything")

    reply = wait_status(qtbot, window, MessageStatus.FAILED)
    panel = reply.failure_panel
    assert panel.isVisible()
    assert panel.hint_label.text() == HINTS[ErrorKind.STORAGE_FULL]
    assert "disk is full" in panel.details_label.text()
    assert reply.answer.source().startswith("A long answer.")  # what arrived stays on screen


def test_a_read_only_history_is_explained_in_the_banner(qtbot, window, fake):
    fake.enqueue(thinking_answer("", "Never asked."))
    make_read_only(window.store)

    type_and_enter(qtbot, window, "Hi")

    qtbot.waitUntil(
        lambda: HINTS[ErrorKind.STORAGE_READ_ONLY] in window.notice_banner.text(),
        timeout=WAIT_MS,
    )
    assert window.notice_banner.isVisible()
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)
    assert fake.requests == []  # nothing was sent
