"""Incremental Markdown: each piece of the answer is rendered once, only the open tail again.

:mod:`app.ui.render.splitter` cuts the growing source into *pieces* that can no longer change —
between blocks, and inside a long block at lines where it can go on as a new piece. Each piece
is rendered to HTML exactly once and handed out (:meth:`.stream.MarkdownStream.render` returns it in
``new_blocks``) for the view to append to its documents. What follows the last cut is the
*tail*, re-rendered on each repaint in a replaceable region; the splitter keeps it to a few
thousand characters whatever the answer's shape (one code block of 5,000 lines, a table of
10,000 rows, a line with no break), so the work per repaint is bounded by the delta and the
open line, never by the block. Code is highlighted as its lines complete, a piece at a time,
the lexer resuming from the state the previous piece ended in (:mod:`.highlight`). When the
reply ends, :meth:`.stream.MarkdownStream.finish` makes the tail the last piece: there is no final
pass over the block.

Pieces of one block are rendered to fit together: a continued code piece has no header and
no top padding, a continued table the same column widths and no header row, a continued list,
quote or paragraph no top margin. No block nests a table per level of depth (quotes are block
margins, code blocks one flat table per piece), and containers deeper than
:data:`~app.ui.render.highlight.MAX_DEPTH` are drawn flat with a depth marker, so layout is
linear in depth and a 10,000-deep quote still shows its text.

The module is Qt-free (it produces HTML for ``QTextDocument``'s rich-text subset), so the
splitter and the renderer are tested and benchmarked without a display. Colours come in through
:class:`MarkdownStyle`, built by ``app.ui.common.theme`` from the palette. Model output is
untrusted: raw HTML in the source is escaped, images become links (a document must not fetch
anything), every link is drawn with the address it opens as its tooltip (the model's title is
dropped) and loses its target if it uses SeekDesk's own scheme; what a click opens is decided
by :mod:`.links` (web and mail only). Task lists, footnotes and bare URLs: :mod:`.md_extras`.
Each Copy link carries a token the model cannot know (:func:`copy_target`), so a forged one
does nothing.
"""

from __future__ import annotations

import functools
import html
import io
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from pygments.formatters import HtmlFormatter

from app.ui.render.fitting import (
    cap_depth,
    column_widths,
    dedent,
    drop_table_head,
    escape_start,
    join_margins,
    list_margin,
)
from app.ui.render.highlight import ROOT, flatten_depth, lex, lexer_for
from app.ui.render.links import shown_url
from app.ui.render.math_syntax import math_plugin, math_rules
from app.ui.render.md_extras import use_extras
from app.ui.render.quotes import quote_rules
from app.ui.render.splitter import BlockSplitter, Piece
from app.ui.render.style import MarkdownStyle
from app.ui.render.table_fast import plain_table_html

__all__ = [
    "COPY_SCHEME",
    "TABLE_JOIN",
    "BlockSplitter",
    "MarkdownRenderer",
    "MarkdownStyle",
    "Piece",
    "RenderedBlock",
    "copy_target",
    "renderer_for",
    "table_at_top",
]

#: Anchor scheme of the per-code-block Copy links: ``seekdesk-copy:<token>.<index>``.
COPY_SCHEME = "seekdesk-copy"
#: Tables with this many columns or more get a view of their own (see render_piece).
WIDE_TABLE_COLUMNS = 6
#: Known only to this process: a Copy link without it was not made by the renderer.
_COPY_TOKEN = secrets.token_hex(12)
_TAGS = re.compile(r"<[^>]*>")


#: A table's next piece goes on this many px higher (over the outer borders Qt draws round
#: each table and the gap it leaves between two): the pieces of a long table, appended one
#: after the other in a document, draw pixel for pixel as the table rendered whole.
TABLE_JOIN = 4
_JOIN_STYLE = f"margin-top: -{TABLE_JOIN}px;"


def table_at_top(html: str) -> str:
    """``html`` to open a document with: a table's next piece there does not go on higher
    (it would be cut off at the top of its view)."""
    if html.startswith("<table") and _JOIN_STYLE in html[: html.find(">")]:
        return html.replace(_JOIN_STYLE, "margin-top: 0px;", 1)
    return html


def copy_href(code_id: int) -> str:
    return f"{COPY_SCHEME}:{_COPY_TOKEN}.{code_id}"


def copy_target(scheme: str, path: str) -> int | None:
    """The code block a clicked link copies, or None: the scheme is not Copy's, or the link
    was not made by the renderer (a model can write ``seekdesk-copy:0`` but not the token)."""
    if scheme.lower() != COPY_SCHEME:
        return None
    token, _, index = path.partition(".")
    if not secrets.compare_digest(token, _COPY_TOKEN) or not index.isdigit():
        return None
    return int(index)


