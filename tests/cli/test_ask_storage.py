"""``seekdesk ask`` when the history lets it down: a full disk, a read-only file, another
program holding the lock, or a bug. Each is told as what it is (its own kind and sentence, the
way out from a terminal), never as a network or stream problem, and the key never shows.

The faults are SQLite's own, set inside the real child process: tests run as root (chmod cannot
make a file read-only to root) and no tiny file system is at hand, so a few lines run before the
command and give each history connection SQLite's page limit (a full disk) or ``query_only``
(a read-only file), or damage the file just after the store opened and checked it; a lock is
held by this test; a bug is a history missing a column its version must have (SQLite's plain
SQLITE_ERROR, which is the program's fault, not the disk's).
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from app.core import paths
from app.core.errors import HINTS, ErrorKind
from tests.cli.seekdesk_cli import KEY, ROOT, TIMEOUT, Result, ask, child_env
from tests.fakeserver import FakeServer

CHILD = textwrap.dedent(
    """
    import runpy, sqlite3, sys

    fault = sys.argv.pop(1)
    real_connect = sqlite3.connect

    def connect(database, *args, **kwargs):
        conn = real_connect(database, *args, **kwargs)
        if str(database).endswith("history.sqlite3"):
            if fault == "full":
                pages = conn.execute("PRAGMA page_count").fetchone()[0]
                conn.execute(f"PRAGMA max_page_count = {pages}")
            elif fault == "read-only":
                conn.execute("PRAGMA query_only = ON")
        return conn

    sqlite3.connect = connect
    if fault == "damaged":  # the file is damaged just after the store opened (and checked) it
        from app.core.history import opening
        from tests.core.history.conditions import damage_messages

        real_open = opening.open_database

        def open_then_damage(path, *args, **kwargs):
            opened = real_open(path, *args, **kwargs)
            damage_messages(path)
            return opened

        opening.open_database = open_then_damage
    if fault == "locked":
        from app.core.history import store
        store.BUSY_TIMEOUT_MS = 300
    sys.argv[0] = "seekdesk"
    runpy.run_module("app", run_name="__main__", alter_sys=True)
    """
)


@pytest.fixture
def fake():
    with FakeServer() as server:
        yield server


def ask_with(fault: str, *args: str, base_url: str, stdin: bytes = b"") -> Result:
    """``seekdesk ask ARGS`` in a child whose history has ``fault``."""
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, fault, "ask", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        env=child_env(base_url=base_url),
        timeout=TIMEOUT,
        check=False,
    )
    result = Result(proc.returncode, proc.stdout.decode(), proc.stderr.decode("utf-8", "replace"))
    assert KEY not in result.stdout and KEY not in result.stderr
    return result


@pytest.fixture
def history(fake, isolated_dirs):
    """A history that already holds one exchange, and its file."""
    first = ask("First question", base_url=fake.base_url)
    assert first.status == 0, first.stderr
    return isolated_dirs[0] / "history.sqlite3"


def test_a_full_disk_is_said_as_a_full_disk_and_nothing_is_sent(fake, history):
    sent = len(fake.requests)

    result = ask_with("full", "-", base_url=fake.base_url, stdin=("word " * 40_000).encode())

    assert result.status == 1
    assert "database or disk is full" in result.stderr
    assert HINTS[ErrorKind.STORAGE_FULL] in result.stderr
    assert "--no-save" in result.stderr
    assert "proxy" not in result.stderr and "Traceback" not in result.stderr
    assert len(fake.requests) == sent


def test_a_read_only_history_is_said_as_read_only_in_json_too(fake, history):
    result = ask_with("read-only", "--json", "Anything new?", base_url=fake.base_url)

    assert result.status == 1
    (error,) = [line for line in result.json_lines() if line["type"] == "error"]
    assert error["kind"] == "storage_read_only"
    assert error["hint"] == HINTS[ErrorKind.STORAGE_READ_ONLY]


def test_a_history_held_by_another_program_is_locked(fake, history):
    other = sqlite3.connect(history, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        result = ask_with("locked", "Anything new?", base_url=fake.base_url)
    finally:
        other.execute("ROLLBACK")
        other.close()

    assert result.status == 1
    assert "database is locked" in result.stderr
    assert HINTS[ErrorKind.STORAGE_LOCKED] in result.stderr


def test_a_bug_is_an_internal_error_with_a_log_and_no_key(fake, history):
    with sqlite3.connect(history) as conn:
        conn.execute("ALTER TABLE messages DROP COLUMN flushed_at")
    conn.close()
    sent = len(fake.requests)

    result = ask("Anything new?", base_url=fake.base_url)

    assert result.status == 1
    assert HINTS[ErrorKind.INTERNAL] in result.stderr
    log = paths.log_file()
    assert str(log) in result.stderr
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "flushed_at" in text
    assert KEY not in text
    assert len(fake.requests) == sent
    listed = subprocess.run(
        [sys.executable, "-m", "app", "history", "list", "--json"],
        capture_output=True,
        cwd=ROOT,
        env=child_env(),
        timeout=TIMEOUT,
        check=False,
    )
    assert listed.returncode == 0  # the history itself still reads, the prompt kept
    assert [json.loads(line)["id"] for line in listed.stdout.splitlines()] == [2, 1]


def test_a_history_damaged_while_in_use_says_how_to_recover(fake, history):
    sent = len(fake.requests)

    result = ask_with("damaged", "Anything new?", base_url=fake.base_url)

    assert result.status == 1, result.stderr
    assert "malformed" in result.stderr
    assert HINTS[ErrorKind.STORAGE_CORRUPT] in result.stderr
    assert len(fake.requests) == sent
