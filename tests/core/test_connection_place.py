"""A connection failure names the place it tried: the host, and for a workspace host the
workspace ID in it ("check the workspace ID"), since a mistyped ID is a host that is not there.
The sentence is a catalogue template with the host as a placeholder, so a translation names the
same place (the window translates; the CLI prints the English)."""

from __future__ import annotations

import asyncio
import socket

from app.core.client import ClientOptions, name_the_place, stream_chat
from app.core.errors import UNREACHABLE, UNREACHABLE_WORKSPACE, ErrorKind, make_failure
from app.core.events import Failure
from app.core.regions import Endpoint, workspace_of_host
from app.core.request import ChatRequest, Turn

FAST = ClientOptions(connect_timeout=5, read_timeout=5, backoff_base=0.01, backoff_max=0.02)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_refused_connection_names_the_host_it_tried():
    endpoint = Endpoint(f"http://127.0.0.1:{closed_port()}", "openai", "cn-beijing")
    request = ChatRequest("deepseek-v4-pro", (Turn("user", "Hi"),))

    async def run() -> list:
        return [e async for e in stream_chat(request, endpoint, "sk-test-0123456789",
                                             options=FAST)]  # fmt: skip

    events = asyncio.run(run())
    failure = events[-1]
    assert isinstance(failure, Failure)
    assert failure.kind is ErrorKind.NETWORK
    assert "127.0.0.1" in failure.message
    assert failure.hint.startswith("Could not reach 127.0.0.1.")
    assert "workspace" not in failure.hint


def test_a_workspace_host_is_named_with_its_workspace_id():
    host = "ws-typo1234.cn-beijing.maas.aliyuncs.com"
    assert workspace_of_host(host) == "ws-typo1234"
    assert workspace_of_host("dashscope.aliyuncs.com") is None
    assert workspace_of_host("ws-x.evil.maas.aliyuncs.com") is None  # not a region
    failure = name_the_place(make_failure(kind=ErrorKind.NETWORK), host)
    assert host in failure.hint and "Check the workspace ID “ws-typo1234”" in failure.hint
    assert failure.template == UNREACHABLE_WORKSPACE
    assert dict(failure.values) == {"host": host, "workspace": "ws-typo1234"}


def test_a_translation_of_the_sentence_names_the_same_place():
    failure = name_the_place(make_failure(kind=ErrorKind.NETWORK), "dashscope.aliyuncs.com")
    assert failure.template == UNREACHABLE
    catalogue = {UNREACHABLE: "无法连接 {host}。请检查网络连接或代理后重试。"}
    assert failure.sentence(lambda text: catalogue.get(text, text)) == (
        "无法连接 dashscope.aliyuncs.com。请检查网络连接或代理后重试。"
    )
    assert failure.sentence(lambda text: text) == failure.hint  # no catalogue: the English


def test_a_translation_that_lost_its_placeholder_falls_back_to_the_english():
    failure = name_the_place(make_failure(kind=ErrorKind.NETWORK), "127.0.0.1")
    broken = {UNREACHABLE: "无法连接 {主机}。"}
    assert failure.sentence(lambda text: broken.get(text, text)) == failure.hint
