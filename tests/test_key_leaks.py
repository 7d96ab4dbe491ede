"""The key is sacred: after everything a user does with it, no file SeekDesk wrote contains it.

The story on the command line: a key is stored with the CLI, settings are saved with the CLI and
with the dialog, chats run through ``seekdesk ask`` against the fake Model Studio and are saved in
the history (one continued, one failing half-way), and the whole history is exported as Markdown
and JSON into the data directory.

The story in the window: a real MainWindow chats one full turn (thinking, then the answer) and
one that fails half-way, exports the conversation through File → Export (as Markdown and as
JSON, the save dialog answered), saves the settings from its own Settings dialog, and chats
once more with what was saved. Once with the key from the keyring, once with it from
``DASHSCOPE_API_KEY``.

Then every file under the data and config directories is searched for the key and for its last
12 characters: settings, the history database with its write-ahead log (kept alive by an open
store, so it is searched before SQLite folds it back), its automatic backups, and the exports.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.core import secrets
from app.core.history import HistoryStore, MessageStatus
from app.core.settings import Settings, load_settings
from app.ui.settings.settings_dialog import SettingsDialog
from tests import fakeserver as fs
from tests.fakeserver import FakeServer, midstream_error, thinking_answer
from tests.keyring_support import (
    files_containing,
    keyring_backend,
    requires_secret_service,
    run_cli,
)

__all__ = ["keyring_backend"]

KEY = "sk-leak0123456789abcdefGHIJ"

pytestmark = pytest.mark.usefixtures("keyring_backend")


def save_with_dialog(qtbot, key: str | None, **changes: str) -> SettingsDialog:
    dialog = SettingsDialog(load_settings().settings)
    qtbot.addWidget(dialog)
    dialog.show()
    if "region" in changes:
        dialog.region_combo.setCurrentIndex(dialog.region_combo.findData(changes["region"]))
    if changes.get("api") == "dashscope":
        dialog.api_radio("dashscope").setChecked(True)
    if key:
        qtbot.keyClicks(dialog.key_edit, key)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.saving, timeout=20_000)  # the keyring is off-thread
    assert not dialog.isVisible(), dialog.save_error.text()
    return dialog


def chat_saved_and_exported(
    fake: FakeServer, data: Path, env: dict[str, str] | None = None
) -> None:
    """A saved chat of two turns, a reply that fails half-way, then ``history export --all`` as
    Markdown and JSON into the data directory; nothing printed on the way holds the key."""
    fake.enqueue(
        thinking_answer("Reasoning about jokes.", "Why did the SQL query cross the road?"),
        thinking_answer("More reasoning.", "To JOIN the other table."),
        midstream_error("DataInspectionFailed", "Inappropriate content.", after_answer="Half "),
    )
    first = run_cli("ask", "--base-url", fake.base_url, "Tell me a joke", env=env)
    assert first.returncode == 0, first.stderr
    found = re.search(r"Saved as conversation (\d+)", first.stderr)
    assert found, first.stderr
    second = run_cli(
        "ask", "--base-url", fake.base_url, "--continue", found.group(1), "Why?", env=env
    )
    assert second.returncode == 0, second.stderr
    failed = run_cli("ask", "--base-url", fake.base_url, "Another one", env=env)
    assert failed.returncode == 1, failed.stderr
    for result in (first, second, failed):
        assert KEY not in result.stdout + result.stderr

    for fmt in ("md", "json"):
        target = data / f"export.{fmt}"
        exported = run_cli("history", "export", "--all", "--format", fmt, "-o", str(target))
        assert exported.returncode == 0, exported.stderr
        assert "To JOIN the other table." in target.read_text(encoding="utf-8")
    document = json.loads((data / "export.json").read_text(encoding="utf-8"))
    statuses = [
        [m["status"] for m in c["messages"] if m["role"] == "assistant"]
        for c in document["conversations"]
    ]
    assert statuses == [["complete", "complete"], ["failed"]]


def assert_no_file_holds_the_key(isolated_dirs) -> None:
    data, config = isolated_dirs
    assert any(data.rglob("*")) or any(config.rglob("*"))  # something was written
    assert files_containing(KEY, data, config) == []
    assert files_containing(KEY[-12:], data, config) == []  # not even a tail of it


@requires_secret_service
def test_no_file_holds_the_key_after_cli_and_dialog_use(qtbot, qasync_loop, isolated_dirs):
    assert run_cli("key", "set", "--region", "beijing", stdin=KEY).returncode == 0
    assert run_cli("config", "set", "model", "deepseek-v4-pro").returncode == 0
    assert run_cli("config", "set", "thinking", "on").returncode == 0

    dialog = save_with_dialog(qtbot, KEY, region="cn-beijing", api="dashscope")
    assert dialog.saved_key_source is secrets.KeySource.KEYRING
    assert load_settings().settings.api == "dashscope"

    data, _ = isolated_dirs
    with FakeServer(expected_key=KEY) as fake, HistoryStore.open() as reader:
        for api in ("dashscope", "openai"):
            assert run_cli("config", "set", "api", api).returncode == 0
            result = run_cli("ask", "--base-url", fake.base_url, "--no-save", "Tell me a joke")
            assert result.returncode == 0, result.stderr
            assert KEY not in result.stdout + result.stderr
        chat_saved_and_exported(fake, data)
        assert len(fake.requests) == 5
        assert all(r.headers["authorization"] == f"Bearer {KEY}" for r in fake.requests)
        assert run_cli("config", "set", "effort", "max").returncode == 0

        # Searched while the history is open, so its write-ahead log is still on disk.
        assert reader.count_conversations() == 2
        wal = reader.path.with_name(reader.path.name + "-wal")
        assert wal.exists() and wal.stat().st_size > 0
        assert reader.backups(), "the daily backup was taken"
        assert_no_file_holds_the_key(isolated_dirs)


def test_no_file_holds_the_key_without_a_keyring(qtbot, qasync_loop, isolated_dirs, monkeypatch):
    """No keyring: the dialog keeps the key for the session, the CLI uses the environment."""
    keyring.set_keyring(fail.Keyring())
    assert run_cli("config", "set", "region", "virginia").returncode == 0

    dialog = save_with_dialog(qtbot, KEY)
    assert dialog.saved_key_source is secrets.KeySource.SESSION
    assert secrets.resolve_key("us-east-1").value == KEY
    assert load_settings().settings == Settings(region="us-east-1")

    failed = run_cli(
        "key", "set", stdin=KEY, env={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    )
    assert failed.returncode == 1

    data, _ = isolated_dirs
    with FakeServer(expected_key=KEY) as fake, HistoryStore.open() as reader:
        chat_saved_and_exported(fake, data, env={"DASHSCOPE_API_KEY": KEY})
        assert fake.requests[-1].headers["authorization"] == f"Bearer {KEY}"
        assert reader.path.with_name(reader.path.name + "-wal").exists()
        assert_no_file_holds_the_key(isolated_dirs)


# -- the window ---------------------------------------------------------------------------------


@pytest.fixture
def qasync_loop(qapp):
    """The GUI tests' qasync loop (see tests/ui/conftest.py), for the window below."""
    from tests.ui.asyncloop import running_loop

    yield from running_loop(qapp)


