"""Incremental Markdown: render each finished block once, re-render only the growing tail.

A streaming answer grows by a few characters at a time. Re-rendering the whole answer on every
piece costs time proportional to its length, so a long answer would slow to a crawl just as it
gets interesting. Instead the source is cut into *blocks* at places where Markdown cannot join
what comes before with what comes after:

* a blank line (outside a fenced code block) followed by a line that starts in column 0
  (an indented line may still belong to a list item or be an indented code block);
* before and after a fenced code block that opens in column 0, once it is closed;
* before and after an ATX heading (``# …``) in column 0.

Everything before the last such cut is *stable*: it is rendered to HTML exactly once and handed
out (:meth:`MarkdownStream.render` returns it in ``new_blocks``) for the view to append to its
document. What follows the last cut is the *tail*; it is re-rendered on each repaint and shown in
a replaceable region. So the work per repaint is bounded by the size of the tail block, not by
the size of the answer. When the reply ends, :meth:`MarkdownStream.finish` makes the tail stable.

Cutting loses what CommonMark joins across blocks: a reference-style link defined in a later
block, and a loose list split by blank lines renders as consecutive lists (numbering continues
through ``start``). Model output rarely relies on the former; the latter looks the same.

The module is Qt-free (it produces HTML for ``QTextDocument``'s rich-text subset), so the
splitter and the renderer are tested and benchmarked without a display. Colours come in through
:class:`MarkdownStyle`, built by ``app.ui.common.theme`` from the palette. Raw HTML in the source is
escaped, images become links (a document must not fetch anything), and links keep
markdown-it's safe-scheme check; the view opens only http(s) links.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.lexers.special import TextLexer
from pygments.util import ClassNotFound

#: Anchor scheme of the per-code-block Copy links: ``seekdesk-copy:<index>``.
COPY_SCHEME = "seekdesk-copy"

_FENCE_OPEN = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
_ATX_HEADING = re.compile(r"^#{1,6}(?:[ \t]|$)")


@functools.lru_cache(maxsize=64)
def _lexer(name: str) -> Lexer:
    """The Pygments lexer for a fence's language (plain text when unknown), looked up once:
    ``get_lexer_by_name`` scans every lexer and imports modules, too slow for each repaint."""
    if not name:
        return TextLexer()
    try:
        return get_lexer_by_name(name)
    except ClassNotFound:
        return TextLexer()


@dataclass(frozen=True, slots=True)
class MarkdownStyle:
    """Colours and labels the HTML is rendered with (hex strings; derived from the palette)."""

    text: str = "#1f2328"
    muted: str = "#656d76"
    link: str = "#0969da"
    border: str = "#d0d7de"
    code_background: str = "#f6f8fa"
    code_header: str = "#eaeef2"
    inline_code_background: str = "#eff1f3"
    quote_bar: str = "#d0d7de"
    table_header: str = "#f6f8fa"
    pygments_style: str = "default"
    mono_family: str = "monospace"
    #: Text of the Copy link on each code block (translated by the view).
    copy_label: str = "Copy"


@dataclass(frozen=True, slots=True)
class RenderedBlock:
    """One block of Markdown source and its HTML; ``code`` holds each code block's raw text."""

    source: str
    html: str
    code: tuple[str, ...] = ()


