"""The model catalog, transcribed from the Model Studio DeepSeek page (shared/seed).

Each model says how it thinks, which sampling parameters it accepts (a hyphen in the seed's
table means "no default and cannot be set"; r1, r1-0528 and the distilled models accept none),
whether it takes ``reasoning_effort``, and its lifecycle. The seed announces that the DeepSeek
v3/v3.1/v3.2/v3.2-exp/r1/r1-0528/distilled models are delisted on 2026-07-09 and recommends
qwen3.7-plus, qwen3.7-max and qwen3.6-flash instead; those are here as usable models, with what
the seed does not state about them left unknown rather than invented.

A model name that is not in the catalog is still accepted (``lookup`` returns a permissive
entry), because Model Studio adds models faster than any client ships.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


class ThinkingMode(enum.StrEnum):
    HYBRID = "hybrid"  # enable_thinking switches thinking on or off
    THINKING_ONLY = "thinking-only"  # always thinks; enable_thinking is not sent
    NON_THINKING = "non-thinking"  # never thinks; enable_thinking is not sent


class Effort(enum.StrEnum):
    HIGH = "high"
    MAX = "max"


#: How the service maps every accepted reasoning_effort spelling (seed: "Inference strength").
EFFORT_ALIASES: Mapping[str, Effort] = MappingProxyType(
    {
        "low": Effort.HIGH,
        "medium": Effort.HIGH,
        "high": Effort.HIGH,
        "xhigh": Effort.MAX,
        "max": Effort.MAX,
    }
)
DEFAULT_EFFORT = Effort.HIGH


def effort_spellings() -> tuple[str, ...]:
    """Every reasoning effort spelling the service accepts, SeekDesk's two first."""
    primary = tuple(e.value for e in Effort)
    return (*primary, *(a for a in EFFORT_ALIASES if a not in primary))


#: Sampling parameters the seed's "Default parameter values" table covers, with their types.
PARAMETER_TYPES: Mapping[str, type] = MappingProxyType(
    {
        "temperature": float,
        "top_p": float,
        "repetition_penalty": float,
        "presence_penalty": float,
        "max_tokens": int,
        "thinking_budget": int,
    }
)
#: Valid ranges of the OpenAI-compatible Chat reference (inclusive).
PARAMETER_RANGES: Mapping[str, tuple[float, float]] = MappingProxyType(
    {
        "temperature": (0.0, 2.0),
        "top_p": (0.0, 1.0),
        "repetition_penalty": (0.0, 2.0),
        "presence_penalty": (-2.0, 2.0),
        "max_tokens": (1, 393_216),
        "thinking_budget": (1, 393_216),
    }
)

DELISTING_DATE = dt.date(2026, 7, 9)
REPLACEMENTS = ("qwen3.7-plus", "qwen3.7-max", "qwen3.6-flash")


def normalize_effort(value: str) -> Effort:
    """Map any spelling the service accepts (low/medium/high/xhigh/max) to high or max."""
    try:
        return EFFORT_ALIASES[value.strip().lower()]
    except KeyError:
        raise ValueError(
            f"Unknown reasoning effort {value!r}: use high or max "
            "(low and medium mean high, xhigh means max)."
        ) from None


@dataclass(frozen=True, slots=True)
class Model:
    name: str
    label: str
    thinking: ThinkingMode
    #: Parameter name -> default; a name present here can be set. None = settable, default unknown.
    parameters: Mapping[str, float | int | None] = field(default_factory=dict)
    #: Defaults the seed lists but that cannot be set (shown for information only).
    fixed_defaults: Mapping[str, float | int] = field(default_factory=dict)
    #: Whether thinking is on when the user has not chosen (hybrid models only).
    thinking_default: bool = False
    supports_effort: bool = False
    delisted_on: dt.date | None = None
    #: Recommended replacements, the best fit first.
    replacements: tuple[str, ...] = ()
    #: Set for the "-us" variants: the model they mirror.
    variant_of: str | None = None
    note: str = ""
    known: bool = True

    def is_delisted(self, today: dt.date | None = None) -> bool:
        return self.delisted_on is not None and (today or dt.date.today()) >= self.delisted_on

    def thinking_enabled(self, requested: bool | None) -> bool:
        """Whether a request with the user's choice (None = default) will think."""
        if self.thinking is ThinkingMode.THINKING_ONLY:
            return True
        if self.thinking is ThinkingMode.NON_THINKING:
            return False
        return self.thinking_default if requested is None else requested

    def can_set(self, parameter: str) -> bool:
        return parameter in self.parameters

    @property
    def thinking_switchable(self) -> bool:
        """Whether the user chooses thinking on or off (``enable_thinking`` may be sent)."""
        return self.thinking is ThinkingMode.HYBRID

    def accepts(self, option: str) -> bool:
        """Whether a request to this model may carry ``option``: ``"thinking"``
        (``enable_thinking``), ``"effort"`` (``reasoning_effort``) or a sampling parameter."""
        if option == "thinking":
            return self.thinking_switchable
        if option == "effort":
            return self.supports_effort
        return self.can_set(option)


