"""The model catalog says what the Model Studio DeepSeek page says: every model, how it thinks,
its default parameters and which of them can be set, reasoning effort, and the delisting of
2026-07-09 with its recommended replacements."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core.catalog import (
    DEFAULT_EFFORT,
    DEFAULT_MODEL,
    DELISTING_DATE,
    MODELS,
    PARAMETER_TYPES,
    REPLACEMENTS,
    Dropped,
    Effort,
    ThinkingMode,
    lookup,
    normalize_effort,
    request_rules,
    usable_models,
    validate_parameter,
)

V4 = ["deepseek-v4-pro", "deepseek-v4-pro-us", "deepseek-v4-flash", "deepseek-v4-flash-us"]
DISTILLED = [f"deepseek-r1-distill-qwen-{size}" for size in ("7b", "14b", "32b")]
DELISTED = [
    "deepseek-v3",
    "deepseek-v3.1",
    "deepseek-v3.2",
    "deepseek-v3.2-exp",
    "deepseek-r1",
    "deepseek-r1-0528",
    *DISTILLED,
]
QWEN = ["qwen3.7-plus", "qwen3.7-max", "qwen3.6-flash"]


def test_every_model_the_seed_names_is_in_the_catalog():
    names = [m.name for m in MODELS]
    assert sorted(names) == sorted([*V4, *DELISTED, *QWEN])
    assert len(set(names)) == len(names)


@pytest.mark.parametrize(
    ("name", "mode"),
    [
        # "Hybrid thinking models (use the enable_thinking parameter to control thinking mode)"
        *((n, ThinkingMode.HYBRID) for n in V4),
        ("deepseek-v3.2", ThinkingMode.HYBRID),
        ("deepseek-v3.2-exp", ThinkingMode.HYBRID),
        ("deepseek-v3.1", ThinkingMode.HYBRID),
        # "Thinking-only models (always think before responding)"
        ("deepseek-r1", ThinkingMode.THINKING_ONLY),
        ("deepseek-r1-0528", ThinkingMode.THINKING_ONLY),
        *((n, ThinkingMode.THINKING_ONLY) for n in DISTILLED),
        # "Non-thinking models"
        ("deepseek-v3", ThinkingMode.NON_THINKING),
    ],
)
def test_each_model_thinks_the_way_the_seed_says(name, mode):
    assert lookup(name).thinking is mode


def test_v4_models_think_by_default_and_the_switch_works_on_hybrid_models_only():
    assert lookup("deepseek-v4-pro").thinking_enabled(None) is True
    assert lookup("deepseek-v4-pro").thinking_enabled(False) is False
    assert lookup("deepseek-v3.2").thinking_enabled(True) is True
    assert lookup("deepseek-r1").thinking_enabled(False) is True
    assert lookup("deepseek-v3").thinking_enabled(True) is False


# The seed's "Default parameter values" table; None = a hyphen (no default, cannot be set).
SEED_DEFAULTS = {
    "deepseek-v4-pro": (1.0, 1.0, None, None, 393_216, None),
    "deepseek-v4-pro-us": (1.0, 1.0, None, None, 393_216, None),
    "deepseek-v4-flash": (1.0, 1.0, None, None, 393_216, None),
    "deepseek-v4-flash-us": (1.0, 1.0, None, None, 393_216, None),
    "deepseek-v3.2": (1.0, 0.95, None, None, 65_536, 32_768),
    "deepseek-v3.2-exp": (0.6, 0.95, 1.0, None, 65_536, 32_768),
    "deepseek-v3.1": (0.6, 0.95, 1.0, None, 65_536, 32_768),
    "deepseek-v3": (0.7, 0.6, None, None, 16_384, None),
}
COLUMNS = (
    "temperature",
    "top_p",
    "repetition_penalty",
    "presence_penalty",
    "max_tokens",
    "thinking_budget",
)


@pytest.mark.parametrize("name", sorted(SEED_DEFAULTS))
def test_settable_parameters_and_their_defaults_match_the_seed_table(name):
    model = lookup(name)
    expected = {
        col: value for col, value in zip(COLUMNS, SEED_DEFAULTS[name], strict=True) if value
    }
    assert dict(model.parameters) == expected
    for column in COLUMNS:
        assert model.can_set(column) is (column in expected)


@pytest.mark.parametrize(
    ("name", "thinking_budget"),
    [("deepseek-r1", 32_768), ("deepseek-r1-0528", 32_768)] + [(n, 16_384) for n in DISTILLED],
)
def test_r1_and_distilled_models_accept_no_parameter_but_show_their_defaults(name, thinking_budget):
    model = lookup(name)
    assert dict(model.parameters) == {}
    assert dict(model.fixed_defaults) == {
        "temperature": 0.6,
        "top_p": 0.95,
        "presence_penalty": 1,
        "max_tokens": 16_384,
        "thinking_budget": thinking_budget,
    }
    for parameter in PARAMETER_TYPES:
        with pytest.raises(ValueError, match="does not accept"):
            validate_parameter(model, parameter, 1)


def test_a_hyphen_in_the_table_means_the_parameter_is_refused():
    with pytest.raises(ValueError, match="does not accept presence_penalty"):
        validate_parameter(lookup("deepseek-v4-pro"), "presence_penalty", 0.5)
    with pytest.raises(ValueError, match="does not accept repetition_penalty"):
        validate_parameter(lookup("deepseek-v3.2"), "repetition_penalty", 1.1)
    with pytest.raises(ValueError, match="does not accept thinking_budget"):
        validate_parameter(lookup("deepseek-v3"), "thinking_budget", 100)


def test_parameter_values_are_typed_and_range_checked():
    v4 = lookup("deepseek-v4-pro")
    assert validate_parameter(v4, "temperature", "0.3") == 0.3
    assert validate_parameter(v4, "max_tokens", 2048.0) == 2048
    assert isinstance(validate_parameter(v4, "max_tokens", 2048.0), int)
    with pytest.raises(ValueError, match="between"):
        validate_parameter(v4, "temperature", 2.5)
    with pytest.raises(ValueError, match="between"):
        validate_parameter(v4, "top_p", -0.1)
    with pytest.raises(ValueError, match="Unknown parameter"):
        validate_parameter(v4, "seed", 1)


@pytest.mark.parametrize(
    ("given", "sent"),
    [
        ("high", Effort.HIGH),
        ("max", Effort.MAX),
        ("low", Effort.HIGH),
        ("medium", Effort.HIGH),
        ("xhigh", Effort.MAX),
        (" MAX ", Effort.MAX),
    ],
)
def test_reasoning_effort_is_mapped_as_the_seed_says(given, sent):
    assert normalize_effort(given) is sent


def test_an_unknown_effort_is_refused_with_the_valid_values():
    with pytest.raises(ValueError, match="high or max"):
        normalize_effort("extreme")


def test_only_the_v4_models_take_a_reasoning_effort_and_it_defaults_to_high():
    assert DEFAULT_EFFORT is Effort.HIGH
    assert sorted(m.name for m in MODELS if m.supports_effort) == sorted(V4)


def test_the_us_variants_mirror_their_models():
    assert lookup("deepseek-v4-pro-us").variant_of == "deepseek-v4-pro"
    assert lookup("deepseek-v4-flash-us").variant_of == "deepseek-v4-flash"
    for name in ("deepseek-v4-pro-us", "deepseek-v4-flash-us"):
        us, base = lookup(name), lookup(name.removesuffix("-us"))
        assert us.thinking is base.thinking
        assert dict(us.parameters) == dict(base.parameters)
        assert us.supports_effort is base.supports_effort


@pytest.mark.parametrize("name", DELISTED)
def test_the_delisted_models_point_to_the_recommended_replacements(name):
    model = lookup(name)
    assert model.delisted_on == dt.date(2026, 7, 9) == DELISTING_DATE
    assert not model.is_delisted(dt.date(2026, 7, 8))
    assert model.is_delisted(dt.date(2026, 7, 9))
    assert sorted(model.replacements) == sorted(REPLACEMENTS)


def test_the_replacements_are_usable_models_in_the_catalog():
    assert sorted(REPLACEMENTS) == sorted(QWEN)
    for name in REPLACEMENTS:
        model = lookup(name)
        assert model.known
        assert model.delisted_on is None
        assert model.replacements == ()


def test_after_the_delisting_only_v4_and_the_replacements_are_offered():
    before = {m.name for m in usable_models(dt.date(2026, 7, 8))}
    after = {m.name for m in usable_models(dt.date(2026, 7, 9))}
    assert before == {m.name for m in MODELS}
    assert after == {*V4, *QWEN}


def test_the_default_model_is_deepseek_v4_pro_and_never_delisted():
    assert DEFAULT_MODEL == "deepseek-v4-pro"
    assert lookup(DEFAULT_MODEL).delisted_on is None


def test_a_model_name_not_in_the_catalog_is_still_accepted():
    model = lookup("deepseek-v5-preview")
    assert model.name == "deepseek-v5-preview"
    assert model.known is False
    assert model.thinking is ThinkingMode.HYBRID
    assert not model.is_delisted()
    # Nothing is known about it, so nothing is refused.
    for parameter in PARAMETER_TYPES:
        assert model.can_set(parameter)
    assert validate_parameter(model, "temperature", 0.2) == 0.2


def test_lookup_ignores_surrounding_space():
    assert lookup("  deepseek-v4-flash ").name == "deepseek-v4-flash"
    assert lookup("  deepseek-v4-flash ").known


# --- what a request may carry: decided here, asked by the body builders, composer and ask ------


def test_each_model_says_which_options_it_accepts():
    v4 = lookup("deepseek-v4-pro")
    assert v4.accepts("thinking") and v4.accepts("effort") and v4.accepts("temperature")
    r1 = lookup("deepseek-r1")
    assert not r1.accepts("thinking") and not r1.accepts("effort")
    assert not r1.accepts("temperature")
    assert lookup("deepseek-v3.1").accepts("thinking_budget")
    assert not lookup("qwen3.7-plus").accepts("effort")


def test_rules_send_effort_only_with_thinking_on_and_say_why_not():
    on = request_rules("deepseek-v4-pro", True, "xhigh")
    assert (on.enable_thinking, on.reasoning_effort, on.dropped) == (True, "max", ())
    off = request_rules("deepseek-v4-pro", False, "max")
    assert (off.enable_thinking, off.reasoning_effort) == (False, None)
    assert off.dropped == (Dropped.EFFORT_THINKING_OFF,)
    assert request_rules("qwen3.7-max", True, "max").dropped == (Dropped.EFFORT_NOT_TAKEN,)
    unknown = request_rules("deepseek-v5-preview", None, "max")
    assert unknown.enable_thinking is None and unknown.reasoning_effort is None
    assert unknown.dropped == (Dropped.EFFORT_UNKNOWN_MODEL,)


def test_rules_never_send_a_thinking_switch_to_a_model_that_cannot_switch():
    r1 = request_rules("deepseek-r1", False)
    assert r1.enable_thinking is None and r1.thinking is True
    assert r1.dropped == (Dropped.THINKING_FIXED,)
    v3 = request_rules("deepseek-v3", True)
    assert v3.enable_thinking is None and v3.thinking is False
    assert not v3.effort_offered and not v3.effort_active


def test_rules_keep_only_the_parameters_the_model_accepts():
    rules = request_rules("deepseek-v4-flash", None, None, {"temperature": 0.3, "top_k": 5})
    assert rules.parameters == {"temperature": 0.3}
    assert rules.dropped == (Dropped.PARAMETER_NOT_TAKEN,)