class MarkdownRenderer:
    """Markdown source → HTML for ``QTextDocument``, with Pygments-highlighted code blocks.

    ``renders`` counts calls, so tests and benchmarks can prove a block is rendered once.
    """

    def __init__(self, style: MarkdownStyle | None = None) -> None:
        self.style = style or MarkdownStyle()
        self.renders = 0
        self._formatter = HtmlFormatter(
            nowrap=True, noclasses=True, style=self.style.pygments_style
        )
        md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
        md.enable(["table", "strikethrough"])
        rules = {
            "fence": self._fence,
            "code_block": self._fence,
            "code_inline": self._code_inline,
            "blockquote_open": self._blockquote_open,
            "blockquote_close": self._blockquote_close,
            "table_open": self._table_open,
            "th_open": self._cell_open,
            "td_open": self._cell_open,
            "link_open": self._link_open,
            "image": self._image,
        }
        # Bound methods go straight into the rule table (add_render_rule would re-bind them).
        md.renderer.rules.update(rules)
        self._md = md

    def render(self, source: str, first_code_id: int = 0) -> RenderedBlock:
        """Render ``source``; its code blocks get Copy anchors numbered from ``first_code_id``."""
        self.renders += 1
        env: dict[str, Any] = {"code": [], "first_code_id": first_code_id}
        # Trailing newlines would show up in QTextDocument as a trailing space.
        body = self._md.render(source, env).rstrip()
        return RenderedBlock(source=source, html=body, code=tuple(env["code"]))

    # --- render rules: (tokens, idx, options, env) -> html ------------------------------------

    def _fence(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        code = token.content
        info = token.info.strip().split(maxsplit=1)[0] if token.info.strip() else ""
        code_id = env["first_code_id"] + len(env["code"])
        env["code"].append(code)
        lexer = _lexer(info.lower())
        body = highlight(code, lexer, self._formatter) if code else ""
        if body.endswith("\n"):
            body = body[:-1]
        s = self.style
        label = html.escape(info or "text")
        # One outer table with a border; the header row nests its own borderless table so
        # no divider is drawn between the language and the Copy link.
        return (
            f'<table width="100%" cellspacing="0" cellpadding="0" border="1" '
            f'style="border-collapse: collapse; border-color: {s.border}; border-style: solid; '
            f'margin-top: 6px; margin-bottom: 6px;">'
            f'<tr><td bgcolor="{s.code_header}">'
            f'<table width="100%" cellspacing="0" cellpadding="4" border="0"><tr>'
            f'<td style="color: {s.muted}; font-size: small; padding-left: 8px;">{label}</td>'
            f'<td align="right" style="font-size: small; padding-right: 8px;">'
            f'<a href="{COPY_SCHEME}:{code_id}" style="color: {s.link}; text-decoration: none;">'
            f"{html.escape(s.copy_label)}</a></td></tr></table></td></tr>"
            f'<tr><td bgcolor="{s.code_background}" style="padding: 8px;">'
            f"<pre style=\"font-family: '{s.mono_family}'; white-space: pre-wrap; "
            f'margin-top: 0px; margin-bottom: 0px;">{body}</pre></td></tr></table>\n'
        )

    def _code_inline(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        s = self.style
        return (
            f"<code style=\"font-family: '{s.mono_family}'; "
            f'background-color: {s.inline_code_background};">'
            f"{html.escape(tokens[idx].content)}</code>"
        )

    def _blockquote_open(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        s = self.style
        return (
            '<table cellspacing="0" cellpadding="0" style="margin-top: 8px; margin-bottom: 8px;">'
            f'<tr><td width="3" bgcolor="{s.quote_bar}"></td>'
            f'<td style="padding-left: 10px; color: {s.muted};">\n'
        )

    def _blockquote_close(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        return "</td></tr></table>\n"

    def _table_open(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        s = self.style
        return (
            f'<table border="1" cellspacing="0" cellpadding="5" style="border-collapse: collapse; '
            f"border-color: {s.border}; border-style: solid; margin-top: 6px; "
            f'margin-bottom: 6px;">\n'
        )

    def _cell_open(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        tag = token.tag
        style = str(token.attrGet("style") or "")
        align = style.removeprefix("text-align:").strip() if style.startswith("text-align:") else ""
        attrs = f' align="{align}"' if align in ("left", "center", "right") else ""
        if tag == "th":
            attrs += f' bgcolor="{self.style.table_header}"'
        return f"<{tag}{attrs}>"

    def _link_open(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        href = str(tokens[idx].attrGet("href") or "")
        return f'<a href="{html.escape(href)}" style="color: {self.style.link};">'

    def _image(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        src = str(token.attrGet("src") or "")
        alt = token.content or src
        return (
            f'<a href="{html.escape(src)}" style="color: {self.style.link};">{html.escape(alt)}</a>'
        )


@functools.lru_cache(maxsize=4)
def renderer_for(style: MarkdownStyle) -> MarkdownRenderer:
    """One renderer per style, shared by every answer on screen.

    A renderer (a markdown-it parser with its rule chains, a Pygments formatter) weighs some
    20 kB; it keeps no state between renders, so thousands of answers need not each hold one.
    """
    return MarkdownRenderer(style)


class BlockSplitter:
    """Keeps the growing source and cuts off blocks that can no longer change.

    Only text after the last cut is kept as a string (``pending``), and each :meth:`append`
    scans only lines it has not seen, so the cost of a piece is independent of what came before.
    """

    def __init__(self) -> None:
        self._done: list[str] = []  # blocks already handed out, in order
        self._pending = ""  # source after the last cut
        self._scan = 0  # offset in _pending of the first line not yet scanned
        self._fence: tuple[str, int] | None = None  # (marker char, length) while in a fence
        self._fence_top = False  # the open fence started in column 0
        self._prev_blank = False  # the last scanned line was blank (outside a fence)
        self._ready: list[str] = []  # blocks cut but not yet taken

    @property
    def source(self) -> str:
        """All text appended so far."""
        return "".join(self._done) + "".join(self._ready) + self._pending

    @property
    def tail(self) -> str:
        """The text after the last cut: the block that may still change."""
        return self._pending

    def append(self, text: str) -> None:
        if not text:
            return
        self._pending += text
        self._cut_complete_lines()

    def take_stable(self) -> list[str]:
        """Blocks that became stable since the last call, each exactly once."""
        ready, self._ready = self._ready, []
        self._done.extend(ready)
        return ready

    def finish(self) -> list[str]:
        """The end of the text: everything left becomes stable."""
        if self._pending.strip():
            self._ready.append(self._pending)
        elif self._pending and self._ready:
            self._ready[-1] += self._pending
        elif self._pending and self._done:
            self._done[-1] += self._pending
        self._pending = ""
        self._scan = 0
        return self.take_stable()

    # --- scanning -------------------------------------------------------------------------

    def _cut(self, at: int) -> None:
        block = self._pending[:at]
        if not block.strip():
            return  # leading blank lines stay with the block that follows them
        self._ready.append(block)
        self._pending = self._pending[at:]
        self._scan -= at

    def _cut_complete_lines(self) -> None:
        while True:
            start = self._scan
            end = self._pending.find("\n", start)
            if end < 0:
                break
            self._scan = end + 1
            self._scan_line(self._pending[start:end].rstrip("\r"), end + 1 - start)
        # A started line decides a cut before it by its first character alone.
        rest = self._pending[self._scan : self._scan + 1]
        if rest and self._prev_blank and self._fence is None and not rest.isspace():
            self._cut(self._scan)

    def _scan_line(self, line: str, length: int) -> None:
        """Scan the line that ends at ``_scan`` (``length`` characters with its newline).

        Offsets are taken from ``_scan`` each time because a cut shifts them.
        """
        if self._fence is not None:
            char, size = self._fence
            stripped = line.strip()
            indent = len(line) - len(line.lstrip(" "))
            if indent <= 3 and stripped.startswith(char * size) and not stripped.strip(char):
                self._fence = None
                self._prev_blank = False
                if self._fence_top:
                    self._cut(self._scan)  # whatever follows a closed fence is a new block
            return
        if not line.strip():
            self._prev_blank = True
            return
        top = not line[0].isspace()
        if top and self._prev_blank:
            self._cut(self._scan - length)
        self._prev_blank = False
        fence = _FENCE_OPEN.match(line)
        if fence and not (fence.group(2)[0] == "`" and "`" in fence.group(3)):
            self._fence = (fence.group(2)[0], len(fence.group(2)))
            self._fence_top = top
            if top:
                self._cut(self._scan - length)  # a fence interrupts a paragraph
            return
        if top and _ATX_HEADING.match(line):
            self._cut(self._scan - length)  # a heading is a block of its own line
            self._cut(self._scan)


@dataclass(slots=True)
class StreamUpdate:
    """What changed since the last render: blocks to append once, and the current tail."""

    new_blocks: list[RenderedBlock] = field(default_factory=list)
    tail: RenderedBlock | None = None
    tail_changed: bool = False


class MarkdownStream:
    """A growing answer: source in, HTML out — stable blocks once, the tail on each repaint."""

    def __init__(self, renderer: MarkdownRenderer | None = None) -> None:
        self.renderer = renderer or MarkdownRenderer()
        self._splitter = BlockSplitter()
        self._code: list[str] = []  # raw code of the stable blocks' code blocks
        self._tail: RenderedBlock | None = None
        self._tail_source: str | None = None
        self.finished = False
        #: Renders of stable blocks (each block once) and of the tail, for tests and benchmarks.
        self.stable_renders = 0
        self.tail_renders = 0

    @property
    def source(self) -> str:
        return self._splitter.source

    def append(self, text: str) -> None:
        """Cheap: stores the text and finds new cuts; rendering waits for :meth:`render`."""
        self._splitter.append(text)

    def render(self) -> StreamUpdate:
        """Render newly stable blocks (once each) and the tail if it changed."""
        update = StreamUpdate(new_blocks=self._render_stable(self._splitter.take_stable()))
        tail = self._splitter.tail
        if tail != self._tail_source or update.new_blocks:
            self._tail_source = tail
            self._tail = None
            if tail.strip():
                self._tail = self.renderer.render(tail, len(self._code))
                self.tail_renders += 1
            update.tail_changed = True
        update.tail = self._tail
        return update

    def finish(self) -> StreamUpdate:
        """The reply ended: the tail becomes a stable block and the tail region empties."""
        self.finished = True
        update = StreamUpdate(new_blocks=self._render_stable(self._splitter.finish()))
        update.tail_changed = self._tail is not None or bool(update.new_blocks)
        self._tail = None
        self._tail_source = ""
        return update

    def code(self, code_id: int) -> str | None:
        """The raw text of code block ``code_id`` (stable blocks first, then the tail's)."""
        if 0 <= code_id < len(self._code):
            return self._code[code_id]
        if self._tail is not None:
            offset = code_id - len(self._code)
            if 0 <= offset < len(self._tail.code):
                return self._tail.code[offset]
        return None

    def _render_stable(self, sources: list[str]) -> list[RenderedBlock]:
        blocks = []
        for source in sources:
            block = self.renderer.render(source, len(self._code))
            self.stable_renders += 1
            self._code.extend(block.code)
            blocks.append(block)
        return blocks


def render_all(source: str, renderer: MarkdownRenderer | None = None) -> list[RenderedBlock]:
    """Render a finished text in one go (a message loaded from history), block by block."""
    stream = MarkdownStream(renderer)
    stream.append(source)
    return stream.finish().new_blocks
