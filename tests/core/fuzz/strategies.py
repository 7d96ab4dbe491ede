"""Hostile inputs shared by the fuzz tests: any JSON value, deep nesting, and mutations of a
valid document (a field replaced, removed or retyped), the shapes an attacker or a bad disk makes.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

#: Every fuzz test is bounded: a few dozen to a hundred examples, no per-example deadline.
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, -1, 2**63, -(2**63) - 1, 10**300]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["", "complete", "streaming", "user", "assistant", "\x00", "9" * 40]),
)

#: Any value ``json.loads`` can produce (NaN and Infinity included, as Python reads them).
JSON_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def deep(depth: int, kind: str = "list") -> str:
    """JSON text nested ``depth`` levels deep (what makes a recursive parser overflow)."""
    if kind == "list":
        return "[" * depth + "]" * depth
    return '{"a":' * depth + "1" + "}" * depth


def mutate(doc: Any, data: st.DataObject, times: int = 3) -> Any:
    """A copy of ``doc`` with up to ``times`` random edits: a value replaced by any JSON value, a
    key deleted, or a container emptied."""
    root = [copy.deepcopy(doc)]
    for _ in range(data.draw(st.integers(1, times))):
        containers = _containers(root)
        parent, key = data.draw(st.sampled_from(containers))
        action = data.draw(st.sampled_from(["replace", "replace", "delete", "empty"]))
        if action == "replace":
            parent[key] = data.draw(JSON_VALUES)
        elif action == "delete" and isinstance(parent, dict):
            del parent[key]
        elif action == "empty" and isinstance(parent[key], list | dict):
            parent[key] = type(parent[key])()
    return root[0]


def _containers(root: list[Any]) -> list[tuple[Any, Any]]:
    """Every (container, key) slot under ``root`` (the document wrapped in a one-item list)."""
    slots: list[tuple[Any, Any]] = []
    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        keys = node.keys() if isinstance(node, dict) else range(len(node))
        for key in keys:
            slots.append((node, key))
            if isinstance(node[key], list | dict):
                stack.append(node[key])
    return slots


def mutated_text(text: str, data: st.DataObject) -> str:
    """``text`` with a slice cut out, repeated or replaced by random characters."""
    if not text:
        return text
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, min(len(text), a + 40)))
    middle = data.draw(st.sampled_from(["", text[a:b] * 2, "\x00", "\ufffd", "{", "]", '"']))
    return text[:a] + middle + text[b:]


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
