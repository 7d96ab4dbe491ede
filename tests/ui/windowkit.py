"""Helpers for driving the real main window against the real fake server (no mocks).

Each window test gets: a FakeServer on 127.0.0.1, ``SEEKDESK_BASE_URL`` pointing at it, a key in
``DASHSCOPE_API_KEY``, the data/config dirs of ``tests/conftest.py`` (tmp), and a MainWindow on a
qasync loop. Waiting is always on a condition (``qtbot.waitUntil``), never on a sleep.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextBrowser

from app.core.history import MessageStatus
from app.ui.chat.message_widgets import AssistantMessageWidget
from app.ui.window.main_window import MainWindow
from tests.fakeserver import FakeServer

TEST_KEY = "sk-test-window-0123456789"
WAIT_MS = 60_000


def server(monkeypatch: Any) -> Iterator[FakeServer]:
    with FakeServer() as fake:
        monkeypatch.setenv("SEEKDESK_BASE_URL", fake.base_url)
        monkeypatch.setenv("DASHSCOPE_API_KEY", TEST_KEY)
        yield fake


def open_window(
    qtbot: Any, run_async: Any, *, ready: bool = True, **kwargs: Any
) -> Iterator[MainWindow]:
    """Show a MainWindow as ``app.run`` does; with ``ready`` (the default) wait until its
    history is open, as a user waits for the conversations to appear before chatting.
    ``kwargs`` go to MainWindow (``open_store=`` to slow the opening down)."""
    window = MainWindow(**kwargs)
    qtbot.addWidget(window)
    window.resize(1100, 760)
    window.show()
    window.start()
    if ready:
        qtbot.waitUntil(window.is_ready, timeout=WAIT_MS)
    yield window
    window.close()
    run_async(window.shutdown())


def type_and_enter(qtbot: Any, window: MainWindow, text: str) -> None:
    edit = window.composer.edit
    edit.setFocus()
    edit.insertPlainText(text)  # QTest types ASCII only; insert like a paste
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def last_reply(window: MainWindow) -> AssistantMessageWidget:
    rows = [r for r in window.chat_view.rows() if isinstance(r, AssistantMessageWidget)]
    assert rows, "no assistant reply on screen"
    return rows[-1]


def settled(window: MainWindow) -> bool:
    """No turn running and the composer ready to send again (its busy state follows the
    worker's task one loop iteration later). An ended reply shows its stored record from the
    moment it ends: the record comes with the session's event."""
    return not window.worker.is_busy() and not window.composer.is_busy()


def wait_reply_done(qtbot: Any, window: MainWindow) -> AssistantMessageWidget:
    """Wait until the last reply has ended and shows its stored record (footer included)."""

    def done() -> bool:
        rows = [r for r in window.chat_view.rows() if isinstance(r, AssistantMessageWidget)]
        return bool(rows) and not rows[-1].is_streaming() and settled(window)

    qtbot.waitUntil(done, timeout=WAIT_MS)
    return last_reply(window)


def wait_status(qtbot: Any, window: MainWindow, status: MessageStatus) -> AssistantMessageWidget:
    qtbot.waitUntil(
        lambda: (
            bool(window.chat_view.rows())
            and isinstance(window.chat_view.rows()[-1], AssistantMessageWidget)
            and last_reply(window).status is status
            and settled(window)
        ),
        timeout=WAIT_MS,
    )
    return last_reply(window)


def screen_text(window: MainWindow) -> list[tuple[str, str, str, str]]:
    """What the conversation shows: (role, thinking, answer, status) per row."""
    out = []
    for row in window.chat_view.rows():
        if isinstance(row, AssistantMessageWidget):
            out.append(("assistant", row.thinking.text(), row.answer.source(), row.status.value))
        else:
            out.append(("user", "", row.text(), "complete"))
    return out


def reply_details(window: MainWindow) -> list[tuple[str, str]]:
    """What each reply says about itself: (thinking header, footer), timings included."""
    return [
        (row.thinking.header_text(), row.footer.text())
        for row in window.chat_view.rows()
        if isinstance(row, AssistantMessageWidget)
    ]


def settled_grab(qtbot: Any, widget: Any, timeout_ms: int = 5_000) -> Any:
    """A screenshot taken once the layout has settled.

    Message heights follow their documents through queued layout passes, so the frame right
    after a reply ends can still show the previous height; a picture that no longer changes
    for 200 ms of running the event loop is what a user sees.
    """
    import time

    state = {"image": widget.grab().toImage(), "since": time.monotonic()}

    def stable() -> bool:
        image = widget.grab().toImage()
        now = time.monotonic()
        if image != state["image"]:
            state.update(image=image, since=now)
        return now - state["since"] >= 0.2

    qtbot.waitUntil(stable, timeout=timeout_ms)
    return widget.grab()


def anchor_point(browser: QTextBrowser, href_prefix: str) -> QPoint:
    """Where on screen the first link whose href starts with ``href_prefix`` is drawn."""
    block = browser.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().anchorHref().startswith(href_prefix):
                cursor = QTextCursor(browser.document())
                cursor.setPosition(fragment.position() + 1)
                return browser.cursorRect(cursor).center()
            iterator += 1
        block = block.next()
    raise AssertionError(f"no link {href_prefix!r} in the document")


def click_link(qtbot, browser: QTextBrowser, href_prefix: str) -> None:
    """Click the link like a user: once the layout has settled and the link is under the mouse."""
    qtbot.waitUntil(
        lambda: (
            browser.isVisible()
            and browser.anchorAt(anchor_point(browser, href_prefix)).startswith(href_prefix)
        ),
        timeout=WAIT_MS,
    )
    point = anchor_point(browser, href_prefix)
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
