"""``seekdesk ask`` against the fake Model Studio: what the user sees on stdout and stderr, the
exit status, and what the service received."""

from __future__ import annotations

import json
import re

import pytest

from app.core.errors import HINTS, ErrorKind
from tests.cli.seekdesk_cli import KEY, ask
from tests.fakeserver import (
    NATIVE_PATH,
    OPENAI_PATH,
    FakeServer,
    answer_only,
    dropped,
    empty_200,
    error,
    html,
    midstream_error,
    thinking_answer,
    truncated,
)

APIS = ["openai", "dashscope"]
USAGE_LINE = re.compile(r"^tokens: \d+ input, \d+ output \(\d+ reasoning\); request id: \S+$", re.M)


@pytest.fixture
def fake():
    with FakeServer() as server:
        yield server


def _sent_options(request) -> dict:
    """enable_thinking / reasoning_effort where the request's API puts them."""
    body = request.body
    place = body["parameters"] if request.path.endswith(NATIVE_PATH) else body
    return {k: place[k] for k in ("enable_thinking", "reasoning_effort") if k in place}


# --- a normal answer ----------------------------------------------------------------------------


def test_plain_mode_answer_on_stdout_thinking_and_usage_on_stderr(fake):
    fake.enqueue(thinking_answer("Nine point nine has more tenths.", "9.9 is greater."))
    result = ask("Which is greater, 9.9 or 9.11?", base_url=fake.base_url)

    assert result.status == 0, result.stderr
    assert result.stdout == "9.9 is greater.\n"
    assert result.stderr.startswith("Nine point nine has more tenths.\n")
    assert USAGE_LINE.search(result.stderr)
    assert "\x1b[" not in result.stderr  # stderr is not a terminal: no colour codes

    sent = fake.requests[-1]
    assert sent.path == OPENAI_PATH
    assert sent.headers["authorization"] == f"Bearer {KEY}"
    assert sent.body == {
        "model": "deepseek-v4-pro",
        "messages": [{"role": "user", "content": "Which is greater, 9.9 or 9.11?"}],
        "stream": True,
        "stream_options": {"include_usage": True},
        "enable_thinking": True,
        "reasoning_effort": "high",
    }


def test_the_native_api_gets_its_own_body_and_header(fake):
    fake.enqueue(thinking_answer("Hmm.", "Hello!"))
    result = ask("--api", "dashscope", "Who are you?", base_url=fake.base_url)

    assert result.status == 0, result.stderr
    assert result.stdout == "Hello!\n"
    assert result.stderr.startswith("Hmm.\n")
    sent = fake.requests[-1]
    assert sent.path == NATIVE_PATH
    assert sent.headers["x-dashscope-sse"] == "enable"
    assert sent.headers["authorization"] == f"Bearer {KEY}"
    assert sent.body == {
        "model": "deepseek-v4-pro",
        "input": {"messages": [{"role": "user", "content": "Who are you?"}]},
        "parameters": {
            "result_format": "message",
            "incremental_output": True,
            "enable_thinking": True,
            "reasoning_effort": "high",
        },
    }


@pytest.mark.parametrize("api", APIS)
def test_json_mode_prints_exactly_the_documented_shapes(fake, api):
    fake.enqueue(thinking_answer("Think.", "Answer.", chunk_size=100, cached_tokens=3))
    result = ask("--json", "--api", api, "hi", base_url=fake.base_url)

    assert result.status == 0, result.stderr
    thinking, answer, usage, done = result.json_lines()
    assert thinking == {"type": "thinking", "text": "Think."}
    assert answer == {"type": "answer", "text": "Answer."}
    assert list(usage) == [
        "type",
        "input_tokens",
        "output_tokens",
        "reasoning_tokens",
        "cached_tokens",
    ]
    assert usage["type"] == "usage"
    assert usage["output_tokens"] == 2  # one thinking piece and one answer piece
    assert usage["reasoning_tokens"] == 1
    assert usage["cached_tokens"] == 3
    assert isinstance(usage["input_tokens"], int)
    assert list(done) == ["type", "finish_reason", "request_id"]
    assert done["type"] == "done"
    assert done["finish_reason"] == "stop"
    assert re.fullmatch(r"[0-9a-f-]{36}", done["request_id"])


@pytest.mark.parametrize("api", APIS)
def test_json_usage_says_null_where_the_service_did_not_say(fake, api):
    fake.enqueue(answer_only("Just the answer.", chunk_size=100))
    result = ask("--json", "--no-thinking", "--api", api, "hi", base_url=fake.base_url)

    assert result.status == 0, result.stderr
    answer, usage, done = result.json_lines()
    assert answer == {"type": "answer", "text": "Just the answer."}
    assert usage["reasoning_tokens"] is None
    assert usage["cached_tokens"] is None
    assert done["finish_reason"] == "stop"


