"""``seekdesk ask`` names the host it could not reach, in English (the terminal has no
catalogue), after the retries it announced."""

from __future__ import annotations

import socket

from tests.cli.seekdesk_cli import ask


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_an_unreachable_host_is_named_in_the_error():
    result = ask("--base-url", f"http://127.0.0.1:{closed_port()}", "--no-save", "hi")
    assert result.status == 1
    assert "Could not reach 127.0.0.1. Check your internet connection or proxy" in result.stderr
    assert "{host}" not in result.stderr
