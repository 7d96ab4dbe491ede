"""Reading the DashScope native stream: cumulative usage, the string "null", no end marker."""

from __future__ import annotations

import json

from app.core.errors import ErrorKind
from app.core.events import AnswerDelta, Failure, Finished, ThinkingDelta, Usage
from app.core.protocols.dashscope import DashScopeStreamParser
from app.core.sse import SseEvent


def event(n, content="", reasoning="", finish="null", usage=None, rid="5b1e-rid") -> SseEvent:
    message = {"content": content, "reasoning_content": reasoning, "role": "assistant"}
    obj = {"output": {"choices": [{"message": message, "finish_reason": finish}]},
           "usage": usage or {}, "request_id": rid}  # fmt: skip
    return SseEvent(json.dumps(obj), "result", str(n), 200)


def usage(output, reasoning=None):
    u = {"input_tokens": 12, "output_tokens": output, "total_tokens": 12 + output}
    if reasoning is not None:
        u["output_tokens_details"] = {"reasoning_tokens": reasoning}
    return u


def run(*events: SseEvent, header_id=None, eof=True) -> list:
    parser = DashScopeStreamParser(model="deepseek-v4-pro", request_id=header_id)
    out = []
    for e in events:
        out += parser.feed(e)
    return out + (parser.eof() if eof else [])


def test_the_illustrative_stream_of_protocol_md():
    events = run(
        event(1, reasoning="The user", usage=usage(2, 2)),
        event(2, reasoning=" asks", usage=usage(3, 3)),
        event(3, content="Hello", usage=usage(4, 3)),
        event(4, finish="stop", usage=usage(40, 31)),
    )
    assert events == [
        ThinkingDelta("The user"),
        ThinkingDelta(" asks"),
        AnswerDelta("Hello"),
        Usage(12, 40, 31, None),
        Finished("stop", "5b1e-rid"),
    ]


def test_only_the_last_cumulative_usage_is_emitted_once():
    events = run(event(1, content="a", usage=usage(1)), event(2, finish="stop", usage=usage(9)))
    assert [e for e in events if isinstance(e, Usage)] == [Usage(12, 9)]


def test_terminal_finish_reason_finishes_at_once_without_waiting_for_eof():
    events = run(event(1, content="a"), event(2, finish="length"), eof=False)
    assert events[-1] == Finished("length", "5b1e-rid")


def test_header_request_id_wins():
    assert run(event(1, finish="stop"), header_id="hdr")[-1] == Finished("stop", "hdr")


def test_eof_without_terminal_finish_reason_is_a_dropped_connection():
    events = run(event(1, content="part"))
    assert events[0] == AnswerDelta("part")
    assert events[-1].kind is ErrorKind.CONNECTION_DROPPED
    assert events[-1].request_id == "5b1e-rid"


def test_done_means_nothing_in_native_mode():
    events = run(event(1, content="part"), SseEvent("[DONE]"))
    assert events[-1].kind is ErrorKind.CONNECTION_DROPPED


def test_cached_tokens_under_either_details_name():
    for key in ("prompt_tokens_details", "input_tokens_details"):
        u = {**usage(5), key: {"cached_tokens": 4}}
        assert Usage(12, 5, None, 4) in run(event(1, finish="stop", usage=u))


def test_mid_stream_error_event_with_its_status():
    data = json.dumps({"code": "InvalidParameter", "message": "bad", "request_id": "e1"})
    events = run(event(1, content="so far"), SseEvent(data, "error", "2", 400))
    assert events[0] == AnswerDelta("so far")
    failure = events[1]
    assert isinstance(failure, Failure)
    assert (failure.kind, failure.status, failure.code) == (
        ErrorKind.BAD_PARAMETER,
        400,
        "InvalidParameter",
    )
    assert failure.request_id == "e1"


def test_error_event_whose_data_is_not_json_uses_the_status():
    (failure,) = run(SseEvent("upstream exploded", "error", None, 503))
    assert failure.kind is ErrorKind.SERVER_ERROR and failure.status == 503
    assert failure.message == "upstream exploded" and failure.retryable


def test_result_format_text_is_read_defensively():
    obj = {"output": {"text": "plain", "finish_reason": "stop"}, "request_id": "t"}
    assert run(SseEvent(json.dumps(obj))) == [AnswerDelta("plain"), Finished("stop", "t")]
