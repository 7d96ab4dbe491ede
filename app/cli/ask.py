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

The history side (opening the store, checking the conversation to continue, saving through the
session and naming the conversation afterwards) lives in ``app.cli.ask_history``; the printers
in ``app.cli.output``.

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
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from app.cli import EXIT_FAILURE, EXIT_OK, EXIT_USAGE
from app.cli.ask_history import (
    HistoryUsageError,
    Recorder,
    history_turns,
    open_for_ask,
    say_not_written,
    store_errors,
)
from app.cli.output import JsonPrinter, PlainPrinter, Printer, is_terminal, say
from app.core import catalog, regions, secrets, settings
from app.core.errors import ErrorKind, Failure, make_failure
from app.core.events import AnswerDelta, Finished, Retrying, ThinkingDelta, Usage
from app.core.request import ChatRequest, Turn

if TYPE_CHECKING:
    from app.core.client import ClientOptions
    from app.core.history import HistoryStore

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

    def request_for(self, prompt: str, earlier: tuple[Turn, ...] = ()) -> ChatRequest:
        """The request asking ``prompt`` after the ``earlier`` turns of a conversation."""
        return replace(self.request, turns=(*earlier, Turn("user", prompt)))


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
    """Merge flags > saved settings > defaults into a checked configuration (no key yet)."""
    environ = dict(os.environ) if environ is None else environ
    notes: list[str] = []
    endpoint = _resolve_endpoint(args, saved, environ, notes)
    request = _resolve_request(args, saved, notes)
    read_timeout = args.read_timeout if args.read_timeout is not None else saved.read_timeout
    return AskConfig(
        endpoint=endpoint, request=request, read_timeout=read_timeout, notes=tuple(notes)
    )


def _resolve_endpoint(
    args: argparse.Namespace, saved: settings.Settings, environ: dict[str, str], notes: list[str]
) -> regions.Endpoint:
    """Where the request goes: region, API, workspace ID and base URL, checked.

    A saved workspace ID belongs to the saved region: it is used only when the region asked for
    is that region, never carried into another region's host.
    """
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
        base_url = _base_url(args.base_url, environ)
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
    return endpoint


def _base_url(flag: str | None, environ: dict[str, str]) -> str | None:
    """--base-url, else SEEKDESK_BASE_URL, else None (the region's own host); checked."""
    if flag is not None:
        if not flag.strip():
            raise UsageError("--base-url is empty.")
        _check_base_url(flag, "--base-url")
        return flag
    from_env = environ.get(BASE_URL_ENV, "").strip() or None
    if from_env:
        _check_base_url(from_env, BASE_URL_ENV)
    return from_env


def _check_base_url(url: str, source: str) -> None:
    try:
        regions.validate_base_url(url)
    except regions.ConfigError as exc:
        raise UsageError(f"{source}: {exc}") from None


def _resolve_request(
    args: argparse.Namespace, saved: settings.Settings, notes: list[str]
) -> ChatRequest:
    """What is asked: the model, thinking on/off, the effort and the saved parameters (no turns).

    The saved thinking choice is for catalog models; a model SeekDesk does not know is sent
    ``enable_thinking`` only when asked on this command line (it may not accept the field). The
    saved effort goes with thinking; an explicit --effort is kept as given, and the core decides
    whether it is sent (only to models that take it, and not with thinking off).
    """
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
    thinking = args.thinking
    if thinking is None and model.known:
        thinking = saved.thinking
    effort_text = args.effort or (saved.effort if model.thinking_enabled(thinking) else None)
    notes.extend(_ignored_flags(args, model, thinking))
    return ChatRequest(
        model=model_name,
        turns=(),
        thinking=thinking,
        effort=catalog.normalize_effort(effort_text).value if effort_text else None,
        parameters=dict(saved.parameters),
    )


