"""Runs the real ``seekdesk`` command in a child process, the way a user or a script does.

The child gets the test's own data and config directories (set by the autouse fixture in
tests/conftest.py), a test key, and the null keyring backend so it can never read or write the
real keyring. Every run is checked for the one thing that must never happen: the key appearing
in what the command printed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
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
