"""A growing answer as a stream: source in, HTML out — each piece once, the tail per repaint.

The pieces come from :mod:`app.ui.render.splitter` and are rendered by
:class:`~app.ui.render.markdown.MarkdownRenderer`; see :mod:`app.ui.render.markdown` for how
they fit together. Pure Python, no Qt.
"""

from __future__ import annotations

import dataclasses
import time
from collections import deque
from dataclasses import dataclass, field

from app.ui.render.fitting import ParagraphJoin
from app.ui.render.highlight import ROOT
from app.ui.render.markdown import MarkdownRenderer, RenderedBlock
from app.ui.render.splitter import BlockSplitter, Piece

__all__ = ["MarkdownStream", "StreamUpdate", "render_all"]


@dataclass(slots=True)
class StreamUpdate:
    """What changed since the last render: pieces to append once, and the current tail."""

    new_blocks: list[RenderedBlock] = field(default_factory=list)
    tail: RenderedBlock | None = None
    tail_changed: bool = False
    #: Pieces cut but not rendered yet (the time budget ran out): render again soon.
    backlog: int = 0


class MarkdownStream:
    """A growing answer: source in, HTML out — each piece once, the tail on each repaint.

    ``stable_renders`` / ``tail_renders`` count renders of pieces and of the tail, and
    ``tail_chars`` the characters of tail rendered in all: the work a repaint costs.
    """

    def __init__(self, renderer: MarkdownRenderer | None = None) -> None:
        self.renderer = renderer or MarkdownRenderer()
        self._splitter = BlockSplitter()
        self._code: list[str] = []  # raw code of each code block in the stable pieces
        self._lex_state: tuple[str, ...] = ROOT  # where the open code block's lexing resumes
        self._tail: RenderedBlock | None = None
        self._tail_source: str | None = None
        # The open code block's complete lines in the tail, highlighted, since the piece
        # count was n: (n, code, html, state).
        self._tail_lines: tuple[int, str, str, tuple[str, ...]] = (0, "", "", ROOT)
        self._backlog: deque[Piece] = deque()  # cut, not yet rendered (over the time budget)
        self._join = ParagraphJoin()
        self.finished = False
        self.stable_renders = 0
        self.tail_renders = 0
        self.tail_chars = 0

    @property
    def source(self) -> str:
        return self._splitter.source

    @property
    def backlog(self) -> int:
        """Pieces cut but not rendered yet (0 once everything that arrived is shown)."""
        return len(self._backlog)

    def append(self, text: str) -> None:
        """Cheap: stores the text and finds new cuts; rendering waits for :meth:`render`."""
        self._splitter.append(text)

    def render(self, budget: float | None = None) -> StreamUpdate:
        """Render newly stable pieces (once each) and the tail if it changed.

        With a ``budget`` (seconds), stop rendering pieces once it is spent and report the
        rest as ``backlog``: text that arrives faster than it can be shown (thousands of
        deltas a second) lags a little instead of stalling the window. The tail waits until
        the backlog is gone, so nothing shows ahead of the pieces before it.
        """
        self._backlog.extend(self._splitter.take_stable())
        update = StreamUpdate(new_blocks=self._render_backlog(budget))
        update.backlog = len(self._backlog)
        if self._backlog:
            update.tail_changed = self._tail is not None
            self._tail, self._tail_source = None, None
            return update
        tail = self._splitter.tail
        if tail != self._tail_source or update.new_blocks:
            self._tail_source = tail
            self._tail = None
            if tail.strip():
                piece = self._splitter.tail_piece()
                if piece.kind == "code" and piece.continued:
                    self._tail = self._render_code_tail(piece)
                else:
                    self._tail = self.renderer.render_piece(piece, len(self._code), self._lex_state)
                    self.tail_chars += len(tail)
                self.tail_renders += 1
            update.tail_changed = True
        update.tail = self._tail
        return update

    def finish(self, budget: float | None = None) -> StreamUpdate:
        """The reply ended: the tail becomes the last piece and the tail region empties
        (pieces over the ``budget`` are left in the backlog for :meth:`render`)."""
        self.finished = True
        self._backlog.extend(self._splitter.finish())
        update = StreamUpdate(new_blocks=self._render_backlog(budget))
        update.backlog = len(self._backlog)
        update.tail_changed = self._tail is not None or bool(update.new_blocks)
        self._tail = None
        self._tail_source = ""
        return update

    def code(self, code_id: int) -> str | None:
        """The raw text of code block ``code_id`` (stable pieces first, then the tail's)."""
        tail = self._tail
        last = len(self._code) - 1
        if 0 <= code_id <= last:
            extra = tail.extra_code if tail is not None and code_id == last else ""
            return self._code[code_id] + extra
        if tail is not None:
            offset = code_id - len(self._code)
            if 0 <= offset < len(tail.code):
                return tail.code[offset]
        return None

    def _render_code_tail(self, piece: Piece) -> RenderedBlock:
        """The open part of a long code block: complete lines are highlighted once (kept
        until the next cut), only the open line again on each repaint."""
        code = piece.code
        complete = code[: code.rfind("\n") + 1]
        pieces, done, done_html, state = self._tail_lines
        if pieces != self.stable_renders or not complete.startswith(done):
            done, done_html, state = "", "", self._lex_state
        if len(complete) > len(done):
            more, state = self.renderer.highlight_raw(
                complete[len(done) :], piece.fence_info, state
            )
            self.tail_chars += len(complete) - len(done)
            done, done_html = complete, done_html + more
        self._tail_lines = (self.stable_renders, done, done_html, state)
        open_line = code[len(complete) :]
        open_html, _ = self.renderer.highlight_exact(open_line, piece.fence_info, state)
        self.tail_chars += len(open_line)
        markup = self.renderer.code_piece_html(done_html + open_html, last=True)
        return RenderedBlock(
            piece.source, markup, extra_code=code, lex_state=state,
            view="code", body=done_html + open_html, closes=False,
        )  # fmt: skip

    def _render_backlog(self, budget: float | None) -> list[RenderedBlock]:
        blocks = []
        deadline = None if budget is None else time.perf_counter() + budget
        while self._backlog:
            piece = self._backlog.popleft()
            block = self.renderer.render_piece(piece, len(self._code), self._lex_state)
            if block.view == "text":  # a long paragraph's pieces make one paragraph
                html = self._join.fit(
                    piece.kind, piece.continued, piece.closes, piece.source, block.html
                )
                block = dataclasses.replace(block, html=html) if html != block.html else block
            self.stable_renders += 1
            self._lex_state = block.lex_state
            if block.extra_code and self._code:
                self._code[-1] += block.extra_code
            self._code.extend(block.code)
            blocks.append(block)
            if deadline is not None and time.perf_counter() >= deadline:
                break
        return blocks


def render_all(source: str, renderer: MarkdownRenderer | None = None) -> list[RenderedBlock]:
    """Render a finished text in one go (a message loaded from history), piece by piece."""
    stream = MarkdownStream(renderer)
    stream.append(source)
    return stream.finish().new_blocks
