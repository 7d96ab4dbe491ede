"""The streaming loop of ``seekdesk ask`` with event sources the real client never produces: a
source that keeps working after its terminal event (the history session finalising its
message), events the CLI does not know, and a source that ends without a terminal event."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
from collections.abc import AsyncIterator

from app.cli.ask import stream_batches, stream_reply
from app.cli.output import JsonPrinter, PlainPrinter
from app.core.errors import make_failure
from app.core.events import AnswerDelta, Finished, ThinkingDelta, Usage


class ReplyEnded:
    """Stands in for the history session's bookkeeping event."""


def _run(source: AsyncIterator[object], *, json_mode: bool = False) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    printer = JsonPrinter(out, err) if json_mode else PlainPrinter(out, err, dim=False)
    status = asyncio.run(stream_reply(source, printer))
    return status, out.getvalue(), err.getvalue()


def test_the_source_is_read_to_its_end_after_the_terminal_event():
    finalised = []

    async def session() -> AsyncIterator[object]:
        yield ThinkingDelta("hmm")
        yield AnswerDelta("Hello")
        yield Finished("stop", "req-1")
        yield AnswerDelta(" (never shown)")
        yield ReplyEnded()
        finalised.append(True)  # code after the last yield runs only if the loop reads on

    status, out, err = _run(session())
    assert status == 0
    assert out == "Hello\n"
    assert err.startswith("hmm\n")
    assert finalised == [True]


def test_events_the_cli_does_not_know_are_skipped():
    async def source() -> AsyncIterator[object]:
        yield ReplyEnded()
        yield AnswerDelta("ok")
        yield Usage(3, 4)
        yield Finished("stop", None)

    status, out, _ = _run(source(), json_mode=True)
    assert status == 0
    assert [json.loads(line)["type"] for line in out.splitlines()] == ["answer", "usage", "done"]


def test_a_source_that_ends_without_a_terminal_event_is_a_dropped_connection():
    async def source() -> AsyncIterator[object]:
        yield AnswerDelta("partial")

    status, out, _ = _run(source(), json_mode=True)
    assert status == 1
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines[0] == {"type": "answer", "text": "partial"}
    assert lines[1]["type"] == "error"
    assert lines[1]["kind"] == "connection_dropped"
    assert lines[1]["code"] == "connection_dropped"


def test_a_failure_after_partial_text_keeps_the_text_and_says_it_is_incomplete():
    async def source() -> AsyncIterator[object]:
        yield AnswerDelta("The first half")
        yield make_failure(status=400, code="DataInspectionFailed", message="Output data…")

    status, out, err = _run(source())
    assert status == 1
    assert out == "The first half\n"
    assert "incomplete" in err
    assert "Output data…" in err
    assert "(HTTP 400, code DataInspectionFailed)" in err


def test_the_source_is_closed_when_the_consumer_is_cancelled():
    closed = asyncio.Event()

    async def source() -> AsyncIterator[object]:
        try:
            yield AnswerDelta("part")
            await asyncio.sleep(3600)
            yield Finished("stop", None)
        finally:
            closed.set()

    async def main() -> tuple[bool, str]:
        out, err = io.StringIO(), io.StringIO()
        task = asyncio.create_task(stream_reply(source(), PlainPrinter(out, err, dim=False)))
        while not out.getvalue():
            await asyncio.sleep(0.01)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        return closed.is_set(), out.getvalue()

    was_closed, out = asyncio.run(main())
    assert was_closed
    assert out == "part"


def test_a_batch_is_printed_up_to_its_terminal_event_and_the_source_read_to_its_end():
    finalised = []

    async def batches() -> AsyncIterator[list[object]]:
        yield [AnswerDelta("Hello"), AnswerDelta(" world")]
        yield [Usage(3, 4), Finished("stop", "req-2"), AnswerDelta(" (never shown)")]
        yield [ReplyEnded()]
        finalised.append(True)

    out, err = io.StringIO(), io.StringIO()
    status = asyncio.run(stream_batches(batches(), JsonPrinter(out, err)))
    assert status == 0
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["type"] for line in lines] == ["answer", "answer", "usage", "done"]
    assert lines[3]["request_id"] == "req-2"
    assert finalised == [True]
