"""The key is sacred: after everything a user does with it, no file SeekDesk wrote contains it.

The story: a key is stored with the CLI, settings are saved with the CLI and with the dialog,
and chats run through ``seekdesk ask`` against the fake Model Studio. Then every file under the
data and config directories is searched for the key. (The lead extends this with history
export and a chat in the window.)
"""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt

from app.core import secrets
from app.core.settings import Settings, load_settings
from app.ui.settings_dialog import SettingsDialog
from tests.fakeserver import FakeServer
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

    with FakeServer(expected_key=KEY) as fake:
        for api in ("dashscope", "openai"):
            assert run_cli("config", "set", "api", api).returncode == 0
            result = run_cli("ask", "--base-url", fake.base_url, "Tell me a joke")
            assert result.returncode == 0, result.stderr
            assert KEY not in result.stdout + result.stderr
        assert len(fake.requests) == 2
        assert all(r.headers["authorization"] == f"Bearer {KEY}" for r in fake.requests)

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

    with FakeServer(expected_key=KEY) as fake:
        result = run_cli("ask", "--base-url", fake.base_url, "Hi", env={"DASHSCOPE_API_KEY": KEY})
        assert result.returncode == 0, result.stderr
        assert fake.requests[-1].headers["authorization"] == f"Bearer {KEY}"

    assert_no_file_holds_the_key(isolated_dirs)
