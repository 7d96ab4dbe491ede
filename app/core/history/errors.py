"""The history's one exception family, and the one place ``sqlite3.Error`` is translated into it.

Every public call of ``HistoryStore`` runs inside ``guard()``, so nothing above the history
package ever sees a raw ``sqlite3.Error`` (or an ``OSError`` from a backup): it sees a
``HistoryError`` that already knows its ``ErrorKind``. As in qutebrowser's SQL layer, the family
splits in two, because the user's next step differs:

* ``StorageError`` — the environment's fault (a full disk, a read-only or locked file, a damaged
  database, an I/O error). Nothing is wrong with SeekDesk; the sentence says what to do.
* ``ConversationGoneError`` — a foreign-key failure: the conversation a write refers to was
  deleted meanwhile by another SeekDesk process (``seekdesk history delete`` in a terminal).
  Not a bug: the user is told what happened and how to go on.
* ``HistoryBugError`` — SeekDesk's fault (``ProgrammingError``, ``InterfaceError``, a plain
  ``SQLITE_ERROR`` such as "no such column"). Reported as an internal error, with a traceback
  in the log file, never dressed up as a disk or network problem.

The SQLite result codes are taken from the exception's primary code (``sqlite_errorcode & 0xff``,
Python 3.11+), so extended codes (``SQLITE_IOERR_WRITE``, ``SQLITE_BUSY_SNAPSHOT``…) land with
their family. The full tree of kinds and exceptions is drawn in ``app.core.errors``.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from typing import ClassVar

from app.core.errors import ClassifiedError, ErrorKind, kind_for_os_error, register_classifier

# Primary SQLite result codes (https://sqlite.org/rescode.html) and what they mean for the user.
_SQLITE_KINDS: dict[int, ErrorKind] = {
    3: ErrorKind.STORAGE_READ_ONLY,  # SQLITE_PERM
    5: ErrorKind.STORAGE_LOCKED,  # SQLITE_BUSY (after the busy timeout)
    6: ErrorKind.STORAGE_LOCKED,  # SQLITE_LOCKED
    7: ErrorKind.STORAGE_UNAVAILABLE,  # SQLITE_NOMEM
    8: ErrorKind.STORAGE_READ_ONLY,  # SQLITE_READONLY
    10: ErrorKind.STORAGE_UNAVAILABLE,  # SQLITE_IOERR
    11: ErrorKind.STORAGE_CORRUPT,  # SQLITE_CORRUPT
    13: ErrorKind.STORAGE_FULL,  # SQLITE_FULL
    14: ErrorKind.STORAGE_UNAVAILABLE,  # SQLITE_CANTOPEN
    15: ErrorKind.STORAGE_LOCKED,  # SQLITE_PROTOCOL (a locking race that did not settle)
    26: ErrorKind.STORAGE_CORRUPT,  # SQLITE_NOTADB
}
_NAMED_KINDS: dict[str, ErrorKind] = {
    "SQLITE_CORRUPT": ErrorKind.STORAGE_CORRUPT,
    "SQLITE_NOTADB": ErrorKind.STORAGE_CORRUPT,
    "SQLITE_CONSTRAINT_FOREIGNKEY": ErrorKind.CONVERSATION_GONE,
}
#: Extended codes whose meaning differs from their primary code's (SQLITE_CONSTRAINT is a bug,
#: except a foreign key: the row it names was deleted by another process since it was read).
_EXTENDED_KINDS: dict[int, ErrorKind] = {
    787: ErrorKind.CONVERSATION_GONE,  # SQLITE_CONSTRAINT_FOREIGNKEY
}


class HistoryError(ClassifiedError):
    """The history cannot do what was asked; the message says why in the user's words."""

    kind: ClassVar[ErrorKind] = ErrorKind.STORAGE_UNAVAILABLE


class StorageError(HistoryError):
    """The environment's fault: the disk, the file or another program, not SeekDesk."""


class StorageFullError(StorageError):
    kind = ErrorKind.STORAGE_FULL


class StorageReadOnlyError(StorageError):
    kind = ErrorKind.STORAGE_READ_ONLY


class HistoryReadOnlyError(StorageReadOnlyError):
    """A write was attempted on a database opened read-only (made by a newer SeekDesk)."""


class StorageLockedError(StorageError):
    kind = ErrorKind.STORAGE_LOCKED


class StorageCorruptError(StorageError):
    kind = ErrorKind.STORAGE_CORRUPT


class StorageUnavailableError(StorageError):
    kind = ErrorKind.STORAGE_UNAVAILABLE


class ConversationGoneError(HistoryError):
    """A write referred to a conversation another SeekDesk process deleted meanwhile."""

    kind = ErrorKind.CONVERSATION_GONE


class HistoryBugError(HistoryError):
    """SeekDesk used the database wrongly: a bug, reported as an internal error."""

    kind = ErrorKind.INTERNAL


_BY_KIND: dict[ErrorKind, type[HistoryError]] = {
    ErrorKind.STORAGE_FULL: StorageFullError,
    ErrorKind.STORAGE_READ_ONLY: StorageReadOnlyError,
    ErrorKind.STORAGE_LOCKED: StorageLockedError,
    ErrorKind.STORAGE_CORRUPT: StorageCorruptError,
    ErrorKind.STORAGE_UNAVAILABLE: StorageUnavailableError,
    ErrorKind.CONVERSATION_GONE: ConversationGoneError,
}


def sqlite_kind(exc: sqlite3.Error) -> ErrorKind:
    """The failure kind of a SQLite error: a storage kind, or INTERNAL for a bug."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        if code in _EXTENDED_KINDS:
            return _EXTENDED_KINDS[code]
        return _SQLITE_KINDS.get(code & 0xFF, ErrorKind.INTERNAL)
    name = getattr(exc, "sqlite_errorname", None)
    if isinstance(name, str):
        return _NAMED_KINDS.get(name, ErrorKind.INTERNAL)
    return ErrorKind.INTERNAL  # ProgrammingError, InterfaceError: raised by Python's module


def _classify(exc: BaseException) -> ErrorKind:
    return sqlite_kind(exc) if isinstance(exc, sqlite3.Error) else ErrorKind.INTERNAL


# A raw sqlite3.Error reaching ``failure_for`` (a bug: the store translates them) gets its kind.
register_classifier(sqlite3.Error, _classify)


def is_corruption(exc: sqlite3.Error) -> bool:
    return sqlite_kind(exc) is ErrorKind.STORAGE_CORRUPT


def translate(exc: sqlite3.Error | OSError, doing: str) -> HistoryError:
    """The family member for ``exc``, its message saying what was being done and what failed."""
    if isinstance(exc, sqlite3.Error):
        kind = sqlite_kind(exc)
    else:
        kind = kind_for_os_error(exc) or ErrorKind.STORAGE_UNAVAILABLE
    cls = _BY_KIND.get(kind, HistoryBugError)
    detail = str(exc).strip() or type(exc).__name__
    return cls(f"{doing}: {detail}.")


@contextlib.contextmanager
def guard(doing: str) -> Iterator[None]:
    """Let a ``HistoryError`` through and translate any ``sqlite3.Error`` or ``OSError``.

    ``doing`` starts the message ("The history could not be saved"), so the user reads what
    failed before the database's own words.
    """
    try:
        yield
    except HistoryError:
        raise
    except (sqlite3.Error, OSError) as exc:
        raise translate(exc, doing) from exc
