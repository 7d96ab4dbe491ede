"""A conversation title as it is shown next to SeekDesk's own text: kept to its own span.

A title comes from the user's first prompt, a model's summary or an imported file, so it may
hold Unicode bidirectional controls. A right-to-left override (U+202E) left open reverses
whatever follows it on the same line: the window title's " — SeekDesk" reads "kseDkeeS — ", and
a stray pop (PDF, PDI) can close SeekDesk's own embedding early. A title in a right-to-left
script, even without controls, pulls the text beside it to its side.

``shown_title`` is the one route: every place that shows a title (the window title, the
sidebar, the quick switcher, the search results) asks it. It drops the controls that close
nothing the title opened, closes what the title left open, and wraps the result in a First
Strong Isolate … Pop Directional Isolate pair (UAX #9, rules X5c and X6a), so the title keeps
its own direction and nothing around it is touched. A plain left-to-right title is returned
as is. The stored title never changes: only what is shown is wrapped.
"""

from __future__ import annotations

import unicodedata

LRE, RLE, PDF, LRO, RLO = "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
_EMBEDDINGS = frozenset((LRE, RLE, LRO, RLO))
_ISOLATES = frozenset((LRI, RLI, FSI))
_CONTROLS = _EMBEDDINGS | _ISOLATES | {PDF, PDI}
#: Bidi classes that make a text (or what follows it) run right to left.
_RIGHT_TO_LEFT = frozenset(("R", "AL"))


def needs_isolation(title: str) -> bool:
    """Whether ``title`` could change the direction of the text shown beside it."""
    if title.isascii():  # (no bidi control, no right-to-left letter: most titles, at C speed)
        return False
    return any(ch in _CONTROLS or unicodedata.bidirectional(ch) in _RIGHT_TO_LEFT for ch in title)


def balanced(title: str) -> str:
    """``title`` with every bidi control that closes nothing dropped and every one left open
    closed at its end, as UAX #9 pairs them (a PDI also closes the embeddings inside it)."""
    kept: list[str] = []
    opened: list[str] = []
    for ch in title:
        if ch in _EMBEDDINGS or ch in _ISOLATES:
            opened.append(ch)
        elif ch == PDF:
            if not opened or opened[-1] not in _EMBEDDINGS:
                continue  # nothing of the title's to close
            opened.pop()
        elif ch == PDI:
            if not any(o in _ISOLATES for o in opened):
                continue
            while opened.pop() not in _ISOLATES:
                pass
        kept.append(ch)
    kept.extend(PDI if o in _ISOLATES else PDF for o in reversed(opened))
    return "".join(kept)


def shown_title(title: str) -> str:
    """``title`` ready to be shown among other text (see the module's docstring)."""
    if not needs_isolation(title):
        return title
    return f"{FSI}{balanced(title)}{PDI}"


__all__ = ["balanced", "needs_isolation", "shown_title"]
