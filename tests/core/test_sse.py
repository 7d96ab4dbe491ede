"""The SSE decoder: bytes in, events out, however the network splits them."""

from __future__ import annotations

import pytest

from app.core.sse import SseDecodeError, SseDecoder, SseEvent


def decode(*reads: bytes) -> list[SseEvent]:
    decoder = SseDecoder()
    events = []
    for chunk in reads:
        events += decoder.feed(chunk)
    return events + decoder.close()


def test_data_with_and_without_a_space_is_the_same():
    assert decode(b"data: {}\n\ndata:{}\n\n") == [SseEvent("{}"), SseEvent("{}")]


def test_only_one_leading_space_is_removed():
    assert decode(b"data:  two\n\n") == [SseEvent(" two")]


def test_native_event_keeps_id_event_and_http_status():
    raw = b'id:1\nevent:result\n:HTTP_STATUS/200\ndata:{"a":1}\n\n'
    assert decode(raw) == [SseEvent('{"a":1}', "result", "1", 200)]


def test_http_status_without_colon_and_with_a_reason_phrase():
    raw = b"id:2\nevent:error\nHTTP_STATUS/429 TOO_MANY_REQUESTS\ndata:{}\n\n"
    assert decode(raw) == [SseEvent("{}", "error", "2", 429)]


def test_status_belongs_to_its_own_event_only():
    raw = b":HTTP_STATUS/500\ndata:a\n\ndata:b\n\n"
    assert [e.status for e in decode(raw)] == [500, None]


def test_a_repeated_status_line_is_read_again_and_a_changed_one_is_noticed():
    # The native API repeats ":HTTP_STATUS/200" in every event; an error event then says 429.
    raw = b":HTTP_STATUS/200\ndata:a\n\n:HTTP_STATUS/200\ndata:b\n\n"
    raw += b"event:error\n:HTTP_STATUS/429\ndata:c\n\ndata:d\n\n:HTTP_STATUS/429\ndata:e\n\n"
    assert [e.status for e in decode(raw)] == [200, 200, 429, None, 429]
    assert [e.status for e in decode(*[bytes([b]) for b in raw])] == [200, 200, 429, None, 429]


def test_keep_alive_comments_are_skipped():
    assert decode(b": ping\n\n:keepalive\ndata: x\n\n") == [SseEvent("x")]


@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"])
def test_every_line_end_works(newline):
    raw = newline.join([b"event:result", b"data: one", b"data: two", b"", b"data: 3", b"", b""])
    assert decode(raw) == [SseEvent("one\ntwo", "result"), SseEvent("3")]


def test_cr_at_the_end_of_a_read_and_lf_at_the_start_of_the_next_are_one_line_end():
    events = decode(b"data: a\r", b"\n\r", b"\ndata: b\r\n\r\n")
    assert events == [SseEvent("a"), SseEvent("b")]


def test_a_multibyte_character_split_across_reads_is_not_mangled():
    raw = 'data: {"t":"你好🙂"}\n\n'.encode()
    reads = [raw[i : i + 1] for i in range(len(raw))]
    assert decode(*reads) == [SseEvent('{"t":"你好🙂"}')]


def test_unicode_line_separators_inside_data_do_not_split_lines():
    raw = "data: a\u2028b\u2029c\x85d\n\n".encode()
    assert decode(raw) == [SseEvent("a\u2028b\u2029c\x85d")]


def test_pending_event_is_dispatched_at_eof():
    assert decode(b"data: [DONE]") == [SseEvent("[DONE]")]
    assert decode(b"data: last\n") == [SseEvent("last")]


def test_lines_that_are_not_sse_are_counted_and_ignored():
    decoder = SseDecoder()
    assert decoder.feed(b"<html>\nhello world\n\n") == []
    assert decoder.close() == []
    assert decoder.ignored_lines == 2


def test_an_error_event_without_data_is_still_dispatched():
    assert decode(b"event:error\n:HTTP_STATUS/500\n\n") == [SseEvent("", "error", None, 500)]


def test_invalid_utf8_is_an_error():
    with pytest.raises(SseDecodeError):
        decode(b"data: \xff\xfe\n\n")


def test_a_byte_order_mark_at_the_start_is_dropped():
    assert decode(b"\xef\xbb\xbfdata: x\n\n") == [SseEvent("x")]


def test_id_persists_as_last_event_id():
    assert [e.id for e in decode(b"id:7\ndata:a\n\ndata:b\n\n")] == ["7", "7"]
