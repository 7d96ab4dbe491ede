"""A stored answer opens with only its end built; the rest fills in in idle moments.

Opening a conversation shows its end. Building every view of a long stored answer first (a
``QTextDocument`` per segment, a table laid out, a code view per block) made a 100,000-character
table or Markdown mix open ~10 times slower than plain words, for views nobody sees yet. So
:meth:`~.rich_text.AnswerPart.set_text` cuts the answer into *runs* (what one view shows:
:func:`split_runs`), builds the last ones — about a screen, :func:`eager_count` — at once, and
puts a :class:`Placeholder` of an estimated height (:func:`estimate_height`) where the others go.
They are built here, one run per step, bottom up (nearest the end the user sees first), parts
on screen before the others, in turns of the event loop of at most ``TURN_BUDGET_S``.

Each run built takes its real height out of the placeholder, so nothing under it moves while
it fills; only what is left of it when all is built (the estimate's error) goes at once — the
chat view keeps what the user looks at in place (it is told through ``settling``/``settled``).
Whatever needs the real content (a selection, a copy, find, sleep) fills the rest at once:
:meth:`~.rich_text.AnswerPart.fill_all`.

The runs are cut before any Markdown is rendered, from what each piece is predicted to render
as (:mod:`.stored_pieces`); a pending run's pieces are rendered in steps of their own, ~4 ms
each, and its view built in the next.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QFontMetrics, QGuiApplication, QRegion
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.ui.render.late_colour import start_idle
from app.ui.render.markdown import RenderedBlock

__all__ = [
    "LAZY_MIN_CHARS",
    "Placeholder",
    "Run",
    "eager_count",
    "estimate_height",
    "fill_pending",
    "queue_fill",
    "split_runs",
]

#: Time (s) one event-loop turn may spend building views before it lets the loop run.
TURN_BUDGET_S = 0.006
#: Characters of a table per view when opened from storage: a table's layout is the costliest
#: (~3 ms a 1,000 characters, against ~0.5 ms for prose), so a run of one stays within an idle
#: turn. A table in the text (a narrow one) counts as many times more towards a segment's size.
TABLE_RUN_CHARS = 2_500
TABLE_WEIGHT = 8
#: An answer shorter than this is built whole at once, as it always was (a few ms of views).
LAZY_MIN_CHARS = 12_000
#: At most this many runs are built before the first paint (whatever their estimated height).
EAGER_RUNS = 6
#: Pixels beyond the screen's height built at once (the view opens at the end; a short
#: scroll up finds text, not a placeholder).
EAGER_MARGIN_PX = 400
#: A table row is a line of text and its cell padding (measured: ~25 px at a 14 px line).
TABLE_ROW_PAD = 11


@dataclass(frozen=True)
class Run:
    """What one view shows: ``kind`` is ``text``, ``table`` or ``code``."""

    kind: str
    blocks: tuple[RenderedBlock, ...]

    @property
    def chars(self) -> int:
        return sum(len(block.source) for block in self.blocks)


def split_runs(
    blocks: Sequence[RenderedBlock], segment_chars: int, fine: bool = False
) -> list[Run]:
    """The views a finished answer's blocks make, top to bottom: a code view per code block,
    a table view or a text segment per ``segment_chars``. ``fine``: runs to be built in idle
    turns, smaller where a view is costly (``TABLE_RUN_CHARS``, ``TABLE_WEIGHT``)."""
    table_chars = TABLE_RUN_CHARS if fine else segment_chars
    weight = TABLE_WEIGHT if fine else 1
    runs: list[tuple[str, list[RenderedBlock]]] = []
    size = 0
    for block in blocks:
        kind = block.view
        last = runs[-1][0] if runs else ""
        if kind == "code":
            if block.opens or last != "code":
                runs.append(("code", []))
        elif kind == "table":
            if block.opens or last != "table" or size >= table_chars:
                runs.append(("table", []))
                size = 0
        elif not block.html.strip():
            continue
        elif last != "text" or size >= segment_chars:
            runs.append(("text", []))
            size = 0
        runs[-1][1].append(block)
        size += len(block.source) * (weight if "<table" in block.html else 1)
    return [Run(kind, tuple(blocks)) for kind, blocks in runs]


def estimate_height(run: Run, width: int, metrics: QFontMetrics) -> int:
    """About how tall ``run``'s view will be at ``width`` px: its source's lines, wrapped at
    the average character width (a placeholder's height; the real one replaces it)."""
    line = metrics.lineSpacing()
    per_line = max(1, width // max(1, metrics.averageCharWidth()))
    lines = [text for block in run.blocks for text in block.source.splitlines() if text.strip()]
    if run.kind == "code":
        return (len(lines) + 3) * line
    if run.kind == "table":
        return len(lines) * (line + TABLE_ROW_PAD)
    wrapped = rows = 0
    for text in lines:
        if text.lstrip().startswith("|"):
            rows += 1  # a row of a table in the text
        else:
            wrapped += math.ceil(len(text) / per_line)
    return wrapped * line + rows * (line + TABLE_ROW_PAD) + len(run.blocks) * line // 2


def eager_count(heights: Sequence[int], screen: int | None = None) -> int:
    """How many runs, from the end, to build at once: a screenful and a margin, at least one,
    at most ``EAGER_RUNS``."""
    if screen is None:
        primary = QGuiApplication.primaryScreen()
        screen = primary.availableGeometry().height() if primary is not None else 1080
    total, count = 0, 0
    for height in reversed(heights):
        if count >= EAGER_RUNS or (count and total >= screen + EAGER_MARGIN_PX):
            break
        total += height
        count += 1
    return count


class Placeholder(QWidget):
    """Room for the views not built yet: empty, as tall as they are estimated to be."""

    def __init__(self, height: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("answerPending")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(max(0, height))


class Filling(Protocol):
    """What is filled: an answer part (.rich_text.AnswerPart, which imports this module)."""

    def fill_step(self) -> bool: ...
    def has_pending(self) -> bool: ...
    def isVisible(self) -> bool: ...
    def isVisibleTo(self, ancestor: QWidget) -> bool: ...
    def window(self) -> QWidget: ...
    def visibleRegion(self) -> QRegion: ...


class _Queue(QObject):
    """Answer parts with runs left to build, served one run at a time in idle turns."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[Filling] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._turn)

    def add(self, part: Filling) -> None:
        if part not in self.parts:
            self.parts.append(part)
        start_idle(self._timer)

    def live(self) -> list[Filling]:
        """Parts still to fill, not on their way out (a row dropped is hidden first)."""
        self.parts = [
            p
            for p in self.parts
            if shiboken6.isValid(p) and p.has_pending() and p.isVisibleTo(p.window())
        ]
        return self.parts

    def _pick(self) -> Filling | None:
        """The last part on screen that waits (the end is what is read), else the last shown
        one, else any (a part of a hidden window fills too, after the rest)."""
        parts = self.live()
        shown = [part for part in parts if part.isVisible()]
        for part in reversed(shown):
            if not part.visibleRegion().isEmpty():
                return part
        if shown:
            return shown[-1]
        return parts[-1] if parts else None

    def _turn(self) -> None:
        deadline = time.perf_counter() + TURN_BUDGET_S
        part = self._pick()
        while part is not None:
            if not part.fill_step():
                part = self._pick()
            if time.perf_counter() >= deadline:
                break
        if part is not None:
            self._timer.start(0)


_queue: _Queue | None = None


def queue_fill(part: Filling) -> None:
    """Build ``part``'s pending runs in the coming idle turns."""
    global _queue
    if _queue is None:
        _queue = _Queue()
    _queue.add(part)


def fill_pending() -> int:
    """Answer parts still filling (0 when all are built): for tests and benchmarks."""
    return 0 if _queue is None else len(_queue.live())