def _v4(name: str, label: str, variant_of: str | None = None) -> Model:
    return Model(
        name,
        label,
        ThinkingMode.HYBRID,
        parameters={"temperature": 1.0, "top_p": 1.0, "max_tokens": 393_216},
        thinking_default=True,
        supports_effort=True,
        variant_of=variant_of,
        note="max_tokens 393,216 is the total, thinking included.",
    )


def _delisted(model: Model, replacements: tuple[str, ...]) -> Model:
    return Model(
        model.name,
        model.label,
        model.thinking,
        model.parameters,
        model.fixed_defaults,
        model.thinking_default,
        model.supports_effort,
        DELISTING_DATE,
        replacements,
        model.variant_of,
        model.note,
    )


_R1_FIXED = {
    "temperature": 0.6,
    "top_p": 0.95,
    "presence_penalty": 1,
    "max_tokens": 16_384,
    "thinking_budget": 32_768,
}
_DISTILL_FIXED = {**_R1_FIXED, "thinking_budget": 16_384}
_STRONG = ("qwen3.7-max", "qwen3.7-plus", "qwen3.6-flash")
_GENERAL = ("qwen3.7-plus", "qwen3.7-max", "qwen3.6-flash")
_SMALL = ("qwen3.6-flash", "qwen3.7-plus", "qwen3.7-max")


def _distill_label(size: str) -> str:
    return f"DeepSeek R1 Distill Qwen {size.upper()}"


#: deepseek-v3.2-exp and deepseek-v3.1 share one row of defaults in the seed.
_V3X_PARAMETERS = {
    "temperature": 0.6,
    "top_p": 0.95,
    "repetition_penalty": 1.0,
    "max_tokens": 65_536,
    "thinking_budget": 32_768,
}
_QWEN_NOTE = "Recommended by the seed as a replacement; its parameters are not listed there."

MODELS: tuple[Model, ...] = (
    _v4("deepseek-v4-pro", "DeepSeek V4 Pro"),
    _v4("deepseek-v4-pro-us", "DeepSeek V4 Pro (US)", variant_of="deepseek-v4-pro"),
    _v4("deepseek-v4-flash", "DeepSeek V4 Flash"),
    _v4("deepseek-v4-flash-us", "DeepSeek V4 Flash (US)", variant_of="deepseek-v4-flash"),
    Model(
        "qwen3.7-plus",
        "Qwen3.7 Plus",
        ThinkingMode.HYBRID,
        parameters={
            "temperature": None,
            "top_p": None,
            "presence_penalty": None,
            "max_tokens": None,
        },
        note=_QWEN_NOTE,
    ),
    Model(
        "qwen3.7-max",
        "Qwen3.7 Max",
        ThinkingMode.HYBRID,
        parameters={
            "temperature": None,
            "top_p": None,
            "presence_penalty": None,
            "max_tokens": None,
        },
        note=_QWEN_NOTE,
    ),
    Model(
        "qwen3.6-flash",
        "Qwen3.6 Flash",
        ThinkingMode.HYBRID,
        parameters={
            "temperature": None,
            "top_p": None,
            "presence_penalty": None,
            "max_tokens": None,
        },
        note=_QWEN_NOTE,
    ),
    _delisted(
        Model(
            "deepseek-v3.2",
            "DeepSeek V3.2",
            ThinkingMode.HYBRID,
            parameters={
                "temperature": 1.0,
                "top_p": 0.95,
                "max_tokens": 65_536,
                "thinking_budget": 32_768,
            },
        ),
        _GENERAL,
    ),
    _delisted(
        Model(
            "deepseek-v3.2-exp",
            "DeepSeek V3.2 Exp",
            ThinkingMode.HYBRID,
            parameters=_V3X_PARAMETERS,
        ),
        _GENERAL,
    ),
    _delisted(
        Model(
            "deepseek-v3.1",
            "DeepSeek V3.1",
            ThinkingMode.HYBRID,
            parameters=_V3X_PARAMETERS,
        ),
        _GENERAL,
    ),
    _delisted(
        Model("deepseek-r1", "DeepSeek R1", ThinkingMode.THINKING_ONLY, fixed_defaults=_R1_FIXED),
        _STRONG,
    ),
    _delisted(
        Model(
            "deepseek-r1-0528",
            "DeepSeek R1 0528",
            ThinkingMode.THINKING_ONLY,
            fixed_defaults=_R1_FIXED,
        ),
        _STRONG,
    ),
    _delisted(
        Model(
            "deepseek-v3",
            "DeepSeek V3",
            ThinkingMode.NON_THINKING,
            parameters={"temperature": 0.7, "top_p": 0.6, "max_tokens": 16_384},
        ),
        _GENERAL,
    ),
    *(
        _delisted(
            Model(
                f"deepseek-r1-distill-qwen-{size}",
                _distill_label(size),
                ThinkingMode.THINKING_ONLY,
                fixed_defaults=_DISTILL_FIXED,
                note="Distilled R1: treated as thinking-only.",
            ),
            _SMALL,
        )
        for size in ("7b", "14b", "32b")
    ),
)
_BY_NAME = {m.name: m for m in MODELS}
DEFAULT_MODEL = "deepseek-v4-pro"


