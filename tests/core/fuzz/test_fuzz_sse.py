"""Whatever bytes a server (or anything between it and us) sends, the SSE decoder either hands
out events or says the stream is malformed (``SseDecodeError``): it never crashes otherwise, and
it never holds more than the input it was given."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from app.core.sse import MAX_LINE_BYTES, SseDecodeError, SseDecoder
from tests.core.fuzz.strategies import FUZZ

_PIECES = st.sampled_from(
    [
        b"data:",
        b"data: ",
        b"event: error",
        b"id: 7",
        b"id: \x00",
        b": ping",
        b":HTTP_STATUS/500",
        b"HTTP_STATUS/200",
        b"retry: 5",
        b"\r",
        b"\n",
        b"\r\n",
        b"\n\n",
        b"\xef\xbb\xbf",
        b"\xff",
        b"\xe4\xbd",
        b"\xa0",
        b'{"choices":[]}',
        b"[DONE]",
        "你好🙂".encode(),
        b"\x00",
        b":",
    ]
)
STREAMS = st.lists(st.one_of(_PIECES, st.binary(max_size=12)), max_size=40).map(b"".join)


def run(reads: list[bytes]) -> tuple[list, Exception | None]:
    decoder = SseDecoder()
    events: list = []
    try:
        for read in reads:
            events += decoder.feed(read)
            assert len(decoder._buffer) <= MAX_LINE_BYTES
        events += decoder.close()
    except SseDecodeError as exc:
        return events, exc
    return events, None


def cut(raw: bytes, points: list[int]) -> list[bytes]:
    bounds = [0, *sorted({p % (len(raw) + 1) for p in points}), len(raw)]
    return [raw[a:b] for a, b in itertools.pairwise(bounds)]


@FUZZ
@given(STREAMS, st.lists(st.integers(0, 10_000), max_size=8))
def test_any_bytes_give_events_or_a_malformed_stream_error(raw, points):
    events, _error = run(cut(raw, points))
    # Events only carry text that came in: the decoder invents and hoards nothing.
    assert sum(len(e.data.encode()) for e in events) <= len(raw)


@FUZZ
@given(STREAMS.filter(lambda raw: b"\xff" not in raw and b"\xe4" not in raw and b"\xa0" not in raw))
def test_the_reads_a_stream_is_cut_into_never_change_the_events(raw):
    whole, whole_error = run([raw])
    bytewise, byte_error = run([raw[i : i + 1] for i in range(len(raw))])
    if whole_error is None and byte_error is None:
        assert [e.data for e in bytewise] == [e.data for e in whole]