@pytest.fixture
def run_async(qtbot, qasync_loop):
    from tests.ui.asyncloop import runner

    return runner(qtbot, qasync_loop)


def export_from_the_menu(qtbot, window, monkeypatch, path: Path, chosen_filter: str) -> str:
    """File → Export conversation…, the save dialog answered with ``path``; the file's text."""
    from tests.ui.windowkit import WAIT_MS

    answer = staticmethod(lambda *args, **kwargs: (str(path), chosen_filter))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    assert window.menus.export.isEnabled()
    with qtbot.waitSignal(
        window.statusBar().messageChanged,
        timeout=WAIT_MS,
        check_params_cb=lambda message: str(path) in message,
    ):
        window.menus.export.trigger()
    return path.read_text(encoding="utf-8")


def settings_saved_from_the_window(qtbot, window, key: str) -> secrets.KeySource | None:
    """Edit → Settings…: switch to the DashScope native API, type the key, Save; returns where
    the dialog put the key (read at once: the dialog deletes itself once closed)."""
    from tests.ui.windowkit import WAIT_MS

    window.menus.settings.trigger()
    qtbot.waitUntil(lambda: window.findChild(SettingsDialog) is not None, timeout=WAIT_MS)
    dialog = window.findChild(SettingsDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    dialog.api_radio("dashscope").setChecked(True)
    qtbot.keyClicks(dialog.key_edit, key)
    sources: list[secrets.KeySource | None] = []
    dialog.accepted.connect(lambda: sources.append(dialog.saved_key_source))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(sources), timeout=WAIT_MS)  # Save asks the keyring off-thread
    saved_key_source = sources[0]
    # the window writes its copy of the settings off the UI thread
    qtbot.waitUntil(lambda: load_settings().settings.api == "dashscope", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.settings.api == "dashscope", timeout=WAIT_MS)
    return saved_key_source


