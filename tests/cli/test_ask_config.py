"""``seekdesk ask`` settles what to send before sending anything: flags over saved settings over
defaults, regions by id or city, and every bad configuration is exit 2 with a sentence saying
what to fix, while the (fake) service receives nothing."""

from __future__ import annotations

import json

import pytest

from app.core import settings
from tests.cli.seekdesk_cli import ask
from tests.fakeserver import NATIVE_PATH, OPENAI_PATH, FakeServer, stall

WS = "ws-756pfhanyfvqhdkw"


@pytest.fixture
def fake():
    with FakeServer() as server:
        yield server


def _save(**values) -> None:
    saved = settings.Settings()
    for name, value in values.items():
        saved = saved.with_value(name, value)
    settings.save_settings(saved)


def _dry_run(*args: str) -> dict:
    result = ask("--dry-run", "--json", *args, "hi")
    assert result.status == 0, result.stderr
    return json.loads(result.stdout)


# --- exit 2: nothing is sent ------------------------------------------------------------------


def test_without_a_key_nothing_is_sent_and_the_user_is_told_how_to_set_one(fake):
    result = ask("hi", base_url=fake.base_url, key=None)

    assert result.status == 2
    assert result.stdout == ""
    assert "DASHSCOPE_API_KEY" in result.stderr
    assert "seekdesk key set" in result.stderr
    assert "Nothing was sent" in result.stderr
    assert fake.requests == []


def test_a_dry_run_without_a_key_is_the_same_configuration_error(fake):
    result = ask("--dry-run", "hi", base_url=fake.base_url, key=None)
    assert result.status == 2
    assert result.stdout == ""


def test_a_key_that_cannot_be_a_key_is_refused_without_echoing_it(fake):
    result = ask("hi", base_url=fake.base_url, key="sk-one sk-two")
    assert result.status == 2
    assert "sk-one" not in result.stderr
    assert fake.requests == []


@pytest.mark.parametrize(
    ("region", "name"),
    [
        ("ap-southeast-1", "Singapore"),
        ("singapore", "Singapore"),
        ("frankfurt", "Germany (Frankfurt)"),
        ("Tokyo", "Japan (Tokyo)"),
    ],
)
def test_a_region_that_needs_a_workspace_and_has_none_is_a_usage_error(region, name):
    result = ask("--region", region, "hi")

    assert result.status == 2
    assert f"{name} needs a workspace ID" in result.stderr
    assert "--workspace" in result.stderr


@pytest.mark.parametrize(
    "workspace",
    [
        "ws.evil.com",
        "evil.com/x",
        "ws:443",
        "me@evil.com",
        "ws#x",
        "ws?x",
        "ws%2e",
        "ws 1",
        "wś-1",
        "",
        "a" * 64,
    ],
)
def test_a_hostile_workspace_id_is_refused_before_any_url_exists(fake, workspace):
    result = ask("--region", "singapore", "--workspace", workspace, "hi", base_url=fake.base_url)

    assert result.status == 2
    assert "workspace" in result.stderr.lower()
    assert fake.requests == []


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com",
        "http://10.0.0.7:8080",
        "ftp://127.0.0.1",
        "https://u:p@example.com",
        "https://example.com/?x=1",
        "not a url",
    ],
)
def test_a_base_url_that_could_leak_the_key_is_refused(fake, url):
    by_flag = ask("--base-url", url, "hi")
    by_env = ask("hi", base_url=url)

    assert by_flag.status == 2
    assert "--base-url" in by_flag.stderr
    assert by_env.status == 2
    assert "SEEKDESK_BASE_URL" in by_env.stderr


