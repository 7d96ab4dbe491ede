"""``seekdesk ask`` says how a reply ended (on stderr, as the window does under the reply) and
``--continue`` sends what the window would: the real command against the fake Model Studio."""

from __future__ import annotations

import json
import re

import pytest

from tests.cli.seekdesk_cli import Result, ask
from tests.fakeserver import FakeServer, error, thinking_answer

SAVED = re.compile(r"^Saved as conversation (\d+)", re.M)


@pytest.fixture
def fake():
    with FakeServer() as server:
        yield server


def saved_id(result: Result) -> int:
    found = SAVED.search(result.stderr)
    assert found, result.stderr
    return int(found.group(1))


def test_a_reply_with_no_answer_text_is_named_with_its_token_counts(fake):
    fake.enqueue(thinking_answer("I thought hard about it", ""))
    result = ask("Say nothing", base_url=fake.base_url)

    assert result.status == 0
    assert result.stdout.strip() == ""
    assert "The model returned no answer text (" in result.stderr
    assert "output tokens" in result.stderr and "of them thinking" in result.stderr


@pytest.mark.parametrize(
    ("reason", "said"),
    [
        ("content_filter", "content filter"),
        ("tool_calls", "asked to call a tool"),
        ("something_new", "finish reason “something_new”"),
    ],
)
def test_other_finish_reasons_are_named(fake, reason, said):
    fake.enqueue(thinking_answer("", "Partly", finish_reason=reason))
    result = ask("hi", base_url=fake.base_url)
    assert result.status == 0
    assert said in result.stderr


def test_a_normal_reply_says_nothing_about_its_ending(fake):
    fake.enqueue(thinking_answer("", "Fine."))
    result = ask("hi", base_url=fake.base_url)
    assert "finish reason" not in result.stderr and "Cut off" not in result.stderr


def test_length_cut_offers_continue_and_continue_sends_the_cut_text(fake):
    fake.enqueue(thinking_answer("", "Once upon a", finish_reason="length"))
    first = ask("Tell a story", base_url=fake.base_url)
    assert "Cut off at the length limit" in first.stderr
    assert '"continue"' in first.stderr
    conversation_id = saved_id(first)

    fake.enqueue(thinking_answer("", "time."))
    ask("--continue", str(conversation_id), "continue", base_url=fake.base_url)

    assert [m["content"] for m in fake.requests[-1].messages] == [
        "Tell a story",
        "Once upon a",
        "continue",
    ]


def test_continue_and_dry_run_leave_out_an_exchange_whose_reply_has_no_text(fake):
    fake.enqueue(thinking_answer("", "Hello!"))
    conversation_id = saved_id(ask("Hi", base_url=fake.base_url))
    fake.enqueue(error(401, "InvalidApiKey", "Invalid API-key provided."))
    failed = ask("--continue", str(conversation_id), "Are you there?", base_url=fake.base_url)
    assert failed.status == 1

    dry = ask("--continue", str(conversation_id), "--dry-run", "Next", base_url=fake.base_url)
    shown = [m["content"] for m in json.loads(dry.stdout)["body"]["messages"]]
    assert shown == ["Hi", "Hello!", "Next"]

    fake.enqueue(thinking_answer("", "Here."))
    ask("--continue", str(conversation_id), "Next", base_url=fake.base_url)
    assert [m["content"] for m in fake.requests[-1].messages] == shown
