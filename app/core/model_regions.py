"""Which models fit which region, and how the picker groups them: data, then one function.

``REGION_ONLY`` is the one table of region restrictions. The seed documents one: the ``-us``
models are the US (Virginia) deployments of DeepSeek V4, so they are offered in ``us-east-1``
only, and first there. Where the seed says nothing about a region, nothing is guessed: every
other model is offered everywhere, and if the service answers "model not found" or "no access",
``region_failure`` puts the region and the model in the sentence and the failure offers the
model picker. A restriction documented later is one more row here, no code.

``picker`` is what the model picker shows, grouped (DeepSeek, then Qwen): delisted models are
hidden (unless the conversation uses one: the window then shows it marked, with its
replacement, as before), and so are models restricted to another region.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from app.core import catalog, regions
from app.core.errors import ErrorKind, Failure, with_sentence
from app.core.failure_sentences import REGION_MODEL_MISSING, REGION_NO_ACCESS, Term

#: Model -> the regions it is offered in (absent: every region).
REGION_ONLY: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "deepseek-v4-pro-us": ("us-east-1",),
        "deepseek-v4-flash-us": ("us-east-1",),
    }
)

#: Picker groups, in order: (label, model-name prefix).
GROUPS: tuple[tuple[str, str], ...] = (("DeepSeek", "deepseek"), ("Qwen", "qwen"))


def offered_in(model: str, region: str) -> bool:
    only = REGION_ONLY.get(model)
    return only is None or region in only


def only_in(model: str) -> tuple[str, ...]:
    """The regions a restricted model is offered in (empty: all)."""
    return REGION_ONLY.get(model, ())


@dataclass(frozen=True, slots=True)
class Group:
    label: str
    models: tuple[catalog.Model, ...]


def picker(region: str, today: dt.date | None = None) -> list[Group]:
    """The picker's groups for ``region``: usable models offered there, the region's own
    (restricted to it) first in each group."""
    groups: list[Group] = []
    for label, prefix in GROUPS:
        members = [
            m
            for m in catalog.MODELS
            if m.name.startswith(prefix)
            and not m.is_delisted(today)
            and offered_in(m.name, region)
        ]
        members.sort(key=lambda m: 0 if m.name in REGION_ONLY else 1)  # stable otherwise
        if members:
            groups.append(Group(label, tuple(members)))
    return groups


def region_failure(failure: Failure, model: str, region: str) -> Failure:
    """A "model not found" or "no access" failure with the region and the model in its
    sentence (a delisted model keeps its own sentence naming the replacement)."""
    if failure.kind not in (ErrorKind.MODEL_NOT_FOUND, ErrorKind.NO_ACCESS) or failure.replacement:
        return failure
    where: str | Term
    try:
        where = Term("Setting", regions.get_region(region).name)  # a catalogue name (regions)
    except regions.ConfigError:
        where = region
    missing = failure.kind is ErrorKind.MODEL_NOT_FOUND
    return with_sentence(
        failure, REGION_MODEL_MISSING if missing else REGION_NO_ACCESS, model=model, region=where
    )


__all__ = ["GROUPS", "REGION_ONLY", "Group", "offered_in", "only_in", "picker", "region_failure"]
