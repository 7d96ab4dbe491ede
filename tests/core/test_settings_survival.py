"""A settings file a user (or a newer SeekDesk, or a bad disk) left behind never costs them
anything: SeekDesk starts with defaults and says why, the file stays as it is until the user
saves, then it is kept aside instead of overwritten; keys from a newer version survive a save."""

from __future__ import annotations

import json

import pytest

from app.core.settings import (
    MAX_SETTINGS_BYTES,
    Settings,
    load_settings,
    save_settings,
    settings_path,
)
from tests.core.fuzz.strategies import deep

BROKEN = [
    ("not-json", "{region: singapore"),
    ("deep", deep(50_000)),
    ("huge", json.dumps({"ui": {"notes": "x" * (MAX_SETTINGS_BYTES + 10)}})),
    ("wrong-types", json.dumps({"region": 42, "thinking": {"on": True}, "model": "qwen3-max"})),
]


@pytest.mark.parametrize(("kind", "text"), BROKEN, ids=[k for k, _ in BROKEN])
def test_a_broken_file_starts_with_defaults_and_is_kept_until_the_user_saves(
    isolated_dirs, kind, text
):
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    loaded = load_settings()
    assert loaded.notice and "settings.json.broken" in loaded.notice
    assert loaded.settings.region == Settings().region
    assert path.read_text(encoding="utf-8") == text  # loading wrote nothing

    save_settings(loaded.settings.with_value("region", "tokyo"))
    # The user's file is kept aside, byte for byte; the new one is clean.
    assert (path.parent / "settings.json.broken").read_text(encoding="utf-8") == text
    again = load_settings()
    assert again.notice is None and again.settings.region == "ap-northeast-1"


def test_keys_from_a_newer_version_survive_a_save(isolated_dirs):
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    newer = {"region": "singapore", "voice": {"enabled": True}, "shortcuts": ["ctrl+k"]}
    path.write_text(json.dumps(newer), encoding="utf-8")
    loaded = load_settings()
    assert loaded.notice is None
    save_settings(loaded.settings.with_value("model", "qwen3-max"))
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["voice"] == {"enabled": True} and saved["shortcuts"] == ["ctrl+k"]
    assert saved["model"] == "qwen3-max" and saved["region"] == "ap-southeast-1"
    assert not (path.parent / "settings.json.broken").exists()  # a good file is not set aside


def test_a_good_file_is_replaced_without_leaving_copies(isolated_dirs):
    save_settings(Settings().with_value("region", "tokyo"))
    save_settings(Settings().with_value("region", "frankfurt"))
    assert [p.name for p in settings_path().parent.iterdir()] == ["settings.json"]
