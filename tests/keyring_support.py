"""Shared helpers for the key tests: the real CLI as a subprocess, keyring backends, cleanup.

Keyring tests talk to a real Secret Service (gnome-keyring inside the private D-Bus session
that ``tests/run.sh`` starts, which sets SEEKDESK_TEST_SECRET_SERVICE=1); they are skipped
elsewhere so a developer's own keyring is never touched.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from app.core import regions, secrets

ROOT = Path(__file__).resolve().parents[1]

requires_secret_service = pytest.mark.skipif(
    not os.environ.get("SEEKDESK_TEST_SECRET_SERVICE"),
    reason="needs a real Secret Service: run under bash tests/run.sh",
)


def run_cli(
    *args: str,
    stdin: str = "",
    env: Mapping[str, str | None] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run the real ``seekdesk`` command (``python -m app``); ``env`` values of None unset."""
    environ = dict(os.environ)
    for name, value in (env or {}).items():
        if value is None:
            environ.pop(name, None)
        else:
            environ[name] = value
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environ,
        timeout=timeout,
    )


def files_containing(text: str, *dirs: Path) -> list[Path]:
    """Every file under ``dirs`` whose bytes contain ``text`` (the leak check)."""
    needle = text.encode()
    found = []
    for directory in dirs:
        if not directory.exists():
            continue
        for path in directory.rglob("*"):
            if path.is_file() and needle in path.read_bytes():
                found.append(path)
    return found


class BrokenKeyring(KeyringBackend):
    """A backend that fails like a locked or vanished keyring daemon does."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def get_password(self, service: str, username: str) -> str | None:
        raise self.error

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.error

    def delete_password(self, service: str, username: str) -> None:
        raise self.error


def _delete_all_keys() -> None:
    for region in regions.REGIONS:
        with contextlib.suppress(secrets.KeyringFailure):
            secrets.delete_key(region.id)


@pytest.fixture
def keyring_backend() -> Iterator[None]:
    """Restore keyring's backend and forget session keys after the test; with a real Secret
    Service, delete every SeekDesk key before and after so tests never see each other's."""
    previous = keyring.get_keyring()
    secrets.forget_session_keys()
    if os.environ.get("SEEKDESK_TEST_SECRET_SERVICE"):
        _delete_all_keys()
    try:
        yield
    finally:
        keyring.set_keyring(previous)
        secrets.forget_session_keys()
        if os.environ.get("SEEKDESK_TEST_SECRET_SERVICE"):
            _delete_all_keys()
