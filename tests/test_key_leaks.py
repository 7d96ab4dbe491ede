"""The key is sacred: after everything a user does with it, no file SeekDesk wrote contains it.

The story: a key is stored with the CLI, settings are saved with the CLI and with the dialog,
chats run through ``seekdesk ask`` against the fake Model Studio and are saved in the history
(one continued, one failing half-way), and the whole history is exported as Markdown and JSON
into the data directory. Then every file under the data and config directories is searched for
the key: settings, the history database with its write-ahead log (kept alive by a reader, so it
is searched before SQLite folds it back), its automatic backups, and the exports. (A chat in the
window is added by the window's tests.)
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt

from app.core import secrets
from app.core.history import HistoryStore
from app.core.settings import Settings, load_settings
from app.ui.settings_dialog import SettingsDialog
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
        dialog.dashscope_radio.setChecked(True)
    if key:
        qtbot.keyClicks(dialog.key_edit, key)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
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
def test_no_file_holds_the_key_after_cli_and_dialog_use(qtbot, isolated_dirs):
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


def test_no_file_holds_the_key_without_a_keyring(qtbot, isolated_dirs, monkeypatch):
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
