"""Whatever frames a stream carries, both dialects' parsers turn them into events: garbage,
wrong types and absurd nesting become a failure the user can read, never an exception that
escapes and kills the reply. The same holds for an error response's body."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from app.core.errors import ErrorKind
from app.core.events import Failure, Finished
from app.core.protocols import failure_from_response, parser_for
from app.core.sse import SseEvent
from tests.core.fuzz.strategies import FUZZ, JSON_VALUES, deep, mutate

APIS = st.sampled_from(["openai", "dashscope"])
OPENAI_CHUNK = {
    "id": "chatcmpl-1",
    "choices": [
        {
            "index": 0,
            "delta": {"content": "hi", "reasoning_content": "hm"},
            "finish_reason": None,
        }
    ],
    "usage": {
        "prompt_tokens": 3,
        "completion_tokens": 4,
        "completion_tokens_details": {"reasoning_tokens": 1},
    },
}
NATIVE_CHUNK = {
    "request_id": "rid-1",
    "output": {
        "choices": [
            {
                "message": {"role": "assistant", "content": "hi", "reasoning_content": "hm"},
                "finish_reason": "null",
            }
        ]
    },
    "usage": {
        "input_tokens": 3,
        "output_tokens": 4,
        "output_tokens_details": {"reasoning_tokens": 1},
    },
}
ERROR_BODY = {"error": {"code": "invalid_api_key", "message": "bad"}, "request_id": "rid-2"}


def frames(data: st.DataObject) -> list[SseEvent]:
    out = []
    for _ in range(data.draw(st.integers(1, 6))):
        kind = data.draw(st.sampled_from(["mutated", "mutated", "any", "text", "deep", "done"]))
        if kind == "mutated":
            base = data.draw(st.sampled_from([OPENAI_CHUNK, NATIVE_CHUNK, ERROR_BODY]))
            text = json.dumps(mutate(base, data))
        elif kind == "any":
            text = json.dumps(data.draw(JSON_VALUES))
        elif kind == "text":
            text = data.draw(st.text(max_size=30))
        elif kind == "deep":
            text = deep(
                data.draw(st.sampled_from([2000, 50_000])),
                data.draw(st.sampled_from(["list", "object"])),
            )
        else:
            text = "[DONE]"
        event = data.draw(st.sampled_from([None, None, "error", "result"]))
        status = data.draw(st.sampled_from([None, 200, 400, 500, 999]))
        out.append(SseEvent(text, event, None, status))
    return out


@FUZZ
@given(APIS, st.data())
def test_any_frames_end_in_events_never_an_exception(api, data):
    parser = parser_for(api, model="deepseek-v4-pro", request_id=None)
    events: list = []
    for frame in frames(data):
        events += parser.feed(frame)
    events += parser.eof()
    # Every stream ends exactly once, with a finish or a failure the user can read.
    ends = [e for e in events if isinstance(e, Finished | Failure)]
    assert len(ends) == 1
    if isinstance(ends[0], Failure):
        assert ends[0].message


@FUZZ
@given(st.sampled_from([200, 400, 401, 429, 500, 503]), st.data())
def test_any_error_body_gives_a_failure(status, data):
    kind = data.draw(st.sampled_from(["mutated", "any", "bytes", "deep"]))
    if kind == "mutated":
        body = json.dumps(mutate(ERROR_BODY, data)).encode()
    elif kind == "any":
        body = json.dumps(data.draw(JSON_VALUES)).encode()
    elif kind == "deep":
        body = deep(50_000).encode()
    else:
        body = data.draw(st.binary(max_size=200))
    failure = failure_from_response(status, {}, body, model="deepseek-v4-pro")
    assert isinstance(failure, Failure)
    assert isinstance(failure.kind, ErrorKind)
