"""Math in Markdown: a markdown-it plugin that lifts LaTeX out before Markdown can touch it.

DeepSeek's models write ``\\( … \\)`` and ``$ … $`` inline, ``\\[ … \\]`` and ``$$ … $$`` for
display, and sometimes a ```` ```math ```` fence. Left to CommonMark, ``\\[`` loses its backslash,
``\\,`` vanishes and ``a_1 … a_2`` turns into emphasis; so the inline rule runs before the
escape rule and the block rule before any other, and each takes the whole formula as one token.

A formula becomes ``<img src="seekdesk-math:KEY?c=RRGGBB">``: KEY names the formula (its TeX
and whether it is display), the query its colour; the view draws the image
(:mod:`.math_images`). :func:`source_for` turns an image name back into the formula as it was
written, delimiters and all, for copying. A formula the check refuses (:func:`.math_tex.check`)
is shown as its source in monospace, the reason on hover.

Currency stays text (pandoc's rules): a ``$`` opens math only if no space follows it; the
first unescaped ``$`` after it closes it, and only if no space precedes it and no digit
follows it — so "$5 and $10" is text. Display math on its own lines (``$$``/``\\[`` starting a
line, the closer ending one, no blank line between) is a block, centred; ``$$…$$`` or
``\\[…\\]`` inside a sentence is drawn in display style where it stands. An unclosed
formula is not math: while it streams it shows as source, and the closer turns it into one.

Qt-free.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from app.ui.render.math_tex import check

__all__ = [
    "MATH_SCHEME",
    "display_closer",
    "inline_cut",
    "math_plugin",
    "math_rules",
    "set_translator",
    "source_for",
]

#: Image scheme of a formula: ``seekdesk-math:<key>?c=<colour>``.
MATH_SCHEME = "seekdesk-math"
#: Formulas named so far: key → (source as written, TeX, display). One entry per distinct
#: formula seen in this process (its text, a few hundred bytes).
_FORMULAS: dict[str, tuple[str, str, bool]] = {}
#: Delimiters: opener → (closer, display).
_DELIMITERS = {"\\(": ("\\)", False), "\\[": ("\\]", True), "$$": ("$$", True)}
_BLOCK_OPENERS = ("$$", "\\[")
#: Environments a model writes bare, without delimiters, as display math of their own.
_ENVIRONMENT = re.compile(
    r"\\begin\{(equation|align|gather|multline|aligned|gathered|cases|[pbvBV]?matrix)(\*?)\}"
)
#: Inline delimiters in a line, escapes first (``\\$`` and ``\\\\`` open nothing).
_INLINE_TOKENS = re.compile(r"\\[\\$]|\\[()\[\]]|\$\$|\$")

_translate: Callable[[str], str] = str

RenderRule = Callable[[Sequence[Token], int, Any, Any], str]


def math_plugin(md: MarkdownIt) -> None:
    """Teach ``md`` the four delimiters and ```` ```math ```` fences (tokens ``math_inline``,
    ``math_block``; ``token.meta`` holds ``source`` as written and ``display``)."""
    md.inline.ruler.before("escape", "math_inline", _inline_rule)
    md.block.ruler.before(
        "table",
        "math_block",
        _block_rule,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
    md.core.ruler.after("block", "math_fence", _fence_rule)


def math_rules(style: Any) -> dict[str, RenderRule]:
    """Render rules for the math tokens, in ``style``'s colours (a ``MarkdownStyle``)."""
    colour = str(style.text).lstrip("#")

    def inline(tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        return _html(tokens[idx], colour, style.mono_family, block=False)

    def block(tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        return _html(tokens[idx], colour, style.mono_family, block=True)

    return {"math_inline": inline, "math_block": block}


def set_translator(translate: Callable[[str], str]) -> None:
    """How the reasons a formula failed (marked in :mod:`.math_tex`) reach the user's
    language: the Qt side hands in its catalogue lookup (this module has no Qt)."""
    global _translate
    _translate = translate


def source_for(name: str) -> str | None:
    """The formula an image named ``name`` shows, as it was written (None: not a formula)."""
    scheme, _, rest = name.partition(":")
    if scheme.lower() != MATH_SCHEME:
        return None
    entry = _FORMULAS.get(rest.partition("?")[0])
    return entry[0] if entry is not None else None


def formula_for(key: str) -> tuple[str, bool] | None:
    """The TeX and display flag of formula ``key`` (None: no such formula)."""
    entry = _FORMULAS.get(key)
    return (entry[1], entry[2]) if entry is not None else None


def display_closer(line: str) -> str | None:
    """The closer a line opening display math waits for, or None: the line opens none, or
    closes what it opens itself. (For the splitter, which keeps an open formula whole.)"""
    text = line.strip()
    opened = _block_opener(text)
    if opened is not None:
        opener, closer, _ = opened
        return None if _find_closer(text, len(opener), closer) >= 0 else closer
    if text.startswith(("```math", "~~~math")) and text[7:].strip() == "":
        return text[:3]
    return None


def inline_cut(text: str, start: int, at: int) -> int:
    """Where to cut the line ``text[start:]`` near ``at`` so that no inline formula is cut in
    two: ``at``, or where the formula open there began (if that is in the second half of the
    line's part; else ``at`` — a line cannot be held whole forever). For the splitter."""
    open_at = -1
    closer = ""
    for match in _INLINE_TOKENS.finditer(text, start, at):
        token = match.group()
        if open_at >= 0:
            if token == closer:
                open_at = -1
        elif token in _DELIMITERS or token == "$":
            open_at, closer = match.start(), _DELIMITERS.get(token, ("$", False))[0]
    return open_at if open_at >= start + (at - start) // 2 else at


