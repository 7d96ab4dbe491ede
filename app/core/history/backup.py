"""Backups users can see: consistent copies of the history in ``backups/`` of the data dir.

Copies are made with SQLite's online backup API, which copies a consistent snapshot even while
another process is writing (a plain file copy of a WAL database can miss or tear the last
transactions). A copy is written under a temporary name and renamed when complete, so a crash
mid-backup never leaves a half file among the backups. The newest ``KEEP`` are kept.

Taken: before any schema migration, once a day while the app is in use, and before a restore
(so a restore can itself be undone).
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import time
from pathlib import Path

from app.core.history import schema
from app.core.history.records import BackupInfo

KEEP = 7
DAILY_SECONDS = 24 * 3600
_NAME = re.compile(r"^history-(\d{8}-\d{6})(?:-(\d+))?-([a-z0-9-]+)\.sqlite3$")


class BackupError(Exception):
    """A file cannot be restored; the message says why in the user's words."""


def list_backups(directory: Path) -> list[BackupInfo]:
    """Backups in ``directory``, newest first."""
    found: list[tuple[tuple[str, int], BackupInfo]] = []
    if not directory.is_dir():
        return []
    for path in directory.iterdir():
        match = _NAME.match(path.name)
        if not match:
            continue
        stamp, seq, reason = match.groups()
        try:
            created = _stamp_time(stamp)
            size = path.stat().st_size
        except (ValueError, OSError):
            continue
        info = BackupInfo(path=path, created_at=created, size=size, reason=reason)
        found.append(((stamp, int(seq or 1)), info))
    found.sort(key=lambda item: item[0], reverse=True)
    return [info for _, info in found]


def _stamp_time(stamp: str) -> float:
    """The local time a ``YYYYmmdd-HHMMSS`` stamp names, in seconds since the epoch; a
    ValueError for a date or time that does not exist, as ``time.strptime`` raises.

    Read by hand because ``strptime``'s first call imports ``_strptime`` and builds its locale
    tables (a few ms, more on a loaded machine), and the store lists the backups on every open
    to see whether the daily one is due, before the window's first list."""
    year, month, day = int(stamp[0:4]), int(stamp[4:6]), int(stamp[6:8])
    hour, minute, second = int(stamp[9:11]), int(stamp[11:13]), int(stamp[13:15])
    if not (year >= 1 and 1 <= month <= 12 and 1 <= day <= _days_in(year, month)):
        raise ValueError(f"no such date: {stamp}")
    if hour > 23 or minute > 59 or second > 61:  # (61: strptime's leap-second allowance)
        raise ValueError(f"no such time: {stamp}")
    return time.mktime((year, month, day, hour, minute, second, 0, 0, -1))


def _days_in(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def take(source: sqlite3.Connection | Path, directory: Path, reason: str) -> Path:
    """Copy a database (a connection to it, or its file) into ``directory``; prune to KEEP.

    Given a path, the copy is read through a connection of its own: a WAL reader never blocks
    the store's writers, so a large history is backed up without holding up the app.
    """
    if isinstance(source, Path):
        conn = sqlite3.connect(source)
        try:
            conn.execute("PRAGMA busy_timeout = 15000")
            return take(conn, directory, reason)
        finally:
            conn.close()
    conn = source
    directory.mkdir(parents=True, exist_ok=True)
    reason = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-") or "manual"
    stamp = time.strftime("%Y%m%d-%H%M%S")
    # Within one second, number the copies after the highest number still there, so a name is
    # never reused (even after pruning) and newest-first order stays right.
    seqs = [
        int(m.group(2) or 1)
        for p in directory.iterdir()
        if (m := _NAME.match(p.name)) and m.group(1) == stamp
    ]
    seq = max(seqs, default=0) + 1
    name = (
        f"history-{stamp}-{reason}.sqlite3"
        if seq == 1
        else f"history-{stamp}-{seq}-{reason}.sqlite3"
    )
    target = directory / name
    # Unique per process and call: two processes backing up in the same second never share it.
    # (os.urandom, not ``secrets``: the same bytes, without importing hmac and hashlib at start.)
    partial = directory / f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}.partial"
    dest = sqlite3.connect(partial)
    try:
        conn.backup(dest)
        # A backup is a single self-contained file: no -wal beside it when it is copied around.
        dest.execute("PRAGMA journal_mode = DELETE")
    except BaseException:
        dest.close()
        partial.unlink(missing_ok=True)
        raise
    dest.close()
    os.replace(partial, target)
    prune(directory)
    return target


def prune(directory: Path, keep: int = KEEP) -> None:
    for info in list_backups(directory)[keep:]:
        with contextlib.suppress(OSError):
            info.path.unlink()


def inspect(source: Path) -> int:
    """Check that ``source`` is a healthy SeekDesk history this version can read; its version."""
    if not source.is_file():
        raise BackupError(f"{source} does not exist.")
    try:
        conn = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupError(f"{source} cannot be opened: {exc}") from exc
    try:
        version = schema.user_version(conn)
        check = conn.execute("PRAGMA quick_check").fetchall()
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{source} is not a SeekDesk history database ({exc}).") from exc
    finally:
        conn.close()
    if check != [("ok",)]:
        raise BackupError(f"{source} is damaged ({check[0][0]}).")
    if not {"conversations", "messages"} <= tables or version < 1:
        raise BackupError(f"{source} is not a SeekDesk history database.")
    if version > schema.SCHEMA_VERSION:
        raise BackupError(
            f"{source} was written by a newer version of SeekDesk (format {version}); "
            "update SeekDesk to restore it."
        )
    _check_rows(source)
    return version


def _check_rows(source: Path) -> None:
    """Every row of ``source`` follows the rules an import follows (``validate``), so a restore
    cannot bring in values that break a listing; the first broken one refuses the file."""
    from app.core.history import validate  # (the checker of files: not needed to open the store)

    conn = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        for table, check in (
            ("conversations", validate.stored_conversation),
            ("messages", validate.stored_message),
        ):
            cursor = conn.execute(f"SELECT * FROM {table}")
            names = [d[0] for d in cursor.description]
            for row in cursor:
                check(dict(zip(names, row, strict=True)))
    except validate.InvalidField as exc:
        raise BackupError(
            f"{source} cannot be restored: {exc.problem} Nothing was replaced."
        ) from None
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{source} is not a SeekDesk history database ({exc}).") from exc
    finally:
        conn.close()


def restore(conn: sqlite3.Connection, source: Path, directory: Path) -> Path:
    """Replace the database behind ``conn`` with ``source``; returns the safety backup taken
    of the current database first. The caller migrates the result if it is older."""
    inspect(source)
    safety = take(conn, directory, "before-restore")
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        src.backup(conn)
    finally:
        src.close()
    return safety