@pytest.mark.parametrize(
    ("args", "stdin", "says"),
    [
        ([""], b"", "empty"),
        (["   \n "], b"", "empty"),
        (["-"], b"", "empty"),
        ([], b"  \n", "empty"),
        (["-"], b"\xff\xfe not utf-8", "UTF-8"),
    ],
)
def test_an_empty_or_unreadable_question_is_a_usage_error(fake, args, stdin, says):
    result = ask(*args, base_url=fake.base_url, stdin=stdin)

    assert result.status == 2
    assert says in result.stderr
    assert fake.requests == []


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--api", "grpc"], "invalid choice"),
        (["--effort", "extreme"], "invalid choice"),
        (["--read-timeout", "0"], "positive"),
        (["--read-timeout", "soon"], "seconds"),
        (["--region", "hongkong"], "Choose one of: cn-beijing"),
        (["--model", "two words"], "not a model name"),
        (["--base-url", ""], "empty"),
    ],
)
def test_bad_flags_are_usage_errors(fake, args, says):
    result = ask(*args, "hi", base_url=fake.base_url)

    assert result.status == 2
    assert says in result.stderr
    assert fake.requests == []


# --- flags > saved settings > defaults ----------------------------------------------------------


def test_without_flags_or_settings_the_defaults_are_beijing_openai_v4_pro_thinking():
    shown = _dry_run()
    assert shown["url"] == "https://dashscope.aliyuncs.com" + OPENAI_PATH
    assert shown["body"]["model"] == "deepseek-v4-pro"
    assert shown["body"]["enable_thinking"] is True


def test_saved_settings_are_used_when_flags_are_left_out(fake):
    _save(api="dashscope", model="deepseek-v4-flash", thinking=False, effort="max")
    result = ask("hi", base_url=fake.base_url)

    assert result.status == 0, result.stderr
    sent = fake.requests[-1]
    assert sent.path == NATIVE_PATH
    assert sent.body["model"] == "deepseek-v4-flash"
    assert sent.body["parameters"]["enable_thinking"] is False
    assert "reasoning_effort" not in sent.body["parameters"]  # it goes with thinking


def test_effort_asked_for_while_the_saved_settings_switch_thinking_off_is_noted_not_sent(fake):
    _save(thinking=False)
    result = ask("--api", "dashscope", "--effort", "max", "hi", base_url=fake.base_url)

    assert result.status == 0, result.stderr
    assert "--effort has no effect with thinking off; it is not sent." in result.stderr
    parameters = fake.requests[-1].body["parameters"]
    assert parameters["enable_thinking"] is False
    assert "reasoning_effort" not in parameters


def test_the_saved_effort_is_used_when_thinking(fake):
    _save(effort="max")
    assert ask("--api", "dashscope", "hi", base_url=fake.base_url).status == 0
    assert fake.requests[-1].body["parameters"]["reasoning_effort"] == "max"


def test_flags_win_over_saved_settings(fake):
    _save(api="dashscope", model="deepseek-v4-flash", thinking=False, effort="max")
    result = ask(
        "--api",
        "openai",
        "--model",
        "deepseek-v4-pro",
        "--thinking",
        "--effort",
        "high",
        "hi",
        base_url=fake.base_url,
    )

    assert result.status == 0, result.stderr
    sent = fake.requests[-1]
    assert sent.path == OPENAI_PATH
    assert sent.body["model"] == "deepseek-v4-pro"
    assert sent.body["enable_thinking"] is True
    assert sent.body["reasoning_effort"] == "high"


def test_saved_parameters_are_sent_only_to_models_that_accept_them(fake):
    saved = settings.Settings().with_value(
        "parameters", {"temperature": 0.3, "top_p": 0.8, "presence_penalty": 0.5}
    )
    settings.save_settings(saved)
    assert ask("hi", base_url=fake.base_url).status == 0
    assert ask("--model", "deepseek-r1", "hi", base_url=fake.base_url).status == 0

    v4, r1 = (r.body for r in fake.requests)
    assert (v4["temperature"], v4["top_p"]) == (0.3, 0.8)
    assert "presence_penalty" not in v4  # a hyphen in the seed's table
    assert not {"temperature", "top_p", "presence_penalty"} & set(r1)


def test_a_saved_workspace_is_used_in_its_own_region():
    _save(region="singapore", workspace=WS)
    shown = _dry_run()
    assert shown["url"] == f"https://{WS}.ap-southeast-1.maas.aliyuncs.com" + OPENAI_PATH