@dataclass(frozen=True, slots=True)
class RenderedBlock:
    """One piece of Markdown source and its HTML.

    ``code`` holds the raw text of each code block the piece opens; ``extra_code`` the code a
    continued piece adds to the code block before it; ``lex_state`` the lexer state its last,
    still open, code block ends in (where the next piece resumes).
    """

    source: str
    html: str
    code: tuple[str, ...] = ()
    extra_code: str = ""
    lex_state: tuple[str, ...] = ROOT
    #: Where it shows: ``text`` (``html`` in a segment), ``table`` (a top-level table, or a
    #: piece of one, in a view that may scroll sideways), or ``code``: a top-level code block
    #: (or a piece of one) in a code view of its own, ``body`` its highlighted code, exactly
    #: as the code (a final newline kept), ``html`` the same inline (for a plain document).
    view: str = "text"
    body: str = ""
    #: A code view begins here (with ``label``, its language, and ``code_id`` for Copy).
    opens: bool = False
    #: The code block ends in this piece (its view is complete).
    closes: bool = True
    label: str = ""
    code_id: int = -1


class MarkdownRenderer:
    """Markdown source → HTML for ``QTextDocument``, with Pygments-highlighted code blocks.

    ``renders`` counts calls, and ``chars_rendered`` / ``chars_highlighted`` the characters of
    source parsed and of code lexed, so tests and benchmarks can prove what is done once.
    """

    def __init__(self, style: MarkdownStyle | None = None) -> None:
        self.style = style or MarkdownStyle()
        self.renders = 0
        self.chars_rendered = 0
        self.chars_highlighted = 0
        #: Table pieces rendered without markdown-it (.table_fast): plain cells only.
        self.fast_tables = 0
        #: Top-level code blocks come out escaped, not lexed: a stored answer opens at once
        #: and its code views colour themselves in idle moments (set by AnswerPart.set_text).
        self.plain_code = False
        self._formatter = HtmlFormatter(
            nowrap=True, noclasses=True, style=self.style.pygments_style
        )
        md = MarkdownIt(
            "commonmark",
            {"html": False, "linkify": False, "typographer": False, "maxNesting": 100},
        )
        md.enable(["table", "strikethrough"])
        md.use(math_plugin)  # LaTeX taken whole before Markdown sees it (.math_syntax)
        # Every link is drawn, whatever its scheme; what a click opens is decided by .links.
        md.validateLink = _any_link  # type: ignore[method-assign]
        use_extras(md, self.style.muted)  # task lists, footnotes, bare URLs (.md_extras)
        rules = {
            "fence": self._fence,
            "code_block": self._fence,
            "code_inline": self._code_inline,
            **quote_rules(md.renderer.renderToken, self.style.muted),  # type: ignore[attr-defined]
            "table_open": self._table_open,
            "tr_open": self._tr_open,
            "th_open": self._cell_open,
            "td_open": self._cell_open,
            "link_open": self._link_open,
            "image": self._image,
            **math_rules(self.style),
        }
        # Bound methods go straight into the rule table (add_render_rule would re-bind them).
        md.renderer.rules.update(rules)  # type: ignore[attr-defined]  # (RendererHTML's)
        self._md = md

    def render(self, source: str, first_code_id: int = 0) -> RenderedBlock:
        """Render a whole block; its code blocks get Copy links numbered from ``first_code_id``."""
        return self.render_piece(Piece(source=source, closes=True), first_code_id)

    def render_piece(
        self, piece: Piece, first_code_id: int = 0, lex_state: tuple[str, ...] = ROOT
    ) -> RenderedBlock:
        """Render one piece; a continued code piece resumes lexing from ``lex_state``."""
        self.renders += 1
        if piece.kind == "code" and piece.continued:
            self.chars_rendered += len(piece.source)
            exact, state = self.highlight_exact(
                piece.code, piece.fence_info, lex_state, plain=self.plain_code
            )
            markup = self._code_html(exact.removesuffix("\n"), None, first=False, last=piece.closes)
            return RenderedBlock(
                piece.source, markup, extra_code=piece.code, lex_state=state,
                view="code", body=exact, closes=piece.closes,
            )  # fmt: skip
        source = piece.source
        if piece.midline:
            source = escape_start(source.lstrip())
        if piece.kind == "table" and piece.continued:
            source = piece.table_header + source
        if piece.indent:
            source = dedent(source, piece.indent)
        env: dict[str, Any] = {
            "code": [],
            "first_code_id": first_code_id,
            "open_end": piece.kind == "code" and not piece.closes,
            "lex_state": ROOT,
            "columns": column_widths(piece.table_header)
            if piece.kind == "table" and (piece.continued or not piece.closes)
            else None,
            "table_margins": (not piece.continued, piece.closes),
        }
        source = flatten_depth(source)  # one pass at C speed; then parse what remains
        fast = (
            plain_table_html(source, self._md.renderer.rules, env, not piece.continued)  # type: ignore[attr-defined]
            if piece.kind == "table" and not piece.midline and not piece.indent
            else None
        )
        tokens: list[Token] = []
        if fast is not None:
            self.fast_tables += 1
            body = fast
        else:
            body, tokens = self._parse(source, piece, env)
        if not _TAGS.sub("", body).strip() and "<img " not in body and source.strip():
            # Whatever the parser made of it, the text shows (never an empty answer).
            body = f'<p style="white-space: pre-wrap;">{html.escape(source.strip())}</p>'
        if piece.continued or not piece.closes:
            body = join_margins(body, piece.continued, not piece.closes, list_margin(piece.indent))
        view = env.get("code_view") if piece.kind == "code" else None
        if view is not None and sum(1 for t in tokens if t.level == 0 and t.type == "fence") == 1:
            label, exact, code_id = view  # a top-level code block: a view of its own
            return RenderedBlock(
                piece.source, body, code=tuple(env["code"]), lex_state=env["lex_state"],
                view="code", body=exact, opens=True, closes=piece.closes, label=label,
                code_id=code_id,
            )  # fmt: skip
        if (
            piece.kind == "table"
            and body.startswith("<table")
            and body.endswith("</table>")
            and piece.table_header.split("\n", 1)[0].strip().strip("|").count("|") + 1
            >= WIDE_TABLE_COLUMNS
        ):
            # A top-level table that may be wider than the column even squeezed: a view of its
            # own that can scroll sideways (rich_text). A narrow one stays in the text.
            return RenderedBlock(
                piece.source, body, code=tuple(env["code"]), lex_state=env["lex_state"],
                view="table", opens=not piece.continued, closes=piece.closes,
            )  # fmt: skip
        return RenderedBlock(
            source=piece.source, html=body, code=tuple(env["code"]), lex_state=env["lex_state"]
        )

    def _parse(
        self, source: str, piece: Piece, env: dict[str, Any]
    ) -> tuple[str, list[Token]]:
        """The HTML of ``source`` through markdown-it, and its tokens (the general path)."""
        tokens: list[Token] = []
        try:
            self.chars_rendered += len(source)
            tokens = self._md.parse(source, env)
            tokens = cap_depth(tokens)
            if piece.kind == "table" and piece.continued:
                tokens = drop_table_head(tokens)
            env["last_fence"] = max(
                (i for i, t in enumerate(tokens) if t.type in ("fence", "code_block")), default=-1
            )
            # Trailing newlines would show up in QTextDocument as a trailing space.
            return self._md.renderer.render(tokens, self._md.options, env).rstrip(), tokens
        except RecursionError:
            return "", tokens

    # --- code ------------------------------------------------------------------------------

    def highlight_raw(
        self, code: str, info: str, state: tuple[str, ...]
    ) -> tuple[str, tuple[str, ...]]:
        """HTML of ``code`` lexed from ``state``, and the state it ends in; the HTML of
        consecutive parts of a code block can be joined."""
        self.chars_highlighted += len(code)
        tokens, state = lex(lexer_for(info.lower()), code, state)
        out = io.StringIO()
        self._formatter.format(tokens, out)
        return out.getvalue(), state

    def highlight_exact(
        self, code: str, info: str, state: tuple[str, ...], plain: bool = False
    ) -> tuple[str, tuple[str, ...]]:
        """HTML of ``code`` that ends in a newline only where the code does (a code view
        appends the HTML of consecutive parts as they come: it must add no line breaks).
        ``plain``: escaped, not lexed (a stored block's view colours it later, .late_colour)."""
        if plain:
            return html.escape(code, quote=False), state
        body, state = self.highlight_raw(code, info, state)
        if body.endswith("\n") and not code.endswith("\n"):
            body = body[:-1]
        return body, state

    def code_piece_html(self, body: str, last: bool) -> str:
        """A continued piece of a code block whose highlighted HTML is ``body``."""
        if body.endswith("\n"):
            body = body[:-1]
        return self._code_html(body, None, first=False, last=last)

    def _code_html(self, body: str, header: str | None, first: bool, last: bool) -> str:
        """A code block (or a piece of one): one flat table, so layout stays per piece."""
        s = self.style
        margins = f"margin-top: {6 if first else 0}px; margin-bottom: {6 if last else 0}px;"
        padding = (
            f"padding-left: 8px; padding-right: 8px; padding-top: {8 if first else 0}px; "
            f"padding-bottom: {8 if last else 0}px;"
        )
        return (
            f'<table width="100%" cellspacing="0" cellpadding="0" border="0" style="{margins}">'
            f"{header or ''}"
            f'<tr><td bgcolor="{s.code_background}" style="{padding}">'
            f"<pre style=\"font-family: '{s.mono_family}'; white-space: pre-wrap; "
            f'margin-top: 0px; margin-bottom: 0px;">{body}</pre></td></tr></table>\n'
        )

    # --- render rules: (tokens, idx, options, env) -> html ------------------------------------

    def _fence(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        code = token.content
        info = token.info.strip().split(maxsplit=1)[0] if token.info.strip() else ""
        code_id = env["first_code_id"] + len(env["code"])
        env["code"].append(code)
        top = token.level == 0 and token.type == "fence"  # a view of its own (below)
        exact, state = self.highlight_exact(code, info, ROOT, plain=self.plain_code and top)
        body = exact.removesuffix("\n")
        open_end = env["open_end"] and idx == env["last_fence"]
        if open_end:
            env["lex_state"] = state
        s = self.style
        label = html.escape(info or "text")
        if token.level == 0 and token.type == "fence":
            env["code_view"] = (info or "text", exact, code_id)
        # The header nests its own borderless table so the language and the Copy link share
        # a row; it is one row, whatever the size of the code.
        header = (
            f'<tr><td bgcolor="{s.code_header}">'
            f'<table width="100%" cellspacing="0" cellpadding="4" border="0"><tr>'
            f'<td style="color: {s.muted}; font-size: small; padding-left: 8px;">{label}</td>'
            f'<td align="right" style="font-size: small; padding-right: 8px;">'
            f'<a href="{copy_href(code_id)}" style="color: {s.link}; text-decoration: none;">'
            f"{html.escape(s.copy_label)}</a></td></tr></table></td></tr>"
        )
        return self._code_html(body, header, first=True, last=not open_end)

    def _code_inline(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        s = self.style
        return (
            f"<code style=\"font-family: '{s.mono_family}'; "
            f'background-color: {s.inline_code_background};">'
            f"{html.escape(tokens[idx].content)}</code>"
        )

    def _table_open(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        s = self.style
        top, bottom = env.get("table_margins", (True, True))
        width = ' width="100%"' if env.get("columns") else ""
        return (
            f'<table border="1" cellspacing="0" cellpadding="5"{width} '
            # A squeezed table is as wide as the line plus its border: 2 px kept for it.
            f'style="border-collapse: collapse; border-color: {s.border}; border-style: solid; '
            "margin-right: 2px; "
            f'margin-top: {6 if top else -TABLE_JOIN}px; margin-bottom: {6 if bottom else 0}px;">\n'
        )

    def _tr_open(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        env["column"] = 0
        return "<tr>\n"

    def _cell_open(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        tag = token.tag
        style = str(token.attrGet("style") or "")
        align = style.removeprefix("text-align:").strip() if style.startswith("text-align:") else ""
        attrs = f' align="{align}"' if align in ("left", "center", "right") else ""
        columns = env.get("columns")
        column = env.get("column", 0)
        env["column"] = column + 1
        if columns and column < len(columns):
            attrs += f' width="{columns[column]}%"'
        if tag == "th":
            attrs += f' bgcolor="{self.style.table_header}"'
        return f"<{tag}{attrs}>"

    def _link_open(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        href = str(tokens[idx].attrGet("href") or "")
        if _internal(href):
            return "<a>"  # a model's link to SeekDesk's own scheme is no link at all
        return self._anchor(href)

    def _image(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        """An image is never fetched: it is a link to it, labelled with its alt text."""
        token = tokens[idx]
        src = str(token.attrGet("src") or "")
        alt = token.content or src
        if _internal(src):
            return html.escape(alt)
        return f"{self._anchor(src)}{html.escape(alt)}</a>"

    def _anchor(self, href: str) -> str:
        # The model's own title is dropped: hovering shows the address a click would open.
        title = html.escape(shown_url(href))
        return f'<a href="{html.escape(href)}" title="{title}" style="color: {self.style.link};">'


def _internal(href: str) -> bool:
    return href.strip().lower().startswith(COPY_SCHEME)


def _any_link(url: str) -> bool:
    return True


@functools.lru_cache(maxsize=4)
def renderer_for(style: MarkdownStyle) -> MarkdownRenderer:
    """One renderer per style, shared by every answer on screen.

    A renderer (a markdown-it parser with its rule chains, a Pygments formatter) weighs some
    20 kB; it keeps no state between renders, so thousands of answers need not each hold one.
    """
    return MarkdownRenderer(style)
