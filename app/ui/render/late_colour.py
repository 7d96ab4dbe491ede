"""Colours for stored code, in idle moments: a stored answer opens before its code is lexed.

Lexing is most of what opening a stored code answer costs (measured: ~0.7 s of the 1.1 s an
answer of 100,000 characters of code took to open, against ~0.05 s for plain words). So a
stored answer's code views are filled with their code escaped, at once
(:meth:`~.code_view.CodeView.fill_plain`), and colour themselves here, one slice of lines per
event-loop turn: views on screen first, then the others, top to bottom (a hidden view
waits until it shows: :meth:`~.code_view.CodeView.showEvent` queues it again). A page is shown in
colour once it is lexed whole (one insertion per page, not per slice).

Work is bounded per turn: a slice of ``SLICE_CHARS`` characters of lines lexed, or one page
put in. A line longer than ``LONG_LINE`` stays uncoloured (lexing a megabyte-long line would
hold the window for seconds; the streamed path never colours more than it has lines for).
"""

from __future__ import annotations

import time
from typing import Protocol

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QRegion

from app.ui.render.highlight import ROOT

__all__ = ["LateColour", "colour_pending", "queue_colour", "split_lines", "start_idle"]

#: Characters of code lexed per slice (~7 ms per 1,000 characters of Python here).
SLICE_CHARS = 1_000
#: Time (s) one event-loop turn may spend colouring before it lets the loop run.
TURN_BUDGET_S = 0.008
#: An idle queue's first turn waits this long (ms) once the event loop is back, the next ones
#: follow at once (:func:`start_idle`, here and in .lazy_fill).
FIRST_TURN_MS = 20
#: A page with a line longer than this is left uncoloured.
LONG_LINE = 20_000


class Highlighter(Protocol):
    def highlight_exact(
        self, code: str, info: str, state: tuple[str, ...], plain: bool = False
    ) -> tuple[str, tuple[str, ...]]: ...


def start_idle(timer: QTimer) -> None:
    """Start an idle queue's single-shot ``timer``, unless it runs or is about to: its first
    turn ``FIRST_TURN_MS`` after the event loop is back, so whatever queued the work (a
    conversation opening: its rows, their code views) paints its first frame before it. (Its
    turns came first, and a first open spent ~70 ms there loading the lexer before painting.)
    """
    if timer.isActive() or timer.property("arming"):
        return
    timer.setProperty("arming", True)

    def arm() -> None:
        timer.setProperty("arming", False)
        if not timer.isActive():
            timer.start(FIRST_TURN_MS)

    QTimer.singleShot(0, timer, arm)


def split_lines(code: str, size: int) -> list[str]:
    """``code`` in runs of whole lines of about ``size`` characters (at least one run)."""
    runs: list[str] = []
    start = 0
    while start < len(code):
        end = code.find("\n", start + size - 1)
        end = len(code) if end < 0 else end + 1
        runs.append(code[start:end])
        start = end
    return runs or [""]


class CodeView(Protocol):
    """What is coloured: a code view (.code_view.CodeView, which imports this module)."""

    late: LateColour | None

    def colour_step(self) -> bool: ...
    def isVisible(self) -> bool: ...
    def visibleRegion(self) -> QRegion: ...


class LateColour:
    """The colouring of one stored block: pages of text in, each page's markup out."""

    def __init__(self, pages: list[str], info: str, renderer: Highlighter) -> None:
        self._pages = pages
        self._info = info
        self._renderer = renderer
        self._page = 0
        self._at = 0  # position in the page being lexed
        self._markup: list[str] = []
        self._state: tuple[str, ...] = ROOT
        self.finished = False

    def step(self) -> tuple[int, str] | None:
        """Lex one slice; (page index, its markup) when that page is complete."""
        if self.finished:
            return None
        index, text = self._page, self._pages[self._page]
        end = text.find("\n", self._at + SLICE_CHARS - 1)
        end = len(text) if end < 0 else end + 1
        if end - self._at > LONG_LINE and "\n" not in text[self._at : end - 1]:
            self._next_page()  # one huge line: this page stays as it is
            return None
        markup, self._state = self._renderer.highlight_exact(
            text[self._at : end], self._info, self._state
        )
        self._markup.append(markup)
        self._at = end
        if end < len(text):
            return None
        page = "".join(self._markup)
        self._next_page()
        return index, page

    def _next_page(self) -> None:
        self._page += 1
        self._at = 0
        self._markup = []
        self.finished = self._page >= len(self._pages)


class _Queue(QObject):
    """Code views waiting for colour, served one slice at a time in idle turns."""

    def __init__(self) -> None:
        super().__init__()
        self.views: list[CodeView] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._turn)

    def add(self, view: CodeView) -> None:
        if view not in self.views:
            self.views.append(view)
        start_idle(self._timer)

    def _pick(self) -> CodeView | None:
        """The first view on screen that waits, else the first shown one. A hidden view
        (another conversation's, or on its way out) waits until it shows again."""
        self.views = [v for v in self.views if shiboken6.isValid(v) and v.late is not None]
        shown = [view for view in self.views if view.isVisible()]
        for view in shown:
            if not view.visibleRegion().isEmpty():
                return view
        return shown[0] if shown else None

    def _turn(self) -> None:
        deadline = time.perf_counter() + TURN_BUDGET_S
        view = self._pick()
        while view is not None:
            if not view.colour_step():
                view = self._pick()
            if time.perf_counter() >= deadline:
                break
        if view is not None:
            self._timer.start(0)


_queue: _Queue | None = None


def queue_colour(view: CodeView) -> None:
    """Colour ``view`` (its ``late`` set) in the coming idle turns."""
    global _queue
    if _queue is None:
        _queue = _Queue()
    _queue.add(view)


def colour_pending() -> int:
    """Shown views still waiting for colour (0 when all are done): for tests and benchmarks."""
    if _queue is None:
        return 0
    return sum(
        1 for v in _queue.views if shiboken6.isValid(v) and v.late is not None and v.isVisible()
    )
