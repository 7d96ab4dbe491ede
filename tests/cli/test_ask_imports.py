"""``seekdesk ask`` in a script loop starts a new Python each time: what it imports is part of
how fast it answers. It must never load the window (Qt), the renderer (Pygments, markdown-it),
the parts of the other commands, or the optional extras of its HTTP library.

The child is the real command against the fake server, run with ``python -X importtime``, whose
report on stderr names every module imported (a module found missing is named too, with no
children: ``httpx._main`` and ``trio`` are hidden that way, so their children are checked).
The test counts modules, not milliseconds.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.cli.seekdesk_cli import ROOT, TIMEOUT, child_env
from tests.fakeserver import FakeServer, answer_only

#: Never needed to ask a question (the window, the renderer, other commands' modules, extras).
NEVER = (
    "PySide6",
    "shiboken6",
    "qasync",
    "pygments",
    "markdown_it",
    "app.ui",
    "app.cli.history",
    "app.cli.usage",
    "app.cli.config",
    "app.core.usage.report",
    "app.core.history.exchange",
    "rich",  # httpx's own command line (httpx._main) would load these two
    "click",
    "trio._core",  # httpcore's trio support; SeekDesk runs on asyncio
)
#: Not needed when nothing is saved either.
NOT_WITHOUT_SAVING = ("app.core.history.store", "app.core.history.backup", "app.core.session")
_IMPORTED = re.compile(r"^import time:\s+\d+ \|\s+\d+ \| *(\S+)$", re.M)


def _imports_of_ask(fake: FakeServer, *args: str) -> tuple[set[str], str]:
    fake.enqueue(answer_only("Hello from the model", chunk_size=4))
    command = [sys.executable, "-X", "importtime", "-m", "app", "ask", "--json", *args, "hi"]
    proc = subprocess.run(
        command,
        capture_output=True,
        cwd=ROOT,
        env=child_env(base_url=fake.base_url),
        timeout=TIMEOUT,
        check=False,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return set(_IMPORTED.findall(proc.stderr)), proc.stdout


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


@pytest.fixture
def fake():
    with FakeServer() as server:
        yield server


def test_asking_without_saving_loads_neither_the_window_nor_the_history(fake):
    modules, out = _imports_of_ask(fake, "--no-save")
    assert '"type": "done"' in out  # it did answer, over the HTTP client
    assert "httpx" in modules and "app.core.client" in modules  # the report is read right
    assert _loaded(modules, NEVER) == []
    assert _loaded(modules, NOT_WITHOUT_SAVING) == []


def test_asking_and_saving_loads_the_history_but_not_the_window(fake):
    modules, _ = _imports_of_ask(fake)
    assert "app.core.history.store" in modules and "app.core.session" in modules
    assert _loaded(modules, NEVER) == []
