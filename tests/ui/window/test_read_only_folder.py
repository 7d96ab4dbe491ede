"""The window on a history whose folder cannot be written (made immutable with ``chattr +i``, so
even root cannot write it): the conversations are there to read, the banner says why nothing new
will be saved, and sending says so instead of failing obscurely."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from app.core.history import HistoryStore
from tests.core.history.conftest import add_exchange
from tests.ui import windowkit
from tests.ui.windowkit import WAIT_MS, settled, type_and_enter


def _chattr(flag: str, *targets: Path) -> bool:
    if shutil.which("chattr") is None:
        return False
    done = subprocess.run(["chattr", flag, *map(str, targets)], capture_output=True, check=False)
    return done.returncode == 0


def test_a_read_only_history_folder_is_readable_and_explained(
    qtbot, qasync_loop, run_async, fake, isolated_dirs
):
    data, _ = isolated_dirs
    with HistoryStore.open() as store:
        conv = store.create_conversation("Kept safe", "deepseek-v4-pro", "cn-beijing", "openai")
        add_exchange(store, conv.id, "still readable?", "yes")
    files = [p for p in data.iterdir() if p.is_file()]
    if not _chattr("+i", data, *files):
        pytest.skip("this file system cannot make a folder immutable (chattr +i)")
    try:
        gen = windowkit.open_window(qtbot, run_async)
        window = next(gen)
        try:
            qtbot.waitUntil(lambda: window.sidebar.conversation_ids() == [conv.id], timeout=WAIT_MS)
            qtbot.waitUntil(
                lambda: "opened read-only" in window.notice_banner.text(), timeout=WAIT_MS
            )
            type_and_enter(qtbot, window, "a new question")
            qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)
            assert fake.requests == []
            assert "read-only" in window.notice_banner.text()
        finally:
            next(gen, None)
    finally:
        _chattr("-i", data, *files)
