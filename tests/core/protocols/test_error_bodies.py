"""Non-200 replies, whatever their body, become a Failure the user can act on."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core.errors import ErrorKind
from app.core.protocols import failure_from_response, parse_retry_after

OPENAI_401 = (
    b'{"error":{"message":"Incorrect API key provided. For details, see: https://help.aliyun.com'
    b'/zh/model-studio/error-code#apikey-error","type":"invalid_request_error","param":null,'
    b'"code":"invalid_api_key"},"request_id":"0ba1b2c3-aaaa-bbbb-cccc-000000000001"}'
)
NATIVE_401 = (
    b'{"code":"InvalidApiKey","message":"Invalid API-key provided.",'
    b'"request_id":"0ba1b2c3-aaaa-bbbb-cccc-000000000002"}'
)


@pytest.mark.parametrize("body", [OPENAI_401, NATIVE_401])
def test_invalid_key_in_either_shape(body):
    failure = failure_from_response(401, {}, body)
    assert failure.kind is ErrorKind.INVALID_KEY and failure.status == 401
    assert failure.code in ("invalid_api_key", "InvalidApiKey")
    assert failure.request_id.startswith("0ba1b2c3")
    assert "region" in failure.hint


def test_header_request_id_wins_over_the_body():
    failure = failure_from_response(401, {"X-Request-Id": "hdr-id"}, NATIVE_401)
    assert failure.request_id == "hdr-id"


def test_msg_instead_of_message():
    failure = failure_from_response(500, {}, b'{"code":"InternalError","msg":"oops"}')
    assert failure.kind is ErrorKind.SERVER_ERROR and failure.message == "oops"
    assert failure.retryable


def test_openai_error_with_null_code_falls_back_to_type():
    body = b'{"error":{"message":"Arrearage","type":"Arrearage","param":null,"code":null}}'
    failure = failure_from_response(400, {}, body)
    assert failure.kind is ErrorKind.QUOTA and failure.code == "Arrearage"
    assert not failure.retryable


@pytest.mark.parametrize(
    "body",
    [
        b'data: {"error":{"message":"Range of input length should be [1, 98304]",'
        b'"type":"invalid_request_error","code":"invalid_parameter_error"}}\n\n',
        b'id:1\nevent:error\n:HTTP_STATUS/400\ndata:{"code":"InvalidParameter",'
        b'"message":"Range of input length should be [1, 98304]"}\n\n',
    ],
)
def test_sse_framed_error_bodies(body):
    failure = failure_from_response(400, {"content-type": "text/event-stream"}, body)
    assert failure.kind is ErrorKind.BAD_PARAMETER
    assert failure.message.startswith("Range of input length")


def test_html_page_from_a_proxy():
    body = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
    failure = failure_from_response(502, {"content-type": "text/html"}, body)
    assert failure.kind is ErrorKind.SERVER_ERROR and failure.retryable
    assert failure.message == (
        "HTTP 502 from the server (not a Model Studio reply): 502 Bad Gateway."
    )
    assert failure.code is None and failure.request_id is None


@pytest.mark.parametrize(
    ("status", "kind"),
    [(407, ErrorKind.NETWORK), (429, ErrorKind.RATE_LIMITED), (404, ErrorKind.SERVER_ERROR)],
)
def test_bodies_that_are_not_json(status, kind):
    failure = failure_from_response(status, {}, b"\xff\xfe not text")
    assert failure.kind is kind
    assert f"HTTP {status}" in failure.message


def test_delisted_model_names_its_replacement():
    body = b'{"code":"ModelNotFound","message":"Model not exist.","request_id":"r"}'
    failure = failure_from_response(404, {}, body, model="deepseek-v3")
    assert failure.kind is ErrorKind.MODEL_NOT_FOUND
    assert failure.replacement == "qwen3.7-plus" and "qwen3.7-plus" in failure.hint


def test_retry_after_header_in_seconds_and_as_a_date():
    body = b'{"code":"Throttling.RateQuota","message":"Requests rate limit exceeded"}'
    failure = failure_from_response(429, {"Retry-After": "7"}, body)
    assert failure.kind is ErrorKind.RATE_LIMITED and failure.retry_after == 7.0
    assert "7 s" in failure.hint


def test_parse_retry_after():
    now = dt.datetime(2026, 11, 25, 12, 0, 0, tzinfo=dt.UTC)
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("Wed, 25 Nov 2026 12:00:30 GMT", now) == 30.0
    assert parse_retry_after("Wed, 25 Nov 2026 11:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after("") is None
    assert parse_retry_after("-5") == 0.0
    assert parse_retry_after("nan") is None
