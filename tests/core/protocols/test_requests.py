"""The request bodies both APIs get, for every kind of model in the catalog."""

from __future__ import annotations

import pytest

from app.core import protocols
from app.core.client import prepare_request
from app.core.protocols import dashscope, openai
from app.core.regions import resolve_endpoint
from app.core.request import ChatRequest, Turn

TURNS = (
    Turn("system", "Be brief."),
    Turn("user", "Hi"),
    Turn("assistant", "Hello! How can I help?"),
    Turn("user", "Which is greater, 9.9 or 9.11?"),
)


def bodies(model: str, **kwargs) -> tuple[dict, dict]:
    """(OpenAI-compatible body, native body's parameters) for one request."""
    request = ChatRequest(model, TURNS, **kwargs)
    native = dashscope.build_body(request)
    return openai.build_body(request), native["parameters"]


def test_openai_body_streams_with_usage_and_all_turns():
    body, _ = bodies("deepseek-v4-pro")
    assert body["model"] == "deepseek-v4-pro"
    assert body["stream"] is True
    assert body["stream_options"] == {"include_usage": True}
    assert body["messages"] == [{"role": t.role, "content": t.text} for t in TURNS]


def test_native_body_asks_for_incremental_message_output():
    request = ChatRequest("deepseek-v4-pro", TURNS)
    body = dashscope.build_body(request)
    assert body["model"] == "deepseek-v4-pro"
    assert body["input"] == {"messages": [{"role": t.role, "content": t.text} for t in TURNS]}
    assert body["parameters"]["result_format"] == "message"
    assert body["parameters"]["incremental_output"] is True
    assert "stream" not in body and "messages" not in body


def test_no_reasoning_is_ever_sent_back():
    request = ChatRequest("deepseek-v4-pro", TURNS)
    for body in (openai.build_body(request), dashscope.build_body(request)):
        assert "reasoning_content" not in repr(body)


@pytest.mark.parametrize(("thinking", "sent"), [(None, True), (True, True), (False, False)])
def test_hybrid_v4_sends_enable_thinking_with_its_default_on(thinking, sent):
    body, params = bodies("deepseek-v4-flash", thinking=thinking)
    assert body["enable_thinking"] is sent
    assert params["enable_thinking"] is sent


@pytest.mark.parametrize(("thinking", "sent"), [(None, False), (True, True), (False, False)])
def test_hybrid_v3_2_defaults_to_not_thinking(thinking, sent):
    body, params = bodies("deepseek-v3.2", thinking=thinking)
    assert body["enable_thinking"] is sent
    assert params["enable_thinking"] is sent


@pytest.mark.parametrize("model", ["deepseek-r1", "deepseek-r1-0528", "deepseek-v3"])
@pytest.mark.parametrize("thinking", [None, True, False])
def test_thinking_only_and_non_thinking_models_never_get_enable_thinking(model, thinking):
    body, params = bodies(model, thinking=thinking)
    assert "enable_thinking" not in body
    assert "enable_thinking" not in params


def test_unknown_model_gets_enable_thinking_only_when_the_user_chose():
    body, params = bodies("deepseek-v9-preview")
    assert "enable_thinking" not in body and "enable_thinking" not in params
    body, params = bodies("deepseek-v9-preview", thinking=True)
    assert body["enable_thinking"] is True and params["enable_thinking"] is True


@pytest.mark.parametrize(
    ("effort", "sent"),
    [
        ("low", "high"),
        ("medium", "high"),
        ("high", "high"),
        ("HIGH", "high"),
        (" xhigh ", "max"),
        ("max", "max"),
    ],
)
@pytest.mark.parametrize("model", ["deepseek-v4-pro", "deepseek-v4-flash-us"])
def test_effort_models_get_reasoning_effort_normalised(model, effort, sent):
    body, params = bodies(model, effort=effort)
    assert body["reasoning_effort"] == sent
    assert params["reasoning_effort"] == sent


def test_no_effort_chosen_means_none_sent():
    body, params = bodies("deepseek-v4-pro")
    assert "reasoning_effort" not in body and "reasoning_effort" not in params


@pytest.mark.parametrize("model", ["deepseek-v3.2", "deepseek-r1", "qwen3.7-plus", "unknown-x"])
def test_models_without_effort_never_get_it(model):
    body, params = bodies(model, effort="max")
    assert "reasoning_effort" not in body and "reasoning_effort" not in params


def test_unknown_effort_spelling_is_an_error():
    with pytest.raises(ValueError, match="high or max"):
        bodies("deepseek-v4-pro", effort="extreme")


def test_parameters_the_model_accepts_are_sent_and_others_dropped():
    parameters = {"temperature": 0.3, "top_p": 0.8, "repetition_penalty": 1.1, "max_tokens": 100}
    body, params = bodies("deepseek-v4-pro", parameters=parameters)
    for sent in (body, params):
        assert sent["temperature"] == 0.3 and sent["top_p"] == 0.8 and sent["max_tokens"] == 100
        assert "repetition_penalty" not in sent


def test_v3_1_accepts_repetition_penalty_and_thinking_budget():
    parameters = {"repetition_penalty": 1.05, "thinking_budget": 1000, "presence_penalty": 1.0}
    body, params = bodies("deepseek-v3.1", parameters=parameters)
    for sent in (body, params):
        assert sent["repetition_penalty"] == 1.05 and sent["thinking_budget"] == 1000
        assert "presence_penalty" not in sent


@pytest.mark.parametrize("model", ["deepseek-r1", "deepseek-r1-distill-qwen-7b"])
def test_r1_and_distilled_models_accept_no_parameters(model):
    parameters = {"temperature": 0.1, "top_p": 0.1, "max_tokens": 10, "presence_penalty": 0.5}
    body, params = bodies(model, parameters=parameters)
    assert set(parameters).isdisjoint(body)
    assert set(parameters).isdisjoint(params)


@pytest.mark.parametrize("api", list(protocols.names()))
def test_prepared_request_headers_and_redaction(api):
    ep = resolve_endpoint("singapore", api, workspace="ws-756pfhanyfvqhdkw")
    prepared = prepare_request(ChatRequest("deepseek-v4-pro", TURNS), ep, "sk-secret-123")
    assert prepared.method == "POST"
    assert prepared.url.startswith("https://ws-756pfhanyfvqhdkw.ap-southeast-1.maas.aliyuncs.com/")
    assert prepared.headers["Authorization"] == "Bearer sk-secret-123"
    assert prepared.headers["Content-Type"] == "application/json"
    assert prepared.headers["User-Agent"].startswith("SeekDesk/")
    if api == "dashscope":
        assert prepared.headers["X-DashScope-SSE"] == "enable"
        assert prepared.headers["Accept"] == "text/event-stream"
    shown = prepared.redacted()
    assert "sk-secret-123" not in repr(shown)
    assert shown["headers"]["Authorization"] == "Bearer ***"
    assert shown["body"] == prepared.body and shown["url"] == prepared.url