def _ignored_flags(
    args: argparse.Namespace, model: catalog.Model, thinking: bool | None
) -> list[str]:
    """Notes on the flags this model makes pointless, so none is dropped silently.

    They mirror ``request_options`` in the core, which decides what is actually sent.
    """
    notes: list[str] = []
    if args.thinking is not None and model.thinking is not catalog.ThinkingMode.HYBRID:
        mode = "always thinks" if model.thinking_enabled(None) else "never thinks"
        flag = "--thinking" if args.thinking else "--no-thinking"
        notes.append(f"{model.name} {mode}; {flag} has no effect.")
    if args.effort is None:
        return notes
    if not model.known:
        notes.append(f"{model.name} is not in SeekDesk's catalog; --effort is not sent.")
    elif not model.supports_effort:
        notes.append(f"{model.name} does not take a reasoning effort; --effort is not sent.")
    elif not model.thinking_enabled(thinking):
        notes.append("--effort has no effect with thinking off; it is not sent.")
    return notes


def read_prompt(arg: str | None, stdin: Any = None) -> str:
    """The prompt from the argument, or from stdin for '-' or when input is piped in."""
    stdin = sys.stdin if stdin is None else stdin
    if arg is not None and arg != "-":
        text = _argument_text(arg)
    else:
        if arg is None and is_terminal(stdin):
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


def open_stream(
    config: AskConfig,
    prompt: str,
    options: ClientOptions,
    recorder: Recorder | None = None,
) -> AsyncIterator[Any]:
    """The event source for one question: the history session, or the bare client (--no-save)."""
    if recorder is not None:
        return recorder.send(prompt)
    from app.core.client import stream_chat

    return stream_chat(config.request_for(prompt), config.endpoint, config.api_key, options=options)


# --- the command -------------------------------------------------------------------------------


def _fail_usage(message: str) -> int:
    say(message)
    return EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    """Resolve the configuration, then stream the answer (or print it, with --dry-run)."""
    loaded = settings.load_settings()
    if loaded.notice:
        say(f"warning: {loaded.notice}")
    try:
        config = resolve_config(args, loaded.settings)
    except (UsageError, ValueError) as exc:
        return _fail_usage(str(exc))
    for note in config.notes:
        say(f"note: {note}")

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
    try:
        store = open_for_ask(config, save=save, continue_id=continue_id)
    except HistoryUsageError as exc:
        return _fail_usage(str(exc))
    try:
        if args.dry_run:
            earlier = history_turns(store, continue_id) if store and continue_id is not None else ()
            return _dry_run(config, config.request_for(prompt, earlier), json_lines=args.json)
        return _stream(config, prompt, store, continue_id, json_lines=args.json)
    finally:
        if store is not None:
            store.close()


def _dry_run(config: AskConfig, request: ChatRequest, *, json_lines: bool) -> int:
    """Print the request that would be sent (key redacted) and send nothing."""
    from app.core.client import prepare_request

    try:
        prepared = prepare_request(request, config.endpoint, config.api_key)
    except regions.ConfigError as exc:
        return _fail_usage(str(exc))
    indent = None if json_lines else 2
    print(json.dumps(prepared.redacted(), indent=indent, ensure_ascii=False))
    return EXIT_OK


def _stream(
    config: AskConfig,
    prompt: str,
    store: HistoryStore | None,
    continue_id: int | None,
    *,
    json_lines: bool,
) -> int:
    """Send the question, print the reply as it streams and, when saving, say where it went."""
    from app.core.client import ClientOptions

    printer: Printer
    if json_lines:
        printer = JsonPrinter(sys.stdout, sys.stderr)
    else:
        printer = PlainPrinter(sys.stdout, sys.stderr)
    options = ClientOptions(read_timeout=config.read_timeout)
    recorder = Recorder(store, config, options, continue_id) if store is not None else None
    try:
        status = asyncio.run(stream_reply(open_stream(config, prompt, options, recorder), printer))
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
    except store_errors() as exc:  # a full disk, a locked database…
        say_not_written(exc)
        return EXIT_FAILURE
    if recorder is not None:
        recorder.report(printer)
    return status


def _reconfigure(stream: Any, **kwargs: str) -> None:
    with contextlib.suppress(AttributeError, ValueError):
        stream.reconfigure(**kwargs)
