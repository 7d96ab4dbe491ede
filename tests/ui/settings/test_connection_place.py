"""Test connection to a host that cannot be reached names that host, in the user's language."""

from __future__ import annotations

import socket

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt

from app.core.settings import Settings
from app.ui.settings.settings_dialog import SettingsDialog
from tests.keyring_support import keyring_backend
from tests.ui import pending_catalogue

__all__ = ["keyring_backend"]

pytestmark = pytest.mark.usefixtures("keyring_backend")


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_test_connection_names_the_unreachable_host_in_chinese(
    qtbot, qasync_loop, monkeypatch, tmp_path
):
    monkeypatch.setenv("SEEKDESK_BASE_URL", f"http://127.0.0.1:{closed_port()}")
    keyring.set_keyring(fail.Keyring())
    with pending_catalogue.chinese(tmp_path):
        dialog = SettingsDialog(Settings())
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: not dialog.waiting_for_keyring, timeout=20_000)
        qtbot.keyClicks(dialog.key_edit, "sk-place0123456789abcdefWXYZ")
        with qtbot.waitSignal(dialog.connection_tested, timeout=60_000):
            qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
        said = dialog.test_result.text()
        assert said.startswith("无法连接 127.0.0.1。"), said
        assert "Could not reach" not in said
