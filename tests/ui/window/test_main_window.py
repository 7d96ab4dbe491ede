"""The main window around the conversation: sidebar, search, rename/delete, notices, the first
launch, delisted models, switching or closing mid-stream, preferences that persist, export; and
a window that shows at once while the history opens and the keyring answers behind it.

Real window, real store and settings in tmp dirs, real fake server; waits on conditions only.
Slow disks and slow keyrings are test hooks around the real calls (``SlowOpening`` passed as
``MainWindow(open_store=...)``, ``SlowKeyring`` wrapping ``secrets.resolve_key``) that wait
until the test releases them: no sleeps.
"""

from __future__ import annotations

import asyncio
import json
import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.core import secrets
from app.core.history import HistoryError, HistoryStore, MessageStatus
from app.core.settings import Settings, load_settings, save_settings
from app.ui.window.rename_dialog import RenameDialog
from app.ui.window.sidebar_rows import RowMark
from tests import fakeserver as fs
from tests.ui import windowkit
from tests.ui.windowkit import (
    WAIT_MS,
    last_reply,
    screen_text,
    settled,
    type_and_enter,
    wait_reply_done,
)


def seed_history(conversations: list[tuple[str, str, list[tuple[str, str]]]]) -> list[int]:
    """Write conversations (title, model, [(prompt, answer)…]) straight into the store."""
    ids = []
    with HistoryStore.open() as store:
        for n, (title, model, pairs) in enumerate(conversations):
            conv = store.create_conversation(
                title, model, "cn-beijing", "openai", created_at=1_700_000_000 + n * 100
            )
            for prompt, answer in pairs:
                store.add_user_message(conv.id, prompt)
                reply = store.start_assistant_message(conv.id, model=model)
                store.finish_message(reply.id, MessageStatus.COMPLETE, text=answer, thinking="")
            ids.append(conv.id)
    return ids


def click_item(qtbot, window, row: int) -> None:
    lst = window.sidebar.list
    rect = lst.visualItemRect(lst.item(row))
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def wait_sidebar(qtbot, window, count: int) -> None:
    qtbot.waitUntil(lambda: len(window.sidebar.conversation_ids()) == count, timeout=WAIT_MS)


# -- sidebar ------------------------------------------------------------------------------------


def test_sidebar_lists_newest_first_and_a_click_opens(qtbot, qasync_loop, run_async, fake):
    older, newer = seed_history(
        [
            ("Older chat", "deepseek-v4-pro", [("old question", "old answer")]),
            ("Newer chat", "deepseek-v4-flash", [("new question", "new answer")]),
        ]
    )
    window = next(gen := windowkit.open_window(qtbot, run_async))
    wait_sidebar(qtbot, window, 2)
    assert window.sidebar.conversation_ids() == [newer, older]
    assert window.current_id is None and window.chat_view.rows() == []  # starts on a new chat

    click_item(qtbot, window, 1)
    qtbot.waitUntil(lambda: window.current_id == older, timeout=WAIT_MS)
    assert screen_text(window) == [
        ("user", "", "old question", "complete"),
        ("assistant", "", "old answer", "complete"),
    ]
    assert window.composer.model() == "deepseek-v4-pro"  # the conversation's model

    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # New chat
    assert window.current_id is None and window.chat_view.rows() == []
    next(gen, None)


def test_search_finds_a_message_and_opens_its_conversation(qtbot, qasync_loop, run_async, fake):
    _, target = seed_history(
        [
            ("Cooking", "deepseek-v4-pro", [("How long to boil an egg?", "About 9 minutes.")]),
            ("Travel", "deepseek-v4-pro", [("Best time to visit Kyoto?", "Autumn, for maples.")]),
        ]
    )
    window = next(gen := windowkit.open_window(qtbot, run_async))
    wait_sidebar(qtbot, window, 2)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.sidebar.search_box.hasFocus()
    qtbot.keyClicks(window.sidebar.search_box, "maples")
    qtbot.waitUntil(lambda: window.sidebar.conversation_ids() == [target], timeout=WAIT_MS)
    assert "<b>maples</b>" in window.sidebar.item_text(target)

    click_item(qtbot, window, 0)
    qtbot.waitUntil(lambda: window.current_id == target, timeout=WAIT_MS)
    assert screen_text(window)[1][2] == "Autumn, for maples."

    window.sidebar.search_box.clear()  # back to the list
    wait_sidebar(qtbot, window, 2)
    next(gen, None)


