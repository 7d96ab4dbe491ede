"""The history's folder cannot be written (a read-only mount, a locked-down profile): SeekDesk
opens the history read-only and says why, instead of refusing it; listing, showing, searching
and exporting work, and anything that would save says it cannot, in the same words.

A real read-only folder even for root (the tests run as root, so chmod is not enough): the
folder and the file are made immutable with ``chattr +i`` (ext4 and most Linux file systems),
which refuses every new file, rename and write, to root too.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.history import HistoryReadOnlyError, HistoryStore
from app.core.history.exchange import export_markdown
from tests.cli.seekdesk_cli import ROOT, child_env
from tests.core.history.conftest import add_exchange


def _chattr(flag: str, *targets: Path) -> bool:
    if shutil.which("chattr") is None:
        return False
    done = subprocess.run(["chattr", flag, *map(str, targets)], capture_output=True, check=False)
    return done.returncode == 0


@pytest.fixture
def read_only_history(isolated_dirs) -> Iterator[Path]:
    data, _ = isolated_dirs
    with HistoryStore.open() as store:
        conv = store.create_conversation("Written before", "deepseek-v4-pro", "cn-beijing")
        add_exchange(store, conv.id, "what is on this disk?", "your history")
        path = store.path
    files = [p for p in data.iterdir() if p.is_file()]
    if not _chattr("+i", data, *files):
        pytest.skip("this file system cannot make a folder immutable (chattr +i)")
    try:
        yield path
    finally:
        _chattr("-i", data, *files)


def test_a_history_in_a_read_only_folder_opens_read_only_and_says_why(read_only_history):
    with HistoryStore.open(read_only_history) as store:
        assert store.read_only
        (notice,) = store.notices
        assert "cannot be written (it is read-only)" in notice and "opened read-only" in notice
        (conv,) = store.list_conversations()
        assert conv.title == "Written before"
        assert [m.text for m in store.messages(conv.id)] == [
            "what is on this disk?",
            "your history",
        ]
        assert store.search("disk")
        assert "your history" in export_markdown(store)
        with pytest.raises(HistoryReadOnlyError, match="cannot be written"):
            store.create_conversation("New")


def test_the_cli_lists_a_read_only_history_and_ask_says_why_it_cannot_save(
    read_only_history, isolated_dirs
):
    data, config = isolated_dirs
    env = child_env(SEEKDESK_DATA_DIR=str(data), SEEKDESK_CONFIG_DIR=str(config))

    def seekdesk(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "app", *args], capture_output=True, text=True, cwd=ROOT,
            env=env, timeout=90, check=False,
        )  # fmt: skip

    listed = seekdesk("history", "list")
    assert listed.returncode == 0, listed.stderr
    assert "Written before" in listed.stdout
    assert "opened read-only" in listed.stderr
    refused = seekdesk("ask", "--base-url", "http://127.0.0.1:9", "hello")
    assert refused.returncode == 2
    assert "read-only" in refused.stderr and "newer version" not in refused.stderr
