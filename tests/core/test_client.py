"""stream_chat() against the fake Model Studio, for both APIs: what a user would see happen."""

from __future__ import annotations

import asyncio
import contextlib

import httpx
import pytest

from app.core import protocols
from app.core.client import ClientOptions, prepare_request, stream_chat
from app.core.errors import ErrorKind
from app.core.events import AnswerDelta, Failure, Finished, Retrying, ThinkingDelta, Usage
from app.core.regions import ConfigError, Endpoint, resolve_endpoint
from app.core.request import ChatRequest, Turn
from tests import fakeserver as fs

KEY = "sk-test-0123456789"
FAST = ClientOptions(connect_timeout=10, read_timeout=30, backoff_base=0.01, backoff_max=0.05)
APIS = pytest.mark.parametrize("api", list(protocols.names()))


def ask(text: str = "Hello", model: str = "deepseek-v4-pro", **kwargs) -> ChatRequest:
    return ChatRequest(model, (Turn("user", text),), **kwargs)


def endpoint(fake: fs.FakeServer, api: str) -> Endpoint:
    return resolve_endpoint("cn-beijing", api, base_url=fake.base_url)


async def _collect(request, ep, key, options, http=None):
    return [e async for e in stream_chat(request, ep, key, options=options, http=http)]


def collect(fake, api, request=None, *, key=KEY, options=FAST):
    return asyncio.run(_collect(request or ask(), endpoint(fake, api), key, options))


def text_of(events, kind) -> str:
    return "".join(e.text for e in events if isinstance(e, kind))


def terminal(events):
    assert sum(isinstance(e, Finished | Failure) for e in events) == 1
    assert isinstance(events[-1], Finished | Failure)
    return events[-1]


# -- a normal answer ------------------------------------------------------------------------


@APIS
def test_thinking_then_answer_arrives_in_order_with_usage_and_request_id(fake_server, api):
    fake_server.enqueue(fs.thinking_answer("Let me think: 9.9 > 9.11.", "9.9 is greater."))
    events = collect(fake_server, api)
    assert text_of(events, ThinkingDelta) == "Let me think: 9.9 > 9.11."
    assert text_of(events, AnswerDelta) == "9.9 is greater."
    kinds = [type(e) for e in events]
    assert kinds.index(AnswerDelta) > max(i for i, k in enumerate(kinds) if k is ThinkingDelta)
    usage, finished = events[-2:]
    assert isinstance(usage, Usage) and usage.reasoning_tokens and usage.output_tokens
    assert usage.output_tokens > usage.reasoning_tokens
    assert finished == Finished("stop", finished.request_id)
    assert finished.request_id and len(finished.request_id) == 36


@APIS
def test_answer_only_reply_has_no_thinking(fake_server, api):
    fake_server.enqueue(fs.answer_only("Plain answer, 纯文本 🙂"))
    events = collect(fake_server, api, ask(thinking=False))
    assert text_of(events, ThinkingDelta) == ""
    assert text_of(events, AnswerDelta) == "Plain answer, 纯文本 🙂"
    assert isinstance(terminal(events), Finished)


@APIS
def test_cached_tokens_are_reported_when_the_service_gives_them(fake_server, api):
    fake_server.enqueue(fs.thinking_answer("t", "a", cached_tokens=7))
    usage = [e for e in collect(fake_server, api) if isinstance(e, Usage)]
    assert len(usage) == 1 and usage[0].cached_tokens == 7


@APIS
def test_finish_reason_length_is_reported(fake_server, api):
    fake_server.enqueue(fs.answer_only("cut", finish_reason="length"))
    assert terminal(collect(fake_server, api)).finish_reason == "length"


@APIS
def test_one_byte_at_a_time_gives_the_same_text(fake_server, api):
    fake_server.enqueue(fs.drip("思考一下🤔 naïve", "答案是 42 🎉"))
    events = collect(fake_server, api)
    assert text_of(events, ThinkingDelta) == "思考一下🤔 naïve"
    assert text_of(events, AnswerDelta) == "答案是 42 🎉"
    assert isinstance(terminal(events), Finished)