def test_rename_and_delete_ask_first(qtbot, qasync_loop, run_async, fake, monkeypatch):
    keep, doomed = seed_history(
        [
            ("Keep me", "deepseek-v4-pro", [("a", "b")]),
            ("Delete me", "deepseek-v4-pro", [("c", "d")]),
        ]
    )
    window = next(gen := windowkit.open_window(qtbot, run_async))
    wait_sidebar(qtbot, window, 2)

    window.sidebar.ask_rename(keep)
    dialog = window.sidebar.findChild(RenameDialog, "renameDialog")
    dialog.field.setText("Renamed")
    dialog.accept()
    qtbot.waitUntil(lambda: window.sidebar.item_text(keep) == "Renamed", timeout=WAIT_MS)

    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: next(answers)))
    window.sidebar.ask_delete(doomed)  # cancelled: still there
    assert sorted(window.sidebar.conversation_ids()) == sorted([keep, doomed])
    window.sidebar.ask_delete(doomed)  # confirmed
    qtbot.waitUntil(lambda: window.sidebar.conversation_ids() == [keep], timeout=WAIT_MS)
    assert window.store.get_conversation(doomed) is None
    next(gen, None)


def test_search_hits_read_as_text_not_markdown(qtbot, qasync_loop, run_async, fake):
    answer = (
        "Here is how: **reverse**s the order of words.\n\n```python\ndef flip(s):\n"
        "    return ' '.join(reversed(s.split()))\n```\n\n## Notes\n\nThe built-in "
        "`reversed` is lazy. See [the docs](https://docs.python.org/3/library/functions.html)."
    )
    (target,) = seed_history([("Words", "deepseek-v4-pro", [("How to flip words?", answer)])])
    window = next(gen := windowkit.open_window(qtbot, run_async))
    wait_sidebar(qtbot, window, 1)

    def hit_for(query: str) -> str:
        window.sidebar.search_box.setText(query)
        qtbot.waitUntil(
            lambda: (
                window.sidebar.conversation_ids() == [target]
                and query in window.sidebar.item_text(target)
            ),
            timeout=WAIT_MS,
        )
        return window.sidebar.item_text(target)

    text = hit_for("reverse")
    assert "Here is how: <b>reverse</b>s the order of words. def fli…" in text, text
    assert "**" not in text and "`" not in text and "python" not in text
    text = hit_for("lazy")
    assert "…ilt-in reversed is <b>lazy</b>. See the docs…" in text, text
    assert not any(syntax in text for syntax in ("`", "[", "](", "https://")), text
    text = hit_for("Notes")
    assert "<b>Notes</b> The built-in reversed is lazy." in text, text
    assert "#" not in text and "`" not in text
    # The core's snippet stays raw Markdown: only the sidebar reads it for the user.
    assert "**" in window.store.search("reverse")[0].snippet
    next(gen, None)


# -- the history opens behind the window --------------------------------------------------------


class SlowOpening:
    """A test hook for ``MainWindow(open_store=...)``: the history opens only when released."""

    def __init__(self, fail: Exception | None = None) -> None:
        self.gate = threading.Event()
        self.fail = fail

    def __call__(self) -> HistoryStore:
        assert threading.current_thread() is not threading.main_thread()
        self.gate.wait(WAIT_MS / 1000)
        if self.fail is not None:
            raise self.fail
        return HistoryStore.open()


