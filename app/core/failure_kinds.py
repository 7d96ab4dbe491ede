"""The kinds of failure, and what each means to the user: its one sentence and its ways out.

Apart from ``app.core.errors`` (which decides which kind a failure is, from a status, a code or
an exception, and builds the ``Failure``) because this is the part users read: one file holds
every kind's sentence for translators and reviewers, and every front end reads the ways out
from here. It imports nothing of SeekDesk, so anything may import it; ``errors`` re-exports it.

Each kind's sentence (``HINTS``) is written once, here, wrapped in ``QT_TRANSLATE_NOOP`` under
the context ``"Failure"`` (``HINT_CONTEXT``): ``pyside6-lupdate`` extracts it from this file (the
core never imports Qt; the marker is a plain identity function), and the window shows
``QCoreApplication.translate("Failure", failure.hint)``. The sentences that name something (a
host, a model, a date) are templates in ``app.core.failure_sentences``.
"""

from __future__ import annotations

import enum

#: The catalogue context of every sentence in HINTS (the window translates under it).
HINT_CONTEXT = "Failure"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # (the name lupdate looks for)
    """Mark ``text`` for pyside6-lupdate under ``context``; returns it unchanged (no Qt here)."""
    return text


class ErrorKind(enum.StrEnum):
    INVALID_KEY = "invalid_key"
    NO_ACCESS = "no_access"
    MODEL_NOT_FOUND = "model_not_found"
    RATE_LIMITED = "rate_limited"
    QUOTA = "quota"
    CONTENT_FILTERED = "content_filtered"
    BAD_PARAMETER = "bad_parameter"
    SERVER_ERROR = "server_error"
    TIMEOUT = "timeout"
    NETWORK = "network"
    CONNECTION_DROPPED = "connection_dropped"
    MALFORMED_STREAM = "malformed_stream"
    STORAGE_FULL = "storage_full"
    STORAGE_READ_ONLY = "storage_read_only"
    STORAGE_LOCKED = "storage_locked"
    STORAGE_CORRUPT = "storage_corrupt"
    STORAGE_UNAVAILABLE = "storage_unavailable"
    CONVERSATION_GONE = "conversation_gone"
    INTERNAL = "internal"


class Action(enum.StrEnum):
    """A way out the front end offers next to the failure."""

    RETRY = "retry"
    OPEN_SETTINGS = "open_settings"
    SWITCH_MODEL = "switch_model"
    #: Write the reply the history refused, once it can take it (space freed, lock gone).
    SAVE_AGAIN = "save_again"
    #: Keep the reply in a file of the user's choosing (the history cannot take it now).
    SAVE_TO_FILE = "save_to_file"