def test_a_saved_workspace_is_not_carried_into_another_region():
    _save(region="singapore", workspace=WS)
    result = ask("--region", "frankfurt", "hi")

    assert result.status == 2
    assert "Germany (Frankfurt) needs a workspace ID" in result.stderr
    assert "belongs to ap-southeast-1" in result.stderr


@pytest.mark.parametrize(
    ("region", "host"),
    [
        ("cn-beijing", "dashscope.aliyuncs.com"),
        ("beijing", "dashscope.aliyuncs.com"),
        ("virginia", "dashscope-us.aliyuncs.com"),
        ("us-east-1", "dashscope-us.aliyuncs.com"),
    ],
)
@pytest.mark.parametrize(("api", "path"), [("openai", OPENAI_PATH), ("dashscope", NATIVE_PATH)])
def test_regions_without_workspace_hosts(region, host, api, path):
    assert _dry_run("--region", region, "--api", api)["url"] == f"https://{host}{path}"


@pytest.mark.parametrize(
    ("region", "region_id"),
    [
        ("singapore", "ap-southeast-1"),
        ("frankfurt", "eu-central-1"),
        ("tokyo", "ap-northeast-1"),
        ("beijing", "cn-beijing"),
    ],
)
@pytest.mark.parametrize(("api", "path"), [("openai", OPENAI_PATH), ("dashscope", NATIVE_PATH)])
def test_workspace_hosts_by_city_name(region, region_id, api, path):
    shown = _dry_run("--region", region, "--workspace", WS, "--api", api)
    assert shown["url"] == f"https://{WS}.{region_id}.maas.aliyuncs.com{path}"


def test_an_unusual_workspace_id_is_used_with_a_warning():
    result = ask("--dry-run", "--region", "tokyo", "--workspace", "myteam", "hi")
    assert result.status == 0
    assert "does not look like a workspace ID" in result.stderr
    assert "https://myteam.ap-northeast-1.maas.aliyuncs.com" in result.stdout


def test_a_base_url_with_a_path_prefix_gets_the_api_path_appended(fake):
    result = ask("--base-url", fake.base_url + "/gateway/", "--api", "dashscope", "hi")

    assert result.status == 0, result.stderr
    assert fake.requests[-1].path == "/gateway" + NATIVE_PATH


def test_the_base_url_flag_wins_over_the_environment(fake):
    with FakeServer() as other:
        result = ask("--base-url", fake.base_url, "hi", base_url=other.base_url)
        assert other.requests == []
    assert result.status == 0, result.stderr
    assert len(fake.requests) == 1


def test_a_base_url_replaces_the_workspace_host(fake):
    result = ask("--region", "singapore", "hi", base_url=fake.base_url)
    assert result.status == 0, result.stderr
    assert fake.requests[-1].path == OPENAI_PATH


def test_an_unreadable_settings_file_is_reported_and_the_defaults_are_used(fake):
    settings.settings_path().write_text("{not json", encoding="utf-8")
    result = ask("hi", base_url=fake.base_url)

    assert result.status == 0, result.stderr
    assert "could not be read" in result.stderr
    assert fake.requests[-1].body["model"] == "deepseek-v4-pro"


def test_the_saved_read_timeout_is_used_when_the_flag_is_left_out(fake):
    _save(read_timeout=10)  # the smallest a setting allows
    fake.enqueue(stall("Started ", 120))
    result = ask("--json", "hi", base_url=fake.base_url)

    assert result.status == 1
    assert result.json_lines()[-1]["kind"] == "timeout"


def test_a_workspace_in_virginia_is_not_used_and_the_user_is_told():
    result = ask("--dry-run", "--region", "virginia", "--workspace", WS, "hi")
    assert result.status == 0
    assert "no workspace host" in result.stderr
    assert json.loads(result.stdout)["url"] == "https://dashscope-us.aliyuncs.com" + OPENAI_PATH
