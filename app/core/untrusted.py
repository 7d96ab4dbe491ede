"""Reading JSON that someone else wrote: a server's stream frames and error bodies, an import
file, a settings file edited by hand.

``json.loads`` is safe against everything except nesting: a few kilobytes of ``[[[[…`` make it
raise ``RecursionError``, which no caller expects (they all catch ``ValueError``), so one hostile
frame or file would crash a reply, an import or the app's start. Even a document that parses
can be too deep for the code that walks it later. ``loads`` therefore turns both into
``ValueError`` (``TooDeep``), so every reader's existing "not valid JSON" path handles them.

JSON may also escape half of a surrogate pair on its own (``"\\ud800"``): valid JSON, but not
text: SQLite, files and Qt all refuse to encode it, so a reply or an import holding one would be
lost when saved. ``loads`` replaces each lone half with U+FFFD, as a UTF-8 decoder does with a
bad byte; the rest of the text is kept.
"""

from __future__ import annotations

import json
import re
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
    if _may_hold_surrogates(text):
        value = _whole_text(value)
    return value


_LONE = re.compile("[\ud800-\udfff]")


def _may_hold_surrogates(text: str | bytes) -> bool:
    """Only an escape can put a surrogate in parsed JSON (a raw one is not valid UTF-8, which
    every reader decodes strictly, and json.loads joins an escaped pair): a frame without
    ``\\ud``/``\\uD`` skips the walk (two substring scans: about 1 µs a stream frame)."""
    if isinstance(text, str):
        return "\\ud" in text or "\\uD" in text
    return b"\\ud" in text or b"\\uD" in text


def _clean(text: str) -> str:
    return _LONE.sub("\ufffd", text)


def _whole_text(value: Any) -> Any:
    """``value`` with every lone surrogate in its strings (keys included) replaced by U+FFFD;
    walked without recursion (the depth is checked, but a wide document is fine too)."""
    if isinstance(value, str):
        return _clean(value)
    if not isinstance(value, (dict, list)):
        return value
    root: list[Any] = [value]
    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            for i, child in enumerate(node):
                if isinstance(child, str):
                    node[i] = _clean(child)
                elif isinstance(child, (dict, list)):
                    stack.append(child)
        else:
            for key in list(node):
                child = node[key]
                if isinstance(child, str):
                    child = _clean(child)
                elif isinstance(child, (dict, list)):
                    stack.append(child)
                if isinstance(key, str) and _LONE.search(key):
                    del node[key]
                    node[_clean(key)] = child
                else:
                    node[key] = child
    return root[0]


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
