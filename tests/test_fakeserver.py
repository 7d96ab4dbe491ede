"""The fake Model Studio itself: the bytes it sends are the service's, in both dialects."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests import fakeserver as fs

ROOT = Path(__file__).resolve().parents[1]
OPENAI_BODY = {
    "model": "deepseek-v4-pro",
    "messages": [{"role": "user", "content": "ping"}],
    "stream": True,
    "stream_options": {"include_usage": True},
}
NATIVE_BODY = {
    "model": "deepseek-v4-pro",
    "input": {"messages": [{"role": "user", "content": "ping"}]},
    "parameters": {"result_format": "message", "incremental_output": True},
}


def post(base_url: str, path: str, body: dict, key: str = "sk-x") -> httpx.Response:
    headers = {"Authorization": f"Bearer {key}"}
    return httpx.post(base_url + path, json=body, headers=headers, timeout=30, trust_env=False)


def answer_of(sse_text: str) -> str:
    """The answer text of an OpenAI-compatible stream, read naively frame by frame."""
    text = ""
    for frame in sse_text.split("\n\n"):
        if frame.startswith("data: {"):
            for choice in json.loads(frame.removeprefix("data: "))["choices"]:
                text += choice["delta"].get("content") or ""
    return text


def test_openai_stream_is_sse_with_done_and_a_request_id(fake_server):
    reply = post(fake_server.base_url, fs.OPENAI_PATH, OPENAI_BODY)
    assert reply.status_code == 200
    assert reply.headers["content-type"] == "text/event-stream;charset=UTF-8"
    request_id = reply.headers["x-request-id"]
    frames = reply.text.split("\n\n")
    assert frames[0].startswith('data: {"id":"chatcmpl-' + request_id)
    assert frames[-2:] == ["data: [DONE]", ""]
    usage = json.loads(frames[-3].removeprefix("data: "))
    assert usage["choices"] == [] and usage["usage"]["completion_tokens_details"]


def test_native_stream_has_ids_events_statuses_and_no_end_marker(fake_server):
    reply = post(fake_server.base_url, fs.NATIVE_PATH, NATIVE_BODY)
    frames = [f for f in reply.text.split("\n\n") if f]
    first = frames[0].split("\n")
    assert first[:3] == ["id:1", "event:result", ":HTTP_STATUS/200"]
    assert first[3].startswith("data:{")
    last = json.loads(frames[-1].split("\n")[3].removeprefix("data:"))
    assert last["output"]["choices"][0]["finish_reason"] == "stop"
    middle = json.loads(frames[0].split("\n")[3].removeprefix("data:"))
    assert middle["output"]["choices"][0]["finish_reason"] == "null"
    assert "[DONE]" not in reply.text


def test_the_echo_reply_skips_thinking_when_it_is_off(fake_server):
    body = {**OPENAI_BODY, "enable_thinking": False}
    reply = post(fake_server.base_url, fs.OPENAI_PATH, body)
    assert "reasoning_content" not in reply.text
    assert answer_of(reply.text) == "You said: ping"


@pytest.mark.parametrize(
    ("path", "body", "code"),
    [
        (fs.OPENAI_PATH, OPENAI_BODY, "invalid_api_key"),
        (fs.NATIVE_PATH, NATIVE_BODY, "InvalidApiKey"),
    ],
)
def test_wrong_key_gets_401_in_the_requests_dialect(fake_server, path, body, code):
    fake_server.expected_key = "sk-right"
    reply = post(fake_server.base_url, path, body, key="sk-wrong")
    assert reply.status_code == 401
    assert code in reply.text
    assert post(fake_server.base_url, path, body, key="sk-right").status_code == 200


def test_native_thinking_without_incremental_output_is_refused_like_the_service(fake_server):
    body = {**NATIVE_BODY, "parameters": {"enable_thinking": True}}
    reply = post(fake_server.base_url, fs.NATIVE_PATH, body)
    assert reply.status_code == 400 and reply.json()["code"] == "InvalidParameter"


def test_requests_are_recorded_and_scenarios_served_in_order(fake_server):
    fake_server.enqueue(fs.error(429, "Throttling", "wait", retry_after=3), fs.html(503))
    first = post(fake_server.base_url, fs.OPENAI_PATH, OPENAI_BODY, key="sk-1")
    second = post(fake_server.base_url, "/prefix" + fs.NATIVE_PATH, NATIVE_BODY)
    third = post(fake_server.base_url, fs.OPENAI_PATH, OPENAI_BODY)
    assert (first.status_code, first.headers["retry-after"]) == (429, "3")
    assert second.status_code == 503 and "<title>503 Service Unavailable</title>" in second.text
    assert third.status_code == 200
    received = fake_server.requests
    assert [r.dialect for r in received] == [fs.OPENAI, fs.NATIVE, fs.OPENAI]
    assert received[0].headers["authorization"] == "Bearer sk-1"
    assert received[0].body == OPENAI_BODY and json.loads(received[0].raw) == OPENAI_BODY


def test_unknown_path_is_404(fake_server):
    assert post(fake_server.base_url, "/v1/other", {}).status_code == 404


def test_runs_in_the_foreground_as_a_module():
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.fakeserver", "--port", "0"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        base_url = line.split(" on ", 1)[1].split(" ", 1)[0]
        reply = post(base_url, fs.OPENAI_PATH, OPENAI_BODY)
        assert reply.status_code == 200 and answer_of(reply.text) == "You said: ping"
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
