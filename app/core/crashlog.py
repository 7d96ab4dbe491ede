"""The internal-error log: a bug's traceback on disk, for a report, never with the API key.

A bug reaches the user as one sentence (``ErrorKind.INTERNAL``); what a developer needs (the
traceback) goes to ``paths.log_file()``, a size-capped rotating file, so a loop of failures
cannot fill the disk. Everything written is scrubbed first: the key values the caller knows,
anything shaped like a Model Studio key (``sk-…``), and Authorization headers — a traceback
quotes exception messages, and a message may quote a request.

Opened per record rather than held open: bugs are rare, and the data directory can change
between calls (tests, ``SEEKDESK_DATA_DIR``).
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import time
import traceback
from collections.abc import Iterable

from app.core import paths

MAX_BYTES = 1_000_000
BACKUPS = 3
MASK = "***"

_PATTERNS = (
    # "Authorization: Bearer sk-…", "'authorization': 'Bearer …'"
    re.compile(r"(?i)(authorization['\"]?\s*[:=]\s*['\"]?)(bearer\s+)?[^\s'\",}]+"),
    # api_key='…', "api-key": "…", DASHSCOPE_API_KEY=…
    re.compile(r"(?i)(api[_-]?key['\"]?\s*[:=]\s*['\"]?)()[^\s'\",}]+"),
    # anything shaped like a Model Studio key
    re.compile(r"()()\bsk-[A-Za-z0-9_\-]{6,}"),
)
#: The last exception recorded, so the session and a front end reporting the same one write one
#: traceback between them (an exception object cannot carry a weak reference).
_last_recorded: list[tuple[int, str]] = []


def scrub(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with every key value, ``sk-…`` key and Authorization value masked."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, MASK)
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: f"{m.group(1)}{m.group(2) or ''}{MASK}", text)
    return text


def record(exc: BaseException, secrets: Iterable[str] = ()) -> str:
    """Append ``exc``'s traceback (scrubbed) to the log; the log's path, or why it failed."""
    key = (id(exc), f"{type(exc).__name__}:{exc}")
    text = "".join(traceback.format_exception(exc))
    stamp = time.strftime("%Y-%m-%d %H:%M:%S%z")
    entry = scrub(f"{stamp} internal error\n{text}", tuple(secrets))
    try:
        path = paths.log_file()  # (creates the data directory: may fail on a broken disk)
        if key in _last_recorded:
            return str(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError as err:
        return f"(the log could not be written: {scrub(str(err), tuple(secrets))})"
    try:
        handler.setFormatter(logging.Formatter("%(message)s"))
        handler.emit(logging.makeLogRecord({"msg": entry, "levelno": logging.ERROR}))
    finally:
        handler.close()
    _last_recorded[:] = [key]
    return str(path)
