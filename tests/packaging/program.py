"""Run SeekDesk as a separate program, the way a user or a packager starts it.

From source it is ``python -m app``; ``SEEKDESK_TEST_PROGRAM=/path/to/dist/seekdesk/seekdesk``
runs the same tests against a frozen bundle instead. The child's environment is the test's,
minus anything that would give it a display, unless a test passes one.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: A loaded 2-core machine can take seconds just to start Python and Qt.
TIMEOUT = 120
DISPLAY_VARS = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "QT_QPA_PLATFORM_PLUGIN_PATH")


def program() -> list[str]:
    frozen = os.environ.get("SEEKDESK_TEST_PROGRAM")
    return [frozen] if frozen else [sys.executable, "-m", "app"]


def headless_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in DISPLAY_VARS}
    env.update(extra)
    return env


def run(*args: str, env: dict[str, str] | None = None, timeout: float = TIMEOUT
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*program(), *args],
        cwd=ROOT,
        env=headless_env() if env is None else env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
