"""``seekdesk ask`` keeps every exchange in the local history, as a user sees it: the real command
against the fake Model Studio, then ``seekdesk history …`` to look at what was kept.

A conversation is continued with ``--continue ID`` (its earlier answers are sent, never their
thinking), ``--no-save`` leaves the history alone, failed and stopped replies are kept with
their partial text, and no export ever contains the key.
"""

from __future__ import annotations

import json
import re
import signal
import sqlite3
import subprocess

import pytest

from app.core.history.schema import SCHEMA_VERSION
from tests.cli.seekdesk_cli import (
    KEY,
    ROOT,
    TIMEOUT,
    Result,
    ask,
    child_env,
    command,
    read_until,
    seekdesk,
)
from tests.fakeserver import FakeServer, midstream_error, stall, thinking_answer

SAVED = re.compile(r"^Saved as conversation (\d+)(.*)\(seekdesk ask --continue \1\)\.$", re.M)


@pytest.fixture
def fake():
    with FakeServer() as server:
        yield server


def history(*args: str) -> Result:
    """Run ``seekdesk history ARGS`` (same data directory as the test) and return its output."""
    return seekdesk("history", *args)


def conversations() -> list[dict]:
    listed = history("list", "--json")
    assert listed.status == 0, listed.stderr
    return listed.json_lines()


def exported(conversation_id: int) -> dict:
    result = history("export", str(conversation_id), "--format", "json")
    assert result.status == 0, result.stderr
    assert KEY not in result.stdout
    (conversation,) = json.loads(result.stdout)["conversations"]
    return conversation


def saved_id(result: Result) -> int:
    found = SAVED.search(result.stderr)
    assert found, f"no 'Saved as conversation' line in {result.stderr!r}"
    return int(found.group(1))


def history_file(isolated_dirs):
    data, _ = isolated_dirs
    return data / "history.sqlite3"


# --- saving and continuing ----------------------------------------------------------------------


def test_two_turns_make_one_conversation_and_the_second_sends_the_first_answer_only(fake):
    fake.enqueue(
        thinking_answer("The secret chain of thought.", "Paris is the capital of France."),
        thinking_answer("More hidden reasoning.", "About 2.1 million people."),
    )
    first = ask("What is the capital of France?", base_url=fake.base_url)
    assert first.status == 0, first.stderr
    assert first.stdout == "Paris is the capital of France.\n"  # stdout is still the answer only
    conversation_id = saved_id(first)

    second = ask("--continue", str(conversation_id), "How many live there?", base_url=fake.base_url)
    assert second.status == 0, second.stderr
    assert saved_id(second) == conversation_id

    (listed,) = conversations()
    assert listed["id"] == conversation_id
    assert listed["title"] == "What is the capital of France?"
    assert listed["messages"] == 4

    sent = fake.requests[-1]
    assert [(m["role"], m["content"]) for m in sent.messages] == [
        ("user", "What is the capital of France?"),
        ("assistant", "Paris is the capital of France."),
        ("user", "How many live there?"),
    ]
    assert "secret chain of thought" not in sent.raw.decode()

    messages = exported(conversation_id)["messages"]
    assert [(m["role"], m["status"]) for m in messages] == [
        ("user", "complete"),
        ("assistant", "complete"),
        ("user", "complete"),
        ("assistant", "complete"),
    ]
    assert messages[1]["thinking"] == "The secret chain of thought."  # kept, just never sent
    assert messages[3]["text"] == "About 2.1 million people."
    assert messages[3]["request_id"] and messages[3]["usage"]["output_tokens"] > 0


def test_json_mode_saves_too_and_prints_only_the_documented_shapes(fake):
    fake.enqueue(thinking_answer("Think.", "Answer.", chunk_size=100))
    result = ask("--json", "hi", base_url=fake.base_url)

    assert result.status == 0, result.stderr
    assert [line["type"] for line in result.json_lines()] == [
        "thinking",
        "answer",
        "usage",
        "done",
    ]
    assert list(result.json_lines()[-1]) == ["type", "finish_reason", "request_id"]
    assert "conversation" not in result.stdout + result.stderr
    (listed,) = conversations()  # where a script finds the id
    assert (listed["title"], listed["messages"]) == ("hi", 2)


def test_continuing_with_another_model_says_so_and_sends_what_the_flags_say(fake):
    first = ask("Hello", base_url=fake.base_url)
    conversation_id = saved_id(first)

    second = ask(
        "--continue", str(conversation_id), "--model", "qwen3-max", "Again", base_url=fake.base_url
    )
    assert second.status == 0, second.stderr
    assert f"conversation {conversation_id} used deepseek-v4-pro" in second.stderr
    assert "this turn uses qwen3-max" in second.stderr
    assert fake.requests[-1].body["model"] == "qwen3-max"
    assert [m["content"] for m in fake.requests[-1].messages] == [
        "Hello",
        "You said: Hello",
        "Again",
    ]
    models = [m["model"] for m in exported(conversation_id)["messages"] if m["role"] != "user"]
    assert models == ["deepseek-v4-pro", "qwen3-max"]


def test_continuing_an_unknown_conversation_is_a_usage_error_and_sends_nothing(fake):
    ask("Hello", base_url=fake.base_url)
    sent = len(fake.requests)

    result = ask("--continue", "4242", "Are you there?", base_url=fake.base_url)

    assert result.status == 2
    assert result.stdout == ""
    assert "There is no conversation 4242" in result.stderr
    assert "history list" in result.stderr
    assert len(fake.requests) == sent
    (listed,) = conversations()
    assert listed["messages"] == 2


