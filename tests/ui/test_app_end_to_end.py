"""End to end, as a user lives it: the real window, the real ChatSession and SQLite history in tmp
dirs, the real HTTP client talking to the fake Model Studio on 127.0.0.1.

Stories: ask and watch thinking then the answer; read the footer; stop a slow reply; recover
from errors in place; restart and find the conversation as it was; a delisted model.
"""

from __future__ import annotations

import contextlib

import pytest
from PySide6.QtCore import Qt

from app.core.errors import Action
from app.core.history import MessageStatus
from app.core.settings import load_settings
from app.ui.chat.message_widgets import AssistantMessageWidget
from tests import fakeserver as fs
from tests.ui import windowkit
from tests.ui.windowkit import WAIT_MS, last_reply, screen_text, type_and_enter, wait_reply_done


def test_enter_sends_and_the_reply_thinks_then_answers(qtbot, window, fake):
    thinking = "The user greets me. " * 6
    answer = "Hello! Here is some code:\n\n```python\nprint('hi')\n```\n"
    fake.enqueue(fs.slow(thinking, answer, delay=0.01, chunk_size=12))
    type_and_enter(qtbot, window, "Hello, model")

    qtbot.waitUntil(lambda: bool(window.chat_view.rows()), timeout=WAIT_MS)
    assert window.composer.text() == ""  # the prompt left the box
    qtbot.waitUntil(lambda: last_reply(window).thinking.text() != "", timeout=WAIT_MS)
    reply = last_reply(window)
    assert reply.thinking.is_expanded()  # live while it thinks
    assert window.composer.stop_button.isVisible()

    reply = wait_reply_done(qtbot, window)
    assert reply.status is MessageStatus.COMPLETE
    assert reply.thinking.text() == thinking
    assert reply.answer.source() == answer
    assert not reply.thinking.is_expanded()  # collapsed once the answer started
    assert "Thought for" in reply.thinking.header_text()
    assert window.composer.send_button.isVisible()

    # the request went to the fake server with the window's model and key
    sent = fake.requests[-1]
    assert sent.body["model"] == "deepseek-v4-pro"
    assert sent.headers["authorization"] == f"Bearer {windowkit.TEST_KEY}"
    assert sent.messages[-1] == {"role": "user", "content": "Hello, model"}


def test_footer_shows_usage_and_request_id(qtbot, window, fake):
    fake.enqueue(fs.thinking_answer("Reasoning.", "Answer."))
    type_and_enter(qtbot, window, "usage please")
    reply = wait_reply_done(qtbot, window)
    footer = reply.footer.text()
    assert "deepseek-v4-pro" in footer
    assert "Tokens:" in footer and "reasoning" in footer
    assert reply.request_id and reply.request_id in footer
    assert "First token" in footer and "Duration" in footer


def test_stop_keeps_the_partial_answer_marked_stopped(qtbot, window, fake):
    fake.enqueue(fs.slow("", "word " * 2000, delay=0.02, chunk_size=5))
    type_and_enter(qtbot, window, "Write a very long essay")
    qtbot.waitUntil(lambda: len(last_reply(window).answer.source()) > 20, timeout=WAIT_MS)

    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Escape)  # Esc stops
    reply = windowkit.wait_status(qtbot, window, MessageStatus.STOPPED)
    partial = reply.answer.source()
    assert 20 < len(partial) < len("word " * 2000)
    assert "Stopped" in reply.footer.text()
    assert fake.wait_for_disconnect(30)  # the HTTP stream was closed at once

    stored = window.store.get_message(reply.message_id)
    assert stored is not None and stored.status is MessageStatus.STOPPED
    assert stored.text == partial  # nothing shown was lost, nothing unseen was kept
    assert window.composer.send_button.isVisible()


