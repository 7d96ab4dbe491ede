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
