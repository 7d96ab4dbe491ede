"""How the pieces of one block fit together, and how deep a block may nest.

:mod:`app.ui.render.splitter` cuts a long block into pieces that :mod:`.markdown` renders one
at a time. The helpers here make the pieces of one block look like one: no margin where one
piece meets the next, the same column widths for every piece of a table, a nested list piece
put back at its level; and a piece cut inside a line must not start a block construct.
:func:`cap_depth` draws containers nested deeper than
:data:`~app.ui.render.highlight.MAX_DEPTH` flat, their text kept and marked with the depth.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from app.ui.render.highlight import MAX_DEPTH

_FIRST_TAG = re.compile(r"^<(p|ul|ol|blockquote|table|h[1-6])\b([^>]*)>")


#: What a line may start with that makes it a block (a list item, heading, quote, fence,
#: thematic break, link reference definition, table or HTML line) rather than text.
_BLOCK_START = re.compile(
    r"[-+*](?:[ \t]|$)|#{1,6}(?:[ \t]|$)|>|`{3,}|~{3,}|(?:[-*_][ \t]*){3,}$|\[[^\]]*\]:|[|<=]"
)


def escape_start(text: str) -> str:
    """A piece cut inside a line must not start a block construct (``- ``, ``# ``, ``1. ``);
    the emphasis, code span or link it may start with (``**bold**``, ``[a](b)``) stays."""
    first = text[:1]
    if first.isdigit():
        return "\u2060" + text
    if _BLOCK_START.match(text.split("\n", 1)[0]):
        return "\\" + text
    return text


def dedent(source: str, indent: int) -> str:
    """A continued piece of a nested list, moved left to parse as a list of its own."""
    lines = source.split("\n")
    out = []
    for line in lines:
        spaces = len(line) - len(line.lstrip(" "))
        out.append(line[min(spaces, indent) :])
    return "\n".join(out)


def list_margin(indent: int) -> str:
    """The left margin that puts a dedented piece of a nested list back at its level."""
    if not indent:
        return ""
    level = min(indent // 2, MAX_DEPTH - 1)
    return f" margin-left: {level * 24}px;"


def join_margins(body: str, top: bool, bottom: bool, extra: str = "") -> str:
    """A continued piece sits flush under the piece before it (``top``), and a piece the
    block goes on after sits flush over the next (``bottom``): no margin between them."""
    style = ("margin-top: 0px;" if top else "") + ("margin-bottom: 0px;" if bottom else "")
    style += extra

    def fix(match: re.Match[str]) -> str:
        tag, attrs = match.group(1), match.group(2)
        if tag == "table":
            return match.group(0)  # a table piece's margins are set as it is rendered
        if 'style="' in attrs:
            attrs = attrs.replace('style="', f'style="{style} ', 1)
        else:
            attrs += f' style="{style}"'
        return f"<{tag}{attrs}>"

    return _FIRST_TAG.sub(fix, body, count=1) if style else body


def column_widths(header: str) -> list[int] | None:
    """Percent widths of a long table's columns, from its header line alone, so every piece
    of the table (rendered apart) lines up with the others."""
    line = header.split("\n", 1)[0].strip().strip("|")
    cells = [cell.strip() for cell in line.split("|")] if line else []
    if not cells:
        return None
    weights = [min(max(len(cell), 4), 24) for cell in cells]
    total = sum(weights)
    return [max(1, round(100 * weight / total)) for weight in weights]


def drop_table_head(tokens: list[Token]) -> list[Token]:
    """A continued table piece: the header was only there to make it parse as a table."""
    out: list[Token] = []
    skipping = False
    for token in tokens:
        if token.type == "thead_open":
            skipping = True
        elif token.type == "thead_close":
            skipping = False
            continue
        if not skipping:
            out.append(token)
    return out


_CONTAINERS = {"blockquote_open", "bullet_list_open", "ordered_list_open"}
_CLOSERS = {"blockquote_close", "bullet_list_close", "ordered_list_close"}


def cap_depth(tokens: list[Token]) -> list[Token]:
    """Containers nested deeper than MAX_DEPTH (by indentation; deep marker runs on one line
    are flattened before parsing) are dropped, their text kept as paragraphs, marked."""
    if not any(t.type in _CONTAINERS and t.level >= MAX_DEPTH for t in tokens):
        return tokens
    out: list[Token] = []
    dropped: list[bool] = []  # per open container: whether it is dropped
    depth = 0
    mark: int | None = None
    for token in tokens:
        if token.type in _CONTAINERS:
            depth += 1
            dropped.append(depth > MAX_DEPTH)
            if dropped[-1]:
                mark = depth
                continue
        elif token.type in _CLOSERS:
            depth -= 1
            if dropped and dropped.pop():
                continue
        elif token.type in ("list_item_open", "list_item_close") and dropped and dropped[-1]:
            continue
        elif token.type.startswith("paragraph_") and dropped and dropped[-1]:
            token.hidden = False
        elif token.type == "inline" and mark is not None and token.children is not None:
            marker = Token("text", "", 0)
            marker.content = f"»{mark} "
            token.children.insert(0, marker)
            mark = None
        out.append(token)
    return out


#: A paragraph that comes in pieces is joined into one up to about this many characters: a
#: QTextDocument lays a block out whole on each change, so the work per piece stays bounded.
JOIN_CHARS = 6_000


#: A space at the start of a fragment that ``insertHtml`` keeps (a bare one it drops).
_SPACE = '<span style="white-space: pre-wrap;"> </span>'
_BLOCK_TAG = re.compile(r"\s*<(?:p|ul|ol|li|blockquote|table|h[1-6]|pre|hr|div)\b", re.IGNORECASE)


def goes_on_line(html: str) -> bool:
    """Whether ``html`` is a fragment that continues the last line of what it is appended
    to (a piece of a paragraph, from :class:`ParagraphJoin`) rather than blocks of its own."""
    return bool(html) and not _BLOCK_TAG.match(html)


class ParagraphJoin:
    """Makes the pieces of one long paragraph render as one paragraph, not a line each.

    A piece the paragraph goes on after is left open (no ``</p>``), and the piece that goes
    on is an inline fragment (no ``<p>``): appended to a document it continues the last line
    (``rich_text.append_html``), and the HTML of a segment joined as a string is one
    paragraph too. A soft line break or a space at the cut becomes a space. Past
    :data:`JOIN_CHARS` the next piece starts a new paragraph again (so a 200,000-character
    line does not make one block whose every change is laid out whole).
    """

    def __init__(self) -> None:
        self._open = 0  # characters of the paragraph left open (0: none is)
        self._space = False  # the last piece ended with white space

    def fit(self, kind: str, continued: bool, closes: bool, source: str, html: str) -> str:
        """The HTML to hand out for a rendered piece (``kind``… as the piece's)."""
        single = html.startswith("<p") and html.endswith("</p>") and html.count("<p") == 1
        if not single or kind not in ("paragraph", "other"):
            self._open = 0
            return html
        size = len(source)
        if self._open and continued:
            # A line break or a space at the cut shows as a space; a cut in a word, as none.
            html = (_SPACE if self._space else "") + html[html.index(">") + 1 :]
            size += self._open
        self._open = 0
        self._space = source[-1:].isspace()
        if not closes and size + 1_500 <= JOIN_CHARS:
            self._open = size
            html = html.removesuffix("</p>")
        return html