def test_stop_button_stops_too(qtbot, window, fake):
    thinking = "thinking " * 500
    fake.enqueue(fs.slow(thinking, "never reached", delay=0.02))
    type_and_enter(qtbot, window, "think long")
    qtbot.waitUntil(lambda: last_reply(window).thinking.text() != "", timeout=WAIT_MS)
    qtbot.mouseClick(window.composer.stop_button, Qt.MouseButton.LeftButton)
    reply = windowkit.wait_status(qtbot, window, MessageStatus.STOPPED)
    shown = reply.thinking.text()
    assert shown and thinking.startswith(shown) and len(shown) < len(thinking)
    assert reply.answer.source() == ""


def test_server_errors_before_the_first_token_are_retried_by_themselves(qtbot, window, fake):
    fake.enqueue(
        fs.error(500, "InternalError", "An internal error has occured."),
        fs.error(500, "InternalError", "An internal error has occured."),
    )
    type_and_enter(qtbot, window, "are you there?")
    reply = wait_reply_done(qtbot, window)
    assert reply.status is MessageStatus.COMPLETE
    assert reply.answer.source() == "You said: are you there?"
    assert len(fake.requests) == 3


def test_an_error_shows_retry_in_place_and_retry_answers_the_same_turn(qtbot, window, fake):
    fake.enqueue(
        fs.midstream_error(
            "DataInspectionFailed",
            "Output data may contain inappropriate content.",
            after_answer="Partial ",
        )
    )
    type_and_enter(qtbot, window, "tell me something")
    reply = windowkit.wait_status(qtbot, window, MessageStatus.FAILED)
    assert reply.answer.source() == "Partial "  # the partial text stays
    panel = reply.failure_panel
    assert panel.isVisible()
    assert "moderation" in panel.hint_label.text().lower()
    retry = panel.buttons[Action.RETRY]

    qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)
    reply = wait_reply_done(qtbot, window)
    assert reply.status is MessageStatus.COMPLETE
    assert reply.answer.source() == "You said: tell me something"
    # one prompt, one answer: the retry replaced the failed reply in place
    assert [row[0] for row in screen_text(window)] == ["user", "assistant"]
    assert fake.requests[-1].messages == [{"role": "user", "content": "tell me something"}]


def test_a_server_error_that_persists_shows_retry_and_retry_works(qtbot, window, fake):
    busy = fs.error(500, "InternalError", "An internal error has occured.")
    fake.enqueue(busy, busy, busy, busy)  # more than the client's automatic retries
    type_and_enter(qtbot, window, "try hard")
    reply = windowkit.wait_status(qtbot, window, MessageStatus.FAILED)
    assert "server error" in reply.failure_panel.hint_label.text()
    assert "500" in reply.failure_panel.details_label.text()
    qtbot.mouseClick(reply.failure_panel.buttons[Action.RETRY], Qt.MouseButton.LeftButton)
    reply = wait_reply_done(qtbot, window)
    assert reply.answer.source() == "You said: try hard"
    assert [row[0] for row in screen_text(window)] == ["user", "assistant"]


def test_a_refused_key_offers_settings(qtbot, window, fake):
    fake.enqueue(fs.error(401, "invalid_api_key", "Incorrect API key provided."))
    type_and_enter(qtbot, window, "hello")
    reply = windowkit.wait_status(qtbot, window, MessageStatus.FAILED)
    buttons = reply.failure_panel.buttons
    assert list(buttons) == [Action.OPEN_SETTINGS, Action.RETRY]  # fix the key, then retry
    assert "region" in reply.failure_panel.hint_label.text()
    assert "401" in reply.failure_panel.details_label.text()

    from app.ui.settings.settings_dialog import SettingsDialog

    qtbot.mouseClick(buttons[Action.OPEN_SETTINGS], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(SettingsDialog) is not None, timeout=WAIT_MS)
    dialog = window.findChild(SettingsDialog)
    assert dialog.isVisible()
    dialog.reject()

    fake.enqueue(fs.thinking_answer("", "Hello again."))  # the key is fixed now
    qtbot.mouseClick(buttons[Action.RETRY], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(fake.requests) == 2, timeout=WAIT_MS)
    answered = windowkit.wait_reply_done(qtbot, window)
    assert answered.answer.source() == "Hello again."
    assert [m["content"] for m in fake.requests[-1].messages] == ["hello"]