def test_the_window_is_usable_while_a_slow_history_opens(qtbot, qasync_loop, run_async, fake):
    (chat,) = seed_history([("Kept chat", "deepseek-v4-pro", [("q", "a")])])
    slow = SlowOpening()
    gen = windowkit.open_window(qtbot, run_async, ready=False, open_store=slow)
    window = next(gen)
    try:
        assert window.isVisible() and not window.is_ready()  # shown before the history opened
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)
        assert not window.is_ready()  # and it takes the keyboard while the history waits
        sidebar, composer = window.sidebar, window.composer
        assert sidebar.empty_label.isVisible() and sidebar.empty_label.text() == "Opening history…"
        assert not sidebar.search_box.isEnabled()
        assert composer.busy_label.isVisible() and composer.busy_label.text() == "Opening history…"

        qtbot.keyClicks(composer.edit, "typed while opening")  # typing works…
        assert composer.text() == "typed while opening"
        assert not composer.send_button.isEnabled()  # …sending waits
        qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
        assert composer.text() == "typed while opening"  # refused, and nothing lost
        assert window.chat_view.rows() == [] and not fake.requests
        assert "still opening" in window.statusBar().currentMessage()

        qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # menus answer
        assert not sidebar.isVisible()
        qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
        assert sidebar.isVisible()
        assert run_async(asyncio.sleep(0.01, result="the loop runs")) == "the loop runs"
        assert not window.is_ready()
    finally:
        slow.gate.set()

    qtbot.waitUntil(window.is_ready, timeout=WAIT_MS)
    wait_sidebar(qtbot, window, 1)
    assert window.sidebar.conversation_ids() == [chat]
    assert window.sidebar.search_box.isEnabled()
    assert not window.composer.busy_label.isVisible()
    assert window.composer.send_button.isEnabled()  # what was typed meanwhile can go now
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Return)
    assert wait_reply_done(qtbot, window).answer.source() == "You said: typed while opening"
    assert window.composer.text() == ""
    next(gen, None)


def test_notices_still_appear_once_a_slow_history_has_opened(
    qtbot, qasync_loop, run_async, fake, isolated_dirs
):
    from app.core.settings import settings_path

    data, _ = isolated_dirs
    data.mkdir(parents=True, exist_ok=True)
    (data / "history.sqlite3").write_bytes(b"this is not a database" * 100)
    settings_path().write_text("{not json", encoding="utf-8")
    slow = SlowOpening()
    gen = windowkit.open_window(qtbot, run_async, ready=False, open_store=slow)
    window = next(gen)
    try:
        assert window.notice_banner.isVisible()  # the settings' notice: at once
        assert "could not be read" in window.notice_banner.text()
        assert "damaged" not in window.notice_banner.text()
    finally:
        slow.gate.set()
    qtbot.waitUntil(lambda: "damaged" in window.notice_banner.text(), timeout=WAIT_MS)
    assert window.notice_banner.isVisible()
    assert "could not be read" in window.notice_banner.text()  # both, one after the other
    next(gen, None)


def test_a_history_that_cannot_be_opened_is_explained_then_the_window_closes(
    qtbot, qasync_loop, run_async, fake
):
    slow = SlowOpening(fail=HistoryError("Cannot open the history at /x: disk I/O error"))
    slow.gate.set()
    gen = windowkit.open_window(qtbot, run_async, ready=False, open_store=slow)
    window = next(gen)

    def box() -> QMessageBox | None:
        found = window.findChild(QMessageBox, "cannotStartBox")
        return found if found is not None and found.isVisible() else None

    qtbot.waitUntil(lambda: box() is not None, timeout=WAIT_MS)
    assert "disk I/O error" in box().text()
    assert window.sidebar.empty_label.text() == "The history could not be opened."
    assert not window.composer.send_button.isEnabled()
    with qtbot.waitSignal(window.closed, timeout=WAIT_MS):
        qtbot.mouseClick(box().button(QMessageBox.StandardButton.Close), Qt.MouseButton.LeftButton)
    assert window.exit_status == 1
    next(gen, None)