def test_a_dry_run_of_a_continued_conversation_shows_its_turns_and_saves_nothing(fake):
    fake.enqueue(thinking_answer("hidden", "First answer."))
    conversation_id = saved_id(ask("First question", base_url=fake.base_url))

    result = ask("--continue", str(conversation_id), "--dry-run", "Next", base_url=fake.base_url)

    assert result.status == 0, result.stderr
    body = json.loads(result.stdout)["body"]
    assert [m["content"] for m in body["messages"]] == ["First question", "First answer.", "Next"]
    assert "hidden" not in result.stdout
    assert len(fake.requests) == 1
    (listed,) = conversations()
    assert listed["messages"] == 2


def test_no_save_and_continue_cannot_be_combined(fake):
    result = ask("--no-save", "--continue", "1", "hi", base_url=fake.base_url)
    assert result.status == 2
    assert "not allowed with" in result.stderr
    assert fake.requests == []


# --- not saving ---------------------------------------------------------------------------------


def test_no_save_writes_no_history_at_all(fake, isolated_dirs):
    result = ask("--no-save", "Keep this between us", base_url=fake.base_url)

    assert result.status == 0, result.stderr
    assert result.stdout == "You said: Keep this between us\n"
    assert "Saved as" not in result.stderr
    assert not history_file(isolated_dirs).exists()

    saved_id(ask("This one is kept", base_url=fake.base_url))
    assert ask("--no-save", "Not this one", base_url=fake.base_url).status == 0
    (listed,) = conversations()
    assert (listed["title"], listed["messages"]) == ("This one is kept", 2)
    assert history("search", "Not this one").stdout.startswith("Nothing found")


# --- replies that do not complete ---------------------------------------------------------------


def test_a_failed_reply_is_kept_with_its_partial_text_and_failure_and_no_export_has_the_key(
    fake, isolated_dirs
):
    fake.enqueue(
        midstream_error(
            "DataInspectionFailed",
            "Output data may contain inappropriate content.",
            after_answer="The first half of ",
        )
    )
    result = ask("Tell me a story", base_url=fake.base_url)

    assert result.status == 1
    assert result.stdout == "The first half of \n"
    conversation_id = saved_id(result)
    assert "the reply marked failed" in result.stderr

    user, reply = exported(conversation_id)["messages"]
    assert user["text"] == "Tell me a story"
    assert reply["status"] == "failed"
    assert reply["text"] == "The first half of "
    assert reply["failure"]["kind"] == "content_filtered"
    assert reply["failure"]["code"] == "DataInspectionFailed"

    shown = history("show", str(conversation_id))
    assert "(failed)" in shown.stdout and "The first half of" in shown.stdout
    for fmt in ("md", "json"):
        everything = history("export", "--all", "--format", fmt)
        assert everything.status == 0, everything.stderr
        assert "The first half of" in everything.stdout
        assert KEY not in everything.stdout and KEY[-12:] not in everything.stdout
    data, _ = isolated_dirs
    for path in data.rglob("*"):
        if path.is_file():
            assert KEY[-12:].encode() not in path.read_bytes(), path


def _read_until(proc: subprocess.Popen, wanted: bytes) -> bytes:
    """What the child printed on stdout, read until ``wanted`` has appeared."""
    return read_until(proc, lambda shown: wanted in shown)


def test_ctrl_c_keeps_the_partial_reply_as_stopped_and_exits_130(fake):
    partial = "The beginning of the answer"
    fake.enqueue(stall(partial, 120))
    proc = subprocess.Popen(
        command("Tell me everything"),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=child_env(base_url=fake.base_url),
    )
    try:
        shown = _read_until(proc, partial.encode())
        proc.send_signal(signal.SIGINT)
        rest, stderr_bytes = proc.communicate(timeout=TIMEOUT)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()

    stderr = stderr_bytes.decode()
    assert proc.returncode == 130, stderr
    assert (shown + rest).decode() == partial + "\n"
    assert "Interrupted." in stderr and "Traceback" not in stderr
    conversation_id = int(SAVED.search(stderr).group(1))
    assert "the reply marked stopped" in stderr

    _, reply = exported(conversation_id)["messages"]
    assert (reply["status"], reply["text"]) == ("stopped", partial)
    assert reply["failure"] is None


# --- a history that cannot be used as it is -----------------------------------------------------


def test_a_history_from_a_newer_seekdesk_is_not_written_and_no_save_still_works(
    fake, isolated_dirs
):
    saved_id(ask("Written by this version", base_url=fake.base_url))
    path = history_file(isolated_dirs)
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    sent = len(fake.requests)

    result = ask("Anything new?", base_url=fake.base_url)

    assert result.status == 2
    assert "newer version of SeekDesk" in result.stderr
    assert "--no-save" in result.stderr
    assert len(fake.requests) == sent  # nothing was sent
    assert path.read_bytes() == before

    unsaved = ask("--no-save", "Anything new?", base_url=fake.base_url)
    assert unsaved.status == 0, unsaved.stderr
    assert unsaved.stdout == "You said: Anything new?\n"
    assert path.read_bytes() == before


def test_a_damaged_history_is_moved_aside_the_user_is_told_and_the_answer_saved(
    fake, isolated_dirs
):
    path = history_file(isolated_dirs)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not a database, just some bytes " * 200)

    result = ask("Still there?", base_url=fake.base_url)

    assert result.status == 0, result.stderr
    assert result.stdout == "You said: Still there?\n"
    assert "damaged" in result.stderr and "history.sqlite3.corrupt-" in result.stderr
    moved = list(path.parent.glob("history.sqlite3.corrupt-*"))
    assert len(moved) == 1 and moved[0].read_bytes().startswith(b"this is not a database")
    (listed,) = conversations()
    assert listed["id"] == saved_id(result)
