"""System prompts and presets from the command line, against the fake Model Studio: what is
sent (the system prompt first, the preset's model and parameters), what is kept (the system
prompt with the conversation, for --continue and exports), and what is refused (a parameter
the model does not take, an unknown preset), with nothing sent."""

from __future__ import annotations

import json
import re

import pytest

from tests.cli.seekdesk_cli import ask, seekdesk
from tests.fakeserver import FakeServer, thinking_answer

SAVED = re.compile(r"^Saved as conversation (\d+)", re.M)


@pytest.fixture
def fake():
    with FakeServer() as server:
        yield server


def sent(fake) -> list[tuple[str, str]]:
    return [(m["role"], m["content"]) for m in fake.requests[-1].messages]


@pytest.mark.parametrize("api", ["openai", "dashscope"])
def test_a_system_prompt_is_sent_first_and_kept_for_continue(fake, api):
    fake.enqueue(thinking_answer("", "Ahoy."), thinking_answer("", "Aye."))
    first = ask("--api", api, "--system", "Talk like a pirate.", "Hello", base_url=fake.base_url)
    assert first.status == 0, first.stderr
    assert sent(fake) == [("system", "Talk like a pirate."), ("user", "Hello")]
    conversation_id = SAVED.search(first.stderr).group(1)

    ask("--api", api, "--continue", conversation_id, "Again", base_url=fake.base_url)
    assert sent(fake) == [
        ("system", "Talk like a pirate."),
        ("user", "Hello"),
        ("assistant", "Ahoy."),
        ("user", "Again"),
    ]
    exported = json.loads(seekdesk("history", "export", conversation_id, "--format", "json").stdout)
    assert exported["conversations"][0]["system_prompt"] == "Talk like a pirate."


def test_a_preset_gives_its_system_prompt_model_and_parameters_and_flags_win(fake):
    made = seekdesk(
        "preset", "set", "Pirate", "--system", "Talk like a pirate.",
        "--model", "deepseek-v3.2", "--no-thinking", "--temperature", "0.3",
    )  # fmt: skip
    assert made.status == 0, made.stderr
    fake.enqueue(thinking_answer("", "Ahoy."), thinking_answer("", "Ahoy again."))

    ask("--preset", "pirate", "Hello", base_url=fake.base_url)
    request = fake.requests[-1]
    assert request.body["model"] == "deepseek-v3.2"
    assert request.body["temperature"] == 0.3
    assert sent(fake)[0] == ("system", "Talk like a pirate.")

    ask("--preset", "Pirate", "--temperature", "0.9", "Hello", base_url=fake.base_url)
    assert fake.requests[-1].body["temperature"] == 0.9  # the flag wins


def test_the_default_preset_is_used_for_a_new_conversation(fake):
    seekdesk("preset", "set", "Terse", "--system", "Answer in one word.", "--default")
    listed = seekdesk("preset", "list")
    assert "Terse (default)" in listed.stdout
    fake.enqueue(thinking_answer("", "Yes."))
    ask("Is water wet?", base_url=fake.base_url)
    assert sent(fake)[0] == ("system", "Answer in one word.")


def test_a_parameter_the_model_does_not_take_is_refused_and_nothing_is_sent(fake):
    result = ask("--model", "deepseek-r1", "--temperature", "0.5", "hi", base_url=fake.base_url)
    assert result.status == 2
    assert "deepseek-r1 does not accept temperature" in result.stderr
    assert "Nothing was sent" in result.stderr
    assert fake.requests == []


def test_an_out_of_range_parameter_is_refused_in_a_preset_and_nothing_saved():
    result = seekdesk("preset", "set", "Hot", "--temperature", "7")
    assert result.status == 2
    assert "temperature must be between 0.0 and 2.0" in result.stderr
    assert "Nothing was saved" in result.stderr
    assert "Hot" not in seekdesk("preset", "list").stdout


def test_an_unknown_preset_is_a_usage_error(fake):
    result = ask("--preset", "Nobody", "hi", base_url=fake.base_url)
    assert result.status == 2 and "no preset named 'Nobody'" in result.stderr
    assert fake.requests == []


def test_show_and_delete_a_preset():
    seekdesk("preset", "set", "Pirate", "--system", "Arr.")
    shown = json.loads(seekdesk("preset", "show", "pirate").stdout)
    assert shown["system"] == "Arr." and shown["name"] == "Pirate"
    assert seekdesk("preset", "delete", "Pirate").status == 0
    assert seekdesk("preset", "show", "Pirate").status == 2


def test_dry_run_shows_the_system_prompt(fake):
    result = ask("--dry-run", "--system", "Be brief.", "hi", base_url=fake.base_url)
    messages = json.loads(result.stdout)["body"]["messages"]
    assert messages == [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "hi"},
    ]


def test_config_set_keeps_default_parameters_sent_only_to_models_that_take_them(fake):
    assert seekdesk("config", "set", "temperature", "0.4").status == 0
    refused = seekdesk("config", "set", "top-p", "3")
    assert refused.status == 2 and "top_p must be between 0.0 and 1.0" in refused.stderr

    fake.enqueue(thinking_answer("", "One."), thinking_answer("", "Two."))
    ask("--model", "deepseek-v3.2", "hi", base_url=fake.base_url)
    assert fake.requests[-1].body["temperature"] == 0.4
    ask("--model", "deepseek-r1", "hi", base_url=fake.base_url)  # takes no temperature
    assert "temperature" not in fake.requests[-1].body

    assert seekdesk("config", "set", "temperature", "default").status == 0
    assert '"temperature"' not in seekdesk("config", "show", "--json").stdout


def test_a_conversation_keeps_the_parameters_it_was_begun_with_for_continue(fake):
    fake.enqueue(thinking_answer("", "One."), thinking_answer("", "Two."), thinking_answer("", "3"))
    first = ask("--model", "deepseek-v3.2", "--temperature", "0.2", "hi", base_url=fake.base_url)
    conversation_id = SAVED.search(first.stderr).group(1)
    ask("--model", "deepseek-v3.2", "--continue", conversation_id, "more", base_url=fake.base_url)
    assert fake.requests[-1].body["temperature"] == 0.2  # the conversation's own
    ask(
        "--model", "deepseek-v3.2", "--continue", conversation_id, "--temperature", "0.9", "x",
        base_url=fake.base_url,
    )  # fmt: skip
    assert fake.requests[-1].body["temperature"] == 0.9  # a flag wins


def test_history_show_prints_the_system_prompt(fake):
    fake.enqueue(thinking_answer("", "Ahoy."))
    first = ask("--system", "Talk like a pirate.\nAlways.", "Hello", base_url=fake.base_url)
    shown = seekdesk("history", "show", SAVED.search(first.stderr).group(1))
    assert "**System prompt**\n\n> Talk like a pirate.\n> Always." in shown.stdout


def test_usage_by_preset_counts_the_replies_asked_with_a_preset(fake):
    assert seekdesk("preset", "set", "Pirate", "--system", "Talk like a pirate.").status == 0
    fake.enqueue(thinking_answer("", "Ahoy."), thinking_answer("", "Hello."))
    assert ask("--preset", "Pirate", "Hello", base_url=fake.base_url).status == 0
    assert ask("Hello", base_url=fake.base_url).status == 0

    report = json.loads(seekdesk("usage", "--by", "preset", "--json").stdout)
    assert {row["key"]: row["requests"] for row in report["rows"]} == {"Pirate": 1, "": 1}
    table = seekdesk("usage", "--by", "preset").stdout
    assert "Pirate" in table and "(no preset)" in table