# --- HTML -----------------------------------------------------------------------------------


def _key(tex: str, display: bool, source: str) -> str:
    digest = hashlib.blake2b(f"{int(display)}{source}".encode(), digest_size=10).hexdigest()
    _FORMULAS.setdefault(digest, (source, tex, display))
    return digest


def _html(token: Token, colour: str, mono: str, block: bool) -> str:
    tex, source, display = token.content, token.meta["source"], token.meta["display"]
    # Cheap, and bounded per answer; the layout itself waits for the view (.math_jobs).
    result = check(tex, display, budget=True)
    if result is not None:
        reason = _translate(result.reason) + (f": {result.detail}" if result.detail else "")
        shown = (
            f'<span title="{html.escape(reason)}" '
            f"style=\"font-family: '{mono}'; white-space: pre-wrap;\">{html.escape(source)}</span>"
        )
        return f"<p>{shown}</p>\n" if block else shown
    image = f'<img src="{MATH_SCHEME}:{_key(tex, display, source)}?c={colour}"'
    if block:
        return f'<p align="center" style="margin-top: 6px; margin-bottom: 6px;">{image} /></p>\n'
    # A word joiner after it: a line holding only the formula (a table cell) still gets the
    # text's ascent, so its baseline is the text's; and no line break before a comma after it.
    # A word joiner after it: a line holding only the formula (a table cell) still gets the
    # text's line box, so its baseline is the text's; and no line break before a comma after it.
    return f'{image} style="vertical-align: middle;" />\u2060'


# --- parsing --------------------------------------------------------------------------------


def _escaped(src: str, at: int) -> bool:
    """Whether the character at ``at`` is escaped (an odd run of backslashes before it)."""
    run = 0
    while at - run - 1 >= 0 and src[at - run - 1] == "\\":
        run += 1
    return run % 2 == 1


def _find_closer(src: str, start: int, closer: str, end: int | None = None) -> int:
    """Where the first unescaped ``closer`` at or after ``start`` begins, or -1."""
    end = len(src) if end is None else end
    at = src.find(closer, start, end)
    while at >= 0 and _escaped(src, at):
        at = src.find(closer, at + 1, end)
    return at


def _inline_rule(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    opener = src[pos : pos + 2]
    if opener in _DELIMITERS:
        closer, display = _DELIMITERS[opener]
        start = pos + 2
        at = _find_closer(src, start, closer, state.posMax)
        if at < 0 or not src[start:at].strip():
            return False
    elif src[pos] == "$":
        closer, display, start = "$", False, pos + 1
        if start >= state.posMax or src[start].isspace():
            return False
        at = _find_closer(src, start, "$", state.posMax)
        if at < 0 or src[at - 1].isspace() or src[at + 1 : at + 2].isdigit():
            return False
    else:
        return False
    if not silent:
        token = state.push("math_inline", "math", 0)
        token.content = src[start:at]
        token.markup = opener if closer != "$" else "$"
        token.meta = {"source": src[pos : at + len(closer)], "display": display}
    state.pos = at + len(closer)
    return True


def _block_opener(line: str) -> tuple[str, str, bool] | None:
    """(opener, closer, whether they are part of the TeX) of display math starting ``line``:
    ``$$``/``\\[`` (delimiters), or a bare ``\\begin{aligned}``-like environment (TeX)."""
    for opener in _BLOCK_OPENERS:
        if line.startswith(opener):
            return opener, _DELIMITERS[opener][0], False
    environment = _ENVIRONMENT.match(line)
    if environment is not None:
        name = environment.group(1) + environment.group(2)
        return environment.group(), f"\\end{{{name}}}", True
    return None


def _block_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.is_code_block(start_line):
        return False
    begin = state.bMarks[start_line] + state.tShift[start_line]
    first = state.src[begin : state.eMarks[start_line]]
    opened = _block_opener(first)
    if opened is None:
        return False
    opener, closer, keep = opened
    lines = [first]
    offset = len(opener)
    line = start_line
    while True:
        at = _find_closer(lines[-1], offset, closer)
        if at >= 0:
            if lines[-1][at + len(closer) :].strip():
                return False  # text after the closer: a formula inside a paragraph
            break
        line += 1
        if line >= end_line or state.isEmpty(line) or state.sCount[line] < state.blkIndent:
            return False  # not closed before a blank line or the container's end
        text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
        lines.append(text)
        offset = 0
    if silent:
        return True
    lines[-1] = lines[-1][: at + len(closer)]
    source = "\n".join(lines)
    token = state.push("math_block", "math", 0)
    token.block = True
    token.content = source if keep else source[len(opener) : len(source) - len(closer)]
    token.markup = opener
    token.meta = {"source": source, "display": True}
    token.map = [start_line, line + 1]
    state.line = line + 1
    return True


def _fence_rule(state: StateCore) -> None:
    """A closed ```` ```math ```` fence is display math (an open one stays code: source)."""
    lines: list[str] | None = None
    for token in state.tokens:
        if token.type != "fence" or token.info.strip().lower() != "math" or token.map is None:
            continue
        if lines is None:
            lines = state.src.split("\n")
        begin, end = token.map
        last = lines[end - 1].strip() if end - 1 < len(lines) else ""
        closed = end - 1 > begin and last.startswith(token.markup) and not last.strip(
            token.markup[0]
        )
        if not closed:
            continue
        token.type = "math_block"
        token.meta = {
            "source": f"{token.markup}{token.info}\n{token.content}{token.markup}",
            "display": True,
        }
