"""The API dialects Model Studio offers for chat, as a registry.

Layout (imports run one way, top to bottom):

* ``shared`` — what every dialect shares: the ``StreamParser`` frame (error frames, usage,
  request ids, end of stream), usage and error payloads, the messages of a request;
* ``error_bodies`` — a non-200 reply as a ``Failure``, whatever its body;
* ``dialect`` — the ``Dialect`` type and the registry (``dialects()``, ``get(name)``);
* ``built_in`` — the built-in dialects' names and texts (``BUILT_IN``);
* ``openai``, ``dashscope`` — one module per API, each defining its ``DIALECT``;
* this package — registers them, once, by name: each module loads when a dialect is first
  asked for.

To add an API: write a module like ``openai.py`` (path, headers, body builder, parser) and add
its ``Shown`` (named as the module) to ``built_in.BUILT_IN``. The client, the regions' URLs,
settings validation, the CLI's ``--api`` choices and the settings dialog's radio buttons all
list the registry.

What a request asks of a model (thinking, effort, sampling parameters) is not a dialect's
business: the catalog decides it (``catalog.request_rules``), and each body builder only places
the answer where its API wants it.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, Any

from app.core import catalog
from app.core.protocols.built_in import BUILT_IN
from app.core.protocols.dialect import (
    Dialect,
    Shown,
    UnknownDialect,
    canonical,
    choices_text,
    default,
    default_name,
    defer,
    dialects,
    get,
    names,
    register,
    shown,
    unregister,
)

if TYPE_CHECKING:
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


def _loader(module: str) -> Callable[[], Dialect]:
    def load() -> Dialect:
        found: Dialect = import_module(f"{__name__}.{module}").DIALECT
        return found

    return load


#: The built-in dialects (``built_in.BUILT_IN``, the default first) are registered by name: each
#: module (with the parsing modules) is imported the first time a dialect is asked for; the
#: window's start, its welcome line and settings validation need only ``shown``.
for _shown in BUILT_IN:
    defer(_shown, _loader(_shown.name))

#: What this package re-exports from its parsing modules, imported on first use.
_LAZY = {
    "failure_from_response": "error_bodies",
    "parse_retry_after": "error_bodies",
    "StreamParser": "shared",
    "delta_text": "shared",
    "error_fields": "shared",
    "messages": "shared",
    "parse_usage": "shared",
    "request_id_from": "shared",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    "Shown",
    "StreamParser",
    "UnknownDialect",
    "canonical",
    "choices_text",
    "default",
    "default_name",
    "defer",
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
    "shown",
    "unregister",
]