@pytest.mark.parametrize("api", APIS)
def test_json_text_keeps_unicode_as_it_came(fake, api):
    fake.enqueue(thinking_answer("思考中…", "答案是 9.9 🙂", chunk_size=2))
    result = ask("--json", "--api", api, "比较 9.9 和 9.11", base_url=fake.base_url)

    assert result.status == 0, result.stderr
    lines = result.json_lines()
    assert "".join(x["text"] for x in lines if x["type"] == "thinking") == "思考中…"
    assert "".join(x["text"] for x in lines if x["type"] == "answer") == "答案是 9.9 🙂"
    assert fake.requests[-1].messages == [{"role": "user", "content": "比较 9.9 和 9.11"}]


def test_an_answer_cut_off_at_the_length_limit_says_so(fake):
    fake.enqueue(answer_only("A long answ", finish_reason="length"))
    result = ask("hi", base_url=fake.base_url)

    assert result.status == 0
    assert result.stdout == "A long answ\n"
    assert "Cut off at the length limit" in result.stderr


# --- what is sent -----------------------------------------------------------------------------


@pytest.mark.parametrize("api", APIS)
@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ([], {"enable_thinking": True, "reasoning_effort": "high"}),
        (["--no-thinking"], {"enable_thinking": False}),
        # Effort tunes thinking: with thinking off there is nothing to tune, so it is not sent.
        (["--no-thinking", "--effort", "max"], {"enable_thinking": False}),
        (["--thinking", "--effort", "max"], {"enable_thinking": True, "reasoning_effort": "max"}),
        (["--effort", "xhigh"], {"enable_thinking": True, "reasoning_effort": "max"}),
        (["--effort", "low"], {"enable_thinking": True, "reasoning_effort": "high"}),
        (["--effort", "MEDIUM"], {"enable_thinking": True, "reasoning_effort": "high"}),
        # Models without reasoning_effort never get it; only hybrid models get enable_thinking.
        (["--model", "deepseek-v3.2", "--effort", "max"], {"enable_thinking": True}),
        (["--model", "deepseek-r1", "--no-thinking", "--effort", "max"], {}),
        (["--model", "deepseek-v3", "--thinking"], {}),
        (
            ["--model", "deepseek-v4-flash-us", "--effort", "xhigh"],
            {"enable_thinking": True, "reasoning_effort": "max"},
        ),
    ],
)
def test_thinking_and_effort_are_sent_where_each_api_expects_them(fake, api, flags, expected):
    result = ask("--api", api, *flags, "hi", base_url=fake.base_url)

    assert result.status == 0, result.stderr
    sent = fake.requests[-1]
    assert _sent_options(sent) == expected
    other = sent.body if api == "dashscope" else sent.body.get("parameters", {})
    assert "enable_thinking" not in other  # never in the other API's place
    assert "reasoning_effort" not in other


def test_a_flag_the_model_ignores_is_explained(fake):
    result = ask(
        "--model", "deepseek-r1", "--no-thinking", "--effort", "max", "hi", base_url=fake.base_url
    )
    assert result.status == 0, result.stderr
    assert "deepseek-r1 always thinks" in result.stderr
    assert "does not take a reasoning effort" in result.stderr
    assert "delisted" in result.stderr and "qwen3.7-max" in result.stderr


EFFORT_OFF_NOTE = "--effort has no effect with thinking off; it is not sent."


@pytest.mark.parametrize("api", APIS)
def test_effort_with_thinking_switched_off_is_not_sent_and_the_user_is_told(fake, api):
    fake.enqueue(answer_only("Quick answer."))
    result = ask("--api", api, "--no-thinking", "--effort", "max", "hi", base_url=fake.base_url)

    assert result.status == 0, result.stderr
    assert result.stdout == "Quick answer.\n"
    assert f"seekdesk ask: note: {EFFORT_OFF_NOTE}" in result.stderr
    assert _sent_options(fake.requests[-1]) == {"enable_thinking": False}
    assert b"reasoning_effort" not in fake.requests[-1].raw


def test_effort_with_thinking_on_is_sent_without_a_note(fake):
    result = ask("--thinking", "--effort", "max", "hi", base_url=fake.base_url)

    assert result.status == 0, result.stderr
    assert "note:" not in result.stderr
    assert fake.requests[-1].body["reasoning_effort"] == "max"