def test_after_a_restart_the_conversation_is_there_identical(qtbot, qasync_loop, run_async, fake):
    """Text, status, thinking header and footer, timings included: what was seen live is what
    is seen after a restart (the ended reply adopts the stored record)."""

    def one_window():
        return windowkit.open_window(qtbot, run_async)

    first = one_window()
    window = next(first)
    fake.enqueue(
        # slow enough for timings of a few tenths of a second, where the window's clock and
        # the session's would otherwise round apart now and then
        fs.slow("Think **a**. " * 4, "# Title\n\n- one\n- two\n\n`code`", delay=0.01),
        fs.midstream_error("DataInspectionFailed", "Inappropriate content.", after_answer="Hal"),
    )
    type_and_enter(qtbot, window, "first question")
    wait_reply_done(qtbot, window)
    type_and_enter(qtbot, window, "second question")
    windowkit.wait_status(qtbot, window, MessageStatus.FAILED)
    type_and_enter(qtbot, window, "third question")  # the fake's default: an echo
    wait_reply_done(qtbot, window)
    before = screen_text(window)
    details_before = windowkit.reply_details(window)
    assert [status for *_, status in before] == [
        "complete",
        "complete",
        "complete",
        "failed",
        "complete",
        "complete",
    ]
    assert all("First token" in f and "Duration" in f for _, f in details_before)
    assert details_before[0][0].startswith("Thought for")
    # The footers above are the stored record's, not the window's own clock readings (those
    # would round 0.1 s apart from the stored ones now and then, failing the check below).
    for row in window.chat_view.rows():
        if isinstance(row, AssistantMessageWidget):
            stored = window.store.get_message(row.message_id)
            assert stored is not None
            shown = (row.started_at, row.first_token_at, row.finished_at)
            assert shown == (stored.started_at, stored.first_token_at, stored.finished_at)
    cid = window.current_id
    next(first, None)  # close it: shutdown, store closed

    second = one_window()
    window = next(second)
    qtbot.waitUntil(lambda: window.sidebar.conversation_ids() == [cid], timeout=WAIT_MS)
    item = window.sidebar.list.item(0)
    assert item.text() == "first question"
    qtbot.mouseClick(
        window.sidebar.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.sidebar.list.visualItemRect(item).center(),
    )
    qtbot.waitUntil(lambda: window.current_id == cid, timeout=WAIT_MS)
    assert screen_text(window) == before
    assert windowkit.reply_details(window) == details_before
    next(second, None)


def test_a_delisted_model_answers_404_and_offers_the_switch(qtbot, window, fake):
    window.switch_model("deepseek-r1")  # e.g. an old setting; the picker shows it disabled
    assert not window.composer.is_model_enabled("deepseek-r1")
    fake.enqueue(fs.error(404, "ModelNotFound", "Model not exist."))
    type_and_enter(qtbot, window, "still there?")
    reply = windowkit.wait_status(qtbot, window, MessageStatus.FAILED)
    assert "delisted" in reply.failure_panel.hint_label.text()
    switch = reply.failure_panel.buttons[Action.SWITCH_MODEL]
    assert "qwen3.7-max" in switch.text()

    qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)
    assert window.composer.model() == "qwen3.7-max"
    assert not window.model_banner.isVisible()
    qtbot.waitUntil(lambda: load_settings().settings.model == "qwen3.7-max", timeout=WAIT_MS)

    type_and_enter(qtbot, window, "and now?")
    reply = wait_reply_done(qtbot, window)
    assert reply.status is MessageStatus.COMPLETE
    assert fake.requests[-1].body["model"] == "qwen3.7-max"


@contextlib.contextmanager
def safety_net(qapp, ms: int = 60_000):
    """Close every window if ``app.run`` is still running after ``ms`` (a failed test must not
    hang); stopped afterwards, so it never closes a later test's window."""
    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(lambda: [w.close() for w in qapp.topLevelWidgets()])
    timer.start(ms)
    try:
        yield
    finally:
        timer.stop()


