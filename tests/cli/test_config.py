"""``seekdesk config show|set``: the real command, run as a user would."""

from __future__ import annotations

import json

from tests.keyring_support import run_cli


def _saved(isolated_dirs) -> dict:
    return json.loads((isolated_dirs[1] / "settings.json").read_text(encoding="utf-8"))


def test_help_lists_config_and_key():
    result = run_cli("--help")
    assert result.returncode == 0
    assert "config" in result.stdout and "key" in result.stdout


def test_show_prints_the_defaults_on_a_first_start():
    result = run_cli("config", "show")
    assert result.returncode == 0, result.stderr
    assert "region        cn-beijing" in result.stdout
    assert "api           openai" in result.stdout
    assert "thinking      on" in result.stdout


def test_a_user_moves_to_singapore_and_is_told_a_workspace_is_needed(isolated_dirs):
    result = run_cli("config", "set", "region", "Singapore")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "region = ap-southeast-1"
    assert "needs a workspace ID" in result.stderr

    result = run_cli("config", "set", "workspace", "ws-756pfhanyfvqhdkw")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert _saved(isolated_dirs)["workspace"] == "ws-756pfhanyfvqhdkw"

    shown = json.loads(run_cli("config", "show", "--json").stdout)
    assert shown["region"] == "ap-southeast-1"
    assert shown["workspace"] == "ws-756pfhanyfvqhdkw"


def test_a_workspace_id_that_could_redirect_the_key_is_refused_and_nothing_is_saved(
    isolated_dirs,
):
    run_cli("config", "set", "region", "frankfurt")
    before = _saved(isolated_dirs)
    for bad in ("evil.example.com", "ws-1/..", "user@host", "ws-x#frag", "ws-"):
        result = run_cli("config", "set", "workspace", bad)
        assert result.returncode == 2, bad
        assert "not a valid workspace ID" in result.stderr
    assert _saved(isolated_dirs) == before


def test_an_odd_looking_workspace_is_saved_with_a_warning(isolated_dirs):
    result = run_cli("config", "set", "workspace", "myworkspace")
    assert result.returncode == 0
    assert "does not look like a workspace ID" in result.stderr
    assert _saved(isolated_dirs)["workspace"] == "myworkspace"


def test_other_settings_are_validated_exactly_like_the_dialog(isolated_dirs):
    assert run_cli("config", "set", "api", "dashscope").returncode == 0
    assert run_cli("config", "set", "thinking", "off").stdout.strip() == "thinking = off"
    assert run_cli("config", "set", "effort", "xhigh").stdout.strip() == "effort = max"
    assert run_cli("config", "set", "model", "qwen3.7-plus").returncode == 0
    saved = _saved(isolated_dirs)
    assert (saved["api"], saved["thinking"], saved["effort"], saved["model"]) == (
        "dashscope",
        False,
        "max",
        "qwen3.7-plus",
    )
    for name, value in (("api", "soap"), ("thinking", "perhaps"), ("effort", "huge")):
        result = run_cli("config", "set", name, value)
        assert result.returncode == 2, (name, result.stderr)
        assert f"invalid {name}" in result.stderr


def test_unknown_or_structured_settings_are_a_usage_error():
    for name in ("colour", "parameters", "api_key"):
        result = run_cli("config", "set", name, "x")
        assert result.returncode == 2
        assert "settable: region, workspace, api" in result.stderr
    assert run_cli("config").returncode == 2  # no action


def test_a_broken_settings_file_gives_a_notice_not_a_traceback(isolated_dirs):
    config = isolated_dirs[1]
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text("{not json", encoding="utf-8")
    result = run_cli("config", "show")
    assert result.returncode == 0
    assert "using defaults" in result.stderr
    assert "Traceback" not in result.stderr
    # Setting a value writes a good file again.
    assert run_cli("config", "set", "region", "tokyo").returncode == 0
    assert "using defaults" not in run_cli("config", "show").stderr
    assert _saved(isolated_dirs)["region"] == "ap-northeast-1"
