"""A stored answer's pieces, rendered only when their view is built.

Opening a long stored answer builds only the views at its end (:mod:`.stored_answer`), but
rendering the whole answer's Markdown first still cost ~90 ms of markdown-it for 100,000
characters of a Markdown mix. :class:`StoredStream` splits the source into pieces (the
splitter: cheap) and *predicts*, from a piece's source alone, what :func:`.lazy_fill.split_runs`
needs of its rendered block (where it shows, whether it opens a view, whether it is empty or
holds a table) and how many code blocks it numbers: a piece's Copy links are numbered from the
code blocks before it. A piece that cannot be predicted safely (a fence or a table inside a
list, math, a long paragraph whose pieces are joined: ``fitting.ParagraphJoin`` carries state
from piece to piece) is rendered at once, in order, exactly as the whole answer would be.

A run's pieces are rendered when its view is built (:meth:`StoredStream.realize`) and checked
against the prediction; a wrong one (not expected: the tests compare every shape) returns
``None`` and the answer is rendered whole instead, so what shows is always what rendering
everything up front shows. Stored answers render code plain (``plain_code``): no lexer state
carries from one piece to the next outside a code block, whose pieces are in one run.
"""

from __future__ import annotations

import copy
import dataclasses
import math
import re
import time
from dataclasses import dataclass

from app.ui.render.fitting import ParagraphJoin
from app.ui.render.highlight import ROOT
from app.ui.render.lazy_fill import Run
from app.ui.render.markdown import WIDE_TABLE_COLUMNS, MarkdownRenderer, RenderedBlock
from app.ui.render.splitter import Piece
from app.ui.render.stream import MarkdownStream

__all__ = ["StoredStream"]

#: A piece's predicted HTML when it renders as one paragraph (``ParagraphJoin`` joins it).
_SINGLE = "<p>x</p>"
#: Piece kinds whose pieces ``ParagraphJoin`` joins (a chain of them is rendered at once).
JOIN_KINDS = ("paragraph", "other")
#: Source that may make a code block, a table or math where the prediction would not see it.
_UNSURE = ("```", "~~~", "$$", "|", "\\[")
#: A line after a blank one, indented 4 or more (in quotes too), not a list item: maybe an
#: indented code block (which is numbered for Copy).
_INDENTED = re.compile(r"(?:^|\n)[ \t>]*\n[ >]*(?: {4}|\t)(?![ \t]*(?:[-+*]|\d{1,9}[.)])[ \t])")
#: A piece that starts indented 4 or more, not with a list item: maybe code.
_CODE_START = re.compile(r"(?: {4}|\t)(?![ \t]*(?:[-+*]|\d{1,9}[.)])[ \t])")


@dataclass(slots=True)
class _Slot:
    piece: Piece
    first_code_id: int
    #: What ``split_runs`` sees before it is rendered (``html`` a marker only).
    shape: RenderedBlock
    #: ``ParagraphJoin``'s state where the piece starts (as rendering in order leaves it).
    join: ParagraphJoin
    block: RenderedBlock | None = None


def _guess(piece: Piece) -> RenderedBlock | None:
    """The rendered block's outline predicted from the source, or None when unsure."""
    source = piece.source
    if piece.kind == "code":
        if piece.continued:
            return RenderedBlock(source, "x", view="code", closes=piece.closes)
        head = source.lstrip(" ")
        if piece.midline or piece.indent or len(source) - len(head) > 3:
            return None
        if not head.startswith(("```", "~~~")):
            return None
        return RenderedBlock(source, "<table", code=("",), view="code", opens=True)
    if piece.kind == "table":
        if piece.midline or piece.indent or "```" in source or "~~~" in source:
            return None
        if any("|" not in line for line in source.strip().splitlines()):
            return None  # not rows only (a paragraph after the table, cut into the piece)
        columns = piece.table_header.split("\n", 1)[0].strip().strip("|").count("|") + 1
        if columns >= WIDE_TABLE_COLUMNS:
            return RenderedBlock(source, "<table", view="table", opens=not piece.continued)
        return RenderedBlock(source, "<table")
    if any(mark in source for mark in _UNSURE) or _INDENTED.search(source):
        return None
    if _CODE_START.match(source):
        return None
    return RenderedBlock(source, "x" if source.strip() else "")


def _guess_joined(piece: Piece) -> RenderedBlock | None:
    """A piece of a long paragraph (joined to the next or the last): predicted only as one
    line of plain text (a long line cut every 2,500 characters), which renders as one
    paragraph; anything else is rendered at once."""
    guess = _guess(piece) if piece.kind in JOIN_KINDS else None
    if guess is None or not guess.html or "\n" in piece.source.rstrip("\n"):
        return None
    return dataclasses.replace(guess, html=_SINGLE)


