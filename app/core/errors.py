"""The error taxonomy: every way a chat can fail, what the user is told, and what they can do.

::

    Failure(kind=...)
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
     └─ MALFORMED_STREAM    bytes that are not the protocol (empty 200, garbage, bad JSON)

The hints are plain English here because the core never imports Qt; the window looks its own
translated sentence up by ``kind`` and falls back to ``hint``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


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


class Action(enum.StrEnum):
    """A way out the front end offers next to the failure."""

    RETRY = "retry"
    OPEN_SETTINGS = "open_settings"
    SWITCH_MODEL = "switch_model"


HINTS: dict[ErrorKind, str] = {
    ErrorKind.INVALID_KEY: (
        "The API key was refused. Check the key in Settings; a Model Studio key works only in "
        "the region that issued it, so make sure the region matches the key."
    ),
    ErrorKind.NO_ACCESS: (
        "Access denied to this model or workspace. Check the workspace ID and region in Settings, "
        "or grant the model to the workspace in the Model Studio console."
    ),
    ErrorKind.MODEL_NOT_FOUND: "This model is not available here. Choose another model.",
    ErrorKind.RATE_LIMITED: "Too many requests right now. Wait a moment, then retry.",
    ErrorKind.QUOTA: (
        "Your account has run out of quota or has an overdue bill. Check billing in the Model "
        "Studio console, then retry."
    ),
    ErrorKind.CONTENT_FILTERED: (
        "Content moderation blocked the request or the answer. Rephrase your message and send it "
        "again."
    ),
    ErrorKind.BAD_PARAMETER: (
        "The service rejected the request. Check the model's parameters, or start a new "
        "conversation if this one has grown too long."
    ),
    ErrorKind.SERVER_ERROR: "Model Studio had a server error. Retry in a moment.",
    ErrorKind.TIMEOUT: (
        "The service stopped answering. Retry, or raise the read timeout if the model thinks "
        "for a long time."
    ),
    ErrorKind.NETWORK: (
        "Could not reach Model Studio. Check your internet connection or proxy, then retry."
    ),
    ErrorKind.CONNECTION_DROPPED: (
        "The connection dropped before the answer was complete. The text so far is kept; retry "
        "to ask again."
    ),
    ErrorKind.MALFORMED_STREAM: (
        "The reply could not be read. Retry; if it happens again, check any proxy between you "
        "and Model Studio."
    ),
}

ACTIONS: dict[ErrorKind, tuple[Action, ...]] = {
    ErrorKind.INVALID_KEY: (Action.OPEN_SETTINGS,),
    ErrorKind.NO_ACCESS: (Action.OPEN_SETTINGS, Action.SWITCH_MODEL),
    ErrorKind.MODEL_NOT_FOUND: (Action.SWITCH_MODEL,),
    ErrorKind.QUOTA: (Action.RETRY,),
    ErrorKind.CONTENT_FILTERED: (Action.RETRY,),
    ErrorKind.BAD_PARAMETER: (Action.RETRY, Action.SWITCH_MODEL),
}

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

    @property
    def actions(self) -> tuple[Action, ...]:
        return ACTIONS.get(self.kind, (Action.RETRY,))


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
    hint = HINTS[kind]
    replacement = None
    if kind is ErrorKind.MODEL_NOT_FOUND and model:
        from app.core.catalog import lookup  # local: catalog is data, errors is imported early

        entry = lookup(model)
        if entry.replacements:
            replacement = entry.replacements[0]
            when = f" on {entry.delisted_on:%B} {entry.delisted_on.day}, {entry.delisted_on.year}"
            hint = (
                f"{model} was delisted by Model Studio{when}. Switch to {replacement} "
                f"(or {', '.join(entry.replacements[1:])})."
            )
        else:
            hint = f"The model {model} was not found in this region. Choose another model."
    elif kind is ErrorKind.RATE_LIMITED and retry_after:
        hint = f"Too many requests right now. Wait {retry_after:g} s, then retry."
    retryable = kind in (ErrorKind.RATE_LIMITED, ErrorKind.NETWORK) or (
        kind is ErrorKind.SERVER_ERROR and (status is None or status in _RETRYABLE_STATUSES)
    )
    return Failure(
        kind=kind,
        message=message or hint,
        hint=hint,
        status=status,
        code=code,
        request_id=request_id,
        retry_after=retry_after,
        retryable=retryable,
        replacement=replacement,
    )
