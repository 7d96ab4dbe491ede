"""A long paragraph streamed in pieces reads as one paragraph, line for line as if whole.

The splitter cuts a long paragraph into pieces (at its soft line breaks, or inside a line with
no break), each rendered once. Each piece used to be a paragraph of its own: a line break
showed wherever a cut fell. Now the pieces continue one paragraph (``fitting.ParagraphJoin``,
appended on the same line by ``rich_text.append_html``), up to ``JOIN_CHARS``.
"""

from __future__ import annotations

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QScrollArea

from app.ui.render.fitting import JOIN_CHARS
from app.ui.render.markdown import MarkdownStyle
from app.ui.render.rich_text import AnswerPart
from app.ui.render.stream import render_all
from tests.benchmarks import shapes


def make_part(qtbot) -> AnswerPart:
    part = AnswerPart(MarkdownStyle())
    page = QScrollArea()
    page.setWidgetResizable(True)
    page.setWidget(part)
    qtbot.addWidget(page)
    page.resize(640, 900)
    page.show()
    part.page = page  # type: ignore[attr-defined]
    return part


def lines(part: AnswerPart) -> list[tuple[int, str]]:
    """Each paragraph of the answer as shown: its number of lines on screen and its text."""
    QApplication.processEvents()
    shown = []
    for view in part.browsers():
        block = view.document().begin()
        while block.isValid():
            shown.append((block.layout().lineCount(), block.text()))
            block = block.next()
    return shown


def streamed(qtbot, text: str) -> AnswerPart:
    part = make_part(qtbot)
    for delta in shapes.deltas(text):
        part.append(delta)
        part.render()
    part.finish()
    return part


def whole(qtbot, text: str) -> AnswerPart:
    part = make_part(qtbot)
    part.set_text(text)
    return part


PARAGRAPH = "\n".join(f"line {n} of one paragraph, " + shapes._words(50, n) for n in range(50))
TEXT = f"First.\n\n{PARAGRAPH}\n\nAfter it.\n"


def test_a_paragraph_with_soft_line_breaks_streamed_in_pieces_shows_as_one_paragraph(qtbot):
    part = streamed(qtbot, TEXT)
    assert part.stream.stable_renders >= 4  # the paragraph came in pieces…
    shown = lines(part)
    assert [text[:6] for _, text in shown] == ["First.", "line 0", "After "]  # …one paragraph
    assert shown == lines(whole(qtbot, TEXT))  # wrapped line for line as the whole one


def test_a_line_with_no_break_streamed_in_pieces_shows_as_one_paragraph(qtbot):
    text = shapes.make("longline", 5_000)  # cut inside the line, not after a space
    part = streamed(qtbot, text)
    shown = lines(part)
    # (a piece that starts with a digit carries a zero-width word joiner: no list item)
    assert len(shown) == 1 and shown[0][1].replace("\u2060", "") == text.strip()
    assert shown == lines(whole(qtbot, text))


def test_a_stored_answer_joins_its_paragraph_too_and_a_huge_one_is_bounded():
    html = "".join(block.html for block in render_all(TEXT))
    document = QTextDocument()
    document.setHtml(html)
    assert document.blockCount() == 3  # First. / the paragraph / After it.
    huge = " ".join(f"word{n}" for n in range(5 * JOIN_CHARS // 8)) + "\n"
    document.setHtml("".join(block.html for block in render_all(huge)))
    # A paragraph past JOIN_CHARS is a few blocks (each laid out whole on a change), not one.
    assert 5 <= document.blockCount() <= 12
    assert document.toPlainText().replace("\n", " ").split() == huge.split()
