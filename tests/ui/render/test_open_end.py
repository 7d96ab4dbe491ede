"""A long code block streaming in: each repaint puts into the code view only what changed.

The growing end of a code block (the lines since the last cut and the open line) used to be
taken out and put in again whole on every repaint — a few hundred characters of code and
their markup, laid out again some sixty times a second. Now the complete lines stay and only
the lines after them and the open line go in; what the user sees is the same at every repaint.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app.ui.render.markdown import MarkdownStyle
from app.ui.render.rich_text import AnswerPart
from tests.benchmarks import shapes


def make_part(qtbot) -> AnswerPart:
    part = AnswerPart(MarkdownStyle())
    qtbot.addWidget(part)
    part.resize(800, 600)
    part.show()
    return part


def code_documents(part: AnswerPart) -> str:
    views = part.code_views + ([part._tail_code] if part._tail_code else [])
    return "".join(page.document().toHtml() for view in views for page in view.pages)


def inserted(part: AnswerPart) -> int:
    views = part.code_views + ([part._tail_code] if part._tail_code else [])
    return sum(page.inserted for view in views for page in view.pages)


def test_a_streaming_code_block_lays_out_its_open_lines_once_not_on_every_repaint(qtbot):
    part = make_part(qtbot)
    text = shapes.make("code", 12_000)
    per_repaint: list[int] = []
    for start in range(0, len(text), 10):  # a model's deltas, a repaint after each
        before = inserted(part)
        part.append(text[start : start + 10])
        part.render()
        QApplication.processEvents()
        per_repaint.append(inserted(part) - before)
    part.finish()
    markup = sum(len("".join(html)) for view in part.code_views for html in view._html)
    # Each line's markup goes in about once as the open end and once as a stable piece, and
    # the open line once per repaint (it was ~24 times the block's markup, the whole open
    # end again on every repaint)…
    assert sum(per_repaint) < 6 * markup
    # …so most repaints put in well under a line or two of markup (was ~1,750 characters).
    assert sorted(per_repaint)[len(per_repaint) // 2] < 600


def test_the_open_end_shows_the_same_document_as_when_put_in_whole(qtbot):
    text = shapes.make("code", 4_000)
    text = text.replace("step_6(", 'step_6(note="""a string\nover lines\n""", ', 1)
    streamed = make_part(qtbot)
    for start in range(0, len(text), 37):
        streamed.append(text[start : start + 37])
        streamed.render()
        if start % 185:
            continue
        whole = make_part(qtbot)  # the same text at once: its open end put in in one go
        whole.append(text[: start + 37])
        whole._apply(whole.stream.render())  # (no time budget: all of it now)
        assert code_documents(streamed) == code_documents(whole)
