"""The error taxonomy: every way a turn can fail, what the user is told, and what they can do.

::

    Failure(kind=...)                          made by make_failure(), or failure_for(exception)
     ├─ INVALID_KEY         401 InvalidApiKey / invalid_api_key (also: key of another region)
     ├─ NO_ACCESS           401 NOT AUTHORIZED (workspace), 403 AccessDenied*, 404 WorkSpaceNotFound
     ├─ MODEL_NOT_FOUND     404 ModelNotFound / model_not_found / model_not_supported, delisted
     ├─ RATE_LIMITED        429 Throttling* / limit_requests / insufficient_quota (TPM)   retryable
     ├─ QUOTA               Arrearage, *BillOverdue, FreeTierOnly, "Free allocated quota exceeded"
     ├─ CONTENT_FILTERED    DataInspectionFailed / data_inspection_failed (also mid-stream)
     ├─ BAD_PARAMETER       400 InvalidParameter / invalid_parameter_error (context too long…)
     ├─ SERVER_ERROR        5xx InternalError, ModelServingError, proxy pages        retryable
     ├─ TIMEOUT             read timeout, RequestTimeOut
     ├─ NETWORK             DNS, refused, TLS, proxy unreachable                     retryable
     ├─ CONNECTION_DROPPED  the stream ended before its end marker (partial text kept)
     ├─ MALFORMED_STREAM    bytes that are not the protocol (empty 200, garbage, bad JSON)
     │   ── the local history (app.core.history.errors: the environment's fault) ──
     ├─ STORAGE_FULL        SQLITE_FULL, ENOSPC, EDQUOT, EFBIG
     ├─ STORAGE_READ_ONLY   SQLITE_READONLY, SQLITE_PERM, EROFS, EACCES, EPERM; a newer SeekDesk's
     ├─ STORAGE_LOCKED      SQLITE_BUSY / SQLITE_LOCKED / SQLITE_PROTOCOL after the busy timeout
     ├─ STORAGE_CORRUPT     SQLITE_CORRUPT, SQLITE_NOTADB while in use (on open: moved aside)
     ├─ STORAGE_UNAVAILABLE SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_NOMEM, EIO and other disk errors
     ├─ CONVERSATION_GONE   SQLITE_CONSTRAINT_FOREIGNKEY: another SeekDesk deleted the conversation
     │   ── SeekDesk's own fault ──
     └─ INTERNAL            any other exception: a bug; traceback in <data>/logs/seekdesk.log

The exceptions that reach a front end, and the kind each one becomes in ``failure_for``::

    Exception
     ├─ ClassifiedError (here)           knows its ``kind``: failure_for uses it as is
     │   └─ HistoryError (history)       raised by every HistoryStore call, never sqlite3.Error
     │       ├─ StorageError             the environment's fault
     │       │   ├─ StorageFullError         STORAGE_FULL
     │       │   ├─ StorageReadOnlyError     STORAGE_READ_ONLY
     │       │   │   └─ HistoryReadOnlyError     a history written by a newer SeekDesk
     │       │   ├─ StorageLockedError       STORAGE_LOCKED
     │       │   ├─ StorageCorruptError      STORAGE_CORRUPT
     │       │   └─ StorageUnavailableError  STORAGE_UNAVAILABLE
     │       ├─ ConversationGoneError    CONVERSATION_GONE (deleted by another process meanwhile)
     │       └─ HistoryBugError          INTERNAL (ProgrammingError, InterfaceError, SQLITE_ERROR)
     ├─ OSError                          storage kinds by errno; ConnectionError NETWORK,
     │                                   TimeoutError TIMEOUT; any other errno INTERNAL
     ├─ ValueError
     │   ├─ regions.ConfigError          bad endpoint or key, raised before anything is sent:
     │   │   ├─ secrets.InvalidKey       front ends show it as a usage/settings problem, and
     │   │   └─ secrets.KeyringFailure   it never becomes a Failure
     │   ├─ history ImportFormatError    a file that is not an export (``seekdesk history``)
     │   └─ sse.SseDecodeError           caught by the client: MALFORMED_STREAM
     ├─ history BackupError              a file that cannot be restored (``seekdesk history``)
     └─ anything else                    INTERNAL

Network and protocol failures never raise: the client yields them as ``Failure`` events.

Each kind's sentence (``HINTS``) and its ways out (``ACTIONS``) are written once, in
``app.core.failure_kinds`` (with ``ErrorKind`` and ``Action``; re-exported here), marked for
translation under the context ``"Failure"``, and the window shows
``QCoreApplication.translate("Failure", failure.hint)``. A sentence that names a place (the
host that could not be reached, the workspace ID in it) is a catalogue template with
placeholders (``UNREACHABLE``…, in ``app.core.failure_sentences``): ``with_sentence`` fills
``hint`` in English and keeps the template and its values on the Failure, so the window
translates the template and fills it (``Failure.sentence``) while the CLI prints ``hint``.
Every specific sentence (a delisted model and its replacement with the date, a Retry-After
wait, a model not found or refused in a region) is such a template: the core never words a
failure in English only. A date or a number stays one, so the window writes it in its locale.
"""