@APIS
def test_crlf_line_ends_are_read_like_lf(fake_server, api):
    fake_server.enqueue(fs.thinking_answer("a\u2028b", "line\none", newline="\r\n"))
    events = collect(fake_server, api)
    assert text_of(events, ThinkingDelta) == "a\u2028b"
    assert text_of(events, AnswerDelta) == "line\none"


@APIS
def test_the_server_receives_the_request_it_expects(fake_server, api):
    events = collect(fake_server, api, ask("What is 2+2?"))
    assert text_of(events, AnswerDelta) == "You said: What is 2+2?"
    (received,) = fake_server.requests
    assert received.method == "POST"
    assert received.headers["authorization"] == f"Bearer {KEY}"
    assert received.headers["user-agent"].startswith("SeekDesk/")
    assert received.headers["content-type"] == "application/json"
    assert received.messages == [{"role": "user", "content": "What is 2+2?"}]
    if api == "dashscope":
        assert received.path.endswith("/api/v1/services/aigc/text-generation/generation")
        assert received.headers["x-dashscope-sse"] == "enable"
        assert received.body["parameters"]["incremental_output"] is True
    else:
        assert received.path.endswith("/compatible-mode/v1/chat/completions")
        assert received.body["stream"] is True


@APIS
def test_a_base_url_with_a_path_prefix_is_kept(fake_server, api):
    ep = resolve_endpoint("cn-beijing", api, base_url=fake_server.base_url + "/gateway")
    events = asyncio.run(_collect(ask(), ep, KEY, FAST))
    assert isinstance(terminal(events), Finished)
    assert fake_server.requests[0].path.startswith("/gateway/")


# -- failures -------------------------------------------------------------------------------


@APIS
def test_wrong_key_is_refused_with_the_region_hint_and_not_retried(fake_server, api):
    fake_server.expected_key = "sk-the-right-one"
    failure = terminal(collect(fake_server, api))
    assert failure.kind is ErrorKind.INVALID_KEY and failure.status == 401
    assert failure.code in ("invalid_api_key", "InvalidApiKey")
    assert "region" in failure.hint
    assert failure.request_id
    assert len(fake_server.requests) == 1


@APIS
@pytest.mark.parametrize(
    ("status", "code", "kind"),
    [
        (400, "InvalidParameter", ErrorKind.BAD_PARAMETER),
        (400, "DataInspectionFailed", ErrorKind.CONTENT_FILTERED),
        (400, "Arrearage", ErrorKind.QUOTA),
        (403, "AccessDenied.Unpurchased", ErrorKind.NO_ACCESS),
        (404, "ModelNotFound", ErrorKind.MODEL_NOT_FOUND),
        (401, "invalid_api_key", ErrorKind.INVALID_KEY),
    ],
)
def test_error_bodies_of_both_apis_map_to_the_taxonomy_without_retry(
    fake_server, api, status, code, kind
):
    fake_server.enqueue(fs.error(status, code, "the service's own words"))
    events = collect(fake_server, api)
    failure = terminal(events)
    assert (failure.kind, failure.status, failure.code) == (kind, status, code)
    assert failure.message == "the service's own words"
    assert not any(isinstance(e, Retrying) for e in events)
    assert len(fake_server.requests) == 1


@APIS
def test_an_sse_framed_error_body_is_read(fake_server, api):
    fake_server.enqueue(fs.error(400, "InvalidParameter", "Range of input length", sse_framed=True))
    failure = terminal(collect(fake_server, api))
    assert (failure.kind, failure.status) == (ErrorKind.BAD_PARAMETER, 400)
    assert failure.message == "Range of input length" and failure.request_id