def _agrees(block: RenderedBlock, shape: RenderedBlock) -> bool:
    """The rendered block is what its prediction said (for ``split_runs`` and Copy ids)."""
    same = (
        block.view == shape.view
        and block.opens == shape.opens
        and len(block.code) == len(shape.code)
        and bool(block.html.strip()) == bool(shape.html.strip())
    )
    return same and (block.view == "code" or ("<table" in block.html) == ("<table" in shape.html))


class StoredStream(MarkdownStream):
    """A finished answer whose pieces are rendered on demand (a stored answer opened).

    ``shapes`` are the blocks to split into runs (:func:`.lazy_fill.split_runs`); a run of
    them becomes the real one with :meth:`realize`. ``prerendered`` counts pieces rendered
    before any view was asked for (tests: the work the first paint pays).
    """

    def __init__(self, renderer: MarkdownRenderer, text: str) -> None:
        super().__init__(renderer)
        self.append(text)
        self.finished = True
        pieces = self._splitter.finish()
        self._codes: dict[int, str] = {}
        self._slots: list[_Slot] = []
        self.prerendered = 0
        chained = [False] * len(pieces)
        for index, piece in enumerate(pieces):
            if index and piece.continued and piece.kind in JOIN_KINDS:
                chained[index] = chained[index - 1] = True
        join = ParagraphJoin()
        codes = 0
        lex_state = ROOT
        for index, piece in enumerate(pieces):
            shape = _guess_joined(piece) if chained[index] else _guess(piece)
            before = copy.copy(join)  # the join's state where this piece starts
            if shape is None:
                block, _ = self._render(piece, codes, lex_state, join)
                self.prerendered += 1
                self._slots.append(_Slot(piece, codes, block, before, block))
                lex_state = block.lex_state
                codes += len(block.code)
                continue
            # Joined as its prediction says (a chain's pieces: one paragraph each, checked).
            join.fit(piece.kind, piece.continued, piece.closes, piece.source, shape.html)
            lex_state = ROOT
            self._slots.append(_Slot(piece, codes, shape, before))
            codes += len(shape.code)
        self._index = {id(slot.shape): index for index, slot in enumerate(self._slots)}

    @property
    def shapes(self) -> list[RenderedBlock]:
        return [slot.shape for slot in self._slots]

    def code(self, code_id: int) -> str | None:
        """The raw text of code block ``code_id`` (of the pieces rendered so far)."""
        return self._codes.get(code_id)

    def prepare(self, run: Run, budget: float) -> bool | None:
        """Render ``run``'s pieces in order for about ``budget`` seconds (an idle turn's share:
        a run of list items is ~20 ms of markdown-it): True once all are, None if one is
        not what was predicted (then the answer must be rendered whole)."""
        deadline = time.perf_counter() + budget
        for shape in run.blocks:
            index = self._index[id(shape)]
            slot = self._slots[index]
            if slot.block is not None:
                continue
            if time.perf_counter() >= deadline:
                return False
            before = self._slots[index - 1].block if index else None
            lex_state = before.lex_state if before is not None else ROOT
            join = copy.copy(slot.join)
            block, single = self._render(slot.piece, slot.first_code_id, lex_state, join)
            if not _agrees(block, slot.shape) or (slot.shape.html == _SINGLE and not single):
                return None
            slot.block = block
        return True

    def realize(self, run: Run) -> Run | None:
        """The run of ``shapes`` with its pieces rendered (once); None if a piece is not what
        it was predicted to be (then the answer must be rendered whole)."""
        if self.prepare(run, math.inf) is None:
            return None
        blocks = [self._slots[self._index[id(shape)]].block for shape in run.blocks]
        return Run(run.kind, tuple(block for block in blocks if block is not None))

    def _render(
        self, piece: Piece, first_code_id: int, lex_state: tuple[str, ...], join: ParagraphJoin
    ) -> tuple[RenderedBlock, bool]:
        """One piece as ``MarkdownStream`` renders it (code plain, a paragraph joined), and
        whether it rendered as one paragraph (what the join goes by)."""
        renderer = self.renderer
        renderer.plain_code = True  # code views colour themselves later (.late_colour)
        try:
            block = renderer.render_piece(piece, first_code_id, lex_state)
        finally:
            renderer.plain_code = False
        single = False
        if block.view == "text":
            raw = block.html
            single = raw.startswith("<p") and raw.endswith("</p>") and raw.count("<p") == 1
            html = join.fit(piece.kind, piece.continued, piece.closes, piece.source, raw)
            if html != block.html:
                block = dataclasses.replace(block, html=html)
        self.stable_renders += 1
        for offset, code in enumerate(block.code):
            self._codes[first_code_id + offset] = code
        last = first_code_id - 1
        if block.extra_code and last in self._codes:
            self._codes[last] += block.extra_code
        return block, single
