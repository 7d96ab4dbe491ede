"""The ``Dialect`` type and the registry every front end lists the APIs from.

A dialect is one HTTP API for chat: where its requests go (the path under an endpoint root),
the headers and body it sends, how its stream is read, and how its error bodies are read. The
client, the regions' URLs, settings validation, ``seekdesk ask --api`` and the settings dialog
all iterate this registry, so adding an API is one module defining a ``Dialect`` and one entry
in ``built_in.BUILT_IN``. Nothing here may import a dialect module, which keeps
the imports one-way (dialect modules import this one).

``label`` and ``summary`` are shown to users: they are written in English here (the core never
imports Qt) and marked with ``QT_TRANSLATE_NOOP("Setting", …)`` (a literal context, so
``pyside6-lupdate`` finds them), which the settings dialog translates them under.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from app.core.events import Failure

if TYPE_CHECKING:  # (types only: the parsing modules load with the first dialect asked for)
    from app.core.protocols.shared import StreamParser
    from app.core.request import ChatRequest


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for translation under ``context`` without translating it (core is Qt-free;
    the window calls ``QCoreApplication.translate(context, text)`` when it shows it)."""
    del context
    return text


def failure_from_response(
    status: int, headers: Mapping[str, str], body: bytes, *, model: str | None = None
) -> Failure:
    """``error_bodies.failure_from_response``, imported when a first error body is read."""
    from app.core.protocols import error_bodies

    return error_bodies.failure_from_response(status, headers, body, model=model)


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


@dataclass(frozen=True, slots=True)
class Shown:
    """What a user sees of a dialect, known before its module loads (see ``defer``)."""

    name: str
    label: str
    summary: str


class UnknownDialect(ValueError):
    """A name no registered dialect has; the message lists the ones there are."""


_REGISTRY: dict[str, Dialect] = {}
#: Dialects known by name whose modules load on first use (``defer``): the window's start and
#: settings validation need the names only, not the parsers.
_DEFERRED: dict[str, tuple[Shown, Callable[[], Dialect]]] = {}


def defer(shown: Shown, load: Callable[[], Dialect]) -> None:
    """Register the dialect ``load()`` returns (as ``shown``) the first time any is asked for."""
    _check_name(shown.name)
    if shown.name in _REGISTRY or shown.name in _DEFERRED:
        raise ValueError(f"A dialect named {shown.name!r} is already registered.")
    _DEFERRED[shown.name] = (shown, load)


def _check_name(name: str) -> None:
    if name != name.strip().lower() or not name:
        raise ValueError(f"Dialect names are lower case words, not {name!r}.")


def _load_deferred() -> None:
    """Load the deferred dialects in place, so the registry keeps its order (default first)."""
    if not _DEFERRED:
        return
    ordered = {name: _DEFERRED.pop(name)[1]() if name in _DEFERRED else found
               for name, found in _order()}  # fmt: skip
    for name, loaded in ordered.items():
        if loaded.name != name:
            raise ValueError(f"The dialect deferred as {name!r} is named {loaded.name!r}.")
    _REGISTRY.clear()
    _REGISTRY.update(ordered)


def _order() -> list[tuple[str, Any]]:
    """Names in registration order, deferred and loaded (deferred ones were registered first)."""
    return [(name, None) for name in _DEFERRED] + list(_REGISTRY.items())


def register(dialect: Dialect) -> Dialect:
    """Add ``dialect`` (the first registered is the default). A name may be registered once."""
    if dialect.name in _REGISTRY or dialect.name in _DEFERRED:
        raise ValueError(f"A dialect named {dialect.name!r} is already registered.")
    _check_name(dialect.name)
    _REGISTRY[dialect.name] = dialect
    return dialect


def unregister(name: str) -> None:
    """Remove a dialect (for tests that register a toy one)."""
    _REGISTRY.pop(name, None)
    _DEFERRED.pop(name, None)


def dialects() -> tuple[Dialect, ...]:
    """Every registered dialect, the default first."""
    _load_deferred()
    return tuple(_REGISTRY.values())


def names() -> tuple[str, ...]:
    return tuple(name for name, _ in _order())


def default() -> Dialect:
    return get(names()[0])


def default_name() -> str:
    """The default dialect's name, without loading any dialect module."""
    return names()[0]


def choices_text(conjunction: str = "or") -> str:
    """The names as a sentence fragment for messages: ``openai or dashscope``."""
    listed = names()
    if len(listed) <= 1:
        return "".join(listed)
    return f"{', '.join(listed[:-1])} {conjunction} {listed[-1]}"


def canonical(name: str) -> str:
    """The registered name ``name`` stands for (case and surrounding spaces ignored), without
    loading a dialect module: what validating a setting needs."""
    if not isinstance(name, str):
        raise UnknownDialect(f"An API name is text, not {type(name).__name__}.")
    found = name.strip().lower()
    if found not in _REGISTRY and found not in _DEFERRED:
        raise UnknownDialect(f"Unknown API {name!r}: use {choices_text()}.")
    return found


def shown(name: str) -> Shown:
    """The name, label and summary of the dialect ``name``, without loading its module."""
    found = canonical(name)
    if found in _DEFERRED:
        return _DEFERRED[found][0]
    dialect = _REGISTRY[found]
    return Shown(dialect.name, dialect.label, dialect.summary)


def get(name: str) -> Dialect:
    """The dialect called ``name`` (case and surrounding spaces ignored)."""
    found = canonical(name)
    _load_deferred()
    return _REGISTRY[found]