@APIS
def test_a_delisted_model_names_its_replacement(fake_server, api):
    fake_server.enqueue(fs.error(404, "ModelNotFound", "Model not exist."))
    failure = terminal(collect(fake_server, api, ask(model="deepseek-r1")))
    assert failure.kind is ErrorKind.MODEL_NOT_FOUND
    assert failure.replacement == "qwen3.7-max"
    assert "qwen3.7-max" in failure.hint


@APIS
def test_error_mid_stream_keeps_the_partial_answer_and_is_not_retried(fake_server, api):
    fake_server.enqueue(
        fs.midstream_error("DataInspectionFailed", "Output data may contain inappropriate content.")
    )
    events = collect(fake_server, api)
    assert text_of(events, AnswerDelta) == "partial "
    failure = terminal(events)
    assert failure.kind is ErrorKind.CONTENT_FILTERED
    assert failure.code == "DataInspectionFailed" and failure.request_id
    assert failure.status == (400 if api == "dashscope" else None)
    assert len(fake_server.requests) == 1


def test_native_error_frame_inside_an_openai_stream_is_a_failure_with_its_status(fake_server):
    fake_server.enqueue(
        fs.midstream_error("InternalError.Algo", "oops", status=500, shape="native"),
    )
    events = collect(fake_server, "openai")
    failure = terminal(events)
    assert failure.kind is ErrorKind.SERVER_ERROR
    assert (failure.status, failure.code) == (500, "InternalError.Algo")


@APIS
def test_dropped_connection_keeps_partial_text(fake_server, api):
    fake_server.enqueue(fs.dropped("Half an ans", thinking="some thought"))
    events = collect(fake_server, api)
    assert text_of(events, AnswerDelta) == "Half an ans"
    assert text_of(events, ThinkingDelta) == "some thought"
    assert terminal(events).kind is ErrorKind.CONNECTION_DROPPED
    assert terminal(events).request_id


@APIS
def test_clean_end_without_end_marker_is_a_dropped_connection(fake_server, api):
    fake_server.enqueue(fs.truncated("Half"))
    events = collect(fake_server, api)
    assert text_of(events, AnswerDelta) == "Half"
    assert terminal(events).kind is ErrorKind.CONNECTION_DROPPED


@APIS
def test_stalled_server_times_out_and_keeps_partial_text(fake_server, api):
    fake_server.enqueue(fs.stall("Before the silence", seconds=30))
    options = ClientOptions(read_timeout=2.0, max_retries=0)
    events = collect(fake_server, api, options=options)
    assert text_of(events, AnswerDelta) == "Before the silence"
    assert terminal(events).kind is ErrorKind.TIMEOUT
    assert fake_server.wait_for_disconnect()


@APIS
def test_html_502_from_a_proxy_is_a_clear_server_error(fake_server, api):
    fake_server.enqueue(*[fs.html(502)] * 4)
    events = collect(fake_server, api)
    failure = terminal(events)
    assert failure.kind is ErrorKind.SERVER_ERROR and failure.status == 502
    assert "HTTP 502" in failure.message and "not a Model Studio reply" in failure.message
    assert sum(isinstance(e, Retrying) for e in events) == FAST.max_retries


@APIS
@pytest.mark.parametrize("scenario", [fs.garbage, fs.empty_200])
def test_garbage_and_empty_replies_are_malformed_streams(fake_server, api, scenario):
    fake_server.enqueue(scenario())
    events = collect(fake_server, api)
    assert terminal(events).kind is ErrorKind.MALFORMED_STREAM
    assert len(fake_server.requests) == 1


@APIS
def test_nothing_listening_is_a_network_failure(api):
    with fs.FakeServer() as fake:
        ep = endpoint(fake, api)
    events = asyncio.run(_collect(ask(), ep, KEY, ClientOptions(max_retries=1, backoff_base=0.01)))
    assert [type(e) for e in events] == [Retrying, Failure]
    assert events[-1].kind is ErrorKind.NETWORK


