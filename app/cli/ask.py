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

Turning the flags and settings into a checked request (``resolve_config``, ``read_prompt``)
lives in ``app.cli.ask_config``; the history side (opening the store, checking the conversation
to continue, saving through the session and naming the conversation afterwards) in
``app.cli.ask_history``; the printers in ``app.cli.output``.

Exit status: 0 answered, 1 API, network or history failure (a full disk…), 2 bad usage or
configuration (nothing sent), 130 interrupted (Ctrl-C; the partial answer stays printed and is
saved as ``stopped``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import sys
from collections.abc import AsyncIterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from app.cli import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, ask_setup
from app.cli.ask_config import (
    BASE_URL_ENV,
    AskConfig,
    UsageError,
    api_choices,
    api_help,
    read_prompt,
    resolve_config,
)
from app.cli.ask_history import HistoryUsageError, Recorder, history_turns, open_for_ask
from app.cli.output import JsonPrinter, PlainPrinter, Printer, say
from app.core import catalog, regions, secrets, settings
from app.core.errors import ErrorKind, Failure, failure_for, make_failure
from app.core.events import AnswerDelta, Finished, Retrying, ThinkingDelta, Usage
from app.core.history.errors import HistoryError
from app.core.request import ChatRequest, Turn

if TYPE_CHECKING:
    from app.core.client import ClientOptions
    from app.core.history import HistoryStore

EXIT_INTERRUPTED = 130
EFFORT_CHOICES = catalog.effort_spellings()  # high, max, then the aliases


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
        "conversation ids; --json output carries none). Exit status: 0 answered, 1 API, "
        "network or history failure, 2 bad usage or configuration (nothing was sent), 130 "
        "interrupted (the partial answer is saved as stopped). The key comes from "
        "DASHSCOPE_API_KEY or the system keyring ('seekdesk key set').",
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
        choices=api_choices(),
        help=api_help(),
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
    ask_setup.add_arguments(what)
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
        "--safe",
        action="store_true",
        help="show control characters in the model's text as visible symbols even when output "
        "is piped (on a terminal they always are)",
    )
    how.add_argument(
        "--dry-run",
        action="store_true",
        help="print the request that would be sent (key redacted) and send nothing",
    )
    parser.set_defaults(func=run)


# --- streaming ---------------------------------------------------------------------------------


async def stream_reply(events: AsyncIterator[Any], printer: Printer) -> int:
    """Print events as they arrive and return the exit status (0 finished, 1 failed).

    The iterator is read to its end rather than left at the terminal event, so a source that
    does more after it (the history session finalising the stored message) gets to finish; and
    it is closed on the way out whatever happens, which closes the HTTP connection on Ctrl-C.
    Events this loop does not know (a session's ReplyStarted/ReplyEnded) are skipped.
    """
    return await stream_batches(_one_by_one(events), printer)


async def _one_by_one(events: AsyncIterator[Any]) -> AsyncIterator[tuple[Any, ...]]:
    """A source of single events as a source of batches (closed when this is closed)."""
    try:
        async for event in events:
            yield (event,)
    finally:
        aclose = getattr(events, "aclose", None)
        if aclose is not None:
            await aclose()


async def stream_batches(batches: AsyncIterator[Sequence[Any]], printer: Printer) -> int:
    """``stream_reply`` for a source that hands over its events a batch at a time (the client's
    ``stream_chat_batches``: the events of one network read), each printed as it comes."""
    status: int | None = None
    try:
        async for batch in batches:
            if status is not None:
                continue  # nothing after the terminal event is printed
            for event in batch:
                if isinstance(event, AnswerDelta):
                    printer.answer(event.text)
                elif isinstance(event, ThinkingDelta):
                    printer.thinking(event.text)
                elif isinstance(event, Usage):
                    printer.usage(event)
                elif isinstance(event, Retrying):
                    printer.retrying(event)
                elif isinstance(event, Finished):
                    printer.done(event)
                    status = EXIT_OK
                    break
                elif isinstance(event, Failure):
                    printer.error(event)
                    status = EXIT_FAILURE
                    break
    finally:
        aclose = getattr(batches, "aclose", None)
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
) -> AsyncIterator[Sequence[Any]]:
    """The event source for one question, in batches: the history session (an event a batch),
    or the bare client (--no-save: the events of a network read a batch)."""
    if recorder is not None:
        return _one_by_one(recorder.send(prompt))
    from app.core.client import stream_chat_batches

    request = config.request_for(prompt)
    return stream_chat_batches(request, config.endpoint, config.api_key, options=options)


# --- the command -------------------------------------------------------------------------------


def _fail_usage(message: str) -> int:
    say(message)
    return EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    """Resolve the configuration, then stream the answer (or print it, with --dry-run)."""
    loaded = settings.load_settings()
    if loaded.notice:
        say(f"warning: {loaded.notice}")
    preset_notes: list[str] = []
    try:
        preset = ask_setup.chosen_preset(args, preset_notes)
        ask_setup.apply_preset(args, preset)  # flags > preset > settings > defaults
        config = ask_setup.finish(resolve_config(args, loaded.settings), args, preset)
    except (UsageError, ValueError) as exc:
        return _fail_usage(str(exc))
    for note in (*preset_notes, *config.notes):
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
        if store is not None and continue_id is not None:  # its own parameters, under flags
            config = ask_setup.with_conversation(config, args, store, continue_id)
        if args.dry_run:
            try:
                earlier = history_turns(store, continue_id, config.system) if (
                    store and continue_id
                ) else ((Turn("system", config.system),) if config.system else ())
            except HistoryError as exc:
                return _fail_usage(f"{exc} {failure_for(exc).hint}")
            return _dry_run(config, config.request_for(prompt, earlier), json_lines=args.json)
        return _stream(config, prompt, store, continue_id, json_lines=args.json, safe=args.safe)
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
    safe: bool = False,
) -> int:
    """Send the question, print the reply as it streams and, when saving, say where it went."""
    from app.core.client import ClientOptions

    printer: Printer
    if json_lines:
        printer = JsonPrinter(sys.stdout, sys.stderr, safe=safe)
    else:
        printer = PlainPrinter(sys.stdout, sys.stderr, safe=safe)
    options = ClientOptions(
        read_timeout=config.read_timeout, max_reply_seconds=config.max_reply_seconds
    )
    recorder = Recorder(store, config, options, continue_id) if store is not None else None
    try:
        source = open_stream(config, prompt, options, recorder)
        status = asyncio.run(stream_batches(source, printer))
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
        kept = " and the reply was saved as far as it was read" if recorder is not None else ""
        say(f"the output was closed before the answer ended{kept}.")
        return EXIT_FAILURE
    except Exception as exc:  # a full or locked history… or a bug: said as what it is
        printer.error(failure_for(exc, secrets=(config.api_key,)))
        return EXIT_FAILURE
    if recorder is not None:
        recorder.report(printer)
    return status


def _reconfigure(stream: Any, **kwargs: str) -> None:
    with contextlib.suppress(AttributeError, ValueError):
        stream.reconfigure(**kwargs)