def test_effort_for_a_model_not_in_the_catalog_is_not_sent_and_the_user_is_told(fake):
    result = ask("--model", "qwen-next-preview", "--effort", "max", "hi", base_url=fake.base_url)

    assert result.status == 0, result.stderr
    assert "qwen-next-preview is not in SeekDesk's catalog; --effort is not sent." in (
        result.stderr
    )
    assert b"reasoning_effort" not in fake.requests[-1].raw


def test_a_model_name_not_in_the_catalog_is_sent_as_given(fake):
    result = ask("--model", "qwen-next-preview", "hi", base_url=fake.base_url)

    assert result.status == 0, result.stderr
    body = fake.requests[-1].body
    assert body["model"] == "qwen-next-preview"
    assert "enable_thinking" not in body  # not known to take it, and not asked for
    assert "reasoning_effort" not in body


def test_only_the_question_is_sent_never_any_reasoning(fake):
    fake.enqueue(thinking_answer("Secret reasoning.", "Answer."))
    result = ask("--json", "hi", base_url=fake.base_url)

    assert result.status == 0
    assert fake.requests[-1].body["messages"] == [{"role": "user", "content": "hi"}]
    assert b"reasoning_content" not in fake.requests[-1].raw


@pytest.mark.parametrize("api", APIS)
def test_dry_run_prints_the_request_with_the_key_redacted_and_sends_nothing(fake, api):
    result = ask("--dry-run", "--api", api, "--effort", "max", "hello", base_url=fake.base_url)

    assert result.status == 0, result.stderr
    assert fake.requests == []
    shown = json.loads(result.stdout)
    assert list(shown) == ["method", "url", "headers", "body"]
    assert shown["method"] == "POST"
    path = NATIVE_PATH if api == "dashscope" else OPENAI_PATH
    assert shown["url"] == fake.base_url + path
    assert shown["headers"]["Authorization"] == "Bearer ***"
    assert shown["headers"]["Content-Type"] == "application/json"
    if api == "dashscope":
        assert shown["headers"]["X-DashScope-SSE"] == "enable"
        assert shown["body"]["parameters"]["reasoning_effort"] == "max"
        assert shown["body"]["input"]["messages"] == [{"role": "user", "content": "hello"}]
    else:
        assert shown["body"]["reasoning_effort"] == "max"
        assert shown["body"]["messages"] == [{"role": "user", "content": "hello"}]


# --- failures ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("api", "code"), [("openai", "invalid_api_key"), ("dashscope", "InvalidApiKey")]
)
def test_a_refused_key_exits_1_with_the_invalid_key_hint(api, code):
    with FakeServer(expected_key="sk-the-right-key-0000") as fake:
        plain = ask("--api", api, "hi", base_url=fake.base_url)
        as_json = ask("--json", "--api", api, "hi", base_url=fake.base_url)
        assert len(fake.requests) == 2  # a 401 is never retried

    assert plain.status == 1
    assert plain.stdout == ""
    assert "works only in the region that issued it" in plain.stderr
    assert f"HTTP 401, code {code}" in plain.stderr
    assert "DASHSCOPE_API_KEY" in plain.stderr

    assert as_json.status == 1
    (failure,) = as_json.json_lines()
    assert list(failure) == ["type", "kind", "status", "code", "message", "hint", "request_id"]
    assert failure["type"] == "error"
    assert failure["kind"] == "invalid_key"
    assert failure["status"] == 401
    assert failure["code"] == code
    assert failure["message"].startswith(("Incorrect API key", "Invalid API-key"))
    assert failure["hint"] == HINTS[ErrorKind.INVALID_KEY]
    assert re.fullmatch(r"[0-9a-f-]{36}", failure["request_id"])


@pytest.mark.parametrize(("api", "status"), [("openai", None), ("dashscope", 400)])
def test_an_error_mid_answer_keeps_the_partial_answer_and_exits_1(fake, api, status):
    message = "Output data may contain inappropriate content."
    fake.enqueue(midstream_error("DataInspectionFailed", message, after_answer="The first part"))
    fake.enqueue(midstream_error("DataInspectionFailed", message, after_answer="The first part"))
    plain = ask("--api", api, "hi", base_url=fake.base_url)
    as_json = ask("--json", "--api", api, "hi", base_url=fake.base_url)
    assert len(fake.requests) == 2  # text had arrived: never retried

    assert plain.status == 1
    assert plain.stdout == "The first part\n"
    assert "incomplete" in plain.stderr
    assert message in plain.stderr
    assert HINTS[ErrorKind.CONTENT_FILTERED] in plain.stderr

    assert as_json.status == 1
    lines = as_json.json_lines()
    assert "".join(x["text"] for x in lines if x["type"] == "answer") == "The first part"
    failure = lines[-1]
    assert failure["type"] == "error"
    assert failure["kind"] == "content_filtered"
    # The HTTP_STATUS line's number in the native frame; the compatible frame has none.
    assert failure["status"] == status
    assert failure["code"] == "DataInspectionFailed"
    assert failure["message"] == message
    assert failure["hint"] == HINTS[ErrorKind.CONTENT_FILTERED]


