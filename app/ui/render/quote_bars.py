"""The side bars of block quotes, painted by the view beside the blocks a quote marks.

:mod:`app.ui.render.quotes` renders a quote as block margins and marks each block inside one
with its depth. A view calls :func:`paint_quote_bars` after painting its text: one bar per level
in the quote's margin, in the quote's (muted) text colour, faint. Only the blocks in the
repainted rectangle are looked at (a hit test finds the first), so the cost of a repaint does
not grow with the document, and a bar runs on unbroken from one block of a quote to the next
(also where a streamed quote was appended piece by piece). Most documents hold no quote at all:
a watch on each document (:class:`QuoteWatch`) notes whether any block is marked, looking only
at the blocks each change touches, so a repaint of one without quotes costs one look-up (a
streamed answer repaints its visible views twice per repaint of the stream; the hit tests and
the walk over the exposed blocks were a tenth of that paint, more in a long paragraph).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QTextBlock, QTextDocument
from PySide6.QtWidgets import QTextEdit

from app.ui.render.quotes import QUOTE_INDENT, depth_of

__all__ = ["BAR_WIDTH", "QuoteWatch", "paint_quote_bars", "quote_bars"]

#: Width of a bar, in pixels; it sits this far into its level's margin.
BAR_WIDTH = 3
_BAR_OFFSET = 2
#: How strongly a bar shows the quote's text colour (the rest is the background).
_BAR_ALPHA = 0.4
#: The dynamic property of a document that holds its :class:`QuoteWatch`.
_WATCH = "quoteWatch"


class QuoteWatch(QObject):
    """Whether any block of a document is in a quote, kept as the document changes.

    Each change looks only at the blocks it touched (an appended piece, a repainted tail);
    a change that replaces the whole document looks again from nothing. A removed quote may
    leave ``quoted`` set (the bars are then looked for in vain, as before), never the
    reverse. ``blocks_seen`` counts the blocks looked at, for the tests that count work.
    """

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._document = document
        self.blocks_seen = 0
        self.quoted = self._marked(0, document.characterCount())
        document.contentsChange.connect(self._changed)

    @staticmethod
    def of(document: QTextDocument) -> QuoteWatch:
        """The document's watch (made on first use)."""
        watch = document.property(_WATCH)
        if not isinstance(watch, QuoteWatch):
            watch = QuoteWatch(document)
            document.setProperty(_WATCH, watch)
        return watch

    def _changed(self, position: int, _removed: int, added: int) -> None:
        if position == 0 and added >= self._document.characterCount() - 1:
            self.quoted = False  # all of it is new (a setHtml, a clear)
        if not self.quoted:
            self.quoted = self._marked(position, position + added)

    def _marked(self, start: int, end: int) -> bool:
        """Whether a block between positions ``start`` and ``end`` is marked as quoted."""
        document = self._document
        block = document.findBlock(start)
        if not block.isValid():
            return False
        last = document.findBlock(end).blockNumber() if end > start else block.blockNumber()
        if last < 0:
            last = document.blockCount() - 1
        for _ in range(block.blockNumber(), last + 1):
            self.blocks_seen += 1
            if depth_of(block.userState()):
                return True
            block = block.next()
        return False


def paint_quote_bars(view: QTextEdit, exposed: QRect) -> None:
    """Paint the bars of the quotes in ``exposed`` (viewport coordinates) on ``view``'s
    viewport (from its ``paintEvent``)."""
    bars = quote_bars(view, exposed)
    if not bars:
        return
    painter = QPainter(view.viewport())
    for rect, colour in bars:
        painter.fillRect(rect, colour)
    painter.end()


def quote_bars(view: QTextEdit, exposed: QRect) -> list[tuple[QRectF, QColor]]:
    """The bars beside the quotes in ``exposed`` (viewport coordinates), and their colours:
    one rectangle per level for each run of blocks in a quote that deep."""
    document = view.document()
    if not QuoteWatch.of(document).quoted:
        return []
    layout = document.documentLayout()
    dx = view.horizontalScrollBar().value()
    dy = view.verticalScrollBar().value()
    fuzzy = Qt.HitTestAccuracy.FuzzyHit
    block = document.findBlock(max(0, layout.hitTest(QPointF(0, exposed.top() + dy), fuzzy)))
    # The last block in the exposed part; the ones between are only asked for their mark
    # (a block outside a quote costs one call), the rectangles of quoted ones only.
    last = document.findBlock(max(0, layout.hitTest(QPointF(0, exposed.bottom() + dy), fuzzy)))
    previous = block.previous()
    if previous.isValid() and depth_of(previous.userState()):
        block = previous  # its bar may run down into the exposed part
    count = last.blockNumber() - block.blockNumber() + 1
    bars: list[tuple[QRectF, QColor]] = []
    runs: list[tuple[float, float, QColor]] = []  # per open level: its top, x and colour
    end = 0.0  # the bottom of the last block in a quote

    def close(depth: int) -> None:
        while len(runs) > depth:
            top, x, colour = runs.pop()
            bars.append((QRectF(x - dx, top - dy, BAR_WIDTH, max(0.0, end - top)), colour))

    for _ in range(count):
        depth = depth_of(block.userState())
        if len(runs) > depth:
            close(depth)
        if not depth:
            block = block.next()
            continue
        rect = layout.blockBoundingRect(block)
        if depth > len(runs):
            left = rect.x() + block.blockFormat().indent() * document.indentWidth()
            colour = _bar_colour(block, view)
            runs.extend(
                (rect.top(), left + level * QUOTE_INDENT + _BAR_OFFSET, colour)
                for level in range(len(runs), depth)
            )
        end = rect.bottom()
        block = block.next()
    close(0)
    return bars


def _bar_colour(block: QTextBlock, view: QTextEdit) -> QColor:
    """The quote's text colour, faint: mixed with the window colour behind the (transparent)
    view, and opaque (a translucent fill costs the raster engine ten times as much)."""
    brush = block.charFormat().foreground()
    text = QColor(brush.color()) if brush.style() != Qt.BrushStyle.NoBrush else QColor()
    if not text.isValid():
        text = view.palette().text().color()
    back = view.palette().color(QPalette.ColorRole.Window)
    mix = _BAR_ALPHA
    return QColor.fromRgbF(
        text.redF() * mix + back.redF() * (1 - mix),
        text.greenF() * mix + back.greenF() * (1 - mix),
        text.blueF() * mix + back.blueF() * (1 - mix),
    )
