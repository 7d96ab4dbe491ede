"""While the window retries a host it cannot reach, the status bar names that host in the
user's language (the core's sentence, translated: issue 14 point 6)."""

from __future__ import annotations

import socket

from PySide6.QtCore import Qt

from tests.ui import pending_catalogue
from tests.ui.windowkit import WAIT_MS, settled, type_and_enter


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_the_retry_notice_names_the_host_in_chinese(qtbot, window, monkeypatch, tmp_path):
    monkeypatch.setenv("SEEKDESK_BASE_URL", f"http://127.0.0.1:{closed_port()}")
    with pending_catalogue.chinese(tmp_path):
        type_and_enter(qtbot, window, "Hello?")
        bar = window.statusBar()
        qtbot.waitUntil(lambda: "无法连接 127.0.0.1。" in bar.currentMessage(), timeout=WAIT_MS)
        assert "Could not reach" not in bar.currentMessage()
        qtbot.keyClick(window.composer.edit, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)