def lookup(name: str) -> Model:
    """The catalog entry for ``name``; an unknown name gets a permissive hybrid entry."""
    name = name.strip()
    model = _BY_NAME.get(name)
    if model is not None:
        return model
    return Model(
        name,
        name,
        ThinkingMode.HYBRID,
        parameters=dict.fromkeys(PARAMETER_TYPES),
        known=False,
        note="Not in SeekDesk's catalog; sent as given.",
    )


def usable_models(today: dt.date | None = None) -> list[Model]:
    return [m for m in MODELS if not m.is_delisted(today)]


class Dropped(enum.StrEnum):
    """Why a choice the user made is not sent (a front end words it for its own controls)."""

    THINKING_FIXED = "thinking-fixed"  # the model always or never thinks
    EFFORT_UNKNOWN_MODEL = "effort-unknown-model"  # not in the catalog: not known to take it
    EFFORT_NOT_TAKEN = "effort-not-taken"  # the model has no reasoning effort
    EFFORT_THINKING_OFF = "effort-thinking-off"  # effort tunes the thinking, which is off
    PARAMETER_NOT_TAKEN = "parameter-not-taken"  # a sampling parameter the model refuses


@dataclass(frozen=True, slots=True)
class RequestRules:
    """What a request asks of a model beyond its messages, decided once for every front end
    and every dialect (the body builders, the composer's controls and ``seekdesk ask``).

    ``enable_thinking`` is None when it must not be sent: the model always or never thinks (the
    service rejects the flag there), or the model is not in the catalog and the user did not
    choose (the service's own default then applies). ``reasoning_effort`` is sent only to models
    that take it, and not when thinking is off (the seed documents it only for thinking mode);
    a parameter only where the catalog says the model accepts it. ``dropped`` says which of the
    user's choices were left out, and why.
    """

    model: Model
    #: Whether the reply will think (what a thinking toggle shows).
    thinking: bool
    enable_thinking: bool | None
    reasoning_effort: str | None
    parameters: Mapping[str, float | int]
    dropped: tuple[Dropped, ...] = ()

    @property
    def effort_offered(self) -> bool:
        """An effort control is shown for this model."""
        return self.model.supports_effort

    @property
    def effort_active(self) -> bool:
        """An effort control has an effect now (shown, and thinking on)."""
        return self.model.supports_effort and self.thinking


def request_rules(
    model: str | Model,
    thinking: bool | None = None,
    effort: str | None = None,
    parameters: Mapping[str, float | int] | None = None,
) -> RequestRules:
    """Apply the catalog to the user's choices: ``thinking`` (None = the model's default),
    ``effort`` (any accepted spelling) and sampling ``parameters``."""
    entry = lookup(model) if isinstance(model, str) else model
    dropped: list[Dropped] = []
    enable: bool | None = None
    if entry.thinking_switchable:
        if entry.known or thinking is not None:
            enable = entry.thinking_enabled(thinking)
    elif thinking is not None:
        dropped.append(Dropped.THINKING_FIXED)
    thinks = entry.thinking_enabled(thinking)
    sent_effort = None
    if effort:
        if not entry.known:
            dropped.append(Dropped.EFFORT_UNKNOWN_MODEL)
        elif not entry.supports_effort:
            dropped.append(Dropped.EFFORT_NOT_TAKEN)
        elif not thinks:
            dropped.append(Dropped.EFFORT_THINKING_OFF)
        else:
            sent_effort = normalize_effort(effort).value
    sent: dict[str, float | int] = {}
    for name, value in (parameters or {}).items():
        if entry.can_set(name):
            sent[name] = value
        elif Dropped.PARAMETER_NOT_TAKEN not in dropped:
            dropped.append(Dropped.PARAMETER_NOT_TAKEN)
    return RequestRules(entry, thinks, enable, sent_effort, sent, tuple(dropped))


def validate_parameter(model: Model, name: str, value: float | int) -> float | int:
    """Check that ``model`` accepts ``name`` and that ``value`` is in range; return it typed."""
    if name not in PARAMETER_TYPES:
        raise ValueError(f"Unknown parameter {name!r}.")
    if not model.can_set(name):
        raise ValueError(f"{model.name} does not accept {name}.")
    typed: float | int = PARAMETER_TYPES[name](value)
    lo, hi = PARAMETER_RANGES[name]
    if not lo <= typed <= hi:
        raise ValueError(f"{name} must be between {lo} and {hi}.")
    return typed
