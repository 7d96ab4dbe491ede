"""An httpx error as a ``Failure`` of the taxonomy: what went wrong, in the words the window
and ``seekdesk ask`` show, and where (the host, and a workspace host's ID, when nothing was
reached). Apart from ``app.core.client`` so the client stays about the exchange itself; the client
re-exports ``name_the_place``.

Which httpx error means what: a connect, proxy or TLS failure, or a server that closed before
any response, is a network failure (retried before the first token); a read timeout is a
timeout; a connection that breaks once the response has begun is a dropped connection (the
partial text kept); a body httpx cannot decode is a malformed stream.
"""

from __future__ import annotations

from app.core import lean_imports, protocols
from app.core.errors import (
    UNREACHABLE,
    UNREACHABLE_WORKSPACE,
    ErrorKind,
    make_failure,
    with_sentence,
)
from app.core.events import Failure
from app.core.failure_sentences import (
    CLOSED_UNANSWERED,
    CONNECT_FAILED,
    CONNECT_TIMED_OUT,
    DROPPED,
    POOL_TIMED_OUT,
    PROXY_REFUSED,
    READ_TIMED_OUT,
    SEND_TIMED_OUT,
    THE_SERVER,
    UNDECODABLE,
    Value,
    detail,
)
from app.core.regions import workspace_of_host

with lean_imports.without(*lean_imports.HTTPX_EXTRAS):  # as in app.core.client
    import httpx


def transport_failure(
    exc: httpx.HTTPError, parser: protocols.StreamParser | None, model: str
) -> Failure:
    """Map an httpx error to the taxonomy; ``parser`` is set once the response headers came."""
    request_id = parser.request_id if parser is not None else None
    host = _host_of(exc)
    server: Value = host or THE_SERVER
    message: str
    if isinstance(exc, httpx.ConnectTimeout):
        kind, message = ErrorKind.NETWORK, detail(CONNECT_TIMED_OUT, server=server)
    elif isinstance(exc, httpx.ProxyError):
        kind, message = ErrorKind.NETWORK, detail(PROXY_REFUSED, error=str(exc))
    elif isinstance(exc, httpx.ConnectError):
        kind, message = ErrorKind.NETWORK, detail(CONNECT_FAILED, server=server, error=str(exc))
    elif isinstance(exc, httpx.ReadTimeout):
        kind, message = ErrorKind.TIMEOUT, detail(READ_TIMED_OUT)
    elif isinstance(exc, httpx.PoolTimeout):
        kind, message = ErrorKind.TIMEOUT, detail(POOL_TIMED_OUT)
    elif isinstance(exc, httpx.TimeoutException):
        kind, message = ErrorKind.NETWORK, detail(SEND_TIMED_OUT)
    elif parser is None and isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError):
        kind, message = ErrorKind.NETWORK, detail(CLOSED_UNANSWERED)
    elif isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError):
        kind, message = ErrorKind.CONNECTION_DROPPED, detail(DROPPED)
    elif isinstance(exc, httpx.DecodingError):
        kind, message = ErrorKind.MALFORMED_STREAM, detail(UNDECODABLE, error=str(exc))
    else:
        kind, message = ErrorKind.NETWORK, f"{type(exc).__name__}: {exc}"
    if parser is not None:
        parser.done = True
    failure = make_failure(kind=kind, message=message, request_id=request_id, model=model)
    if kind is ErrorKind.NETWORK and host and parser is None:
        failure = name_the_place(failure, host)
    return failure


def _host_of(exc: httpx.HTTPError) -> str | None:
    """The host the failed request was for (None when httpx does not know the request)."""
    try:
        return exc.request.url.host or None
    except RuntimeError:  # .request is unset on errors raised outside a request
        return None


def name_the_place(failure: Failure, host: str) -> Failure:
    """The failure told with the host that could not be reached; a workspace host also names
    its ID (the sentences are ``errors.UNREACHABLE*``, translated by the window)."""
    workspace = workspace_of_host(host)
    if workspace:
        return with_sentence(failure, UNREACHABLE_WORKSPACE, host=host, workspace=workspace)
    return with_sentence(failure, UNREACHABLE, host=host)


__all__ = ["name_the_place", "transport_failure"]
