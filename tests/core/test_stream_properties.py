"""However the network cuts a stream into reads, the user sees exactly the same reply.

The streams are rendered by the fake server's own scenario code, byte for byte as it sends
them, in both dialects, with LF, CRLF or CR line ends and text full of CJK, emoji, quotes,
backslashes and Unicode line separators.
"""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core import protocols
from app.core.events import AnswerDelta, Failure, Finished, ThinkingDelta
from app.core.protocols import parser_for
from app.core.sse import SseDecoder, SseEvent
from tests import fakeserver as fs

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SPECIAL = list('你好世界思考答案🙂🌍👨‍👩‍👧é\u0301\u2028\u2029\x85\r\n\t"\\:{}[] data')
TEXT = st.text(
    alphabet=st.one_of(st.sampled_from(SPECIAL), st.characters(blacklist_categories=("Cs",))),
    max_size=40,
)
APIS = st.sampled_from(list(protocols.names()))
NEWLINES = st.sampled_from(["\n", "\r\n", "\r"])


def render(api: str, scenario: fs.Scenario) -> bytes:
    path = fs.NATIVE_PATH if api == "dashscope" else fs.OPENAI_PATH
    body = {
        "model": "deepseek-v4-pro",
        "messages": [{"role": "user", "content": "hi"}],
        "input": {"messages": [{"role": "user", "content": "hi"}]},
        "stream_options": {"include_usage": True},
    }
    request = fs.ReceivedRequest("POST", path, {}, body, b"")
    reply = scenario.render(fs.Context(request, request.dialect, "rid-42"))
    return b"".join(part for part in reply.parts if isinstance(part, bytes))


def events_of(api: str, reads: list[bytes]) -> list:
    decoder = SseDecoder()
    parser = parser_for(api, model="deepseek-v4-pro", request_id=None)
    out: list = []
    for read in reads:
        for sse in decoder.feed(read):
            out += parser.feed(sse)
    for sse in decoder.close():
        out += parser.feed(sse)
    return out + parser.eof()


def split(raw: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(raw) + 1) for c in cuts})
    bounds = [0, *points, len(raw)]
    return [raw[a:b] for a, b in itertools.pairwise(bounds)]


@SETTINGS
@given(
    api=APIS,
    thinking=TEXT,
    answer=TEXT,
    newline=NEWLINES,
    size=st.integers(1, 6),
    cuts=st.lists(st.integers(0, 10_000), max_size=60),
)
def test_any_split_of_a_complete_reply_gives_the_same_events(
    api, thinking, answer, newline, size, cuts
):
    raw = render(api, fs.thinking_answer(thinking, answer, chunk_size=size, newline=newline))
    whole = events_of(api, [raw])
    assert events_of(api, split(raw, cuts)) == whole
    assert "".join(e.text for e in whole if isinstance(e, ThinkingDelta)) == thinking
    assert "".join(e.text for e in whole if isinstance(e, AnswerDelta)) == answer
    assert whole[-1] == Finished("stop", "rid-42")


@SETTINGS
@given(api=APIS, answer=TEXT, cuts=st.lists(st.integers(0, 10_000), max_size=40))
def test_any_split_of_a_reply_cut_by_an_error_frame_gives_the_same_events(api, answer, cuts):
    raw = render(api, fs.midstream_error("InternalError", "boom", status=500, after_answer=answer))
    whole = events_of(api, [raw])
    assert events_of(api, split(raw, cuts)) == whole
    assert events_of(api, [raw[i : i + 1] for i in range(len(raw))]) == whole
    assert "".join(e.text for e in whole if isinstance(e, AnswerDelta)) == answer
    assert isinstance(whole[-1], Failure) and whole[-1].code == "InternalError"


@st.composite
def sse_streams(draw):
    """Random SSE text: fields with or without the space, comments, statuses, mixed line ends."""
    lines: list[str] = []
    for _ in range(draw(st.integers(0, 8))):
        for _ in range(draw(st.integers(1, 4))):
            kind = draw(st.sampled_from(["data", "data ", "event", "id", "comment", "status"]))
            value = draw(TEXT.map(lambda t: t.replace("\r", "").replace("\n", "")))
            if kind == "comment":
                lines.append(":" + value)
            elif kind == "status":
                lines.append(f":HTTP_STATUS/{draw(st.integers(100, 599))}")
            elif kind == "data ":
                lines.append("data: " + value)
            else:
                lines.append(f"{kind}:{value}")
        lines.append("")
    ends = [draw(NEWLINES) for _ in lines]
    return "".join(line + end for line, end in zip(lines, ends, strict=True)).encode()


def decode(reads: list[bytes]) -> list[SseEvent]:
    decoder = SseDecoder()
    out: list[SseEvent] = []
    for read in reads:
        out += decoder.feed(read)
    return out + decoder.close()


@SETTINGS
@given(raw=sse_streams(), cuts=st.lists(st.integers(0, 10_000), max_size=50))
def test_the_decoder_gives_the_same_events_for_any_split(raw, cuts):
    assert decode(split(raw, cuts)) == decode([raw])