# -- retries --------------------------------------------------------------------------------


@APIS
@pytest.mark.parametrize(
    "first",
    [
        fs.error(429, "Throttling.RateQuota", "Requests rate limit exceeded"),
        fs.error(503, "ModelServingError", "Too many requests in route"),
        fs.error(500, "InternalError", "An internal error has occured"),
        fs.html(504),
    ],
    ids=["429", "503", "500", "504-html"],
)
def test_transient_failure_before_any_text_is_retried_then_answered(fake_server, api, first):
    fake_server.enqueue(first, fs.answer_only("Second time lucky"))
    events = collect(fake_server, api)
    assert isinstance(events[0], Retrying) and events[0].attempt == 1
    assert events[0].failure.retryable
    assert text_of(events, AnswerDelta) == "Second time lucky"
    assert isinstance(terminal(events), Finished)
    assert len(fake_server.requests) == 2


@APIS
def test_retry_after_is_honoured(fake_server, api):
    fake_server.enqueue(
        fs.error(429, "Throttling", "slow down", retry_after=0.2), fs.answer_only("ok")
    )
    events = collect(fake_server, api)
    assert events[0].delay == pytest.approx(0.2)
    assert events[0].failure.retry_after == pytest.approx(0.2)


@APIS
def test_a_retry_after_beyond_the_cap_is_reported_not_waited(fake_server, api):
    fake_server.enqueue(fs.error(429, "Throttling.RateQuota", "slow down", retry_after=3600))
    failure = terminal(collect(fake_server, api))
    assert failure.kind is ErrorKind.RATE_LIMITED and failure.retry_after == 3600
    assert "3600" in failure.hint
    assert len(fake_server.requests) == 1


@APIS
def test_error_frame_before_any_text_counts_as_before_the_first_token(fake_server, api):
    fake_server.enqueue(
        fs.midstream_error("Throttling.AllocationQuota", "TPM", status=429, after_answer=""),
        fs.answer_only("after the throttle"),
    )
    events = collect(fake_server, api)
    assert isinstance(events[0], Retrying)
    assert text_of(events, AnswerDelta) == "after the throttle"


@APIS
def test_no_retry_once_text_has_arrived(fake_server, api):
    fake_server.enqueue(
        fs.midstream_error("InternalError", "boom", status=500, after_answer="Some text"),
        fs.answer_only("must never be asked for"),
    )
    events = collect(fake_server, api)
    assert not any(isinstance(e, Retrying) for e in events)
    assert terminal(events).kind is ErrorKind.SERVER_ERROR
    assert len(fake_server.requests) == 1


@APIS
def test_retries_are_bounded(fake_server, api):
    fake_server.enqueue(*[fs.error(503, "ModelUnavailable", "busy")] * 10)
    events = collect(fake_server, api, options=ClientOptions(max_retries=2, backoff_base=0.01))
    assert [type(e) for e in events] == [Retrying, Retrying, Failure]
    assert [e.attempt for e in events[:2]] == [1, 2]
    assert len(fake_server.requests) == 3


# -- cancellation ---------------------------------------------------------------------------


@APIS
def test_cancelling_the_task_closes_the_connection_at_once(fake_server, api):
    fake_server.enqueue(fs.slow("thinking " * 50, "answer " * 50, delay=0.2))
    seen: list = []

    async def main() -> None:
        async def consume() -> None:
            async for event in stream_chat(ask(), endpoint(fake_server, api), KEY, options=FAST):
                seen.append(event)

        task = asyncio.create_task(consume())
        while not seen:
            await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(main())
    assert fake_server.wait_for_disconnect()
    assert not any(isinstance(e, Finished | Failure) for e in seen)