@pytest.mark.parametrize("api", APIS)
@pytest.mark.parametrize("scenario", [dropped, truncated])
def test_a_stream_that_stops_before_its_end_exits_1_keeping_the_text(fake, api, scenario):
    fake.enqueue(scenario("Half an ans", thinking="Some thought."))
    result = ask("--json", "--api", api, "hi", base_url=fake.base_url)

    assert result.status == 1
    lines = result.json_lines()
    assert "".join(x["text"] for x in lines if x["type"] == "answer") == "Half an ans"
    failure = lines[-1]
    assert failure["type"] == "error"
    assert failure["kind"] == "connection_dropped"
    assert failure["code"] == "connection_dropped"  # SeekDesk's own code: the service gave none
    assert failure["hint"] == HINTS[ErrorKind.CONNECTION_DROPPED]
    assert len(fake.requests) == 1


def test_an_empty_200_is_a_malformed_stream(fake):
    fake.enqueue(empty_200())
    result = ask("--json", "hi", base_url=fake.base_url)

    assert result.status == 1
    (failure,) = result.json_lines()
    assert failure["kind"] == "malformed_stream"
    assert failure["hint"] == HINTS[ErrorKind.MALFORMED_STREAM]


def test_a_rate_limit_then_success_exits_0_after_saying_it_retries(fake):
    fake.enqueue(
        error(429, "Throttling.RateQuota", "Requests rate limit exceeded.", retry_after=1),
        answer_only("Finally."),
    )
    result = ask("--json", "hi", base_url=fake.base_url)

    assert result.status == 0, result.stderr
    assert len(fake.requests) == 2
    assert [x["type"] for x in result.json_lines()] == ["answer", "usage", "done"]
    assert "Requests rate limit exceeded." in result.stderr
    assert "retrying in 1.0 s" in result.stderr


def test_a_proxy_error_page_still_gives_a_clear_failure(fake):
    fake.enqueue(*(html(502) for _ in range(4)))
    result = ask("hi", base_url=fake.base_url)

    assert result.status == 1
    assert result.stdout == ""
    assert "HTTP 502" in result.stderr
    assert HINTS[ErrorKind.SERVER_ERROR] in result.stderr
    assert "<html>" not in result.stderr


def test_a_delisted_model_failure_names_the_replacement(fake):
    fake.enqueue(error(404, "ModelNotFound", "Model not found."))
    result = ask("--json", "--model", "deepseek-v3", "hi", base_url=fake.base_url)

    assert result.status == 1
    (failure,) = result.json_lines()
    assert failure["kind"] == "model_not_found"
    assert failure["status"] == 404
    assert "qwen3.7-plus" in failure["hint"]


def test_a_silent_server_times_out_after_the_read_timeout(fake):
    from tests.fakeserver import stall

    fake.enqueue(stall("Started ", 60))
    result = ask("--json", "--read-timeout", "1", "hi", base_url=fake.base_url)

    assert result.status == 1
    lines = result.json_lines()
    assert lines[0] == {"type": "answer", "text": "Started "}
    assert lines[-1]["kind"] == "timeout"
    assert "read timeout" in HINTS[ErrorKind.TIMEOUT]


# --- the prompt from stdin ----------------------------------------------------------------------


@pytest.mark.parametrize("args", [["-"], []])
def test_the_question_can_be_piped_in(fake, args):
    result = ask(*args, base_url=fake.base_url, stdin="Question from a pipe: ü\n".encode())

    assert result.status == 0, result.stderr
    assert fake.requests[-1].messages == [{"role": "user", "content": "Question from a pipe: ü"}]
    assert result.stdout == "You said: Question from a pipe: ü\n"


def test_an_argument_wins_over_piped_input(fake):
    result = ask("from the argument", base_url=fake.base_url, stdin=b"from stdin")

    assert result.status == 0, result.stderr
    assert fake.requests[-1].messages[0]["content"] == "from the argument"
