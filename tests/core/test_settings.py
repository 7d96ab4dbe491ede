"""Settings: declared once, validated everywhere, written atomically, never holding the key."""

from __future__ import annotations

import json
from dataclasses import fields

import pytest

from app.core import settings
from app.core.regions import ConfigError
from app.core.settings import LoadedSettings, Settings, load_settings, save_settings


def test_a_first_start_has_defaults_and_no_notice(isolated_dirs):
    loaded = load_settings()
    assert loaded == LoadedSettings(Settings())
    assert settings.settings_path().parent == isolated_dirs[1]


def test_settings_survive_a_save_and_load():
    edited = (
        Settings()
        .with_value("region", "Singapore")
        .with_value("workspace", "ws-756pfhanyfvqhdkw")
        .with_value("api", "DashScope")
        .with_value("thinking", "off")
        .with_value("effort", "xhigh")
        .with_value("read_timeout", "600")
        .with_value("parameters", {"temperature": 0.7, "max_tokens": "512"})
        .with_value("ui", {"theme": "dark"})
    )
    save_settings(edited)
    loaded = load_settings()
    assert loaded.notice is None
    assert loaded.settings == edited
    assert edited.region == "ap-southeast-1"
    assert edited.api == "dashscope"
    assert edited.thinking is False
    assert edited.effort == "max"  # xhigh is what the service calls max
    assert edited.parameters == {"temperature": 0.7, "max_tokens": 512}


def test_the_key_is_not_a_setting():
    names = {f.name for f in fields(Settings)} | set(settings.SPEC_BY_NAME)
    assert not any("key" in name for name in names)
    with pytest.raises(ValueError, match="Unknown setting"):
        Settings().with_value("api_key", "sk-0123456789")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("region", "mars"),
        ("workspace", "ws-1.evil.example"),
        ("workspace", "token-plan"),
        ("workspace", None),
        ("api", "grpc"),
        ("model", "two words"),
        ("model", None),
        ("thinking", "maybe"),
        ("effort", "extreme"),
        ("read_timeout", "5"),
        ("read_timeout", "nan"),
        ("parameters", {"temperature": 9}),
        ("parameters", {"seed": 1}),
        ("parameters", []),
    ],
)
def test_invalid_values_are_refused(name, value):
    with pytest.raises((ValueError, TypeError)):
        Settings().with_value(name, value)


def test_a_cleared_workspace_is_empty():
    assert Settings(workspace="ws-756pfhanyfvqhdkw").with_value("workspace", "  ").workspace == ""


def test_a_broken_file_gives_defaults_and_a_notice_not_a_crash():
    path = settings.settings_path()
    path.write_text('{"region": "ap-southeast-1", ', encoding="utf-8")
    loaded = load_settings()
    assert loaded.settings == Settings()
    assert loaded.notice and "could not be read" in loaded.notice

    path.write_bytes(b"\xff\xfe not utf-8")
    assert load_settings().notice

    path.write_text("[1, 2, 3]", encoding="utf-8")
    loaded = load_settings()
    assert loaded.settings == Settings()
    assert "not a JSON object" in loaded.notice


def test_invalid_values_in_the_file_are_reset_one_by_one_with_a_notice():
    path = settings.settings_path()
    path.write_text(
        json.dumps(
            {
                "region": "eu-central-1",
                "workspace": "bad/host",
                "model": None,
                "effort": "max",
                "from_a_newer_version": True,
            }
        ),
        encoding="utf-8",
    )
    loaded = load_settings()
    assert loaded.settings.region == "eu-central-1"
    assert loaded.settings.effort == "max"
    assert loaded.settings.workspace == ""
    assert loaded.settings.model == Settings().model
    assert "workspace" in loaded.notice and "model" in loaded.notice
    assert "from_a_newer_version" not in loaded.notice


def test_saving_is_atomic_and_leaves_no_temporary_files(isolated_dirs):
    config = isolated_dirs[1]
    for region in ("singapore", "tokyo", "frankfurt"):
        save_settings(Settings().with_value("region", region))
    assert [p.name for p in config.iterdir()] == ["settings.json"]
    assert json.loads((config / "settings.json").read_text())["region"] == "eu-central-1"


def test_a_failed_save_leaves_no_half_written_or_temporary_file(tmp_path):
    target = tmp_path / "settings.json"
    target.mkdir()  # the final rename cannot replace a directory
    with pytest.raises(OSError):
        save_settings(Settings().with_value("region", "tokyo"), target)
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]
    assert target.is_dir() and not any(target.iterdir())


def test_region_names_and_aliases_are_accepted_and_unknown_ones_explain_the_choices():
    assert Settings().with_value("region", "Frankfurt").region == "eu-central-1"
    assert Settings().with_value("region", "us-east-1").region == "us-east-1"
    with pytest.raises(ConfigError, match="Choose one of"):
        Settings().with_value("region", "hong kong")


# --- declared once: the specs, the merge rule and the one writer derive from the fields ---------


def test_every_setting_is_declared_once_with_its_type_default_and_editors():
    assert [s.name for s in settings.SPECS] == [f.name for f in fields(Settings)]
    defaults = Settings()
    for spec in settings.SPECS:
        assert getattr(defaults, spec.name) == spec.default
        assert spec.edited_in <= set(settings.Editor)
    assert settings.SPEC_BY_NAME["thinking"].type is bool
    assert settings.SPEC_BY_NAME["api"].choices() == ("openai", "dashscope")
    assert [s.name for s in settings.specs_edited_in(settings.Editor.DIALOG)] == [
        "region",
        "workspace",
        "api",
        "theme",
    ]


def test_the_window_takes_what_the_dialog_edits_and_keeps_its_own_choices():
    window = Settings(model="qwen3.7-max", thinking=False, effort="max", ui={"zoom": 2})
    dialog = Settings(region="ap-southeast-1", workspace="ws-756pfhanyfvqhdkw", theme="dark")
    merged = settings.merge(window, dialog, settings.Editor.DIALOG)
    assert (merged.region, merged.workspace, merged.theme) == (
        "ap-southeast-1",
        dialog.workspace,
        "dark",
    )
    assert (merged.model, merged.thinking, merged.effort) == ("qwen3.7-max", False, "max")
    assert merged.ui == {"zoom": 2}


def test_a_save_of_some_settings_keeps_the_others_as_the_file_has_them():
    save_settings(Settings(model="qwen3.7-plus", thinking=False))
    stale = Settings()  # an editor that loaded the settings before the change above
    save_settings(stale.with_value("api", "dashscope"), only=["api"])
    loaded = load_settings().settings
    assert (loaded.api, loaded.model, loaded.thinking) == ("dashscope", "qwen3.7-plus", False)


@pytest.mark.parametrize(
    ("value", "theme"), [("dark", "dark"), ("light", "light"), ("x", "system")]
)
def test_the_theme_earlier_versions_documented_under_ui_is_honoured(value, theme):
    settings.settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings.settings_path().write_text(json.dumps({"ui": {"theme": value}}), encoding="utf-8")
    loaded = load_settings()
    assert loaded.settings.theme == theme and loaded.notice is None
    with pytest.raises(ValueError, match="system, light, dark"):
        Settings().with_value("theme", "sepia")
