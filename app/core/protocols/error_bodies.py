"""A non-200 reply as a Failure, whatever its body: either API's JSON error, an SSE-framed
error, or a page that is not Model Studio's at all (a proxy, a captive portal).

The service mixes the dialects' error shapes freely, so one reader serves every dialect; a
dialect with an error body of its own passes its own reader to ``Dialect(read_error=…)``.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Mapping
from typing import Any

from app.core import untrusted
from app.core.errors import ErrorKind, make_failure
from app.core.events import Failure
from app.core.protocols.shared import error_fields, request_id_from
from app.core.sse import SseDecodeError, SseDecoder

_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def parse_retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """``Retry-After`` as seconds (it may be a number of seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        seconds = (when - (now or dt.datetime.now(dt.UTC))).total_seconds()
    if seconds != seconds or seconds in (float("inf"), float("-inf")):
        return None
    return max(0.0, seconds)


def _non_protocol_kind(status: int) -> ErrorKind:
    """The kind for an error body that is not Model Studio's (a proxy page, a bare status)."""
    if status == 407:
        return ErrorKind.NETWORK
    if status == 429:
        return ErrorKind.RATE_LIMITED
    if status == 408:
        return ErrorKind.TIMEOUT
    return ErrorKind.SERVER_ERROR


def failure_from_response(
    status: int,
    headers: Mapping[str, str],
    body: bytes,
    *,
    model: str | None = None,
) -> Failure:
    """A Failure for a non-200 response, whatever its body: either API's JSON error, an
    SSE-framed error, or something that is not a Model Studio reply at all."""
    lower = {k.lower(): v for k, v in headers.items()}
    request_id = lower.get("x-request-id") or None
    retry_after = parse_retry_after(lower.get("retry-after"))
    obj: Any = None
    try:
        obj = untrusted.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        obj = _first_sse_object(body)
    if isinstance(obj, dict):
        request_id = request_id or request_id_from(obj)
        fields = error_fields(obj)
        if fields is not None and any(fields):
            code, message = fields
            return make_failure(
                status=status,
                code=code,
                message=message,
                request_id=request_id,
                model=model,
                retry_after=retry_after,
            )
    message = f"HTTP {status} from the server (not a Model Studio reply)"
    title = _TITLE.search(body[:65536])
    if title:
        text = " ".join(title.group(1).decode("utf-8", "replace").split())
        if text:
            message += f": {text[:120]}"
    return make_failure(
        status=status,
        message=message + ".",
        request_id=request_id,
        model=model,
        retry_after=retry_after,
        kind=_non_protocol_kind(status),
    )


def _first_sse_object(body: bytes) -> dict[str, Any] | None:
    decoder = SseDecoder()
    try:
        events = decoder.feed(body) + decoder.close()
    except SseDecodeError:
        return None
    for event in events:
        try:
            obj = untrusted.loads(event.data)
        except ValueError:
            continue
        if isinstance(obj, dict):
            return obj
    return None
