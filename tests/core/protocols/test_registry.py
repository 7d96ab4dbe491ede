"""The API dialects are a registry: a newcomer who writes a third dialect registers it once and
finds it offered by settings, the endpoints, the client and ``seekdesk ask --api``."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from app.cli import build_parser
from app.core import protocols
from app.core.client import prepare_request
from app.core.events import AnswerDelta, Event
from app.core.protocols.shared import StreamParser, delta_text, messages
from app.core.regions import ConfigError, resolve_endpoint
from app.core.request import ChatRequest, Turn
from app.core.settings import Settings, load_settings, save_settings
from app.core.sse import SseEvent


class ToyParser(StreamParser):
    """A toy stream: ``{"say": "..."}`` frames, then ``{"end": true}``."""

    def _on_chunk(self, obj: Mapping[str, Any]) -> list[Event]:
        events: list[Event] = []
        if text := delta_text(obj.get("say")):
            events.append(AnswerDelta(text))
        if obj.get("end"):
            self._note_finish("stop")
            events.extend(self._finish())
        return events


def toy_body(request: ChatRequest) -> dict[str, Any]:
    rules = request.rules()
    return {"talk_to": request.model, "lines": messages(request), "think": rules.enable_thinking}


TOY = protocols.Dialect(
    name="toy",
    label="Toy API",
    summary="a toy API registered by a test",
    path="/toy/v1/talk",
    headers={"X-Toy": "yes"},
    build_body=toy_body,
    parser=ToyParser,
)


@pytest.fixture
def toy() -> Iterator[protocols.Dialect]:
    protocols.register(TOY)
    try:
        yield TOY
    finally:
        protocols.unregister(TOY.name)


def test_the_two_built_in_dialects_are_registered_the_default_first():
    assert protocols.names()[:2] == ("openai", "dashscope")
    assert protocols.default().name == "openai"
    assert Settings().api == "openai"


def test_names_and_labels_are_known_before_a_dialect_module_loads():
    """The window's welcome line and settings validation need no parser (issue #9): a fresh
    process shows the labels and checks an API name without importing any dialect module."""
    child = (
        "import sys; from app.core import protocols, setting_values; "
        "print(protocols.shown('DashScope').label, setting_values.check_api(' OpenAI '), "
        "protocols.default_name(), "
        "sorted(m for m in sys.modules if m.endswith(('.openai', '.dashscope', '.shared'))))"
    )
    done = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["DashScope", "native", "openai", "openai", "[]"]
    assert protocols.shown("openai").label == protocols.get("openai").label  # once written


def test_an_unknown_api_is_refused_naming_the_registered_ones():
    with pytest.raises(protocols.UnknownDialect, match="use openai or dashscope"):
        protocols.get("grpc")
    with pytest.raises(ValueError, match="use openai or dashscope"):
        Settings().with_value("api", "grpc")
    with pytest.raises(ConfigError):
        resolve_endpoint("cn-beijing", "grpc")


def test_a_name_cannot_be_registered_twice():
    with pytest.raises(ValueError, match="already registered"):
        protocols.register(protocols.get("openai"))


def test_a_registered_dialect_is_a_valid_setting_and_survives_a_save(toy):
    saved = Settings().with_value("api", "TOY")
    assert saved.api == "toy"
    save_settings(saved)
    assert load_settings().settings.api == "toy"


def test_unknown_api_messages_list_a_registered_dialect(toy):
    with pytest.raises(ValueError, match="openai, dashscope or toy"):
        Settings().with_value("api", "grpc")


def test_the_command_line_offers_a_registered_dialect(toy, capsys):
    args = build_parser().parse_args(["ask", "--api", "toy", "hi"])
    assert args.api == "toy"
    with pytest.raises(SystemExit):
        build_parser().parse_args(["ask", "--help"])
    assert "toy: a toy API registered by a test" in " ".join(capsys.readouterr().out.split())


def test_requests_go_to_the_dialects_path_with_its_headers_and_body(toy):
    endpoint = resolve_endpoint("cn-beijing", "toy")
    assert endpoint.url == "https://dashscope.aliyuncs.com/toy/v1/talk"
    request = ChatRequest("deepseek-v4-pro", (Turn("user", "hi"),), thinking=False)
    prepared = prepare_request(request, endpoint, "sk-test-0000")
    assert prepared.headers["X-Toy"] == "yes"
    assert prepared.body == {
        "talk_to": "deepseek-v4-pro",
        "lines": [{"role": "user", "content": "hi"}],
        "think": False,
    }


def test_its_stream_is_read_by_its_parser(toy):
    parser = protocols.parser_for("toy", model="deepseek-v4-pro")
    events = parser.feed(SseEvent(data='{"say": "Hello"}'))
    events += parser.feed(SseEvent(data='{"end": true}'))
    assert events[0] == AnswerDelta("Hello")
    assert parser.done
