"""Search snippets as the text a reader sees: the sidebar's view of the core's raw snippets.

The core cuts a snippet of about 64 characters anywhere in a stored message, newlines turned into
spaces, and marks the matches with ``HIGHLIGHT_START`` / ``HIGHLIGHT_END``. Its Markdown is a
fragment then (``**reverse**s the order``, `````python def…``, emphasis cut in half), which read
as noise in a list of hits. ``readable_snippet`` removes the syntax and keeps the text and the
markers. The core's snippet stays raw: the command line and exports have their own needs.

Regular expressions on one line, not a Markdown parser: a parser keeps an unpaired ``**`` as
text and needs the line starts the core has removed. Code (fenced or inline), escaped
characters and URLs are set aside first as one placeholder character each, so nothing inside
them is touched, and put back at the end.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from app.core.history import HIGHLIGHT_END, HIGHLIGHT_START

#: Longer snippets are cut first (a one-line sidebar entry cannot show more anyway).
MAX_CHARS = 400
_ELLIPSIS = "…"
_SLOT = 0xF0000  # placeholders: Supplementary Private Use Area-A, one character per piece
_SLOTS = re.compile("[\U000f0000-\U000ffffd]")
_MARK = HIGHLIGHT_START + HIGHLIGHT_END
_FENCE = re.compile(r"(?:`{3,}|~{3,})([^\s`~]*)")
_CODE = re.compile(r"(?<![`\\])(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]*)>")
_URL = r"[^()\s]*(?:\([^()\s]*\)[^()\s]*)*"
_LINK = re.compile(r"!?\[([^\[\]]*)\]\(\s*(" + _URL + r")(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_CUT_LINK = re.compile(r"!?\[([^\[\]]*)\]\(([^)]*)$")  # the snippet ends inside the URL
_REF_LINK = re.compile(r"!?\[([^\[\]]+)\]\[([^\[\]]*)\]")
_TABLE_RULE = re.compile(r"\|?(?:\s*:?-{3,}:?\s*\|)+(?:\s*:?-{3,}:?)?")
_RULE = re.compile(r"(?<!\S)(?:-{3,}|\*{3,}|_{3,})(?!\S)")
_HEADING = re.compile(r"(?<!\S)#{1,6}(?=\s)")
_PIPES = re.compile(r"\s*\|(?:\s*\|)*\s*")
_PAIRS = (  # emphasis, strong and strikethrough with both delimiters in the snippet
    re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"),
    re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)"),
    re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"),
    re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"),
    re.compile(r"(?<!\w)_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)"),
)
# Halves of a pair the cut separated: "**", "~~", "__" at a word's edge, a "*" glued to one side
# of a word only (a spaced "a * b" and "2*3" stay), and any backtick left.
_STRAYS = re.compile(
    r"\*{2,}|~~|(?<!\w)__|__(?!\w)|(?:(?<=\s)|^)\*(?=[^\s*])|(?<=[^\s*])\*(?=\s|$)|`+"
)


def _fences(text: str, keep: Callable[[str], str]) -> str:
    """Drop fence markers (and their language tag), keeping the code between them as is.

    A fence opens when it has a language tag or another fence follows it, and the next one
    closes it; a lone bare fence is only dropped (the snippet may start inside the code, so
    which side of it is code cannot be told).
    """
    fences = list(_FENCE.finditer(text))
    out: list[str] = []
    pos, inside = 0, False
    for n, match in enumerate(fences):
        out.append(keep(text[pos : match.start()]) if inside else text[pos : match.start()])
        tag = match.group(1)
        out.append(" " + tag if any(c in _MARK for c in tag) else " ")  # a matched tag stays
        inside = not inside and bool(tag or n + 1 < len(fences))
        pos = match.end()
    out.append(keep(text[pos:]) if inside and pos < len(text) else text[pos:])
    return "".join(out)


def _balanced(text: str) -> str:
    """Drop highlight markers left without their partner (one was inside a dropped URL)."""
    out: list[str] = []
    opened: int | None = None
    for char in text:
        if char == HIGHLIGHT_START:
            if opened is not None:
                continue
            opened = len(out)
        elif char == HIGHLIGHT_END:
            if opened is None:
                continue
            opened = None
        out.append(char)
    if opened is not None:
        del out[opened]
    return "".join(out)


def readable_snippet(snippet: str) -> str:
    """``snippet`` with its Markdown syntax removed (emphasis, code fences and backticks,
    headings, links, table rules and pipes, escapes), highlight markers kept and balanced,
    whitespace collapsed."""
    pieces: list[str] = []

    def keep(piece: str) -> str:
        pieces.append(piece)
        return chr(_SLOT + len(pieces) - 1)

    text = _SLOTS.sub("", snippet)
    if len(text) > MAX_CHARS:  # the core's are ~64; a few regexes are quadratic at worst
        text = text[:MAX_CHARS] + _ELLIPSIS
    head = _ELLIPSIS if text.startswith(_ELLIPSIS) else ""
    tail = _ELLIPSIS if text.endswith(_ELLIPSIS) and len(text) > len(head) else ""
    text = text[len(head) : len(text) - len(tail)]
    text = _fences(" ".join(text.split()), keep)
    text = _CODE.sub(lambda m: keep(m.group(2).strip() or m.group(2)), text)
    text = _ESCAPE.sub(lambda m: keep(m.group(1)), text)
    text = _AUTOLINK.sub(lambda m: keep(m.group(1)), text)

    def link(match: re.Match[str]) -> str:
        """The link's text; its URL (or reference) too if only that has the match."""
        label, url = match.group(1), match.group(2)
        if any(c in _MARK for c in url) and not any(c in _MARK for c in label):
            return f"{label} ({keep(url)})"
        return label

    text = _LINK.sub(link, text)
    text = _REF_LINK.sub(link, _CUT_LINK.sub(link, text))
    text = _HEADING.sub("", _RULE.sub(" ", _TABLE_RULE.sub(" | ", text)))
    text = _PIPES.sub(" · ", text).strip(" ·")
    for _ in range(3):  # nested: ***both***, **bold with *italic* inside**
        before = text
        for pair in _PAIRS:
            text = pair.sub(r"\1", text)
        if text == before:
            break
    while (cleaner := _STRAYS.sub("", text)) != text:  # "~**~": one removal makes another
        text = cleaner
    text = _SLOTS.sub(lambda m: pieces[ord(m.group()) - _SLOT], text)
    return head + " ".join(_balanced(text).split()) + tail


def snippet_html(snippet: str) -> str:
    """The snippet as readable text, escaped, with its highlight markers turned into bold."""
    escaped = html.escape(readable_snippet(snippet))
    return escaped.replace(HIGHLIGHT_START, "<b>").replace(HIGHLIGHT_END, "</b>")


def snippet_text(snippet: str) -> str:
    """The snippet as plain readable text (markers removed), for tooltips and accessibility."""
    text = readable_snippet(snippet)
    return text.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")