class SlowKeyring:
    """Wraps the real ``secrets.resolve_key``: each lookup waits until released, and records
    the thread it ran on (a D-Bus call that may wait for an unlock prompt)."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.threads: list[threading.Thread] = []
        self._real = secrets.resolve_key

    def __call__(self, region: str) -> secrets.ResolvedKey | None:
        self.threads.append(threading.current_thread())
        self.gate.wait(WAIT_MS / 1000)
        return self._real(region)


def test_the_key_lookup_at_send_is_off_the_ui_thread_and_esc_cancels_it(
    qtbot, window, fake, monkeypatch
):
    slow = SlowKeyring()
    monkeypatch.setattr(secrets, "resolve_key", slow)
    try:
        type_and_enter(qtbot, window, "wait for the keyring")
        qtbot.waitUntil(lambda: bool(slow.threads), timeout=WAIT_MS)
        assert threading.main_thread() not in slow.threads
        assert window.composer.stop_button.isVisible()  # the turn has begun: Esc can stop it
        assert window.composer.text() == "wait for the keyring"  # kept until the key is there
        assert not window.send("a second one")  # one turn at a time, key lookup included
        qtbot.keyClick(window.composer.edit, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)
        assert window.composer.send_button.isVisible()
        assert window.composer.text() == "wait for the keyring"  # nothing lost
        assert window.chat_view.rows() == [] and not fake.requests
    finally:
        slow.gate.set()

    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Return)  # the keyring answers now
    assert wait_reply_done(qtbot, window).answer.source() == "You said: wait for the keyring"
    assert window.composer.text() == ""


def test_the_first_launch_key_check_does_not_hold_up_the_window(
    qtbot, qasync_loop, run_async, monkeypatch
):
    from app.ui.settings.settings_dialog import SettingsDialog

    monkeypatch.delenv("DASHSCOPE_API_KEY", raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    slow = SlowKeyring()
    monkeypatch.setattr(secrets, "resolve_key", slow)
    try:
        window = next(gen := windowkit.open_window(qtbot, run_async))  # history open meanwhile
        qtbot.waitUntil(lambda: bool(slow.threads), timeout=WAIT_MS)
        assert threading.main_thread() not in slow.threads
        assert window.findChild(SettingsDialog) is None  # still asking the keyring
    finally:
        slow.gate.set()

    def dialog_open() -> bool:
        dialog = window.findChild(SettingsDialog)
        return dialog is not None and dialog.isVisible()

    qtbot.waitUntil(dialog_open, timeout=WAIT_MS)
    window.findChild(SettingsDialog).reject()
    next(gen, None)


# -- delisted models, notices, first launch -----------------------------------------------------


def test_a_conversation_on_a_delisted_model_offers_a_one_click_switch(
    qtbot, qasync_loop, run_async, fake
):
    (old,) = seed_history([("Old R1 chat", "deepseek-r1", [("hi", "hello")])])
    window = next(gen := windowkit.open_window(qtbot, run_async))
    wait_sidebar(qtbot, window, 1)
    assert not window.model_banner.isVisible()  # the default model is fine
    click_item(qtbot, window, 0)
    qtbot.waitUntil(lambda: window.current_id == old, timeout=WAIT_MS)

    assert window.composer.model() == "deepseek-r1"
    assert not window.composer.is_model_enabled("deepseek-r1")  # disabled in the picker
    assert window.model_banner.isVisible()
    assert "delisted" in window.model_banner.text()
    assert window.model_banner.action.text() == "Switch to qwen3.7-max"

    qtbot.mouseClick(window.model_banner.action, Qt.MouseButton.LeftButton)
    assert window.composer.model() == "qwen3.7-max"
    assert not window.model_banner.isVisible()
    qtbot.waitUntil(lambda: load_settings().settings.model == "qwen3.7-max", timeout=WAIT_MS)

    type_and_enter(qtbot, window, "continue please")
    wait_reply_done(qtbot, window)
    assert fake.requests[-1].body["model"] == "qwen3.7-max"
    assert fake.requests[-1].messages[:2] == [
        {"role": "user", "content": "hi"},
        {"role": "assistant", "content": "hello"},
    ]
    next(gen, None)


def test_a_damaged_history_is_moved_aside_and_the_user_is_told(
    qtbot, qasync_loop, run_async, fake, isolated_dirs
):
    data, _ = isolated_dirs
    data.mkdir(parents=True, exist_ok=True)
    (data / "history.sqlite3").write_bytes(b"this is not a database" * 100)
    window = next(gen := windowkit.open_window(qtbot, run_async))
    assert window.notice_banner.isVisible()
    assert "damaged" in window.notice_banner.text()
    assert any(p.name.startswith("history.sqlite3.corrupt-") for p in data.iterdir())
    type_and_enter(qtbot, window, "still works?")  # a fresh history, usable at once
    assert wait_reply_done(qtbot, window).status is MessageStatus.COMPLETE
    next(gen, None)


def test_broken_settings_are_reported_in_a_banner(qtbot, qasync_loop, run_async, fake):
    from app.core.settings import settings_path

    settings_path().write_text("{not json", encoding="utf-8")
    window = next(gen := windowkit.open_window(qtbot, run_async))
    assert window.notice_banner.isVisible()
    assert "could not be read" in window.notice_banner.text()
    qtbot.mouseClick(window.notice_banner.close_button, Qt.MouseButton.LeftButton)
    assert not window.notice_banner.isVisible()
    next(gen, None)


def test_first_launch_without_a_key_opens_settings_by_itself(
    qtbot, qasync_loop, run_async, monkeypatch
):
    monkeypatch.delenv("DASHSCOPE_API_KEY", raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    from app.ui.settings.settings_dialog import SettingsDialog

    window = next(gen := windowkit.open_window(qtbot, run_async))

    def dialog_open() -> bool:
        dialog = window.findChild(SettingsDialog)
        return dialog is not None and dialog.isVisible()

    qtbot.waitUntil(dialog_open, timeout=WAIT_MS)
    window.findChild(SettingsDialog).reject()
    next(gen, None)


# -- streams and the window's lifetime ----------------------------------------------------------


def test_switching_conversation_mid_stream_keeps_it_running(qtbot, window, fake):
    fake.enqueue(fs.answer_only("first"))
    type_and_enter(qtbot, window, "an earlier chat")
    wait_reply_done(qtbot, window)
    earlier = window.current_id

    window.new_chat()
    answer = "".join(f"line {i}\n" for i in range(300))
    fake.enqueue(fs.slow("", answer, delay=0.005, chunk_size=8))
    type_and_enter(qtbot, window, "stream a lot")
    qtbot.waitUntil(lambda: len(last_reply(window).answer.source()) > 40, timeout=WAIT_MS)
    streaming = window.current_id
    assert window.sidebar.mark(streaming) is RowMark.STREAMING

    window.open_conversation(earlier)  # away while it streams
    qtbot.waitUntil(lambda: window.current_id == earlier, timeout=WAIT_MS)
    assert window.worker.is_busy()
    assert window.composer.send_button.isVisible()  # it streams elsewhere (test_parallel_*)

    window.open_conversation(streaming)  # back: the text so far, then live deltas
    qtbot.waitUntil(lambda: window.current_id == streaming, timeout=WAIT_MS)
    reply = wait_reply_done(qtbot, window)
    assert reply.answer.source() == answer
    assert window.store.get_message(reply.message_id).text == answer
    qtbot.waitUntil(lambda: window.sidebar.mark(streaming) is RowMark.NONE, timeout=WAIT_MS)


def test_closing_the_window_mid_stream_stops_and_keeps_the_text(
    qtbot, qasync_loop, run_async, fake
):
    gen = windowkit.open_window(qtbot, run_async)
    window = next(gen)
    fake.enqueue(fs.slow("", "word " * 3000, delay=0.01, chunk_size=5))
    type_and_enter(qtbot, window, "long answer")
    qtbot.waitUntil(lambda: len(last_reply(window).answer.source()) > 30, timeout=WAIT_MS)
    message_id = last_reply(window).message_id
    next(gen, None)  # close() + shutdown(), as app.run does before the loop exits

    with HistoryStore.open() as store:
        stored = store.get_message(message_id)
    assert stored is not None and stored.status is MessageStatus.STOPPED
    assert len(stored.text) > 30 and stored.text.startswith("word ")


def test_model_thinking_and_effort_choices_persist(qtbot, qasync_loop, run_async, fake):
    window = next(gen := windowkit.open_window(qtbot, run_async))
    composer = window.composer
    composer.thinking_box.click()  # off
    composer.effort_box.setCurrentIndex(composer.effort_box.findData("max"))
    composer.effort_box.activated.emit(composer.effort_box.currentIndex())
    qtbot.waitUntil(
        lambda: (
            (load_settings().settings.thinking, load_settings().settings.effort) == (False, "max")
        ),
        timeout=WAIT_MS,
    )
    type_and_enter(qtbot, window, "no thinking please")
    reply = wait_reply_done(qtbot, window)
    assert reply.thinking.text() == ""
    body = fake.requests[-1].body
    assert body["enable_thinking"] is False
    assert "reasoning_effort" not in body  # effort tunes thinking: not sent without it
    assert not composer.effort_box.isEnabled()
    next(gen, None)

    window = next(gen := windowkit.open_window(qtbot, run_async))  # a restart
    assert not window.composer.thinking_box.isChecked()
    window.composer.thinking_box.click()  # thinking back on: the saved effort applies
    assert window.composer.effort() == "max"
    next(gen, None)


def test_saved_model_and_window_layout_come_back(qtbot, qasync_loop, run_async, fake):
    save_settings(Settings(model="deepseek-v4-flash", ui={"sidebar": False, "zoom": 2}))
    window = next(gen := windowkit.open_window(qtbot, run_async))
    assert window.composer.model() == "deepseek-v4-flash"
    assert not window.sidebar.isVisible()
    assert window.menus.zoom == 2
    window.menus.toggle_sidebar.trigger()
    assert window.sidebar.isVisible()
    window.menus.zoom_out.trigger()
    next(gen, None)
    ui = load_settings().settings.ui
    assert ui["sidebar"] is True and ui["zoom"] == 1


def test_export_conversation_as_markdown_and_json(qtbot, window, fake, tmp_path):
    fake.enqueue(fs.thinking_answer("Pondering.", "The **answer**."))
    type_and_enter(qtbot, window, "export me")
    wait_reply_done(qtbot, window)
    md, js = tmp_path / "chat.md", tmp_path / "chat.json"
    for path, fmt in ((md, "md"), (js, "json")):
        task = window.menus.export_to(window.current_id, path, fmt)
        qtbot.waitUntil(task.done, timeout=WAIT_MS)
    text = md.read_text(encoding="utf-8")
    assert "export me" in text and "The **answer**." in text and "Pondering." in text
    document = json.loads(js.read_text(encoding="utf-8"))
    (conv,) = document["conversations"]
    assert [m["role"] for m in conv["messages"]] == ["user", "assistant"]
    assert windowkit.TEST_KEY not in text + js.read_text(encoding="utf-8")


def test_keyboard_shortcuts(qtbot, window):
    from app.ui.settings.settings_dialog import SettingsDialog

    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert not window.sidebar.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # brings it back
    assert window.sidebar.isVisible() and window.sidebar.search_box.hasFocus()

    size = window.chat_view.font().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.chat_view.font().pointSizeF() == size + 1
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.chat_view.font().pointSizeF() == size

    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.findChild(SettingsDialog) is not None, timeout=WAIT_MS)
    dialog = window.findChild(SettingsDialog)
    assert dialog.isVisible()
    dialog.reject()


def test_the_window_follows_a_live_light_dark_switch(qtbot, qapp, window):
    from app.ui.app import dark_palette, light_palette
    from app.ui.common.theme import is_dark_palette

    old = qapp.palette()
    try:
        qapp.setPalette(light_palette())
        qtbot.waitUntil(lambda: not is_dark_palette(window.chat_view.palette()), timeout=WAIT_MS)
        window.show_notice("A notice")
        assert not is_dark_palette(window.notice_banner.palette())
        qapp.setPalette(dark_palette())  # what apply_theme does when the system turns dark
        qtbot.waitUntil(lambda: is_dark_palette(window.chat_view.palette()), timeout=WAIT_MS)
        assert is_dark_palette(window.sidebar.palette())
        window.show_notice("A notice")
        assert is_dark_palette(window.notice_banner.palette())
        qapp.setPalette(light_palette())
        qtbot.waitUntil(lambda: not is_dark_palette(window.chat_view.palette()), timeout=WAIT_MS)
        assert not is_dark_palette(window.notice_banner.palette())
    finally:
        qapp.setPalette(old)
