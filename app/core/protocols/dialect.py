"""The ``Dialect`` type and the registry every front end lists the APIs from.

A dialect is one HTTP API for chat: where its requests go (the path under an endpoint root),
the headers and body it sends, how its stream is read, and how its error bodies are read. The
client, the regions' URLs, settings validation, ``seekdesk ask --api`` and the settings dialog
all iterate this registry, so adding an API is one module defining a ``Dialect`` and one entry
in ``app.core.protocols`` (``_BUILT_IN``). Nothing here may import a dialect module, which keeps
the imports one-way (dialect modules import this one).

``label`` and ``summary`` are shown to users: they are written in English here (the core never
imports Qt) and marked with ``QT_TRANSLATE_NOOP("Setting", …)`` (a literal context, so
``pyside6-lupdate`` finds them), which the settings dialog translates them under.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from app.core.events import Failure
from app.core.protocols.error_bodies import failure_from_response
from app.core.protocols.shared import StreamParser
from app.core.request import ChatRequest


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for translation under ``context`` without translating it (core is Qt-free;
    the window calls ``QCoreApplication.translate(context, text)`` when it shows it)."""
    del context
    return text


class ParserFactory(Protocol):
    def __call__(
        self, *, model: str | None = None, request_id: str | None = None
    ) -> StreamParser: ...


class ErrorReader(Protocol):
    def __call__(
        self, status: int, headers: Mapping[str, str], body: bytes, *, model: str | None = None
    ) -> Failure: ...


@dataclass(frozen=True, slots=True)
class Dialect:
    #: The name in settings, history and ``--api`` (lower case, stable: it is stored).
    name: str
    #: Short name for a radio button ("OpenAI-compatible").
    label: str
    #: One line for help texts and tooltips.
    summary: str
    #: Appended to an endpoint root, exactly as the seed gives the request address.
    path: str
    #: Headers beyond the common ones (Authorization, Content-Type, User-Agent).
    headers: Mapping[str, str]
    build_body: Callable[[ChatRequest], dict[str, Any]]
    #: A fresh parser for one 200 response.
    parser: ParserFactory
    #: A non-200 response as a Failure.
    read_error: ErrorReader = failure_from_response


class UnknownDialect(ValueError):
    """A name no registered dialect has; the message lists the ones there are."""


_REGISTRY: dict[str, Dialect] = {}


def register(dialect: Dialect) -> Dialect:
    """Add ``dialect`` (the first registered is the default). A name may be registered once."""
    if dialect.name in _REGISTRY:
        raise ValueError(f"A dialect named {dialect.name!r} is already registered.")
    if dialect.name != dialect.name.strip().lower() or not dialect.name:
        raise ValueError(f"Dialect names are lower case words, not {dialect.name!r}.")
    _REGISTRY[dialect.name] = dialect
    return dialect


def unregister(name: str) -> None:
    """Remove a dialect (for tests that register a toy one)."""
    _REGISTRY.pop(name, None)


def dialects() -> tuple[Dialect, ...]:
    """Every registered dialect, the default first."""
    return tuple(_REGISTRY.values())


def names() -> tuple[str, ...]:
    return tuple(_REGISTRY)


def default() -> Dialect:
    return next(iter(_REGISTRY.values()))


def choices_text(conjunction: str = "or") -> str:
    """The names as a sentence fragment for messages: ``openai or dashscope``."""
    listed = names()
    if len(listed) <= 1:
        return "".join(listed)
    return f"{', '.join(listed[:-1])} {conjunction} {listed[-1]}"


def get(name: str) -> Dialect:
    """The dialect called ``name`` (case and surrounding spaces ignored)."""
    if not isinstance(name, str):
        raise UnknownDialect(f"An API name is text, not {type(name).__name__}.")
    found = _REGISTRY.get(name.strip().lower())
    if found is None:
        raise UnknownDialect(f"Unknown API {name!r}: use {choices_text()}.")
    return found