from __future__ import annotations

import dataclasses
import errno
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import ClassVar

from app.core.failure_kinds import ACTIONS as ACTIONS
from app.core.failure_kinds import HINT_CONTEXT as HINT_CONTEXT
from app.core.failure_kinds import HINTS as HINTS
from app.core.failure_kinds import QT_TRANSLATE_NOOP as QT_TRANSLATE_NOOP
from app.core.failure_kinds import Action as Action
from app.core.failure_kinds import ErrorKind as ErrorKind
from app.core.failure_sentences import (
    DELISTED,
    DELISTED_ONE,
    MODEL_MISSING,
    RETRY_AFTER,
    Value,
    english,
)
from app.core.failure_sentences import REGION_MODEL_MISSING as REGION_MODEL_MISSING
from app.core.failure_sentences import REGION_NO_ACCESS as REGION_NO_ACCESS
from app.core.failure_sentences import SENTENCES as SENTENCES
from app.core.failure_sentences import UNREACHABLE as UNREACHABLE
from app.core.failure_sentences import UNREACHABLE_WORKSPACE as UNREACHABLE_WORKSPACE
from app.core.failure_sentences import Term as Term

_CODES: dict[str, ErrorKind] = {
    "invalidapikey": ErrorKind.INVALID_KEY,
    "invalid_api_key": ErrorKind.INVALID_KEY,
    "not authorized": ErrorKind.NO_ACCESS,
    "accessdenied": ErrorKind.NO_ACCESS,
    "access_denied": ErrorKind.NO_ACCESS,
    "accessdenied.unpurchased": ErrorKind.NO_ACCESS,
    "model.accessdenied": ErrorKind.NO_ACCESS,
    "workspace.accessdenied": ErrorKind.NO_ACCESS,
    "app.accessdenied": ErrorKind.NO_ACCESS,
    "workspacenotfound": ErrorKind.NO_ACCESS,
    "modelnotfound": ErrorKind.MODEL_NOT_FOUND,
    "model_not_found": ErrorKind.MODEL_NOT_FOUND,
    "model_not_supported": ErrorKind.MODEL_NOT_FOUND,
    "throttling": ErrorKind.RATE_LIMITED,
    "throttling.ratequota": ErrorKind.RATE_LIMITED,
    "throttling.burstrate": ErrorKind.RATE_LIMITED,
    "throttling.allocationquota": ErrorKind.RATE_LIMITED,
    "limitrequests": ErrorKind.RATE_LIMITED,
    "limit_requests": ErrorKind.RATE_LIMITED,
    "limit_burst_rate": ErrorKind.RATE_LIMITED,
    "insufficient_quota": ErrorKind.RATE_LIMITED,
    "allocationquota.freetieronly": ErrorKind.QUOTA,
    "arrearage": ErrorKind.QUOTA,
    "prepaidbilloverdue": ErrorKind.QUOTA,
    "postpaidbilloverdue": ErrorKind.QUOTA,
    "commoditynotpurchased": ErrorKind.QUOTA,
    "datainspectionfailed": ErrorKind.CONTENT_FILTERED,
    "data_inspection_failed": ErrorKind.CONTENT_FILTERED,
    "invalidparameter": ErrorKind.BAD_PARAMETER,
    "invalid_parameter_error": ErrorKind.BAD_PARAMETER,
    "invalid_request_error": ErrorKind.BAD_PARAMETER,
    "internalerror": ErrorKind.SERVER_ERROR,
    "internal_error": ErrorKind.SERVER_ERROR,
    "internalerror.algo": ErrorKind.SERVER_ERROR,
    "systemerror": ErrorKind.SERVER_ERROR,
    "modelservicefailed": ErrorKind.SERVER_ERROR,
    "modelservingerror": ErrorKind.SERVER_ERROR,
    "modelunavailable": ErrorKind.SERVER_ERROR,
    "requesttimeout": ErrorKind.TIMEOUT,
}

