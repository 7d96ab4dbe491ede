"""Opening the history file: connect, check, set damaged files aside, upgrade the schema.

Apart from ``store.py`` because opening is where most of what can go wrong with a file on disk
is met, once, with its own decisions: a damaged file is moved aside (never deleted) so a new
history can start; a file from a newer SeekDesk is opened read-only; a migration is preceded by
a backup. The store calls these under its error guard, so what escapes is a ``HistoryError``.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from app.core.history import backup as _backup
from app.core.history import readonly, schema
from app.core.history.errors import is_corruption
from app.core.sentences import QT_TRANSLATE_NOOP, notice


@dataclass(slots=True)
class Opened:
    """A connection ready for the store, and what the user should be told about opening it."""

    conn: sqlite3.Connection
    read_only: bool = False
    notices: list[str] = field(default_factory=list)
    #: Why the history is read-only (said when something tries to save), when it is.
    read_only_reason: str | None = None


def connect(path: Path, busy_timeout_ms: int, *, read_only: bool = False) -> sqlite3.Connection:
    if read_only:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro",
            uri=True,
            isolation_level=None,
            check_same_thread=False,
        )
    else:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    return conn


def check(conn: sqlite3.Connection) -> int:
    """Return the schema version; raise a corruption error for damaged or foreign files."""
    version = schema.user_version(conn)  # "file is not a database" surfaces here
    rows = conn.execute("PRAGMA quick_check").fetchall()
    if rows != [("ok",)]:
        exc = sqlite3.DatabaseError(f"quick_check failed: {rows[:3]}")
        exc.sqlite_errorcode = 11  # SQLITE_CORRUPT
        exc.sqlite_errorname = "SQLITE_CORRUPT"
        raise exc
    return version


def move_aside(path: Path) -> Path:
    """Rename a damaged database (and its WAL files) to ``<name>.corrupt-<time>``."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    path.rename(target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target


def open_database(path: Path, backups_dir: Path, busy_timeout_ms: int) -> Opened:
    """Connect to the history at ``path``, whatever state the file is in.

    Raises ``sqlite3.Error``/``OSError`` only when even a fresh file cannot be used (the caller
    translates them).
    """
    notices: list[str] = []
    unwritable = readonly.unwritable_reason(path)
    if unwritable is not None:
        read_only = readonly.connect_read_only(path, busy_timeout_ms)
        return Opened(read_only, True, [unwritable], unwritable)
    conn: sqlite3.Connection | None = None
    try:
        conn = connect(path, busy_timeout_ms)
        version = check(conn)
    except sqlite3.DatabaseError as exc:
        if not is_corruption(exc):
            raise
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.close()
        moved = move_aside(path)
        notices.append(notice(MOVED_ASIDE, moved=str(moved), backups=str(backups_dir)))
        conn = connect(path, busy_timeout_ms)
        version = check(conn)
    if version > schema.SCHEMA_VERSION:
        conn.close()
        notices.append(
            notice(NEWER, path=str(path), version=version, newest=schema.SCHEMA_VERSION)
        )
        return Opened(connect(path, busy_timeout_ms, read_only=True), True, notices)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")  # a power cut loses at most one flush
    conn.execute("PRAGMA foreign_keys = ON")
    if version < schema.SCHEMA_VERSION:
        # The copy is taken before the migration's write transaction (the backup API cannot
        # read a database its own connection holds write-locked). Two processes upgrading at
        # once may both take one; the migration itself runs only once (see schema.migrate).
        taken = _backup.take(conn, backups_dir, f"before-v{version + 1}") if version else None
        applied = schema.migrate(conn)
        if taken is not None and not applied:
            # Another process was creating (or upgrading) this history and did it all: this
            # one upgraded nothing, so it claims nothing and keeps no copy of a half-made file.
            taken.unlink(missing_ok=True)
        elif taken is not None:
            notices.append(notice(UPGRADED, copy=str(taken)))
    return Opened(conn, False, notices)


#: What opening the history tells the user (the window says it in the user's language).
MOVED_ASIDE = QT_TRANSLATE_NOOP(
    "Notice",
    "The history database was damaged and has been moved to {moved}; a new, empty history was "
    "started. Backups in {backups} can be restored with 'seekdesk history restore FILE'.",
)
NEWER = QT_TRANSLATE_NOOP(
    "Notice",
    "The history at {path} was written by a newer version of SeekDesk (format {version}, this "
    "one reads up to {newest}). It is left untouched and opened read-only: nothing new will be "
    "saved until you update.",
)
UPGRADED = QT_TRANSLATE_NOOP(
    "Notice", "Your history was upgraded to a new format; a copy of it as it was is in {copy}."
)

#: A daily backup that failed (the history is still usable); the store tells it.
BACKUP_FAILED = QT_TRANSLATE_NOOP("Notice", "The daily backup of the history failed: {error}")
