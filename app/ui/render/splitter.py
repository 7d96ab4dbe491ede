"""Cutting a growing Markdown source into pieces that can each be rendered once.

A streaming answer grows by a few characters at a time. Re-rendering all of it on every piece
costs time proportional to its length, so the source is cut where rendering what comes before
cannot depend on what comes after, and each cut-off *piece* is rendered exactly once:

* **between blocks**: a blank line (outside a fenced code block) followed by a line that starts
  in column 0 (an indented line may still belong to a list item or be indented code); before
  and after a fenced code block that opens in column 0, once it is closed; before and after an
  ATX heading (``# …``) in column 0;
* **inside a long block**, once the open block holds :data:`PIECE_CHARS` characters, at the next
  line where the block can be continued as a new piece: any line of a fenced code block, a row
  of a table, an item of a list at the list's own indentation, a ``>`` line of a quote, a line
  of a paragraph that starts with a letter. The piece carries what its continuation needs to
  render alike (the fence's language, the table's header) and is marked ``continued``;
* **inside one long line** (a line with no break, a minified file), once the open text passes
  :data:`HARD_CHARS`: the line is cut where it is, preferably after a space.

So what remains open (the *tail*, re-rendered on each repaint) never holds much more than
:data:`HARD_CHARS` characters whatever the answer's shape, and every ``append`` scans only
lines it has not seen. A cut inside a block never goes where an inline construct (emphasis,
a code span, a link, an inline formula) is open on the line before it (:mod:`.inline_spans`),
unless none closes within :data:`HARD_CHARS`. Cutting inside a block still loses a little of
what CommonMark would join: a construct open across more than one line break, and a loose
list's spacing across a cut. The pieces of a paragraph are joined again into one paragraph
(:class:`~app.ui.render.fitting.ParagraphJoin`) up to ``JOIN_CHARS``; past that, a line break
shows where a cut falls.

Pure Python, no Qt: tested and benchmarked without a display.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from app.ui.render.inline_spans import clean_cut, leaves_open
from app.ui.render.math_syntax import display_closer, inline_cut

#: An open block is continued as a new piece at its next suitable line past this size.
PIECE_CHARS = 1_500
#: Smaller pieces for blocks whose pieces join without a seam (a code line, a table row).
_PIECE_CHARS_BY_KIND = {"code": 300, "table": 200, "list": 800, "quote": 800}
#: Past this, the open text is cut even inside a line (a line with no break at all).
HARD_CHARS = 2_500
#: A display formula is kept in one piece up to this size (past it, it may be cut and shows
#: as source).
MATH_HOLD_CHARS = 20_000

_FENCE_OPEN = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
_ATX_HEADING = re.compile(r"^#{1,6}(?:[ \t]|$)")
_LIST_ITEM = re.compile(r"^ {0,3}([-+*]|\d{1,9}[.)])(?:[ \t]|$)")
_TABLE_DELIMITER = re.compile(r"^ {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


@dataclass(frozen=True, slots=True)
class Piece:
    """A part of the source that will not change any more, with what rendering it needs.

    ``kind`` is the kind of block it belongs to (``code``, ``table``, ``list``, ``quote``,
    ``paragraph``, ``heading`` or ``other``). ``continued``: it continues the block of the
    previous piece (rendered without a top margin, a code piece without a header). ``midline``:
    it starts in the middle of a line. ``code`` is the raw code a continued code piece adds
    to the previous piece's code block; ``closes`` says the code block ends in this piece.
    """

    source: str
    kind: str = "other"
    continued: bool = False
    midline: bool = False
    fence_info: str = ""
    table_header: str = ""
    code: str = ""
    closes: bool = False
    #: A continued list piece that starts with a nested item: that item's indentation.
    indent: int = 0


def _kind_of(line: str) -> str:
    if line.lstrip(" ").startswith(">") and len(line) - len(line.lstrip(" ")) <= 3:
        return "quote"
    if _LIST_ITEM.match(line):
        return "list"
    if line.startswith("    ") or line.startswith("\t"):
        return "other"
    if "|" in line:
        return "table?"  # a table if the next line is a delimiter row
    return "paragraph"


def _list_family(line: str) -> str:
    match = _LIST_ITEM.match(line)
    if match is None:
        return ""
    marker = match.group(1)
    return marker if marker in "-+*" else marker[-1]


class BlockSplitter:
    """Keeps the growing source and cuts off pieces that can no longer change.

    Only text after the last cut is kept as a string (``tail``), and each :meth:`append` scans
    only lines it has not seen, so the cost of a piece is independent of what came before.
    """

    def __init__(self) -> None:
        self._done: list[Piece] = []  # pieces already handed out, in order
        self._pending = ""  # source after the last cut
        self._scan = 0  # offset in _pending of the first line not yet scanned
        self._fence: tuple[str, int] | None = None  # (marker char, length) while in a fence
        self._fence_top = False  # the open fence started in column 0
        self._prev_blank = False  # the last scanned line was blank (outside a fence)
        self._ready: list[Piece] = []  # pieces cut but not yet taken
        # The open block: its kind and what a continuation of it needs.
        self._kind: str | None = None
        self._continued = False
        self._midline = False  # _pending starts in the middle of a line
        self._fence_info = ""
        self._table_header = ""
        self._list_family = ""
        # The open line's run of container markers (``>>>>``, ``- - -``), scanned so far:
        # (offset of the line in _pending, offset where the run ends or is scanned up to,
        # whether it has ended). A line is never cut inside that run.
        self._run: tuple[int, int, bool] = (-1, 0, False)
        # An open display formula (its closer, its characters so far): not cut inside.
        self._math: tuple[str, int] | None = None

    @property
    def source(self) -> str:
        """All text appended so far."""
        return "".join(p.source for p in self._done + self._ready) + self._pending

    @property
    def tail(self) -> str:
        """The text after the last cut: the part that may still change."""
        return self._pending

    def tail_piece(self) -> Piece:
        """The tail as the piece it would become if it were cut now."""
        return self._piece(self._pending)

    def append(self, text: str) -> None:
        if not text:
            return
        self._pending += text
        self._cut_complete_lines()

    def take_stable(self) -> list[Piece]:
        """Pieces that became stable since the last call, each exactly once."""
        ready, self._ready = self._ready, []
        self._done.extend(ready)
        return ready

    def finish(self) -> list[Piece]:
        """The end of the text: everything left becomes stable."""
        pending = self._pending
        if pending.strip() or (pending and self._continued and self._kind == "code"):
            self._ready.append(self._piece(pending, closes=True))
        elif pending and self._ready:
            self._ready[-1] = dataclasses.replace(
                self._ready[-1], source=self._ready[-1].source + pending
            )
        elif pending and self._done:
            self._done[-1] = dataclasses.replace(
                self._done[-1], source=self._done[-1].source + pending
            )
        self._pending = ""
        self._scan = 0
        return self.take_stable()

    # --- cutting ---------------------------------------------------------------------------

    def _piece(self, source: str, closes: bool = False) -> Piece:
        kind = self._kind or "other"
        if kind == "table?":
            kind = "paragraph"
        code = ""
        if kind == "code" and self._continued:
            code = source
            if closes and self._fence is None:
                # The closing fence line is not code.
                end = source.rstrip("\n").rfind("\n")
                code = source[: end + 1] if end >= 0 else ""
        return Piece(
            source=source,
            kind=kind,
            continued=self._continued,
            midline=self._midline,
            fence_info=self._fence_info,
            table_header=self._table_header if kind == "table" else "",
            code=code,
            closes=closes,
            indent=len(source) - len(source.lstrip(" ")) if kind == "list" else 0,
        )

    def _cut(self, at: int, inside: bool = False) -> None:
        """Cut ``_pending`` at ``at``: between blocks, or ``inside`` the open one."""
        block = self._pending[:at]
        if not block.strip() and not (inside and self._kind == "code"):
            return  # leading blank lines stay with the block that follows them
        self._ready.append(self._piece(block, closes=not inside))
        self._pending = self._pending[at:]
        self._scan = max(0, self._scan - at)
        self._run = (-1, 0, False)
        self._midline = inside and at > 0 and block[-1] != "\n"
        if inside:
            self._continued = True
        else:
            self._kind = None
            self._continued = False
            self._fence_info = self._table_header = self._list_family = ""

    def _cut_complete_lines(self) -> None:
        while True:
            start = self._scan
            end = self._pending.find("\n", start)
            if end < 0:
                break
            if end - start > HARD_CHARS and self._cut_inside_line(start, end):
                continue  # the line was too long: cut inside it, then look at it again
            self._scan = end + 1
            self._scan_line(self._pending[start:end].rstrip("\r"), end + 1 - start)
        # A started line decides a cut before it by its first character alone.
        rest = self._pending[self._scan : self._scan + 1]
        if rest and self._prev_blank and self._fence is None and not rest.isspace():
            self._cut(self._scan)
        while len(self._pending) - self._scan > HARD_CHARS:
            if not self._cut_inside_line(self._scan, len(self._pending)):
                break

    def _cut_inside_line(self, start: int, end: int) -> bool:
        """Cut the line at ``start`` (ending at ``end``) after at most :data:`HARD_CHARS`
        characters, after a space if there is one near there, but never inside the container
        markers it starts with (they decide how it renders), nor right after them."""
        run_end = self._marker_run_end()
        if run_end is None:
            return False
        at = max(run_end + PIECE_CHARS // 2, start + HARD_CHARS)
        if at >= end:
            return False
        # (math) not inside an inline formula: before its opener, if that is not far back
        at = max(inline_cut(self._pending, start, at), run_end + PIECE_CHARS // 2)
        # Not inside emphasis, a code span or a link either: after the last space where
        # none is open, if that is not far back; else the hard cut, after a space near it.
        floor = max(run_end + PIECE_CHARS // 2, start + HARD_CHARS // 2)
        clean = clean_cut(self._pending, run_end, at, floor)
        space = self._pending.rfind(" ", max(run_end, at - 200), at)
        if clean < at:
            at = clean
        elif space > start:
            at = space + 1
        if self._pending[at - 1 : at] == "\r":
            at -= 1
        self._cut(at, inside=True)
        return True

    def _marker_run_end(self) -> int | None:
        """Where the open line's leading run of container markers ends (None: not yet),
        scanning only text not scanned before."""
        line, upto, ended = self._run
        if line != self._scan:
            line, upto, ended = self._scan, self._scan, False
        if not ended:
            rest = self._pending[upto:]
            stripped = rest.lstrip(" >\t-+*")
            upto = len(self._pending) - len(stripped)
            ended = bool(stripped)
        self._run = (line, upto, ended)
        return upto if ended else None

    def _continues_here(self, line: str) -> bool:
        """Whether the open block can go on as a new piece starting with ``line``."""
        kind = self._kind
        if kind == "code":
            return True
        if kind == "paragraph":
            return line[:1].isalpha()
        if kind == "list":
            if line[:1].isspace():  # a nested item: continued dedented (see Piece.indent)
                return bool(_LIST_ITEM.match(line.lstrip(" ")))
            return _list_family(line) == self._list_family
        if kind == "quote":
            return line.startswith(">")
        if kind == "table":
            return "|" in line
        return False

    def _scan_line(self, line: str, length: int) -> None:
        """Scan the line that ends at ``_scan`` (``length`` characters with its newline).

        Offsets are taken from ``_scan`` each time because a cut shifts them.
        """
        if self._midline:
            # The rest of a line cut in the middle: plain text of the open block.
            self._midline_line_done()
            return
        start = self._scan - length
        if self._hold_math(line, length):
            pass  # inside a display formula: no cut before this line (see _hold_math)
        elif (
            start >= _PIECE_CHARS_BY_KIND.get(self._kind or "", PIECE_CHARS)
            and line.strip()
            and (self._fence is None or self._kind == "code")
            and self._continues_here(line)
            and not (self._prev_blank and self._kind == "table")  # a blank line ends a table
            and not self._inline_open_before(start)
        ):
            self._cut(start, inside=True)
            start = self._scan - length
        elif start >= HARD_CHARS and (self._fence is None or self._kind == "code"):
            self._cut(start, inside=True)  # nowhere to continue the block alike: cut anyway
            start = self._scan - length
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
                self._kind = "code"
                self._fence_info = fence.group(3).strip()
            return
        if top and _ATX_HEADING.match(line):
            self._cut(self._scan - length)  # a heading is a block of its own line
            self._kind = "heading"
            self._cut(self._scan)
            return
        self._note_kind(line)

    def _inline_open_before(self, start: int) -> bool:
        """Whether the line before ``start`` (a paragraph's, a quote's) leaves emphasis, a
        code span or a link open: the next line goes on with it, so no cut goes between."""
        if self._kind not in ("paragraph", "quote") or start < 1:
            return False
        return leaves_open(self._pending, self._pending.rfind("\n", 0, start - 1) + 1, start - 1)

    def _hold_math(self, line: str, length: int) -> bool:
        """Whether ``line`` continues a display formula (``$$``, ``\\[``, a math fence) opened
        on an earlier line and not closed yet: no cut may go before it, so the formula is
        rendered whole once closed (while open it shows as source in the tail). A blank line
        ends the wait (it was no formula), and so does passing :data:`MATH_HOLD_CHARS`."""
        held = self._math
        if held is None:
            closer = display_closer(line) if self._fence is None else None
            self._math = (closer, length) if closer else None
            return False
        closer, chars = held
        text = line.strip()
        fence = closer[0] in "`~"
        if (not text and not fence) or chars + length > MATH_HOLD_CHARS:
            self._math = None
            return False
        done = (
            text.startswith(closer) and not text.strip(closer[0]) if fence else closer in text
        )
        self._math = None if done else (closer, chars + length)
        return True

    def _midline_line_done(self) -> None:
        self._midline = False
        self._prev_blank = False

    def _note_kind(self, line: str) -> None:
        """Learn the open block's kind from its first line (a table from its second)."""
        if self._kind is None:
            self._kind = _kind_of(line)
            if self._kind == "list":
                self._list_family = _list_family(line)
            elif self._kind == "table?":
                self._table_header = line + "\n"
        elif self._kind == "table?":
            if _TABLE_DELIMITER.match(line) and "|" in (line + self._table_header):
                self._kind = "table"
                self._table_header += line + "\n"
            else:
                self._kind = "paragraph"
                self._table_header = ""
