"""A history in a folder that cannot be written (a read-only mount, a locked-down profile, an
immutable directory, a full quota that refuses new files): opened read-only, with the reason.

SQLite keeps a WAL-mode database's ``-wal`` and ``-shm`` files next to it, so a folder that
refuses new files makes even reading fail with "unable to open database file". Rather than
refusing the whole history, SeekDesk opens the file read-only (``mode=ro``, and ``immutable=1``
when SQLite cannot create its shared-memory file there: nothing can write that folder, so the
file cannot change under us) and says why; listing, showing, searching and exporting work, and
saving says plainly that this history is read-only.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from app.core.sentences import QT_TRANSLATE_NOOP, notice

#: Why a history is opened read-only (the window says it in the user's language).
FOLDER_READ_ONLY = QT_TRANSLATE_NOOP(
    "Notice",
    "The folder {folder} cannot be written (it is read-only), so the history is opened "
    "read-only: you can read, search and export it, but nothing new is saved until the folder "
    "can be written again.",
)
FILE_READ_ONLY = QT_TRANSLATE_NOOP(
    "Notice",
    "The history file {path} cannot be written (it is read-only), so it is opened read-only: "
    "you can read, search and export it, but nothing new is saved until the file can be "
    "written again.",
)


def unwritable_reason(path: Path) -> str | None:
    """Why the existing history at ``path`` cannot be written, or None if it can be."""
    if not path.is_file():
        return None
    folder = path.parent
    if not os.access(folder, os.W_OK):
        return notice(FOLDER_READ_ONLY, folder=str(folder))
    if not os.access(path, os.W_OK):
        return notice(FILE_READ_ONLY, path=str(path))
    return None


def connect_read_only(path: Path, busy_timeout_ms: int) -> sqlite3.Connection:
    """A read-only connection that works even where SQLite cannot create its side files."""
    uri = path.resolve().as_uri()
    last: sqlite3.Error | None = None
    for query in ("mode=ro", "mode=ro&immutable=1"):
        conn = sqlite3.connect(
            f"{uri}?{query}", uri=True, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as exc:
            conn.close()
            last = exc
            continue
        return conn
    assert last is not None
    raise last