def test_seekdesk_runs_the_window_on_qasync_and_closing_mid_stream_stops_the_reply(
    qapp, fake, monkeypatch
):
    """``seekdesk`` with no arguments: app.run() owns the loop until the window closes."""
    import asyncio

    from PySide6.QtCore import QTimer

    from app.__main__ import main
    from app.core.history import HistoryStore
    from app.ui.window.main_window import MainWindow

    fake.enqueue(fs.slow("", "word " * 3000, delay=0.01, chunk_size=5))
    seen: dict[str, object] = {}

    def window() -> MainWindow:
        return next(w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow))

    def drive() -> None:
        seen["loop"] = type(asyncio.get_event_loop()).__name__
        window().composer.set_text("stream something long")
        send_when_ready()

    def send_when_ready() -> None:  # the history opens after the window shows: Send waits
        if window().composer.send_button.isEnabled():
            window().composer.send_button.click()
            QTimer.singleShot(20, close_when_streaming)
        else:
            QTimer.singleShot(20, send_when_ready)

    def close_when_streaming() -> None:  # polls on Qt timers: the loop under test is run()'s
        rows = window().chat_view.rows()
        if len(rows) == 2 and len(last_reply(window()).answer.source()) > 20:
            seen["message_id"] = last_reply(window()).message_id
            window().close()
        else:
            QTimer.singleShot(20, close_when_streaming)

    QTimer.singleShot(0, drive)
    with safety_net(qapp):
        assert main([]) == 0
    assert seen["loop"] == "QSelectorEventLoop"
    with HistoryStore.open() as store:
        stored = store.get_message(int(seen["message_id"]))
    assert stored is not None and stored.status is MessageStatus.STOPPED
    assert stored.text.startswith("word ")


def test_seekdesk_with_an_unusable_history_says_why_and_exits_1(qapp, fake, monkeypatch, tmp_path):
    """The window shows first, then the failure to open the history: a message, exit status 1."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from app.__main__ import main
    from app.ui.window.main_window import MainWindow

    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the data directory should be", encoding="utf-8")
    monkeypatch.setenv("SEEKDESK_DATA_DIR", str(blocker))
    seen: dict[str, object] = {}

    def dismiss_when_shown() -> None:
        window = next(
            (w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()),
            None,
        )
        box = window.findChild(QMessageBox, "cannotStartBox") if window is not None else None
        if box is not None and box.isVisible():
            seen["window_was_visible"] = window.isVisible()
            seen["text"] = box.text()
            box.button(QMessageBox.StandardButton.Close).click()
        else:
            QTimer.singleShot(20, dismiss_when_shown)

    QTimer.singleShot(0, dismiss_when_shown)
    with safety_net(qapp):
        assert main([]) == 1
    assert seen["window_was_visible"] is True
    assert "history cannot be opened" in str(seen["text"])
    assert str(blocker) in str(seen["text"])


# -- screenshots for a human to look at ---------------------------------------------------------

SHOT_THINKING = (
    "The user wants a Python function that reverses words. Split on whitespace, reverse the "
    "list, join with single spaces. Mention the edge case of empty input."
)
SHOT_ANSWER = """Here is a small function that **reverses the order of words**:

```python
def reverse_words(text: str) -> str:
    \"\"\"Return the words of text in reverse order.\"\"\"
    return " ".join(reversed(text.split()))
```

- Extra spaces collapse to one.
- An empty string gives an empty string.