#: Throttles that clear by themselves; "Free allocated quota exceeded" does not (see QUOTA).
_RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})


def classify(status: int | None, code: str | None, message: str = "") -> ErrorKind:
    """Map an HTTP status and the service's code/message to an ErrorKind."""
    lowered = message.lower()
    if "free allocated quota exceeded" in lowered:
        return ErrorKind.QUOTA
    if "model not exist" in lowered:
        return ErrorKind.MODEL_NOT_FOUND
    if code:
        key = code.strip().lower()
        kind = _CODES.get(key)
        if kind is None and key.startswith("invalidparameter"):
            kind = ErrorKind.BAD_PARAMETER
        if kind is None and key.startswith("throttling"):
            kind = ErrorKind.RATE_LIMITED
        if kind is not None:
            return kind
    if status == 401:
        return ErrorKind.INVALID_KEY
    if status == 403:
        return ErrorKind.NO_ACCESS
    if status == 404:
        return ErrorKind.MODEL_NOT_FOUND
    if status == 429:
        return ErrorKind.RATE_LIMITED
    if status == 408:
        return ErrorKind.TIMEOUT
    if status is not None and 400 <= status < 500:
        return ErrorKind.BAD_PARAMETER
    return ErrorKind.SERVER_ERROR


@dataclass(frozen=True, slots=True)
class Failure:
    """A failed (or failing) request, carrying everything the user is shown."""

    kind: ErrorKind
    message: str
    hint: str
    status: int | None = None
    code: str | None = None
    request_id: str | None = None
    retry_after: float | None = None
    #: Whether retrying automatically (before the first token) makes sense.
    retryable: bool = False
    #: For MODEL_NOT_FOUND on a delisted model: the recommended replacement.
    replacement: str | None = None
    #: The catalogue template ``hint`` was filled from, and its values (see ``with_sentence``);
    #: empty when ``hint`` is itself the catalogue's sentence or the core's own words.
    template: str = ""
    values: tuple[tuple[str, Value], ...] = ()

    @property
    def actions(self) -> tuple[Action, ...]:
        if self.template == UNREACHABLE_WORKSPACE:  # a mistyped workspace ID: fixed in Settings
            return (Action.OPEN_SETTINGS, Action.RETRY)
        return ACTIONS.get(self.kind, (Action.RETRY,))

    def sentence(
        self, translate: Callable[[str], str], render: Callable[[Value], str] = english
    ) -> str:
        """``hint`` in a front end's language: ``translate`` looks a catalogue sentence up (the
        window: ``QCoreApplication.translate`` under ``HINT_CONTEXT``); a template is
        translated, then filled with ``render``'s writing of each value (the window's: dates
        and numbers in its locale, ``Term``s translated). A translation that lost a placeholder
        gives the English."""
        if not self.template:
            return translate(self.hint)
        try:
            filled = {name: render(value) for name, value in self.values}
            return translate(self.template).format_map(filled)
        except (KeyError, IndexError, ValueError):
            return self.hint


def with_sentence(failure: Failure, template: str, **values: Value) -> Failure:
    """``failure`` told with ``template`` (a ``QT_TRANSLATE_NOOP`` sentence with placeholders)
    filled with ``values``: ``hint`` in English for the CLI, the parts for the window."""
    return dataclasses.replace(
        failure,
        hint=template.format_map({name: english(value) for name, value in values.items()}),
        template=template,
        values=tuple(values.items()),
    )


