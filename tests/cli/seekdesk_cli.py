"""Runs the real ``seekdesk`` command in a child process, the way a user or a script does.

The child gets the test's own data and config directories (set by the autouse fixture in
tests/conftest.py), a test key, and the null keyring backend so it can never read or write the
real keyring. Every run is checked for the one thing that must never happen: the key appearing
in what the command printed.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
KEY = "sk-test0123456789abcdef0123456789"
#: Generous: a loaded 2-core machine can take seconds just to start Python.
TIMEOUT = 90


@dataclass(frozen=True)
class Result:
    status: int
    stdout: str
    stderr: str

    def json_lines(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.stdout.splitlines()]


def child_env(
    *, key: str | None = KEY, base_url: str | None = None, **extra: str
) -> dict[str, str]:
    env = os.environ.copy()
    for name in ("NO_COLOR", "DASHSCOPE_API_KEY", "SEEKDESK_BASE_URL"):
        env.pop(name, None)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    if key is not None:
        env["DASHSCOPE_API_KEY"] = key
    if base_url is not None:
        env["SEEKDESK_BASE_URL"] = base_url
    env.update(extra)
    return env


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "app", "ask", *args]


def ask(
    *args: str,
    base_url: str | None = None,
    key: str | None = KEY,
    stdin: bytes = b"",
    env: dict[str, str] | None = None,
) -> Result:
    """Run ``seekdesk ask ARGS`` to completion and return what it printed."""
    proc = subprocess.run(
        command(*args),
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        env=child_env(key=key, base_url=base_url, **(env or {})),
        timeout=TIMEOUT,
        check=False,
    )
    result = Result(
        proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8", "replace")
    )
    assert KEY not in result.stdout
    assert KEY not in result.stderr
    return result


def seekdesk(*args: str) -> Result:
    """Run ``seekdesk ARGS`` (any subcommand) in the test's data and config directories."""
    proc = subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        cwd=ROOT,
        env=child_env(),
        timeout=TIMEOUT,
        check=False,
    )
    return Result(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


def read_until(proc: subprocess.Popen, done: Callable[[bytes], bool]) -> bytes:
    """What a running child printed on stdout, read as it appears until ``done(shown)`` holds."""
    assert proc.stdout is not None
    shown = b""
    deadline = time.monotonic() + TIMEOUT
    while not done(shown):
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"the answer never appeared: {shown!r}"
        ready, _, _ = select.select([proc.stdout], [], [], remaining)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 4096)
            assert chunk, f"seekdesk ended early: {shown!r}"
            shown += chunk
    return shown
