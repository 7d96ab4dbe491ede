"""What a selection of an answer pastes as: the text the user read, with source where it differs.

A ``QTextDocument``'s own plain text is not what anyone wants on the clipboard: a formula is an
image (U+FFFC), the append marker (U+2060) rides along, a code block brings its "python" /
"Copy" header row, list items lose their numbers and paragraphs run together. :func:`range_text`
walks the selected blocks itself and writes:

* a formula (an image whose name has a registered URL scheme, :func:`register_image_source`)
  as its source, e.g. LaTeX with its original delimiters; an image nobody can resolve as nothing;
* code as the code alone: the header row of a code table (the row holding the renderer's Copy
  link) is skipped, and the empty lines inside the code are kept;
* list items with their number (``1.``) or a ``-`` bullet, indented two spaces per level, when
  the selection takes the item from its start;
* a blank line where the document shows paragraph spacing (or a table begins or ends), one
  newline between lines of one block (list items, code lines), a tab between table cells.

No marker characters survive. The module only reads documents (no widgets), so a test can give
it any ``QTextDocument``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

from PySide6.QtGui import (
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFragment,
    QTextFrame,
    QTextListFormat,
    QTextTable,
)

from app.ui.render.markdown import COPY_SCHEME

__all__ = [
    "ImageSource",
    "Span",
    "range_text",
    "register_image_source",
    "source_of_image",
    "spans_text",
]

#: ``resolver(image_name) -> source or None``: the text an image of one URL scheme stands for.
ImageSource = Callable[[str], "str | None"]


class Span(NamedTuple):
    """A selected part of one view's document: positions [start, end). ``block`` is None for
    running text (a segment, the tail); a view that is a block of its own (a code block's, a
    table's) has a key shared by the views of that one block (its pages)."""

    document: QTextDocument
    start: int
    end: int
    block: int | None = None


_resolvers: dict[str, ImageSource] = {}
#: Characters the renderer or Qt put in a document that are not the answer's text.
_DROP = str.maketrans({"\u2060": None, "\ufffc": None, "\u2028": "\n", "\u00a0": " "})
_BULLETS = {
    QTextListFormat.Style.ListDisc,
    QTextListFormat.Style.ListCircle,
    QTextListFormat.Style.ListSquare,
}


def register_image_source(scheme: str, resolver: ImageSource) -> None:
    """Copies of images named ``scheme:…`` give ``resolver(name)`` (e.g. a formula's LaTeX).

    One resolver per scheme; registering again replaces it (a reloaded module)."""
    _resolvers[scheme.lower()] = resolver


def source_of_image(name: str) -> str:
    """The text an image in an answer stands for, or "" (an image no one can speak for)."""
    scheme, colon, _ = name.partition(":")
    resolver = _resolvers.get(scheme.lower()) if colon else None
    if resolver is None:
        return ""
    try:
        return resolver(name) or ""
    except Exception:  # a resolver's bug must not lose the rest of the copy
        return ""


def _header_rows(document: QTextDocument, start: int, end: int) -> list[tuple[int, int]]:
    """Position ranges of code tables' header rows (the row with the renderer's Copy link)
    in [start, end). A document without tables (most are) is not read at all."""
    ranges: list[tuple[int, int]] = []
    if not document.rootFrame().childFrames():
        return ranges
    block = document.findBlock(start)
    while block.isValid() and block.position() < end:
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            href = fragment.charFormat().anchorHref()
            if href.lower().startswith(COPY_SCHEME + ":"):
                ranges.append(_row_around(document, fragment.position()))
                break
            iterator += 1
        block = block.next()
    return ranges


def _row_around(document: QTextDocument, position: int) -> tuple[int, int]:
    """The outermost table row holding ``position`` (the header nests its own table)."""
    cursor = QTextCursor(document)
    cursor.setPosition(position)
    table: QTextFrame | None = cursor.currentTable()
    start, end = position, position + 1
    while isinstance(table, QTextTable):
        cell = table.cellAt(position)
        if cell.isValid():
            first = table.cellAt(cell.row(), 0)
            last = table.cellAt(cell.row(), table.columns() - 1)
            start, end = first.firstPosition(), last.lastPosition() + 1
        table = table.parentFrame()
    return start, end


def _fragment_text(fragment: QTextFragment, start: int, end: int) -> str:
    """The part of ``fragment`` within [start, end), formulas as their source."""
    position = fragment.position()
    text = fragment.text()
    low, high = max(start, position) - position, min(end, position + len(text)) - position
    if high <= low:
        return ""
    part = text[low:high]
    char_format = fragment.charFormat()
    if char_format.isImageFormat():
        source = source_of_image(char_format.toImageFormat().name())
        return source * part.count("\ufffc")
    return part.translate(_DROP)


def _block_text(block: QTextBlock, start: int, end: int) -> str:
    text = block.text()
    position = block.position()
    if "\ufffc" not in text:  # no image: the block's text as it is, markers dropped
        return text[max(0, start - position) : max(0, end - position)].translate(_DROP)
    out = []
    iterator = block.begin()
    while not iterator.atEnd():
        out.append(_fragment_text(iterator.fragment(), start, end))
        iterator += 1
    return "".join(out)


def _item_prefix(block: QTextBlock) -> str:
    text_list = block.textList()
    if text_list is None:
        return ""
    list_format = text_list.format()
    indent = "  " * max(0, list_format.indent() - 1)
    if list_format.style() in _BULLETS:
        return indent + "- "
    return indent + text_list.itemText(block) + " "


class _Place:
    """Where a block sits: its table cell (if any) and its spacing, to choose separators."""

    __slots__ = (
        "block",
        "cell",
        "document",
        "item",
        "row",
        "spaced_above",
        "spaced_below",
        "table",
    )
    block: int | None
    cell: int
    document: int
    item: bool
    row: int
    spaced_above: bool
    spaced_below: bool
    table: tuple[int, int] | None

    def __init__(
        self, block: QTextBlock, document_index: int, view_block: int | None, tables: bool
    ) -> None:
        self.document = document_index
        self.block = view_block
        table = QTextCursor(block).currentTable() if tables else None
        block_format = block.blockFormat()
        self.item = block.textList() is not None
        if table is None:
            self.table = None
            self.row = self.cell = -1
            self.spaced_above = block_format.topMargin() > 0
            self.spaced_below = block_format.bottomMargin() > 0
            return
        self.table = (document_index, table.firstPosition())
        cell = table.cellAt(block.position())
        self.row, self.cell = cell.row(), cell.firstPosition()
        table_format = table.format()
        self.spaced_above = table_format.topMargin() > 0
        self.spaced_below = table_format.bottomMargin() > 0


def _separator(before: _Place, after: _Place) -> str:
    if before.table is not None and before.table == after.table:
        if before.cell == after.cell:
            return "\n"
        return "\t" if before.row == after.row else "\n"
    if before.block is not None or after.block is not None:
        # A view of its own (a code block's, a table's; maybe in pages): its lines are
        # lines, and it is a block apart from the text around it.
        return "\n" if before.block == after.block else "\n\n"
    joined = not before.spaced_below and not after.spaced_above
    if before.table is not None and after.table is not None:
        return "\n" if joined else "\n\n"  # a code block or table cut in pieces goes on
    if before.table != after.table:
        return "\n\n"  # into or out of a table (a code block, a table): a block of its own
    if before.item and after.item:
        return "\n"  # items of one list, nested or not
    if not after.spaced_above and not before.item and not after.item:
        # A paragraph cut in pieces (at a line end, or after a space mid-line): a paragraph
        # of its own always has a top margin; a piece that goes on has none.
        return " "
    return "\n\n" if before.spaced_below or after.spaced_above else "\n"


def range_text(document: QTextDocument, start: int, end: int) -> str:
    """The text of positions [start, end) of ``document`` as a copy should give it."""
    return spans_text([Span(document, start, end)])


def spans_text(spans: Sequence[Span]) -> str:
    """The text of consecutive parts of documents (an answer's views, top to bottom), joined
    as if they were one document: a paragraph or code block cut into two views is one.

    A view that is a block of its own (``Span.block``: a code block's, a table's) holds
    lines, never a paragraph going on."""
    parts: list[str] = []
    previous: _Place | None = None
    for index, (document, start, end, block) in enumerate(spans):
        if end <= start:
            continue
        for place, text in _blocks(document, index, start, end, block):
            if previous is not None:
                parts.append(_separator(previous, place))
            parts.append(text)
            previous = place
    return "".join(parts).strip("\n")


def _blocks(
    document: QTextDocument, index: int, start: int, end: int, view_block: int | None
) -> Iterator[tuple[_Place, str]]:
    """Each block of [start, end) that a copy keeps, with its place and text."""
    skip = _header_rows(document, start, end)
    tables = bool(document.rootFrame().childFrames())  # (asking each block costs)
    block = document.findBlock(start)
    while block.isValid() and block.position() < end:
        position = block.position()
        current, block = block, block.next()
        if any(low <= position < high for low, high in skip):
            continue
        place = _Place(current, index, view_block, tables)
        running = view_block is None
        text = _block_text(current, start, end)
        if not text and place.table is None and (running or current == document.lastBlock()):
            continue  # the empty block Qt keeps after a table, a marker's line; not a code line
        if running and place.table is None and position + current.length() <= end:
            text = text.rstrip(" ")  # the space Qt makes of a line break before a nested list
        if start <= position:
            text = _item_prefix(current) + text
        yield place, text