@APIS
def test_aclose_on_a_shared_client_closes_the_connection(fake_server, api):
    fake_server.enqueue(fs.slow("t" * 100, "a" * 100, delay=0.2))

    async def main() -> list:
        async with httpx.AsyncClient() as shared:
            stream = stream_chat(ask(), endpoint(fake_server, api), KEY, options=FAST, http=shared)
            async with contextlib.aclosing(stream):
                first = await anext(stream)
            # The shared client stays usable afterwards.
            again = await _collect(ask("again"), endpoint(fake_server, api), KEY, FAST, shared)
            return [first, *again]

    events = asyncio.run(main())
    assert isinstance(events[0], ThinkingDelta)
    assert fake_server.wait_for_disconnect()
    assert text_of(events[1:], AnswerDelta) == "You said: again"


# -- what is refused before anything is sent ------------------------------------------------


def test_plain_http_to_another_host_is_refused_even_for_a_hand_made_endpoint():
    ep = Endpoint("http://dashscope.aliyuncs.com", "openai", "cn-beijing")
    with pytest.raises(ConfigError, match="https"):
        asyncio.run(_collect(ask(), ep, KEY, FAST))
    with pytest.raises(ConfigError):
        prepare_request(ask(), ep, KEY)


@pytest.mark.parametrize("key", ["", "sk-with space", "sk-ключ", "sk-\n"])
def test_a_key_that_cannot_be_a_key_is_refused_without_echoing_it(fake_server, key):
    with pytest.raises(ConfigError) as info:
        asyncio.run(_collect(ask(), endpoint(fake_server, "openai"), key, FAST))
    assert not key.strip() or key.strip() not in str(info.value)
    assert fake_server.requests == []


# -- odd servers, proxies, TLS --------------------------------------------------------------


def _raw(status: int, content_type: str, body: bytes) -> fs.Scenario:
    reply = fs.Reply(status, [("content-type", content_type)], [body], framing="length")
    return fs.Scenario("raw", lambda ctx: reply)


@APIS
def test_a_captive_portal_page_with_status_200_is_not_mistaken_for_a_reply(fake_server, api):
    fake_server.enqueue(_raw(200, "text/html", b"<html>Please log in to the Wi-Fi</html>"))
    failure = terminal(collect(fake_server, api))
    assert failure.kind is ErrorKind.MALFORMED_STREAM and "web page" in failure.message


@APIS
def test_a_json_error_with_status_200_is_a_failure_and_retried_when_transient(fake_server, api):
    body = b'{"code":"InternalError","message":"busy","request_id":"r-200"}'
    fake_server.enqueue(_raw(200, "application/json", body), fs.answer_only("fine"))
    events = collect(fake_server, api)
    assert isinstance(events[0], Retrying) and events[0].failure.request_id == "r-200"
    assert text_of(events, AnswerDelta) == "fine"


def test_https_proxy_from_the_environment_is_used(fake_server, monkeypatch):
    # The fake server plays a proxy that refuses the CONNECT: the request went to the proxy.
    monkeypatch.setenv("HTTPS_PROXY", fake_server.base_url)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    ep = resolve_endpoint("cn-beijing", "openai")
    events = asyncio.run(_collect(ask(), ep, KEY, ClientOptions(max_retries=0)))
    assert terminal(events).kind is ErrorKind.NETWORK
    assert fake_server.requests[0].method == "CONNECT"
    assert fake_server.requests[0].path == "dashscope.aliyuncs.com:443"


def test_loopback_endpoints_bypass_the_proxy(fake_server, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv("ALL_PROXY", "http://127.0.0.1:9")
    assert isinstance(terminal(collect(fake_server, "openai")), Finished)


def test_tls_to_a_server_that_does_not_speak_it_is_a_network_failure(fake_server):
    ep = Endpoint(fake_server.base_url.replace("http://", "https://"), "openai", "cn-beijing")
    options = ClientOptions(connect_timeout=1.0, max_retries=0)
    failure = terminal(asyncio.run(_collect(ask(), ep, KEY, options)))
    assert failure.kind is ErrorKind.NETWORK
