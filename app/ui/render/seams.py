"""No seams where an answer is split into views: the gap between two views is the gap Qt would
have left between the same two blocks in one document.

Inside one ``QTextDocument`` the space between two blocks is the larger of the upper block's
bottom margin and the lower one's top margin, and a document ignores the top margin of its
first block and the bottom margin of its last. So where an answer continues in the next view
(a segment of 8,000 characters, the streaming tail) the paragraph spacing vanished: two
paragraphs read as one, a heading sat on the text above it. :func:`close_seams` gives each
lower view's document a top margin (its root frame's) of exactly that collapsed gap. A
paragraph continued into the next view starts without a top margin (the renderer drops it at
a cut), so it goes on with no gap at all, as one paragraph. A view that starts with a table
(a code block) needs nothing: Qt already sets the table's own margin at the top of a document.

A long table goes on from one view into the next in pieces, each its own table; inside one
document a piece overlaps the one above by ``TABLE_JOIN`` px (its top border on the other's
bottom one), but the first piece of a view cannot go higher than the view. So a view whose
table goes on in the view below ends ``TABLE_JOIN`` px early (its root frame's bottom margin,
negative): the rows are as evenly spaced across the views as inside one (no double border).

Only the first and last blocks of each view are read, and a margin is set only when it
changes (setting it lays the document out again). A streaming repaint passes only the last
few views; it costs about 0.1 ms on the 100,000-character benchmark answer, mostly laying out
the tail again when its new HTML (which resets the margin) starts a paragraph of its own.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument, QTextTable
from PySide6.QtWidgets import QTextEdit

from app.ui.render.markdown import TABLE_JOIN

__all__ = ["TEXT_VIEWS", "close_seams", "seam_gap"]

#: Object names of the views of running text (segments and the tail). Others in the stack
#: (a code block's or a table's own view) keep their margins: their frames are their own.
TEXT_VIEWS = frozenset({"answer", "answerTail"})
#: Views a table may go on from one into the next (running text, and a wide table's own).
TABLE_VIEWS = TEXT_VIEWS | {"answerTable"}


def _in_table(document: QTextDocument, block: QTextBlock) -> bool:
    cursor = QTextCursor(document)
    cursor.setPosition(block.position())
    return cursor.currentTable() is not None


def _last_block(document: QTextDocument) -> QTextBlock:
    """The last block that shows text: not the empty block Qt keeps after a closing table."""
    block = document.lastBlock()
    previous = block.previous()
    if not block.text() and previous.isValid() and _in_table(document, previous):
        return previous
    return block


def _starts_with_table(document: QTextDocument) -> bool:
    first = document.firstBlock()
    following = first.next()
    return _in_table(document, first) or (
        not first.text() and following.isValid() and _in_table(document, following)
    )


def _edge_table(document: QTextDocument, last: bool) -> QTextTable | None:
    """The table ``document`` starts with (or, ``last``, ends with), if it does."""
    block = _last_block(document) if last else document.firstBlock()
    if not last and not block.text() and block.next().isValid():
        block = block.next()  # (Qt's empty block before a table at the top)
    cursor = QTextCursor(document)
    cursor.setPosition(block.position())
    return cursor.currentTable()


def table_goes_on(upper: QTextDocument, lower: QTextDocument) -> bool:
    """``upper`` ends with a piece of a table that ``lower`` goes on with (the piece above
    keeps no bottom margin, the one below no top margin: ``markdown.table_at_top``)."""
    if upper.isEmpty() or lower.isEmpty():
        return False
    above, below = _edge_table(upper, last=True), _edge_table(lower, last=False)
    return (
        above is not None
        and below is not None
        and above.format().bottomMargin() == 0
        and below.format().topMargin() == 0
    )


def _set_bottom(document: QTextDocument, margin: float) -> None:
    root = document.rootFrame()
    frame_format = root.frameFormat()
    if frame_format.bottomMargin() != margin:
        frame_format.setBottomMargin(margin)
        root.setFrameFormat(frame_format)


def seam_gap(upper: QTextDocument, lower: QTextDocument) -> float:
    """The space one document would leave between ``upper``'s last block and ``lower``'s
    first (the top margin ``lower`` needs)."""
    if upper.isEmpty() or lower.isEmpty() or _starts_with_table(lower):
        return 0.0
    first = lower.firstBlock()
    top = first.blockFormat().topMargin()
    if top == 0 and first.textList() is None:
        return 0.0  # a paragraph going on from the view above: one paragraph, no gap
    last = _last_block(upper)
    bottom = 0.0 if _in_table(upper, last) else last.blockFormat().bottomMargin()
    return max(bottom, top)


def close_seams(views: Sequence[QTextEdit]) -> None:
    """Give each text view after the first of ``views`` (top to bottom) the top margin that
    joins it to the view right above it; one under another kind of view gets none. The first
    is left as it is, so a caller may pass only the views that moved (the last few). A view
    whose table goes on in the next ends where the next piece overlaps it (module docstring)."""
    for upper, lower in itertools.pairwise(views):
        if upper.objectName() in TABLE_VIEWS:
            joined = lower.objectName() in TABLE_VIEWS and table_goes_on(
                upper.document(), lower.document()
            )
            _set_bottom(upper.document(), -TABLE_JOIN if joined else 0.0)
        if lower.objectName() not in TEXT_VIEWS:
            continue
        document = lower.document()
        above = upper.document() if upper.objectName() in TEXT_VIEWS else None
        gap = seam_gap(above, document) if above is not None else 0.0
        root = document.rootFrame()
        frame_format = root.frameFormat()
        if frame_format.topMargin() != gap:
            frame_format.setTopMargin(gap)
            root.setFrameFormat(frame_format)
    if views and views[-1].objectName() in TABLE_VIEWS:
        last = views[-1].document()
        table = _edge_table(last, last=True) if not last.isEmpty() else None
        if table is None or table.format().bottomMargin() != 0:
            _set_bottom(last, 0.0)  # (its table ends here now: the whole table shows)
