"""Copying a selection of an answer gives what the user would paste as text: formulas as their
LaTeX with the delimiters they were written with, code without its "python" / "Copy" labels,
list numbers, and none of the marker characters the views keep inside."""

from __future__ import annotations

import warnings

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QTextCursor, QTextImageFormat
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScrollArea

from app.ui.render.markdown import MarkdownStyle
from app.ui.render.math_tex import typeset
from app.ui.render.rich_text import AnswerPart, AutoHeightBrowser
from app.ui.render.selection_text import register_image_source, source_of_image
from tests.ui.render.test_selection import drag, point_of

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(autouse=True, scope="module")
def _typesetter_loaded() -> None:
    """ziamath, imported on the first formula, reads its font through a deprecated
    importlib.resources call; load it here so that warning (errors in tests) is not ours."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        typeset("x", False)


def make_part(qtbot, source: str | None = None, width: int = 700) -> AnswerPart:
    part = AnswerPart(MarkdownStyle())
    page = QScrollArea()
    page.setWidgetResizable(True)
    page.setWidget(part)
    qtbot.addWidget(page)
    page.resize(width, 600)
    if source is not None:
        part.set_text(source)
    page.show()
    qtbot.waitExposed(page)
    QApplication.processEvents()
    part.page = page  # type: ignore[attr-defined]  # keep the page alive with the part
    return part


def copy_all(view: AutoHeightBrowser) -> str:
    """Ctrl+A then Ctrl+C in ``view``, as a user would: what lands on the clipboard."""
    QTest.mouseClick(view.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, QPoint(2, 2))
    QTest.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QGuiApplication.clipboard().setText("before")
    QTest.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    return QGuiApplication.clipboard().text()


def copy_between(view: AutoHeightBrowser, first: str, last: str) -> str:
    """Select from the start of ``first`` to the end of ``last`` (one view) and copy."""
    document = view.document()
    start = document.find(first).selectionStart()
    end = document.find(last, start).selectionEnd()
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    view.setFocus()
    QGuiApplication.clipboard().setText("before")
    QTest.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    return QGuiApplication.clipboard().text()


FORMULAS = (
    "Inline \\( \\pi r^2 \\) and $a_1 + a_2$, then display:\n\n"
    "$$\n\\int_0^1 x\\,dx = \\tfrac{1}{2}\n$$\n\n"
    "\\[ \\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix} \\]\n\n"
    "Prices stay text: $5 and $10.\n"
)


def test_formulas_copy_as_their_latex_with_the_delimiters_they_were_written_with(qtbot):
    part = make_part(qtbot, FORMULAS)
    assert "\ufffc" in part.stable.toPlainText()  # drawn as images, not shown as source
    assert copy_all(part.stable) == FORMULAS.strip()


def test_a_formula_in_the_middle_of_a_selection_copies_whole(qtbot):
    part = make_part(qtbot, FORMULAS)
    assert copy_between(part.stable, "and", "then") == "and $a_1 + a_2$, then"


def test_a_selection_across_a_code_block_gives_the_code_and_not_its_labels(qtbot):
    code = "def area(r):\n    return 3.14 * r * r\n\n\nprint(area(2))"
    part = make_part(qtbot, f"Before the code.\n\n```python\n{code}\n```\n\nAfter the code.\n")
    before, code_text, after = part.browsers()  # the code block is a view of its own
    drag(
        before,
        point_of(before, "code."),
        [(code_text, QPoint(5, 5)), (after, point_of(after, "After", after=True))],
    )
    QGuiApplication.clipboard().setText("before")
    QTest.keyClick(before, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().text()
    assert copied == f"code.\n\n{code}\n\nAfter"
    assert "python" not in copied and "Copy" not in copied


def test_a_long_code_block_cut_in_pieces_copies_as_one_block(qtbot):
    code = "\n".join(f"line_{n} = {n}" for n in range(3_000))
    source = f"```text\n{code}\n```\n"
    part = make_part(qtbot)
    for start in range(0, len(source), 700):  # streamed: the block arrives in pieces
        part.append(source[start : start + 700])
        part.render()
    part.finish()
    (view,) = part.code_views  # one view, however many pieces it arrived in
    assert len(view.pages) > 1  # (in pages of bounded size)
    assert copy_all(view.text) == code


def test_lists_copy_with_their_numbers_and_bullets(qtbot):
    source = "Steps:\n\n3. Knead\n4. Rest\n   - an hour\n   - covered\n5. Bake\n"
    part = make_part(qtbot, source)
    assert copy_all(part.stable) == (
        "Steps:\n\n3. Knead\n4. Rest\n  - an hour\n  - covered\n5. Bake"
    )


def test_no_marker_character_survives_a_streamed_answer(qtbot):
    # Streamed in small deltas: every piece is appended after a marker (U+2060), and a very
    # long line is cut mid-line, where a piece starting with a digit is guarded by one.
    words = " ".join(f"{n}apples" for n in range(900))
    source = f"Intro.\n\n{words}\n\n1. one\n2. two\n\nEnd with \\( x^2 \\).\n"
    part = make_part(qtbot)
    for start in range(0, len(source), 37):
        part.append(source[start : start + 37])
        part.render()
    part.finish()
    copied = copy_all(part.segments[0])
    assert "\u2060" not in copied and "\ufffc" not in copied
    assert copied.split() == source.split()  # every word, in order, nothing added
    assert words in copied  # the line cut in pieces copies as the one line it was


def test_an_image_scheme_resolver_speaks_for_its_images(qtbot):
    """The registry MATH plugs into: an image named ``scheme:…`` copies as its resolver says;
    an image nobody resolves copies as nothing; a resolver that fails loses nothing else."""
    register_image_source("seekdesk-test", lambda name: f"<{name.partition(':')[2]}>")
    register_image_source("seekdesk-broken", lambda name: 1 / 0)  # type: ignore[arg-type,return-value]
    part = make_part(qtbot, "Pictures: here.\n")
    document = part.stable.document()
    cursor = QTextCursor(document)
    cursor.setPosition(document.find("here").selectionStart())
    for name in ("seekdesk-test:seven", "elsewhere:x", "seekdesk-broken:y", "seekdesk-test:8"):
        image = QTextImageFormat()
        image.setName(name)
        cursor.insertImage(image)
    assert copy_all(part.stable) == "Pictures: <seven><8>here."
    assert source_of_image("seekdesk-test:nine") == "<nine>"
    assert source_of_image("no-scheme-here") == ""


def test_plain_text_views_copy_their_lines_as_they_are(qtbot):
    """The thinking is plain text in the same kind of view: a copy keeps its lines and blank
    lines (the answer's paragraph rules are not for it)."""
    thinking = "First, the units.\nThen the sum:\n\n  3 + 4 = 7\n"
    view = AutoHeightBrowser("thinkingText")
    qtbot.addWidget(view)
    view.setPlainText(thinking.rstrip())  # as ThinkingPart shows it
    view.show()
    assert copy_all(view) == thinking.rstrip()