HINTS: dict[ErrorKind, str] = {
    ErrorKind.INVALID_KEY: QT_TRANSLATE_NOOP(
        "Failure",
        "The API key was refused. Check the key in Settings; a Model Studio key works only in "
        "the region that issued it, so make sure the region matches the key.",
    ),
    ErrorKind.NO_ACCESS: QT_TRANSLATE_NOOP(
        "Failure",
        "Access denied to this model or workspace. Check the workspace ID and region in Settings, "
        "or grant the model to the workspace in the Model Studio console.",
    ),
    ErrorKind.MODEL_NOT_FOUND: QT_TRANSLATE_NOOP(
        "Failure", "This model is not available here. Choose another model."
    ),
    ErrorKind.RATE_LIMITED: QT_TRANSLATE_NOOP(
        "Failure", "Too many requests right now. Wait a moment, then retry."
    ),
    ErrorKind.QUOTA: QT_TRANSLATE_NOOP(
        "Failure",
        "Your account has run out of quota or has an overdue bill. Check billing in the Model "
        "Studio console, then retry.",
    ),
    ErrorKind.CONTENT_FILTERED: QT_TRANSLATE_NOOP(
        "Failure",
        "Content moderation blocked the request or the answer. Rephrase your message and send it "
        "again.",
    ),
    ErrorKind.BAD_PARAMETER: QT_TRANSLATE_NOOP(
        "Failure",
        "The service rejected the request. Check the model's parameters, or start a new "
        "conversation if this one has grown too long.",
    ),
    ErrorKind.SERVER_ERROR: QT_TRANSLATE_NOOP(
        "Failure", "Model Studio had a server error. Retry in a moment."
    ),
    ErrorKind.TIMEOUT: QT_TRANSLATE_NOOP(
        "Failure",
        "The service stopped answering. Retry, or raise the read timeout if the model thinks "
        "for a long time.",
    ),
    ErrorKind.NETWORK: QT_TRANSLATE_NOOP(
        "Failure",
        "Could not reach Model Studio. Check your internet connection or proxy, then retry.",
    ),
    ErrorKind.CONNECTION_DROPPED: QT_TRANSLATE_NOOP(
        "Failure",
        "The connection dropped before the answer was complete. The text so far is kept; retry "
        "to ask again.",
    ),
    ErrorKind.MALFORMED_STREAM: QT_TRANSLATE_NOOP(
        "Failure",
        "The reply could not be read. Retry; if it happens again, check any proxy between you "
        "and Model Studio.",
    ),
    ErrorKind.STORAGE_FULL: QT_TRANSLATE_NOOP(
        "Failure",
        "The disk that holds the history is full, so this could not be saved. Free some space, "
        "then retry.",
    ),
    ErrorKind.STORAGE_READ_ONLY: QT_TRANSLATE_NOOP(
        "Failure",
        "The history cannot be written: its file or folder is read-only. Check the permissions "
        "of SeekDesk's data folder, then retry.",
    ),
    ErrorKind.STORAGE_LOCKED: QT_TRANSLATE_NOOP(
        "Failure",
        "The history is held by another program for too long. Close other SeekDesk windows or "
        "commands that use it, then retry.",
    ),
    ErrorKind.STORAGE_CORRUPT: QT_TRANSLATE_NOOP(
        "Failure",
        "The history file is damaged. Restart SeekDesk: it moves the damaged file aside and "
        "starts a new one, and 'seekdesk history restore' brings back a backup.",
    ),
    ErrorKind.STORAGE_UNAVAILABLE: QT_TRANSLATE_NOOP(
        "Failure",
        "The history could not be read or written because of a disk or file system error. "
        "Check the disk and SeekDesk's data folder, then retry.",
    ),
    # The front end adds where the prompt went ("Your prompt is back in the box.").
    ErrorKind.CONVERSATION_GONE: QT_TRANSLATE_NOOP(
        "Failure",
        "This conversation was deleted by another SeekDesk (a terminal?). Start a new chat to "
        "send your prompt.",
    ),
    ErrorKind.INTERNAL: QT_TRANSLATE_NOOP(
        "Failure",
        "SeekDesk hit an internal error: a bug in SeekDesk, not a problem with your network or "
        "files. The details are in the log file named below; please report it, then retry.",
    ),
}

#: Every failed request can be retried (issue 13): after the user fixes the key, the workspace
#: or the model, Retry asks again; it is offered after the way out that fixes the cause.
ACTIONS: dict[ErrorKind, tuple[Action, ...]] = {
    ErrorKind.INVALID_KEY: (Action.OPEN_SETTINGS, Action.RETRY),
    ErrorKind.NO_ACCESS: (Action.OPEN_SETTINGS, Action.SWITCH_MODEL, Action.RETRY),
    ErrorKind.MODEL_NOT_FOUND: (Action.SWITCH_MODEL, Action.RETRY),
    ErrorKind.QUOTA: (Action.RETRY,),
    ErrorKind.CONTENT_FILTERED: (Action.RETRY,),
    ErrorKind.BAD_PARAMETER: (Action.RETRY, Action.SWITCH_MODEL),
    # The reply arrived; the history could not take it. Asking again would bill it again and
    # could not be saved either: offer to write it when the history can, or to a file now.
    ErrorKind.STORAGE_FULL: (Action.SAVE_AGAIN, Action.SAVE_TO_FILE),
    ErrorKind.STORAGE_READ_ONLY: (Action.SAVE_AGAIN, Action.SAVE_TO_FILE),
    ErrorKind.STORAGE_LOCKED: (Action.SAVE_AGAIN, Action.SAVE_TO_FILE),
    ErrorKind.STORAGE_UNAVAILABLE: (Action.SAVE_AGAIN, Action.SAVE_TO_FILE),
    ErrorKind.STORAGE_CORRUPT: (Action.SAVE_TO_FILE,),
}
