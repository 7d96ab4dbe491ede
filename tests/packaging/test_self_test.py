"""``seekdesk --self-test``: a packager checks an installation in one command.

Each story runs the real program in a child process with no display: it opens the real window
offscreen, sends through the real client to the fake Model Studio (or its own built-in
endpoint), and reports each step. The user's own key, history and settings stay untouched.
"""

from __future__ import annotations

import pytest

from app.core.history import HistoryStore
from tests import fakeserver as fs
from tests.fakeserver import FakeServer
from tests.packaging.program import headless_env, run

USER_KEY = "sk-users-own-real-key-0123456789"


def user_env(**extra: str):
    """The environment of a user who has a key and a history of their own."""
    return headless_env(DASHSCOPE_API_KEY=USER_KEY, **extra)


def assert_user_data_untouched(isolated_dirs) -> None:
    data, config = isolated_dirs
    for directory in (data, config):
        assert not directory.exists() or not any(directory.iterdir()), directory


def test_the_self_test_passes_against_an_endpoint_and_says_each_step(isolated_dirs):
    with FakeServer() as fake:
        result = run("--self-test", "--base-url", fake.base_url, env=user_env())
        requests = list(fake.requests)
    assert result.returncode == 0, result.stderr
    assert "self-test passed" in result.stdout
    for step in ("window", "request", "answer", "saved"):
        assert f"self-test: {step}: ok" in result.stderr
    assert "offscreen" in result.stderr  # no display here: the window went offscreen
    # One message went out, with the self-test's dummy key, never the user's.
    assert len(requests) == 1
    sent = requests[0].headers["authorization"]
    assert USER_KEY not in sent and "self-test" in sent
    assert "SeekDesk self-test" in requests[0].messages[-1]["content"]
    assert_user_data_untouched(isolated_dirs)


def test_without_a_url_the_built_in_loopback_endpoint_answers(isolated_dirs):
    result = run("--self-test", env=user_env())
    assert result.returncode == 0, result.stderr
    assert "self-test: saved: ok" in result.stderr
    assert_user_data_untouched(isolated_dirs)


def test_a_refused_key_fails_at_the_request_step_naming_the_401(isolated_dirs):
    with FakeServer(expected_key="sk-some-other-key-000000000000") as fake:
        result = run("--self-test", "--base-url", fake.base_url, env=user_env())
    assert result.returncode == 1
    assert "FAILED at step 'request'" in result.stderr
    assert "401" in result.stderr and "invalid_key" in result.stderr
    assert "Traceback" not in result.stderr
    assert_user_data_untouched(isolated_dirs)


def test_an_endpoint_that_goes_silent_fails_at_the_answer_step_as_a_timeout(isolated_dirs):
    with FakeServer() as fake:
        fake.enqueue(fs.stall("Hal", seconds=60))
        result = run("--self-test", "--base-url", fake.base_url, "--timeout", "4",
                     env=user_env())
    assert result.returncode == 1
    assert "FAILED at step 'answer'" in result.stderr
    assert "timeout" in result.stderr


def test_nothing_listening_fails_at_the_request_step(isolated_dirs):
    with FakeServer() as fake:
        url = fake.base_url  # a port that was just free; closed again below
    result = run("--self-test", "--base-url", url, "--timeout", "30", env=user_env())
    assert result.returncode == 1
    assert "FAILED at step 'request'" in result.stderr


@pytest.mark.parametrize("url", ["http://example.com", "ftp://127.0.0.1/", "not a url"])
def test_a_base_url_that_would_leak_the_key_or_is_no_url_is_refused(url, isolated_dirs):
    result = run("--self-test", "--base-url", url, env=user_env())
    assert result.returncode == 2
    assert "Base URL" in result.stderr
    assert_user_data_untouched(isolated_dirs)


def test_the_saved_check_reads_what_the_window_wrote(tmp_path, monkeypatch):
    """The 'saved' step opens the history from disk, as the next start would: a reply that
    is missing or differs is named, not waved through."""
    from app import selftest

    monkeypatch.setenv("SEEKDESK_DATA_DIR", str(tmp_path / "h"))
    store = HistoryStore.open()
    conversation = store.create_conversation("t", model="m", region="cn-beijing", api="openai")
    store.add_user_message(conversation.id, selftest.PROMPT)
    store.close()
    failed = selftest.check_saved(selftest.Shown(message_id=999, answer="x"))
    assert failed == selftest.StepFailed("saved", "the reply is not in the history")
