"""How ``seekdesk ask`` prints a streaming reply: plain text for people, JSON lines for programs.

Both printers receive the same calls in the order the events arrive, so the streaming loop in
``app.cli.ask`` does not care which one it drives.

Plain mode keeps the answer alone on stdout (so ``seekdesk ask … > answer.md`` saves exactly the
answer) and puts everything else on stderr: the thinking (dimmed when stderr is a terminal), retry
notices, the usage line and failures. JSON mode writes one object per line on stdout, in the
shapes issue 2 fixes; anything outside those shapes (a retry notice) goes to stderr as text.

After a saved exchange plain mode names the conversation on stderr, with the command that
continues it; JSON mode prints nothing extra, so its shapes stay exactly as documented
(``seekdesk history list --json`` gives the ids).

Usage is held back and printed once, just before ``done`` (or ``error``): the native API repeats
cumulative usage in every event, and a reader wants one figure, the last.

Remarks that are not part of a reply (notes on flags, history notices, usage errors) go to stderr
through ``say``, prefixed with the command's name like any Unix tool's.

Stdout is written through an ``Outlet``: on a terminal each delta is shown as it comes; piped
or redirected, deltas are gathered and written at most every 50 ms (and at once when the reply
ends, fails or is interrupted). A program reading the pipe still sees text within 50 ms, and
a fast stream costs one write per batch instead of one per delta (a 35,000-delta answer made
35,000 system calls, even with ``PYTHONUNBUFFERED`` set). Before anything goes to stderr the
batch is written, so the two streams keep their order when both go to one file.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from typing import Any, Protocol, TextIO

from app.cli.terminal import StreamCleaner, inert, wants_inert
from app.core.endings import ending_of
from app.core.errors import ErrorKind, Failure
from app.core.events import Finished, Retrying, Usage
from app.core.history.records import MessageStatus

DIM = "\x1b[2m"
RESET = "\x1b[0m"
#: Longest a delta waits in a batch when stdout is not a terminal.
BATCH_SECONDS = 0.05
#: One encoder for every line (``json.dumps`` with options builds a new one per call).
_JSON = json.JSONEncoder(ensure_ascii=False)

#: The taxonomy's hints speak of the window's Settings; a terminal user gets these lines too.
CLI_HINTS: dict[ErrorKind, str] = {
    ErrorKind.INVALID_KEY: (
        "From the command line: check DASHSCOPE_API_KEY (or the key stored with "
        "'seekdesk key set') and --region."
    ),
    ErrorKind.NO_ACCESS: "From the command line: check --region and --workspace.",
    ErrorKind.MODEL_NOT_FOUND: "From the command line: choose another model with --model.",
    **{
        kind: "From the command line: --no-save asks without using the history."
        for kind in (
            ErrorKind.STORAGE_FULL,
            ErrorKind.STORAGE_READ_ONLY,
            ErrorKind.STORAGE_LOCKED,
            ErrorKind.STORAGE_CORRUPT,
            ErrorKind.STORAGE_UNAVAILABLE,
        )
    },
}


class Printer(Protocol):
    """What the streaming loop calls, one method per event kind."""

    def thinking(self, text: str) -> None: ...
    def answer(self, text: str) -> None: ...
    def usage(self, usage: Usage) -> None: ...
    def retrying(self, event: Retrying) -> None: ...
    def done(self, event: Finished) -> None: ...
    def error(self, failure: Failure) -> None: ...
    def interrupted(self) -> None: ...
    def saved(self, conversation_id: int, status: str | None) -> None: ...


def say(message: str) -> None:
    """One remark for the user on stderr, named for the command (``seekdesk ask: …``)."""
    print(f"seekdesk ask: {message}", file=sys.stderr)


def is_terminal(stream: Any) -> bool:
    """Whether ``stream`` is a terminal; False for anything without a usable ``isatty``."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def use_color(stream: TextIO) -> bool:
    """ANSI styling only on a terminal, and never when NO_COLOR is set or TERM is dumb."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return is_terminal(stream)


def error_code(failure: Failure) -> str:
    """The service's code, or SeekDesk's own (the failure kind) where the service gave none."""
    return failure.code or failure.kind.value


def usage_line(usage: Usage | None, request_id: str | None) -> str | None:
    """One human line summarising tokens and the request id; None when nothing is known."""
    parts: list[str] = []
    if usage is not None:
        text = f"{usage.input_tokens} input"
        if usage.cached_tokens is not None:
            text += f" ({usage.cached_tokens} cached)"
        text += f", {usage.output_tokens} output"
        if usage.reasoning_tokens is not None:
            text += f" ({usage.reasoning_tokens} reasoning)"
        parts.append(f"tokens: {text}")
    if request_id:
        parts.append(f"request id: {request_id}")
    return "; ".join(parts) if parts else None


def retry_notice(event: Retrying) -> str:
    """What failed and when the next attempt comes, e.g. for a 429 before the first token."""
    failure = event.failure
    return f"{failure.message} {failure_details(failure)}; retrying in {event.delay:.1f} s"


def failure_details(failure: Failure) -> str:
    """The facts support needs: status, code and request id, in one bracket."""
    facts = []
    if failure.status is not None:
        facts.append(f"HTTP {failure.status}")
    facts.append(f"code {error_code(failure)}")
    if failure.request_id:
        facts.append(f"request id {failure.request_id}")
    return "(" + ", ".join(facts) + ")"


class Outlet:
    """Stdout for deltas: written through on a terminal, in time-bounded batches otherwise."""

    def __init__(self, stream: TextIO, *, live: bool | None = None) -> None:
        self._stream = stream
        self.live = is_terminal(stream) if live is None else live
        self._parts: list[str] = []
        self._timer: asyncio.TimerHandle | None = None
        self._failed: Exception | None = None  # what a timed write raised, for the next write

    def write(self, text: str) -> None:
        if self._failed is not None:  # (a closed pipe): raised where the reply is being read
            failed, self._failed = self._failed, None
            raise failed
        if self.live:
            self._stream.write(text)
            self._stream.flush()
            return
        self._parts.append(text)
        if self._timer is None:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:  # not streaming (a test, a one-off line): no batch to keep
                self.flush()
                return
            self._timer = loop.call_later(BATCH_SECONDS, self._timed_flush)

    def _timed_flush(self) -> None:
        self._timer = None
        try:
            self.flush()
        except (OSError, ValueError) as exc:  # an event loop callback must not raise
            self._failed = exc

    def flush(self) -> None:
        """Write what is gathered, now (the reply ended, or stderr is about to be written)."""
        if self._failed is not None:
            failed, self._failed = self._failed, None
            raise failed
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._parts:
            text = "".join(self._parts)
            self._parts.clear()
            self._stream.write(text)
        self._stream.flush()


class PlainPrinter:
    """Answer to stdout (through an ``Outlet``), everything else to stderr as it arrives."""

    def __init__(
        self, out: TextIO, err: TextIO, *, dim: bool | None = None, safe: bool = False
    ) -> None:
        self._out = Outlet(out)
        self._err = err
        self._dim = use_color(err) if dim is None else dim
        # Model text shown on a terminal (or anywhere, with --safe) has its controls made inert.
        self._clean_out = StreamCleaner() if wants_inert(out, safe) else None
        self._clean_err = StreamCleaner() if wants_inert(err, safe) else None
        self._in_thinking = False
        self._thinking_tail = ""
        self._answer_tail = ""
        self._answered = False  # some answer text (not only blanks) arrived
        self._usage: Usage | None = None
        self._finished = False  # the reply arrived whole (a later error is only about saving it)

    def thinking(self, text: str) -> None:
        if not text:
            return
        if not self._in_thinking:
            self._in_thinking = True
            self._out.flush()  # answer text gathered so far comes first, in one file too
            if self._dim:
                self._err.write(DIM)
        if self._clean_err is not None:
            text = self._clean_err.feed(text)
        self._err.write(text)
        self._thinking_tail = text[-1:] or self._thinking_tail
        self._err.flush()

    def _end_thinking(self) -> None:
        """Close the dimmed thinking block and leave stderr at the start of a line."""
        if not self._in_thinking:
            return
        self._in_thinking = False
        if self._dim:
            self._err.write(RESET)
        if self._thinking_tail != "\n":
            self._err.write("\n")
        self._err.flush()

    def answer(self, text: str) -> None:
        if not text:
            return
        self._end_thinking()
        if self._clean_out is not None:
            text = self._clean_out.feed(text)
        self._out.write(text)
        self._answered = self._answered or bool(text.strip())
        self._answer_tail = text[-1:] or self._answer_tail

    def _end_answer(self) -> None:
        """End the answer with a newline, so the shell prompt (or the next line) starts clean."""
        self._end_thinking()
        if self._answer_tail and self._answer_tail != "\n":
            self._out.write("\n")
            self._answer_tail = "\n"
        self._out.flush()

    def usage(self, usage: Usage) -> None:
        self._usage = usage

    def retrying(self, event: Retrying) -> None:
        self._end_thinking()
        self._out.flush()
        self._err.write(f"{retry_notice(event)} (attempt {event.attempt + 1})…\n")
        self._err.flush()

    def done(self, event: Finished) -> None:
        self._finished = True
        self._end_answer()
        usage = self._usage
        self._write_usage(event.request_id)
        # How it ended, in the window's words (app.core.endings decides for both).
        ending = ending_of(
            MessageStatus.COMPLETE,
            event.finish_reason,
            "x" if self._answered else "",
            usage.output_tokens if usage else None,
            usage.reasoning_tokens if usage else None,
        )
        if ending is not None:
            self._err.write(ending.sentence + "\n")
            if ending.can_continue:
                self._err.write('To go on, continue the conversation with "continue".\n')
        self._err.flush()

    def error(self, failure: Failure) -> None:
        self._end_answer()
        if self._finished:
            self._err.write("The answer above is complete, but it could not be saved.\n")
        elif self._answer_tail:
            self._err.write("The answer above is incomplete.\n")
        if failure.hint.startswith(failure.message.rstrip(".")):
            self._err.write(f"Error: {failure.hint}\n")  # SeekDesk's own words: say them once
        else:
            self._err.write(f"Error: {failure.message}\n{failure.hint}\n")
        if failure.kind in CLI_HINTS:
            self._err.write(CLI_HINTS[failure.kind] + "\n")
        self._err.write(failure_details(failure) + "\n")
        if not self._finished:  # done() has written it already
            self._write_usage(None)
        self._err.flush()

    def _write_usage(self, request_id: str | None) -> None:
        line = usage_line(self._usage, request_id)
        if line:
            self._err.write(line + "\n")

    def interrupted(self) -> None:
        self._end_answer()
        self._err.write("Interrupted.\n")
        self._err.flush()

    def saved(self, conversation_id: int, status: str | None) -> None:
        how = "" if status in (None, "complete") else f", the reply marked {status}"
        self._err.write(
            f"Saved as conversation {conversation_id}{how} "
            f"(seekdesk ask --continue {conversation_id}).\n"
        )
        self._err.flush()


class JsonPrinter:
    """One JSON object per line on stdout, exactly the shapes of issue 2 (item 8)."""

    def __init__(self, out: TextIO, err: TextIO, *, safe: bool = False) -> None:
        self._out = Outlet(out)
        self._err = err
        self._usage: Usage | None = None
        # json.dumps escapes C0 controls but not C1 or bidi marks: inert them on a terminal.
        self._inert = wants_inert(out, safe)

    def _emit(self, obj: dict[str, Any]) -> None:
        self._line(_JSON.encode(obj))

    def _line(self, line: str) -> None:
        self._out.write((inert(line) if self._inert else line) + "\n")

    # A delta's line is spelled out: the same text json.dumps gives ({"type": …, "text": …}),
    # without building a dict per delta.
    def thinking(self, text: str) -> None:
        if text:
            self._line('{"type": "thinking", "text": ' + _JSON.encode(text) + "}")

    def answer(self, text: str) -> None:
        if text:
            self._line('{"type": "answer", "text": ' + _JSON.encode(text) + "}")

    def usage(self, usage: Usage) -> None:
        self._usage = usage

    def _flush_usage(self) -> None:
        if self._usage is not None:
            u = self._usage
            self._emit(
                {
                    "type": "usage",
                    "input_tokens": u.input_tokens,
                    "output_tokens": u.output_tokens,
                    "reasoning_tokens": u.reasoning_tokens,
                    "cached_tokens": u.cached_tokens,
                }
            )
            self._usage = None

    def retrying(self, event: Retrying) -> None:
        # Not one of the stdout shapes: a person watching still deserves to know.
        self._out.flush()
        self._err.write(f"{retry_notice(event)}…\n")
        self._err.flush()

    def done(self, event: Finished) -> None:
        self._flush_usage()
        self._emit(
            {"type": "done", "finish_reason": event.finish_reason, "request_id": event.request_id}
        )
        self._out.flush()

    def error(self, failure: Failure) -> None:
        self._flush_usage()
        self._emit(
            {
                "type": "error",
                "kind": failure.kind.value,
                "status": failure.status,
                "code": error_code(failure),
                "message": failure.message,
                "hint": failure.hint,
                "request_id": failure.request_id,
            }
        )
        self._out.flush()

    def interrupted(self) -> None:
        self._out.flush()
        self._err.write("Interrupted.\n")
        self._err.flush()

    def saved(self, conversation_id: int, status: str | None) -> None:
        """Nothing: the documented shapes have no place for it ('seekdesk history list --json')."""
