"""Reading JSON that someone else wrote: a server's stream frames and error bodies, an import
file, a settings file edited by hand.

``json.loads`` is safe against everything except nesting: a few kilobytes of ``[[[[…`` make it
raise ``RecursionError``, which no caller expects (they all catch ``ValueError``), so one hostile
frame or file would crash a reply, an import or the app's start. Even a document that parses
can be too deep for the code that walks it later. ``loads`` therefore turns both into
``ValueError`` (``TooDeep``), so every reader's existing "not valid JSON" path handles them.
"""

from __future__ import annotations

import json
from typing import Any

#: Deeper than any real frame, export or settings file (they nest fewer than 12 levels).
MAX_DEPTH = 64


class TooDeep(ValueError):
    """The JSON nests deeper than ``MAX_DEPTH`` levels (or deeper than Python can parse)."""


def loads(text: str | bytes, *, max_depth: int = MAX_DEPTH) -> Any:
    """``json.loads`` for untrusted text: a ``ValueError`` for anything unreadable, deep nesting
    included; never a ``RecursionError``."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise TooDeep(f"The JSON is nested too deeply (more than {max_depth} levels).") from None
    # Nesting never exceeds the number of openers: a stream frame (a few of them) skips the walk.
    if _openers(text) > max_depth and depth(value, max_depth) > max_depth:
        raise TooDeep(f"The JSON is nested too deeply (more than {max_depth} levels).")
    return value


def _openers(text: str | bytes) -> int:
    if isinstance(text, str):
        return text.count("{") + text.count("[")
    return text.count(b"{") + text.count(b"[")


def depth(value: Any, limit: int = MAX_DEPTH) -> int:
    """How deeply ``value`` nests (a scalar is 0), counted without recursion and without looking
    further once ``limit`` is passed."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        level += 1
        deepest = max(deepest, level)
        if deepest > limit:
            return deepest
        stack.extend((child, level) for child in children)
    return deepest
