"""A long table streamed in pieces reads as one table: no gap or double border where one piece
ends and the next begins, in a wide table's own view and in a narrow table inside the text,
streamed and opened from history alike (issue 12 point 4: no seams)."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtGui import QColor, QImage, QPainter, QTextDocument
from PySide6.QtWidgets import QScrollArea

from app.ui.render.code_view import TableText
from app.ui.render.markdown import MarkdownStyle
from app.ui.render.rich_text import AnswerPart


def table(columns: int, rows: int) -> str:
    head = "| " + " | ".join(f"c{n}" for n in range(columns)) + " |\n"
    rule = "|" + "---|" * columns + "\n"
    body = "".join(
        "| " + " | ".join([str(r), f"item {r}"] + ["x"] * (columns - 2)) + " |\n"
        for r in range(rows)
    )
    return head + rule + body


def make_part(qtbot) -> AnswerPart:
    part = AnswerPart(MarkdownStyle())
    page = QScrollArea()
    page.setWidgetResizable(True)
    page.setWidget(part)
    qtbot.addWidget(page)
    page.resize(700, 400)
    page.show()
    part.page = page  # type: ignore[attr-defined]
    return part


def stream(part: AnswerPart, text: str, chunk: int = 7) -> None:
    for at in range(0, len(text), chunk):
        part.append(text[at : at + chunk])
        part.render()
    part.finish()
    while part.stream.backlog:
        part.render()


def row_tops(document: QTextDocument, rows: int) -> list[float]:
    """Where each row's "item n" cell starts, down the document."""
    layout = document.documentLayout()
    document.size()  # laid out
    tops = []
    for r in range(rows):
        cursor = document.find(f"item {r}")
        assert not cursor.isNull(), r
        tops.append(layout.blockBoundingRect(cursor.block()).top())
    return tops


def picture(document: QTextDocument, width: int) -> QImage:
    image = QImage(width, int(document.size().height()), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    document.drawContents(painter)
    painter.end()
    return image


@pytest.mark.parametrize("columns", [8, 4], ids=["wide table view", "narrow table in text"])
def test_a_streamed_table_has_evenly_spaced_rows_and_draws_as_one_table(qtbot, columns):
    rows = 60
    text = "Figures:\n\n" + table(columns, rows)
    part = make_part(qtbot)
    stream(part, text)
    (view,) = [v for v in part.segments if f"item {rows - 1}" in v.toPlainText()]
    assert isinstance(view, TableText) == (columns >= 6)
    document = view.document()
    pieces = [f for f in document.rootFrame().childFrames() if f.__class__.__name__ == "QTextTable"]
    assert len(pieces) > 3  # it did come in pieces, one table each

    tops = row_tops(document, rows)
    steps = {round(b - a, 2) for a, b in itertools.pairwise(tops)}
    assert len(steps) == 1, steps  # every row as far from the next: no gap at any join

    # Every border between two rows looks the same, joins included: a strip across each,
    # over the cells that read "x" in every row (from half a row above to half a row below).
    step = int(steps.pop())
    x_cell = document.find("x", document.find("item 0"))
    left = int(document.documentLayout().blockBoundingRect(x_cell.block()).left()) - 8
    width = int(document.textWidth())
    image = picture(document, width)
    strips = [image.copy(left, int(top) - step // 2, width - left, step) for top in tops[1:]]
    assert all(strip == strips[0] for strip in strips)

    # Opened from history: the same rows at the same places.
    stored = make_part(qtbot)
    stored.set_text(text)
    (again,) = [v for v in stored.segments if f"item {rows - 1}" in v.toPlainText()]
    again.document().setTextWidth(document.textWidth())
    assert row_tops(again.document(), rows) == tops
