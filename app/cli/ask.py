"""``seekdesk ask``: one question, one streamed answer, from a terminal or a script.

Everything that decides *what* is sent is settled before anything is sent: flags win over saved
settings, saved settings over defaults; the region, workspace ID, base URL, key and (with
``--continue``) the conversation are checked, and any problem is a usage error (exit 2) with a
sentence saying what to fix. Only then does ``stream_reply`` print the events as they arrive.

Each exchange is saved in the local history by default, through the same ``ChatSession`` the
window uses, so a reply is persisted as it streams and a crash loses at most its last second;
``--no-save`` streams straight from the client and leaves the history untouched. ``--continue ID``
sends the conversation's earlier complete exchanges (answers only, never thinking) but does not
adopt its model, region or API: those still come from the flags and settings, and a difference
is pointed out on stderr rather than made silently.

Exit status: 0 answered, 1 API or network failure, 2 bad usage or configuration (nothing sent),
130 interrupted (Ctrl-C; the partial answer stays printed and is saved as ``stopped``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import sqlite3
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from app.cli import EXIT_FAILURE, EXIT_OK, EXIT_USAGE
from app.cli.output import JsonPrinter, PlainPrinter, Printer
from app.core import catalog, regions, secrets, settings
from app.core.errors import ErrorKind, Failure, make_failure
from app.core.events import AnswerDelta, Finished, Retrying, ThinkingDelta, Usage
from app.core.request import ChatRequest, Turn

if TYPE_CHECKING:
    from app.core.client import ClientOptions
    from app.core.history import HistoryStore
    from app.core.session import ChatSession

BASE_URL_ENV = "SEEKDESK_BASE_URL"
EXIT_INTERRUPTED = 130
EFFORT_CHOICES = ("high", "max", "low", "medium", "xhigh")


class UsageError(Exception):
    """The command line cannot become a request (exit 2); the message says what to fix."""


@dataclass(frozen=True, slots=True)
class AskConfig:
    """Everything a request needs, resolved from flags, saved settings and defaults."""

    endpoint: regions.Endpoint
    request: ChatRequest
    read_timeout: float
    #: Non-fatal remarks for stderr (a delisted model, a flag the model ignores…).
    notes: tuple[str, ...] = ()
    api_key: str = field(default="", repr=False)


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError("the read timeout must be a positive number of seconds")
    return value


def register(subparsers: Any) -> None:
    """Add ``ask`` to the ``seekdesk`` parser."""
    parser = subparsers.add_parser(
        "ask",
        help="ask one question and stream the answer",
        description="Ask a model one question and stream its answer: the answer on stdout, "
        "its thinking and a usage line on stderr (or JSON lines with --json). Options left out "
        "come from the saved settings ('seekdesk config'), then from the defaults.",
        epilog="Each exchange is saved in the local history ('seekdesk history list' shows the "
        "conversation ids; --json output carries none). Exit status: 0 answered, 1 API or "
        "network failure, 2 bad usage or configuration (nothing was sent), 130 interrupted (the "
        "partial answer is saved as stopped). The key comes from DASHSCOPE_API_KEY or the "
        "system keyring ('seekdesk key set').",
    )
    parser.add_argument(
        "prompt",
        nargs="?",
        metavar="PROMPT",
        help="the question; '-' or nothing (with input piped in) reads it from stdin",
    )
    where = parser.add_argument_group("where the request goes")
    where.add_argument(
        "--region",
        help="region id or city: cn-beijing (beijing, default), us-east-1 (virginia), "
        "ap-southeast-1 (singapore), eu-central-1 (frankfurt), ap-northeast-1 (tokyo)",
    )
    where.add_argument(
        "--workspace",
        metavar="ID",
        help="workspace ID (needed in Singapore, Frankfurt and Tokyo; optional in Beijing)",
    )
    where.add_argument(
        "--api",
        type=str.lower,
        choices=[a.value for a in regions.Api],
        help="openai (OpenAI-compatible, default) or dashscope (native)",
    )
    where.add_argument(
        "--base-url",
        metavar="URL",
        help=f"endpoint root replacing the region's host, may carry a path prefix "
        f"(also {BASE_URL_ENV}); https, or http to loopback only",
    )
    what = parser.add_argument_group("what is asked")
    what.add_argument("--model", help=f"model name (default {catalog.DEFAULT_MODEL})")
    what.add_argument(
        "--thinking",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="think before answering (hybrid models; default on)",
    )
    what.add_argument(
        "--effort",
        type=str.lower,
        choices=EFFORT_CHOICES,
        help="reasoning effort: high (default) or max; low and medium mean high, xhigh means max",
    )
    what.add_argument(
        "--read-timeout",
        type=_positive_seconds,
        metavar="SECONDS",
        help="how long to wait for the next byte of the answer (default from settings, 300)",
    )
    history = parser.add_argument_group("history").add_mutually_exclusive_group()
    history.add_argument(
        "--no-save",
        action="store_true",
        help="do not save this exchange in the history (nothing is written)",
    )
    history.add_argument(
        "--continue",
        dest="continue_id",
        type=int,
        metavar="ID",
        help="continue conversation ID (see 'seekdesk history list'): its earlier complete "
        "exchanges are sent (answers only, never thinking). Model, region and API still come "
        "from the flags and settings, not from the conversation; a difference is noted",
    )
    how = parser.add_argument_group("output")
    how.add_argument("--json", action="store_true", help="one JSON object per line on stdout")
    how.add_argument(
        "--dry-run",
        action="store_true",
        help="print the request that would be sent (key redacted) and send nothing",
    )
    parser.set_defaults(func=run)


# --- configuration -----------------------------------------------------------------------------


def resolve_config(
    args: argparse.Namespace, saved: settings.Settings, environ: dict[str, str] | None = None
) -> AskConfig:
    """Merge flags > saved settings > defaults into a checked configuration (no key yet).

    A saved workspace ID belongs to the saved region: it is used only when the region asked for
    is that region, never carried into another region's host.
    """
    environ = dict(os.environ) if environ is None else environ
    notes: list[str] = []
    try:
        region = regions.get_region(args.region or saved.region)
        api = regions.Api(args.api or saved.api)
        if args.workspace is not None:
            workspace = args.workspace.strip()
            if not workspace:
                raise UsageError("--workspace is empty.")
            regions.validate_workspace_id(workspace)
        elif region.id == regions.get_region(saved.region).id:
            workspace = saved.workspace
        else:
            workspace = ""
        base_url = args.base_url
        if base_url is not None and not base_url.strip():
            raise UsageError("--base-url is empty.")
        if base_url is None:
            base_url = environ.get(BASE_URL_ENV, "").strip() or None
            if base_url:
                _check_base_url(base_url, BASE_URL_ENV)
        else:
            _check_base_url(base_url, "--base-url")
        try:
            endpoint = regions.resolve_endpoint(region.id, api, workspace or None, base_url)
        except regions.ConfigError as exc:
            if not workspace and saved.workspace and region.id != saved.region:
                raise UsageError(
                    f"{exc} (The saved workspace ID belongs to {saved.region}, "
                    f"so it is not used for {region.id}.)"
                ) from None
            raise
    except regions.ConfigError as exc:
        raise UsageError(str(exc)) from None
    if workspace and not base_url:
        if not region.workspace_host:
            notes.append(f"{region.name} has no workspace host; the workspace ID is not used.")
        elif warning := regions.workspace_warning(workspace):
            notes.append(f"{warning} Using {workspace!r} anyway.")

    model_name = (args.model if args.model is not None else saved.model).strip()
    if not model_name or any(c.isspace() for c in model_name):
        raise UsageError(f"{model_name!r} is not a model name.")
    model = catalog.lookup(model_name)
    if model.is_delisted():
        assert model.delisted_on is not None
        notes.append(
            f"{model.name} was delisted by Model Studio on {model.delisted_on:%Y-%m-%d}; "
            f"it is recommended to switch to {', '.join(model.replacements)}."
        )
    # The saved on/off choice is for catalog models; a model SeekDesk does not know is sent
    # enable_thinking only when asked on this command line (it may not accept the field).
    thinking = args.thinking
    if thinking is None and model.known:
        thinking = saved.thinking
    if args.thinking is not None and model.thinking is not catalog.ThinkingMode.HYBRID:
        mode = "always thinks" if model.thinking_enabled(None) else "never thinks"
        flag = "--thinking" if args.thinking else "--no-thinking"
        notes.append(f"{model.name} {mode}; {flag} has no effect.")
    # The saved effort goes with thinking; with thinking off only an explicit --effort is sent.
    effort_text = args.effort or (saved.effort if model.thinking_enabled(thinking) else None)
    effort = catalog.normalize_effort(effort_text).value if effort_text else None
    if args.effort is not None and not model.supports_effort and model.known:
        notes.append(f"{model.name} does not take a reasoning effort; --effort is not sent.")
    read_timeout = args.read_timeout if args.read_timeout is not None else saved.read_timeout
    return AskConfig(
        endpoint=endpoint,
        request=ChatRequest(
            model=model_name,
            turns=(),
            thinking=thinking,
            effort=effort,
            parameters=dict(saved.parameters),
        ),
        read_timeout=read_timeout,
        notes=tuple(notes),
    )


def _check_base_url(url: str, source: str) -> None:
    try:
        regions.validate_base_url(url)
    except regions.ConfigError as exc:
        raise UsageError(f"{source}: {exc}") from None


def read_prompt(arg: str | None, stdin: Any = None) -> str:
    """The prompt from the argument, or from stdin for '-' or when input is piped in."""
    stdin = sys.stdin if stdin is None else stdin
    if arg is not None and arg != "-":
        text = _argument_text(arg)
    else:
        if arg is None and _isatty(stdin):
            raise UsageError(
                "No question given: pass it as an argument, or pipe it in (use '-' to read stdin)."
            )
        raw = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read()
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise UsageError("The question read from stdin is not UTF-8 text.") from None
        text = raw.rstrip()
    if not text.strip():
        raise UsageError("The question is empty.")
    return text


def _argument_text(arg: str) -> str:
    """Python decodes argv with the locale's encoding; in a non-UTF-8 locale UTF-8 bytes come out
    as lone surrogates, which cannot be sent. Recover the bytes and read them as UTF-8."""
    try:
        arg.encode("utf-8")
        return arg
    except UnicodeEncodeError:
        pass
    try:
        return os.fsencode(arg).decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError("The question is not valid text (not UTF-8).") from None


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


# --- streaming ---------------------------------------------------------------------------------


async def stream_reply(events: AsyncIterator[Any], printer: Printer) -> int:
    """Print events as they arrive and return the exit status (0 finished, 1 failed).

    The iterator is read to its end rather than left at the terminal event, so a source that
    does more after it (the history session finalising the stored message) gets to finish; and
    it is closed on the way out whatever happens, which closes the HTTP connection on Ctrl-C.
    Events this loop does not know (a session's ReplyStarted/ReplyEnded) are skipped.
    """
    status: int | None = None
    try:
        async for event in events:
            if status is not None:
                continue  # nothing after the terminal event is printed
            if isinstance(event, ThinkingDelta):
                printer.thinking(event.text)
            elif isinstance(event, AnswerDelta):
                printer.answer(event.text)
            elif isinstance(event, Usage):
                printer.usage(event)
            elif isinstance(event, Retrying):
                printer.retrying(event)
            elif isinstance(event, Finished):
                printer.done(event)
                status = EXIT_OK
            elif isinstance(event, Failure):
                printer.error(event)
                status = EXIT_FAILURE
    finally:
        aclose = getattr(events, "aclose", None)
        if aclose is not None:
            await aclose()
    if status is None:
        # The source promised a terminal event; ending without one is a dropped stream.
        printer.error(
            make_failure(
                kind=ErrorKind.CONNECTION_DROPPED,
                message="The stream ended before the answer was complete.",
            )
        )
        status = EXIT_FAILURE
    return status


@dataclass(slots=True)
class SavedReply:
    """Where the history put this exchange, learned from the session's ``ReplyStarted``."""

    conversation_id: int | None = None
    assistant_message_id: int | None = None


def open_stream(
    config: AskConfig,
    prompt: str,
    options: ClientOptions,
    session: ChatSession | None = None,
    saved: SavedReply | None = None,
) -> AsyncIterator[Any]:
    """The event source for one question: the history session, or the bare client (--no-save).

    With a session, ``saved`` is filled in as the reply starts, so the caller can name the
    conversation afterwards even when the reply was stopped (no ``ReplyEnded`` comes then).
    """
    if session is None:
        from app.core.client import stream_chat

        request = replace(config.request, turns=(Turn("user", prompt),))
        return stream_chat(request, config.endpoint, config.api_key, options=options)
    return _tracked(session.send(prompt), saved if saved is not None else SavedReply())


async def _tracked(events: AsyncIterator[Any], saved: SavedReply) -> AsyncIterator[Any]:
    from app.core.session import ReplyStarted

    async with contextlib.aclosing(events) as inner:  # type: ignore[type-var]
        async for event in inner:
            if isinstance(event, ReplyStarted):
                saved.conversation_id = event.conversation_id
                saved.assistant_message_id = event.assistant_message_id
            yield event


def new_session(
    config: AskConfig, options: ClientOptions, store: HistoryStore, conversation_id: int | None
) -> ChatSession:
    """A ChatSession sending exactly what ``config`` says (flags > settings > defaults)."""
    from app.core.session import ChatSession, SessionConfig

    request = config.request
    return ChatSession(
        store,
        SessionConfig(
            endpoint=config.endpoint,
            api_key=config.api_key,
            model=request.model,
            thinking=request.thinking,
            effort=request.effort,
            parameters=dict(request.parameters),
            options=options,
        ),
        conversation_id,
    )


# --- history -----------------------------------------------------------------------------------


def open_history(*, writable: bool) -> HistoryStore:
    """Open the history, telling the user on stderr what happened on open (file moved aside…).

    Raises UsageError when it cannot be used; with ``writable``, also when it is read-only (a
    database from a newer SeekDesk), since saving is what the user asked for.
    """
    from app.core.history import HistoryError, HistoryStore

    try:
        store = HistoryStore.open()
    except (HistoryError, sqlite3.Error, OSError) as exc:
        raise UsageError(f"{exc} Use --no-save to ask without saving.") from None
    for notice in store.notices:
        print(f"seekdesk ask: {notice}", file=sys.stderr)
    if writable and store.read_only:
        store.close()
        raise UsageError(
            "The history cannot be saved to: it was written by a newer version of SeekDesk. "
            "Nothing was sent; use --no-save to ask without saving."
        )
    return store


def check_continued(store: HistoryStore, conversation_id: int, config: AskConfig) -> None:
    """The conversation must exist; a model/region/API different from its own is pointed out."""
    conversation = store.get_conversation(conversation_id)
    if conversation is None:
        raise UsageError(
            f"There is no conversation {conversation_id} ('seekdesk history list' shows them). "
            "Nothing was sent."
        )
    was = (conversation.model, conversation.region, conversation.api)
    now = (config.request.model, config.endpoint.region, str(config.endpoint.api))
    if all(was) and was != now:
        print(
            f"seekdesk ask: note: conversation {conversation_id} used {was[0]} ({was[1]}, "
            f"{was[2]} API); this turn uses {now[0]} ({now[1]}, {now[2]} API) from the flags and "
            "settings (--model, --region and --api choose).",
            file=sys.stderr,
        )


def history_turns(store: HistoryStore, conversation_id: int) -> tuple[Turn, ...]:
    """The earlier exchanges a continued conversation sends (for --dry-run)."""
    from app.core.session import build_turns

    return tuple(build_turns(store.messages(conversation_id)))


# --- the command -------------------------------------------------------------------------------


def _fail_usage(message: str) -> int:
    print(f"seekdesk ask: {message}", file=sys.stderr)
    return EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    """Resolve the configuration, then stream the answer (or print it, with --dry-run)."""
    loaded = settings.load_settings()
    if loaded.notice:
        print(f"seekdesk ask: warning: {loaded.notice}", file=sys.stderr)
    try:
        config = resolve_config(args, loaded.settings)
    except (UsageError, ValueError) as exc:
        return _fail_usage(str(exc))
    for note in config.notes:
        print(f"seekdesk ask: note: {note}", file=sys.stderr)

    try:
        resolved = secrets.resolve_key(config.endpoint.region)
    except regions.ConfigError as exc:  # a bad DASHSCOPE_API_KEY, a locked or broken keyring
        return _fail_usage(f"{exc} Nothing was sent.")
    if resolved is None or not resolved.value:
        return _fail_usage(
            f"{secrets.missing_key_message(config.endpoint.region)} Nothing was sent."
        )
    config = replace(config, api_key=resolved.value)
    try:
        prompt = read_prompt(args.prompt)
    except UsageError as exc:
        return _fail_usage(str(exc))

    # JSON is UTF-8 whatever the locale; plain text never dies on a character the locale lacks.
    _reconfigure(sys.stdout, **({"encoding": "utf-8"} if args.json else {"errors": "replace"}))
    _reconfigure(sys.stderr, errors="replace")

    continue_id: int | None = getattr(args, "continue_id", None)
    save = not getattr(args, "no_save", False) and not args.dry_run
    store: HistoryStore | None = None
    if save or continue_id is not None:
        try:
            store = open_history(writable=save)
            if continue_id is not None:
                check_continued(store, continue_id, config)
        except UsageError as exc:
            if store is not None:
                store.close()
            return _fail_usage(str(exc))
    try:
        return _ask(args, config, prompt, store, continue_id)
    finally:
        if store is not None:
            store.close()


def _ask(
    args: argparse.Namespace,
    config: AskConfig,
    prompt: str,
    store: HistoryStore | None,
    continue_id: int | None,
) -> int:
    from app.core.client import ClientOptions, prepare_request
    from app.core.history import HistoryError

    if args.dry_run:
        earlier = history_turns(store, continue_id) if store and continue_id is not None else ()
        request = replace(config.request, turns=(*earlier, Turn("user", prompt)))
        try:
            prepared = prepare_request(request, config.endpoint, config.api_key)
        except regions.ConfigError as exc:
            return _fail_usage(str(exc))
        indent = None if args.json else 2
        print(json.dumps(prepared.redacted(), indent=indent, ensure_ascii=False))
        return EXIT_OK

    printer: Printer
    if args.json:
        printer = JsonPrinter(sys.stdout, sys.stderr)
    else:
        printer = PlainPrinter(sys.stdout, sys.stderr)
    options = ClientOptions(read_timeout=config.read_timeout)
    session = new_session(config, options, store, continue_id) if store is not None else None
    saved = SavedReply()
    notices = len(store.notices) if store is not None else 0
    try:
        status = asyncio.run(
            stream_reply(open_stream(config, prompt, options, session, saved), printer)
        )
    except regions.ConfigError as exc:  # the client refused the endpoint or key: nothing sent
        return _fail_usage(str(exc))
    except KeyboardInterrupt:
        printer.interrupted()
        status = EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, without a traceback at exit.
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILURE
    except (HistoryError, sqlite3.Error, OSError) as exc:  # a full disk, a locked database…
        print(
            f"seekdesk ask: the history could not be written: {exc}. "
            "Use --no-save to ask without saving.",
            file=sys.stderr,
        )
        return EXIT_FAILURE
    if store is not None:
        for notice in store.notices[notices:]:  # e.g. a daily backup that failed
            print(f"seekdesk ask: {notice}", file=sys.stderr)
        if session is not None:
            _report_saved(store, session, saved, printer)
    return status


def _report_saved(
    store: HistoryStore, session: ChatSession, saved: SavedReply, printer: Printer
) -> None:
    """Name the conversation (also when Ctrl-C came before the reply had even started)."""
    conversation_id = saved.conversation_id or session.conversation_id
    if conversation_id is None:
        return
    reply = store.get_message(saved.assistant_message_id) if saved.assistant_message_id else None
    printer.saved(conversation_id, str(reply.status) if reply is not None else None)


def _reconfigure(stream: Any, **kwargs: str) -> None:
    with contextlib.suppress(AttributeError, ValueError):
        stream.reconfigure(**kwargs)