| input | output |
|---|---|
| `hello big world` | `world big hello` |
"""


def artifacts_dir():
    import os
    from pathlib import Path

    path = Path(os.environ.get("SEEKDESK_ARTIFACTS") or "/tmp/seekdesk-artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshots_of_the_main_window(qtbot, qapp, qasync_loop, run_async, fake, theme):
    from app.ui.app import dark_palette, light_palette

    old_palette = qapp.palette()
    qapp.setPalette(dark_palette() if theme == "dark" else light_palette())
    gen = windowkit.open_window(qtbot, run_async)  # after the palette, as at start-up
    window = next(gen)
    try:
        window.resize(1180, 820)
        fake.enqueue(fs.thinking_answer(SHOT_THINKING, SHOT_ANSWER, chunk_size=16))
        type_and_enter(qtbot, window, "Write a Python function that reverses the words")
        wait_reply_done(qtbot, window)
        good = window.current_id
        qtbot.waitUntil(lambda: len(window.sidebar.conversation_ids()) == 1, timeout=WAIT_MS)
        out = artifacts_dir()
        qapp.processEvents()
        path = out / f"main-window-answer-{theme}.png"
        assert windowkit.settled_grab(qtbot, window).save(str(path))

        window.new_chat()
        fake.enqueue(
            fs.midstream_error(
                "DataInspectionFailed",
                "Output data may contain inappropriate content.",
                after_answer="Sure, here is the first part of ",
            )
        )
        type_and_enter(qtbot, window, "Tell me a story")
        windowkit.wait_status(qtbot, window, MessageStatus.FAILED)
        qtbot.waitUntil(lambda: len(window.sidebar.conversation_ids()) == 2, timeout=WAIT_MS)
        qapp.processEvents()
        path = out / f"main-window-failure-{theme}.png"
        assert windowkit.settled_grab(qtbot, window).save(str(path))
        assert good != window.current_id

        window.open_conversation(good)
        qtbot.waitUntil(lambda: window.current_id == good, timeout=WAIT_MS)
        window.switch_model("deepseek-r1")  # a delisted model: the banner offers the switch
        qtbot.keyClicks(window.sidebar.search_box, "reverse")
        qtbot.waitUntil(lambda: set(window.sidebar.conversation_ids()) == {good}, timeout=WAIT_MS)
        qapp.processEvents()
        path = out / f"main-window-search-delisted-{theme}.png"
        assert windowkit.settled_grab(qtbot, window).save(str(path))
    finally:
        next(gen, None)
        qapp.setPalette(old_palette)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshot_while_the_history_opens(qtbot, qapp, qasync_loop, run_async, fake, theme):
    """The window as it first appears on a slow disk: shown, typing possible, history opening."""
    import threading

    from app.core.history import HistoryStore
    from app.ui.app import dark_palette, light_palette

    gate = threading.Event()

    def slow_open() -> HistoryStore:
        gate.wait(WAIT_MS / 1000)
        return HistoryStore.open()

    old_palette = qapp.palette()
    qapp.setPalette(dark_palette() if theme == "dark" else light_palette())
    gen = windowkit.open_window(qtbot, run_async, ready=False, open_store=slow_open)
    window = next(gen)
    try:
        window.resize(1180, 820)
        window.composer.set_text("A question typed while the history opens")
        qtbot.waitUntil(lambda: window.sidebar.empty_label.isVisible(), timeout=WAIT_MS)
        path = artifacts_dir() / f"main-window-opening-{theme}.png"
        assert windowkit.settled_grab(qtbot, window).save(str(path))
        assert not window.is_ready()
    finally:
        gate.set()
        qtbot.waitUntil(window.is_ready, timeout=WAIT_MS)
        next(gen, None)
        qapp.setPalette(old_palette)


TRANSLATION = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context><name>Composer</name>
<message><source>Send</source><translation>发送</translation></message>
</context>
</TS>
"""


def test_translations_for_the_locale_are_used(qtbot, qapp, tmp_path):
    import shutil
    import subprocess

    from PySide6.QtCore import QLocale

    from app.ui.app import install_translations
    from app.ui.chat.composer import Composer

    lrelease = shutil.which("pyside6-lrelease")
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    (tmp_path / "seekdesk_zh_CN.ts").write_text(TRANSLATION, encoding="utf-8")
    subprocess.run(
        [lrelease, "seekdesk_zh_CN.ts", "-qm", "seekdesk_zh_CN.qm"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    installed = install_translations(qapp, QLocale("zh_CN"), tmp_path)
    try:
        composer = Composer()
        qtbot.addWidget(composer)
        assert composer.send_button.text() == "发送"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
    english = Composer()
    qtbot.addWidget(english)
    assert english.send_button.text() == "Send"
