"""Whatever is in settings.json (a hand edit, a newer version's keys, garbage, a crafted file),
SeekDesk starts: the loader returns usable settings, with a notice when it had to drop
something, and never raises."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.settings import Settings, load_settings
from tests.core.fuzz.strategies import FUZZ, JSON_VALUES, deep, mutate, mutated_text

GOOD = {
    "region": "singapore",
    "workspace": "ws-abcdefghij012345",
    "api": "dashscope",
    "model": "deepseek-v4-pro",
    "thinking": True,
    "effort": "max",
    "read_timeout": 120,
    "parameters": {"temperature": 0.7, "top_p": 0.9},
    "ui": {"theme": "dark", "splitter": [200, 800]},
}


def load(tmp_path_factory, text: str | bytes):
    path = tmp_path_factory.mktemp("config") / "settings.json"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    loaded = load_settings(path)
    assert isinstance(loaded.settings, Settings)
    json.dumps(loaded.settings.to_json())  # what is loaded can be saved again
    return loaded


@FUZZ
@given(st.data())
def test_a_mutated_settings_file_loads(tmp_path_factory, data):
    load(tmp_path_factory, json.dumps(mutate(GOOD, data, times=4)))


@FUZZ
@given(JSON_VALUES)
def test_any_json_value_loads(tmp_path_factory, value):
    loaded = load(tmp_path_factory, json.dumps(value))
    if not isinstance(value, dict):
        assert loaded.notice


@FUZZ
@given(st.data())
def test_damaged_text_or_bytes_load(tmp_path_factory, data):
    text = mutated_text(json.dumps(GOOD), data)
    load(tmp_path_factory, text)
    load(tmp_path_factory, data.draw(st.binary(max_size=64)))


@pytest.mark.parametrize(
    "text",
    [
        deep(100_000),
        deep(100_000, "object"),
        '{"ui": ' + deep(5000) + "}",
        '{"read_timeout": 1' + "0" * 400 + "}",
        '{"parameters": {"max_tokens": 1e400}}',
        '{"parameters": {"max_tokens": Infinity}}',
        '{"read_timeout": NaN}',
    ],
    ids=["list", "object", "deep-ui", "huge-int", "huge-float", "infinity", "nan"],
)
def test_hostile_settings_files_start_with_defaults_and_a_notice(tmp_path_factory, text):
    loaded = load(tmp_path_factory, text)
    assert loaded.notice