def chat_export_and_save_in_the_window(
    qtbot, run_async, monkeypatch, isolated_dirs
) -> secrets.KeySource | None:
    """The window's story (module docstring), with the scans; returns where Save put the key."""
    from tests.ui import windowkit

    data, _ = isolated_dirs
    with FakeServer(expected_key=KEY) as fake:
        monkeypatch.setenv("SEEKDESK_BASE_URL", fake.base_url)
        fake.enqueue(
            thinking_answer("Reasoning about jokes.", "Why did the SQL query cross the road?"),
            midstream_error("DataInspectionFailed", "Inappropriate content.", after_answer="Half "),
            thinking_answer("Native reasoning.", "To JOIN the other table."),
        )
        session = windowkit.open_window(qtbot, run_async)
        window = next(session)
        try:
            windowkit.type_and_enter(qtbot, window, "Tell me a joke")
            reply = windowkit.wait_reply_done(qtbot, window)
            assert reply.status is MessageStatus.COMPLETE and reply.thinking.text()
            windowkit.type_and_enter(qtbot, window, "Another one")
            windowkit.wait_status(qtbot, window, MessageStatus.FAILED)

            markdown = export_from_the_menu(
                qtbot, window, monkeypatch, data / "window-export.md", "Markdown (*.md)"
            )
            assert "Why did the SQL query cross the road?" in markdown
            assert "Reasoning about jokes." in markdown
            exported = export_from_the_menu(
                qtbot, window, monkeypatch, data / "window-export.json", "SeekDesk JSON (*.json)"
            )
            (conversation,) = json.loads(exported)["conversations"]
            statuses = [m["status"] for m in conversation["messages"] if m["role"] == "assistant"]
            assert statuses == ["complete", "failed"]

            saved_key_source = settings_saved_from_the_window(qtbot, window, KEY)
            windowkit.type_and_enter(qtbot, window, "Why?")  # with the settings just saved
            reply = windowkit.wait_reply_done(qtbot, window)
            assert reply.answer.source() == "To JOIN the other table."
            dialects = [r.dialect for r in fake.requests]
            assert dialects == [fs.OPENAI, fs.OPENAI, fs.NATIVE]  # the saved API is used

            assert all(r.headers["authorization"] == f"Bearer {KEY}" for r in fake.requests)
            # Searched while the window's history is open: its write-ahead log is on disk.
            store = window.store
            wal = store.path.with_name(store.path.name + "-wal")
            assert wal.exists() and wal.stat().st_size > 0
            assert store.backups(), "the daily backup was taken"
            assert_no_file_holds_the_key(isolated_dirs)
        finally:
            next(session, None)  # close: the window saves its layout, the history is closed
    assert_no_file_holds_the_key(isolated_dirs)
    return saved_key_source


@requires_secret_service
def test_no_file_holds_the_key_after_the_window_used_the_keyring_key(
    qtbot, run_async, monkeypatch, isolated_dirs
):
    assert run_cli("key", "set", stdin=KEY).returncode == 0
    assert secrets.resolve_key(load_settings().settings.region).source is secrets.KeySource.KEYRING

    saved = chat_export_and_save_in_the_window(qtbot, run_async, monkeypatch, isolated_dirs)
    assert saved is secrets.KeySource.KEYRING


def test_no_file_holds_the_key_after_the_window_used_the_environment_key(
    qtbot, run_async, monkeypatch, isolated_dirs
):
    """DASHSCOPE_API_KEY, and no keyring at all: Save keeps the typed key for this session."""
    keyring.set_keyring(fail.Keyring())
    monkeypatch.setenv("DASHSCOPE_API_KEY", KEY)
    assert secrets.resolve_key(load_settings().settings.region).source is (
        secrets.KeySource.ENVIRONMENT
    )

    saved = chat_export_and_save_in_the_window(qtbot, run_async, monkeypatch, isolated_dirs)
    assert saved is secrets.KeySource.SESSION
