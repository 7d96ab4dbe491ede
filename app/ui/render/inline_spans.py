"""Where a line of Markdown can be cut without cutting an inline construct in two.

The splitter cuts a long block into pieces rendered apart. A cut inside ``**bold**``, an
`` `inline code` `` span, ``~~struck~~`` text or a ``[link](target)`` makes both halves render
literally (``**bo`` | ``ld**``). So before cutting, the text of the current line is scanned
for constructs still open, with CommonMark's flanking rules for ``*``, ``_`` and ``~`` runs
(an intraword ``_`` or a spaced ``*`` opens nothing), code spans by their backtick runs, and
links by their brackets and destination. Only the current line is scanned (a construct open
across lines is rare and the scan stays bounded); a construct that never closes leaves no
clean place, and the caller falls back to its hard cut. Inline formulas are
:func:`app.ui.render.math_syntax.inline_cut`'s. Pure Python, no Qt.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["clean_cut", "leaves_open"]

#: Tokens that open or close a construct, and spaces (the places a cut may go after).
_TOKEN = re.compile(r"\\.|`+|\*+|_+|~+|\]\(|[\[\]) ]")


def _punct(char: str) -> bool:
    return bool(char) and unicodedata.category(char)[0] in "PS"


class _State:
    """What is open at a point of the line: a code span, emphasis runs, brackets, a link's
    destination."""

    __slots__ = ("brackets", "code", "destination", "emphasis")

    def __init__(self) -> None:
        self.code = 0  # length of the backtick run that opened a code span (0: none)
        self.emphasis: list[str] = []  # the delimiter characters of open runs, innermost last
        self.brackets = 0
        self.destination = 0

    def clean(self) -> bool:
        return not (self.code or self.emphasis or self.brackets or self.destination)

    def feed(self, text: str, token: str, start: int, end: int) -> None:
        first = token[0]
        if first == "`":
            if not self.code:
                self.code = len(token)
            elif len(token) == self.code:
                self.code = 0
            return
        if first == "\\" and self.code and token[1:] == "`":
            self.code = 0 if self.code == 1 else self.code  # no escapes in code: a backtick
            return
        if self.code or first == " " or first == "\\":
            return
        if first in "*_~":
            self._delimiter(first, text[start - 1 : start] or " ", text[end : end + 1] or " ")
        elif token == "[":
            self.brackets += 1
        elif token == "](":
            if self.brackets:
                self.brackets -= 1
                self.destination += 1
        elif token == "]":
            self.brackets = max(0, self.brackets - 1)
        elif token == ")" and self.destination:
            self.destination -= 1

    def _delimiter(self, char: str, before: str, after: str) -> None:
        left = not after.isspace() and (not _punct(after) or before.isspace() or _punct(before))
        right = not before.isspace() and (not _punct(before) or after.isspace() or _punct(after))
        if char == "_":
            opens = left and (not right or _punct(before))
            closes = right and (not left or _punct(after))
        else:
            opens, closes = left, right
        if closes and char in self.emphasis:
            # Close it, and whatever opened inside it and never closed.
            index = len(self.emphasis) - 1 - self.emphasis[::-1].index(char)
            del self.emphasis[index:]
        elif opens:
            self.emphasis.append(char)


def clean_cut(text: str, start: int, at: int, floor: int) -> int:
    """The last place in ``(floor, at]`` just after a space where nothing that opened in
    ``text[start:at]`` is still open; ``at`` itself if there is none (the hard cut)."""
    state = _State()
    best = -1
    for match in _TOKEN.finditer(text, start, at):
        token = match.group()
        if token == " ":
            if state.clean() and floor < match.end() <= at:
                best = match.end()
            continue
        state.feed(text, token, match.start(), match.end())
    return best if best > 0 else at


def leaves_open(text: str, start: int, end: int) -> bool:
    """Whether the line ``text[start:end]`` ends with an inline construct still open (a cut
    after it would render both halves literally)."""
    state = _State()
    for match in _TOKEN.finditer(text, start, end):
        state.feed(text, match.group(), match.start(), match.end())
    return not state.clean()
