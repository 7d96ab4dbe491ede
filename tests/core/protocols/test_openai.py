"""Reading the OpenAI-compatible stream: chunk shapes as the service sends them."""

from __future__ import annotations

import json

from app.core.errors import ErrorKind
from app.core.events import AnswerDelta, Failure, Finished, ThinkingDelta, Usage
from app.core.protocols.openai import OpenAIStreamParser
from app.core.sse import SseEvent

CID = "chatcmpl-7f3c2a10-1111-2222-3333-444455556666"


def chunk(delta=None, finish=None, **extra) -> SseEvent:
    choices = [] if delta is None else [{"index": 0, "delta": delta, "finish_reason": finish}]
    obj = {"id": CID, "object": "chat.completion.chunk", "created": 1, "model": "m",
           "choices": choices, **extra}  # fmt: skip
    return SseEvent(json.dumps(obj))


def run(*events: SseEvent, header_id: str | None = None, eof: bool = True) -> list:
    parser = OpenAIStreamParser(model="deepseek-v4-pro", request_id=header_id)
    out = []
    for event in events:
        out += parser.feed(event)
    return out + (parser.eof() if eof else [])


USAGE = {
    "prompt_tokens": 12,
    "completion_tokens": 40,
    "total_tokens": 52,
    "completion_tokens_details": {"reasoning_tokens": 31},
    "prompt_tokens_details": {"cached_tokens": 8},
}
DONE = SseEvent("[DONE]")


def test_the_illustrative_stream_of_protocol_md():
    events = run(
        chunk({"role": "assistant", "content": None, "reasoning_content": ""}),
        chunk({"content": None, "reasoning_content": "The user asks"}),
        chunk({"content": "Hello", "reasoning_content": None}),
        chunk({"content": ""}, "stop"),
        chunk(None, usage=USAGE),
        DONE,
    )
    assert events == [
        ThinkingDelta("The user asks"),
        AnswerDelta("Hello"),
        Usage(12, 40, 31, 8),
        Finished("stop", "7f3c2a10-1111-2222-3333-444455556666"),
    ]


def test_header_request_id_wins_over_the_chunk_id():
    events = run(chunk({"content": "x"}, "stop"), DONE, header_id="from-header")
    assert events[-1] == Finished("stop", "from-header")


def test_null_empty_and_absent_are_all_nothing():
    events = run(
        chunk({"content": None, "reasoning_content": None}),
        chunk({"content": "", "reasoning_content": ""}),
        chunk({}),
        chunk({"role": "assistant"}),
        eof=False,
    )
    assert events == []


def test_both_fields_in_one_chunk_give_thinking_first():
    events = run(chunk({"content": "A", "reasoning_content": "T"}), eof=False)
    assert events == [ThinkingDelta("T"), AnswerDelta("A")]


def test_usage_without_details_leaves_them_unknown():
    usage = {"prompt_tokens": 3, "completion_tokens": 4, "total_tokens": 7}
    events = run(chunk({"content": "x"}, "stop"), chunk(None, usage=usage), DONE)
    assert Usage(3, 4, None, None) in events


def test_done_without_finish_reason_still_finishes():
    assert run(chunk({"content": "x"}), DONE)[-1] == Finished(None, CID.removeprefix("chatcmpl-"))


def test_finish_then_eof_without_done_is_finished():
    events = run(chunk({"content": "x"}, "length"))
    assert isinstance(events[-1], Finished) and events[-1].finish_reason == "length"


def test_eof_before_any_end_is_a_dropped_connection():
    events = run(chunk({"content": "partial"}))
    assert events[0] == AnswerDelta("partial")
    assert events[-1].kind is ErrorKind.CONNECTION_DROPPED


def test_string_null_finish_reason_is_not_finished():
    events = run(chunk({"content": "x"}, "null"))
    assert events[-1].kind is ErrorKind.CONNECTION_DROPPED


def test_openai_error_payload_mid_stream():
    err = {"error": {"message": "Output data may contain inappropriate content.",
                     "type": "data_inspection_failed", "param": None,
                     "code": "data_inspection_failed"}, "request_id": "rid-1"}  # fmt: skip
    events = run(chunk({"content": "partial"}), SseEvent(json.dumps(err)), DONE)
    assert events[0] == AnswerDelta("partial")
    failure = events[1]
    assert isinstance(failure, Failure) and len(events) == 2
    assert failure.kind is ErrorKind.CONTENT_FILTERED
    assert failure.request_id == "rid-1" and failure.status is None


def test_native_error_frame_in_an_openai_stream():
    data = json.dumps({"request_id": "r2", "code": "Throttling.AllocationQuota", "message": "TPM"})
    events = run(SseEvent(data, "error", "1", 429))
    (failure,) = events
    assert (failure.kind, failure.status, failure.code) == (
        ErrorKind.RATE_LIMITED,
        429,
        "Throttling.AllocationQuota",
    )
    assert failure.retryable and failure.message == "TPM"


def test_error_with_msg_instead_of_message():
    (failure,) = run(SseEvent(json.dumps({"code": "InternalError", "msg": "boom"})))
    assert failure.kind is ErrorKind.SERVER_ERROR and failure.message == "boom"


def test_data_that_is_not_json_is_a_malformed_stream():
    (failure,) = run(SseEvent("{oops"))
    assert failure.kind is ErrorKind.MALFORMED_STREAM


def test_nothing_at_all_is_a_malformed_stream():
    (failure,) = run()
    assert failure.kind is ErrorKind.MALFORMED_STREAM


def test_everything_after_the_terminal_event_is_ignored():
    events = run(chunk({"content": "x"}, "stop"), DONE, chunk({"content": "late"}), DONE)
    assert events == [AnswerDelta("x"), Finished("stop", CID.removeprefix("chatcmpl-"))]
