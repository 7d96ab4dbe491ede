"""Presets on disk: checked when made, one default at most, written atomically, and a damaged
file set aside (named) instead of stopping anything."""

from __future__ import annotations

import pytest

from app.core import presets


def test_one_default_at_most_and_names_match_without_case(isolated_dirs):
    items = presets.put((), presets.make_preset("Pirate", system="Arr.", default=True))
    items = presets.put(items, presets.make_preset("Terse", default=True))
    assert [p.name for p in items if p.default] == ["Terse"]
    presets.save_presets(items)
    loaded = presets.load_presets()
    assert loaded.notice is None and presets.find(loaded.presets, "pirate").system == "Arr."
    assert presets.default_preset(loaded.presets).name == "Terse"
    assert [p.name for p in presets.remove(loaded.presets, "TERSE")] == ["Pirate"]


@pytest.mark.parametrize(
    ("kwargs", "said"),
    [
        ({"name": "  "}, "needs a name"),
        ({"name": "x", "model": "deepseek-r1", "parameters": {"temperature": 0.5}},
         "deepseek-r1 does not accept temperature"),
        ({"name": "x", "parameters": {"top_p": 3}}, "top_p must be between"),
        ({"name": "x", "effort": "extreme"}, "extreme"),
    ],
)  # fmt: skip
def test_a_bad_value_is_refused_with_its_reason(kwargs, said):
    name = kwargs.pop("name")
    with pytest.raises(presets.PresetError, match=said):
        presets.make_preset(name, **kwargs)


def test_a_damaged_file_is_set_aside_and_named(isolated_dirs):
    path = presets.presets_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"presets": [{"name": ', encoding="utf-8")
    loaded = presets.load_presets()
    assert loaded.presets == ()
    assert "damaged" in loaded.notice and str(path) + ".broken" in loaded.notice
    assert path.with_name(path.name + ".broken").exists() and not path.exists()
