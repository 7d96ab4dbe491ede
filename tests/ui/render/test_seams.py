"""No seams where a long answer is split into views: every line of an answer cut into many
segments sits exactly where it would in one document — paragraph spacing kept between
segments, none added inside a paragraph that goes on in the next one."""

from __future__ import annotations

import warnings
from itertools import pairwise

import pytest
from PySide6.QtWidgets import QApplication, QScrollArea, QVBoxLayout, QWidget

from app.ui.render import rich_text
from app.ui.render.markdown import MarkdownStyle
from app.ui.render.math_tex import typeset
from app.ui.render.rich_text import AnswerPart

BLOCKS = [
    "A paragraph of text " * 8,
    "## A heading",
    "Another paragraph " * 6,
    "1. one\n2. two\n3. three",
    "```python\nprint(1)\nprint(2)\n```",
    "After the code " * 5,
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "> a quoted line",
    "- a bullet\n- another bullet",
    "$$\nx^2 + y^2 = z^2\n$$",
    "Closing words " * 5,
    "```python\nprint(3)\n```",
    "```python\nprint(4)\n```",
    "The end.",
]
SOURCE = "\n\n".join(BLOCKS) + "\n"


@pytest.fixture(autouse=True, scope="module")
def _typesetter_loaded() -> None:
    """ziamath reads its font through a deprecated importlib.resources call on import; load
    it here so that warning (an error in tests) does not fail these."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        typeset("x", False)


def make_part(qtbot) -> AnswerPart:
    """An answer at the top of a scrolling page, as in the conversation (the rest of the
    page below it, so no spare height is shared out between its views)."""
    part = AnswerPart(MarkdownStyle())
    column = QWidget()
    layout = QVBoxLayout(column)
    layout.addWidget(part)
    layout.addStretch(1)
    page = QScrollArea()
    page.setWidgetResizable(True)
    page.setWidget(column)
    qtbot.addWidget(page)
    page.resize(700, 500)
    page.show()
    part.page = page  # type: ignore[attr-defined]  # keep the page alive with the part
    return part


def settle(part: AnswerPart) -> None:
    """Until the views sit one under the other (they fit their documents, then the layout
    places them: a few event-loop turns)."""
    for _ in range(50):
        QApplication.processEvents()
        views = part.browsers()
        if all(a.geometry().bottom() + 1 == b.geometry().top() for a, b in pairwise(views)):
            return


def lines(part: AnswerPart) -> list[tuple[float, str]]:
    """The top of every line of text in the answer (in the answer's coordinates), and the
    start of its text, top to bottom across all the views."""
    out: list[tuple[float, str]] = []
    for view in part.browsers():
        document = view.document()
        layout = document.documentLayout()
        top = view.mapTo(part, view.rect().topLeft()).y()
        block = document.begin()
        while block.isValid():
            if block.text().strip() and block.text() not in ("python", "Copy"):
                rect = layout.blockBoundingRect(block)
                for index in range(block.layout().lineCount()):
                    line = block.layout().lineAt(index)
                    out.append((round(top + rect.top() + line.y(), 1), block.text()[:16]))
            block = block.next()
    return out


def test_an_answer_cut_into_a_segment_per_block_lays_out_line_for_line_as_one(qtbot, monkeypatch):
    whole = make_part(qtbot)
    whole.set_text(SOURCE)
    monkeypatch.setattr(rich_text, "SEGMENT_CHARS", 1)  # every block a segment of its own
    cut = make_part(qtbot)
    cut.set_text(SOURCE)
    settle(whole)
    settle(cut)
    code = sum(block.startswith("```") for block in BLOCKS)  # code blocks: views of their own
    assert len(whole.segments) == 3 and len(cut.segments) == len(BLOCKS) - code
    assert lines(cut) == lines(whole)


def test_a_streamed_answer_has_no_seams_while_it_streams_and_after(qtbot, monkeypatch):
    monkeypatch.setattr(rich_text, "SEGMENT_CHARS", 1)
    part = make_part(qtbot)
    reference = make_part(qtbot)
    middle = SOURCE.index("Closing words") + 30  # inside a paragraph: the tail holds it
    for start in range(0, middle, 23):
        part.append(SOURCE[start : min(start + 23, middle)])
        part.render()
        QApplication.processEvents()
    settle(part)
    assert part.tail.isVisible()
    monkeypatch.setattr(rich_text, "SEGMENT_CHARS", 10**9)
    reference.set_text(SOURCE[:middle])
    settle(reference)
    assert lines(part) == lines(reference)

    part.append(SOURCE[middle:])
    part.finish()
    reference.set_text(SOURCE)
    settle(part)
    settle(reference)
    assert lines(part) == lines(reference)


def test_a_paragraph_going_on_in_the_next_segment_reads_as_one(qtbot, monkeypatch):
    monkeypatch.setattr(rich_text, "SEGMENT_CHARS", 1)
    paragraph = "\n".join(
        f"Line {n} of one long paragraph, written as it streamed." for n in range(400)
    )
    part = make_part(qtbot)
    for start in range(0, len(paragraph), 500):  # streamed: it is cut into pieces
        part.append(paragraph[start : start + 500])
        part.render()
    part.finish()
    settle(part)
    assert len(part.segments) > 3
    tops = [top for top, _ in lines(part)]
    steps = {round(lower - upper, 1) for upper, lower in pairwise(tops)}
    assert len(steps) == 1  # one line height, also where one segment meets the next


def test_views_made_in_one_repaint_have_no_seams_either(qtbot, monkeypatch):
    """Text that outran the screen arrives as many blocks in one repaint: every view they
    make is joined to the one above, not only the last."""
    whole = make_part(qtbot)
    whole.set_text(SOURCE)
    monkeypatch.setattr(rich_text, "SEGMENT_CHARS", 1)
    part = make_part(qtbot)
    part.append(SOURCE)
    part.render()  # one repaint, many new views
    part.finish()
    settle(whole)
    settle(part)
    assert lines(part) == lines(whole)