def make_failure(
    *,
    status: int | None = None,
    code: str | None = None,
    message: str | None = None,
    request_id: str | None = None,
    model: str | None = None,
    retry_after: float | None = None,
    kind: ErrorKind | None = None,
) -> Failure:
    """Build a Failure from what the service (or the transport) said, with the user's sentence."""
    kind = kind or classify(status, code, message or "")
    retryable = kind in (ErrorKind.RATE_LIMITED, ErrorKind.NETWORK) or (
        kind is ErrorKind.SERVER_ERROR and (status is None or status in _RETRYABLE_STATUSES)
    )
    failure = Failure(
        kind=kind,
        message=message or "",
        hint=HINTS[kind],
        status=status,
        code=code,
        request_id=request_id,
        retry_after=retry_after,
        retryable=retryable,
    )
    if kind is ErrorKind.MODEL_NOT_FOUND and model:
        from app.core.catalog import lookup  # local: catalog is data, errors is imported early

        entry = lookup(model)
        if entry.replacements:
            failure = dataclasses.replace(failure, replacement=entry.replacements[0])
        day = entry.delisted_on
        if entry.replacements and day is not None:
            others = ", ".join(entry.replacements[1:])
            failure = with_sentence(
                failure,
                DELISTED if others else DELISTED_ONE,
                model=model,
                date=day,
                replacement=entry.replacements[0],
                **({"alternatives": others} if others else {}),
            )
        else:
            failure = with_sentence(failure, MODEL_MISSING, model=model)
    elif kind is ErrorKind.RATE_LIMITED and retry_after:
        failure = with_sentence(failure, RETRY_AFTER, seconds=float(retry_after))
    return dataclasses.replace(failure, message=message or failure.hint)


class ClassifiedError(Exception):
    """An exception that knows which failure it is, so no front end guesses from its type.

    The history's family derives from it (see the tree above); ``failure_for`` reads ``kind``.
    """

    kind: ClassVar[ErrorKind] = ErrorKind.INTERNAL


_OS_KINDS: dict[int, ErrorKind] = {
    errno.ENOSPC: ErrorKind.STORAGE_FULL,
    errno.EDQUOT: ErrorKind.STORAGE_FULL,
    errno.EFBIG: ErrorKind.STORAGE_FULL,
    errno.EROFS: ErrorKind.STORAGE_READ_ONLY,
    errno.EACCES: ErrorKind.STORAGE_READ_ONLY,
    errno.EPERM: ErrorKind.STORAGE_READ_ONLY,
    errno.EIO: ErrorKind.STORAGE_UNAVAILABLE,
}


def kind_for_os_error(exc: OSError) -> ErrorKind | None:
    """The storage kind an OS error means (a full disk, a read-only file…); None if none."""
    return _OS_KINDS.get(exc.errno) if exc.errno is not None else None


#: Kinds for exception types of other packages, registered by them (the history registers
#: ``sqlite3.Error``): this module imports none of them, so nothing imports it back in a circle.
_CLASSIFIERS: list[tuple[type[BaseException], Callable[[BaseException], ErrorKind]]] = []


def register_classifier(
    exc_type: type[BaseException], classify: Callable[[BaseException], ErrorKind]
) -> None:
    """Let ``failure_for`` classify ``exc_type`` (and its subclasses) with ``classify``."""
    _CLASSIFIERS.append((exc_type, classify))


def _kind_of(exc: BaseException) -> ErrorKind:
    if isinstance(exc, ClassifiedError):
        return exc.kind
    if isinstance(exc, TimeoutError):
        return ErrorKind.TIMEOUT
    if isinstance(exc, ConnectionError):
        return ErrorKind.NETWORK
    if isinstance(exc, OSError):
        return kind_for_os_error(exc) or ErrorKind.INTERNAL
    for exc_type, classify in _CLASSIFIERS:
        if isinstance(exc, exc_type):  # e.g. a raw sqlite3.Error: only a bug lets one escape
            return classify(exc)
    return ErrorKind.INTERNAL


def failure_for(exc: BaseException, *, secrets: Iterable[str] = ()) -> Failure:
    """The Failure any exception raised during a turn means: the one route from an exception to
    what the user is told, for the session, the window and ``seekdesk ask`` alike.

    A storage error becomes its storage kind; anything unknown is INTERNAL, and then its
    traceback is written to the log file (``app.core.crashlog``, key scrubbed) whose path the
    message names. ``secrets`` are values (the API key) that must never appear in the message
    or the log; ``sk-…`` keys and Authorization headers are scrubbed whatever is passed.
    """
    from app.core import crashlog  # local: importing errors stays free of logging and paths

    kind = _kind_of(exc)
    secrets = tuple(secrets)
    detail = crashlog.scrub(str(exc).strip(), secrets) or type(exc).__name__
    if kind is ErrorKind.INTERNAL:
        where = crashlog.record(exc, secrets)
        message = f"Internal error ({type(exc).__name__}: {detail}). Details: {where}"
    else:
        message = detail
    return make_failure(kind=kind, message=message)
