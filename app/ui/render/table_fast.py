"""A fast path for plain table pieces: the HTML markdown-it would give, without markdown-it.

Opening a stored answer of long tables spent about half its time in markdown-it's table rule
and inline parsing (issue #9), though most table rows hold nothing but words, numbers and a
short code span. :func:`plain_table_html` renders such a piece directly, through the
renderer's own render rules (so tag attributes, alignment, widths and margins come from one
place), and returns None for anything it is not sure of — a backslash, emphasis or link
characters, math, entities, text linkify might turn into a link, uneven backticks, indented
or mid-line pieces — which then goes through markdown-it as before.
``tests/ui/render/test_table_fast.py`` compares both paths on many generated tables.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from markdown_it.token import Token

from app.ui.render.md_extras import _may_link

#: Any character but those that never start Markdown syntax inside a cell here: ASCII letters,
#: digits, some punctuation, and non-ASCII past the C1 controls.
_UNSAFE = re.compile("[^A-Za-z0-9 .,;?()%+#/'\"={}\\-\u00a0-\U0010ffff]")
_CODE_SPAN = re.compile(r"`([^`]+)`")
_DELIMITER = re.compile(r"\s*(:?)-+(:?)\s*")
_ALIGN = {(":", ""): "left", ("", ":"): "right", (":", ":"): "center"}


def _cells(line: str) -> list[str] | None:
    line = line.strip(" ")
    if len(line) < 2 or not line.startswith("|") or not line.endswith("|"):
        return None
    return [cell.strip(" ") for cell in line[1:-1].split("|")]


def _escape(text: str) -> str:
    """markdown-it's escapeHtml (``'`` is left alone, unlike html.escape)."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace('"', "&quot;")
    )


def _inline(cell: str, code: Callable[[str], str]) -> str | None:
    """A cell's HTML, or None if it holds anything but plain text and simple code spans."""
    if cell.count("`") % 2:
        return None
    out: list[str] = []
    at = 0
    for match in _CODE_SPAN.finditer(cell):
        text, body = cell[at : match.start()], match.group(1)
        if body != body.strip(" ") or not body.strip():
            return None
        out.append(_text(text))
        out.append(code(body))
        at = match.end()
    out.append(_text(cell[at:]))
    if any(part == "\0" for part in out):
        return None
    return "".join(out)


def _text(text: str) -> str:
    # (not printable: Unicode spaces, which markdown-it may trim off a cell)
    if _UNSAFE.search(text) is not None or not text.isprintable() or _may_link(text):
        return "\0"  # marks the cell as not plain (see _inline)
    return _escape(text)


def plain_table_html(
    source: str, rules: dict[str, Any], env: dict[str, Any], head: bool
) -> str | None:
    """The HTML of a table piece whose ``source`` (header, delimiter, rows) is plain, as the
    renderer's rules ``rules`` would print it from markdown-it's tokens (rstripped), without
    its header rows if ``head`` is false; None when the piece must go through markdown-it."""
    if "\\" in source or "\t" in source or "\r" in source:
        return None
    lines = source.rstrip("\n").split("\n")
    if len(lines) < 2:
        return None
    header, delimiter = _cells(lines[0]), _cells(lines[1])
    if header is None or delimiter is None or len(header) != len(delimiter):
        return None
    aligns: list[str] = []
    for cell in delimiter:
        match = _DELIMITER.fullmatch(cell)
        if match is None:
            return None
        aligns.append(_ALIGN.get((match.group(1), match.group(2)), ""))
    rows = [_cells(line) for line in lines[2:]]
    if any(row is None for row in rows):
        return None

    def code(body: str) -> str:
        token = Token("code_inline", "code", 0, content=body)
        return str(rules["code_inline"]([token], 0, None, env))

    def opens(tag: str) -> list[str]:
        out = []
        for column, align in enumerate(aligns):
            env["column"] = column
            attrs: dict[str, str | int | float] = (
                {"style": f"text-align:{align}"} if align else {}
            )
            token = Token(f"{tag}_open", tag, 1, attrs=attrs)
            out.append(rules[f"{tag}_open"]([token], 0, None, env))
        return out

    tr = rules["tr_open"]([], 0, None, env)
    parts = [rules["table_open"]([], 0, None, env)]
    if head:
        cells = [_inline(cell, code) for cell in header]
        if any(cell is None for cell in cells):
            return None
        parts.append("<thead>\n" + tr)
        parts += [f"{o}{c}</th>\n" for o, c in zip(opens("th"), cells, strict=True)]
        parts.append("</tr>\n</thead>\n")
    if rows:
        td = opens("td")
        parts.append("<tbody>\n")
        for row in rows:
            assert row is not None
            row = (row + [""] * len(td))[: len(td)]
            cells = [_inline(cell, code) for cell in row]
            if any(cell is None for cell in cells):
                return None
            parts.append(tr)
            parts += [f"{o}{c}</td>\n" for o, c in zip(td, cells, strict=True)]
            parts.append("</tr>\n")
        parts.append("</tbody>\n")
    env["column"] = 0
    return ("".join(parts) + "</table>").rstrip()
