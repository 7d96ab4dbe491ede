"""The history's limits and the repair of rows already stored: what listing the history needs of
the rules, apart from ``validate``'s checker of files from outside.

Every conversation listed goes through ``repair_*`` (``rows``), so the window's first list needs
these few functions; the checker of import files and backups (``validate``: its checker class,
its records, its sentences) is imported when a file is imported or restored. Both follow the
same limits, defined here once.
"""

from __future__ import annotations

import math
from typing import Any

from app.core.history.records import MessageStatus

#: Longest text field (an answer, a prompt, a thinking), in characters.
MAX_TEXT = 16 * 1024 * 1024
#: Longest short field (uid, title, model, region, API, request id, error code and kind).
MAX_SHORT = 4096
#: Latest accepted time, 9999-12-31 (seconds since the epoch); earliest is the epoch itself.
MAX_EPOCH = 253402300799.0
#: Largest token count (what a float still holds exactly).
MAX_COUNT = 2**53
#: Most sampling parameters on one message, and most messages in one conversation.
MAX_PARAMETERS = 64
MAX_MESSAGES = 1_000_000
ROLES = ("user", "assistant")
#: What ``repair_time`` puts in place of a bad time.
_SAFE_TIME = 0.0


class ImportFormatError(ValueError):
    """The file is neither a SeekDesk export nor a ChatGPT conversations.json, or breaks a rule."""


# -- rows already in a history --------------------------------------------------------------------
# A value that breaks a rule (an older version, a restore, a hand edit) is replaced by a safe one
# and reported (the second item: True), so a bad row is shown, marked, instead of crashing.


def repaired_note(fields: tuple[str, ...]) -> str:
    """The one sentence that marks a repaired record wherever it is shown."""
    return (
        f"Repaired: the stored {', '.join(fields)} broke the history's rules and "
        f"{'is' if len(fields) == 1 else 'are'} shown replaced."
    )


def repair_time(value: Any, *, nullable: bool) -> tuple[float | None, bool]:
    """A stored time, or a safe stand-in and True when the stored one is unusable."""
    if value is None:
        return (None, False) if nullable else (_SAFE_TIME, True)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return (None if nullable else _SAFE_TIME), True
    if not math.isfinite(value) or not 0 <= value <= MAX_EPOCH:
        return (None if nullable else _SAFE_TIME), True
    return float(value), False


def repair_count(value: Any, low: int = 0, high: int = MAX_COUNT) -> tuple[int | None, bool]:
    if value is None:
        return None, False
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return None, True
    return value, False


def repair_text(value: Any, *, nullable: bool) -> tuple[str | None, bool]:
    if value is None:
        return (None, False) if nullable else ("", True)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace"), True
    if not isinstance(value, str):
        return str(value), True
    return value, False


def repair_status(value: Any) -> tuple[MessageStatus, bool]:
    """An unknown status reads as ``failed``: the reply cannot be trusted to be complete."""
    try:
        return MessageStatus(value), False
    except ValueError:
        return MessageStatus.FAILED, True


def repair_role(value: Any) -> tuple[str, bool]:
    return (value, False) if value in ROLES else ("assistant", True)


__all__ = [
    "MAX_COUNT",
    "MAX_EPOCH",
    "MAX_MESSAGES",
    "MAX_PARAMETERS",
    "MAX_SHORT",
    "MAX_TEXT",
    "ROLES",
    "ImportFormatError",
    "repair_count",
    "repair_role",
    "repair_status",
    "repair_text",
    "repair_time",
    "repaired_note",
]
