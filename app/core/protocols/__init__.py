"""The API dialects Model Studio offers for chat, as a registry.

Layout (imports run one way, top to bottom):

* ``shared`` — what every dialect shares: the ``StreamParser`` frame (error frames, usage,
  request ids, end of stream), usage and error payloads, the messages of a request;
* ``error_bodies`` — a non-200 reply as a ``Failure``, whatever its body;
* ``dialect`` — the ``Dialect`` type and the registry (``dialects()``, ``get(name)``);
* ``openai``, ``dashscope`` — one module per API, each defining its ``DIALECT``;
* this package — registers the built-in dialects, once, in ``_BUILT_IN``.

To add an API: write a module like ``openai.py`` (path, headers, body builder, parser) and add
its ``DIALECT`` to ``_BUILT_IN``. The client, the regions' URLs, settings validation, the CLI's
``--api`` choices and the settings dialog's radio buttons all list the registry.

What a request asks of a model (thinking, effort, sampling parameters) is not a dialect's
business: the catalog decides it (``catalog.request_rules``), and each body builder only places
the answer where its API wants it.
"""

from __future__ import annotations

from app.core import catalog
from app.core.protocols import dashscope, openai
from app.core.protocols.dialect import (
    Dialect,
    UnknownDialect,
    choices_text,
    default,
    dialects,
    get,
    names,
    register,
    unregister,
)
from app.core.protocols.error_bodies import failure_from_response, parse_retry_after
from app.core.protocols.shared import (
    StreamParser,
    delta_text,
    error_fields,
    messages,
    parse_usage,
    request_id_from,
)
from app.core.request import ChatRequest

#: The built-in dialects, the default first: the one place an API is added.
_BUILT_IN: tuple[Dialect, ...] = (openai.DIALECT, dashscope.DIALECT)
for _dialect in _BUILT_IN:
    register(_dialect)

#: Kept for callers that recorded what was sent before the rules moved to the catalog.
RequestOptions = catalog.RequestRules


def request_options(request: ChatRequest) -> catalog.RequestRules:
    """What ``request`` actually sends (the catalog's rules); see ``catalog.request_rules``."""
    return request.rules()


def parser_for(
    api: str, *, model: str | None = None, request_id: str | None = None
) -> StreamParser:
    """A fresh StreamParser for the dialect named ``api``."""
    return get(api).parser(model=model, request_id=request_id)


__all__ = [
    "Dialect",
    "RequestOptions",
    "StreamParser",
    "UnknownDialect",
    "choices_text",
    "default",
    "delta_text",
    "dialects",
    "error_fields",
    "failure_from_response",
    "get",
    "messages",
    "names",
    "parse_retry_after",
    "parse_usage",
    "parser_for",
    "register",
    "request_id_from",
    "request_options",
    "unregister",
]
