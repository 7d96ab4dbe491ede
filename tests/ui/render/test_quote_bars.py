"""A quote has a side bar, one per level, unbroken however the quote reached the screen.

The bars are painted by the view beside the blocks a quote marks (``quotes``, ``quote_bars``);
these tests look at the pixels of a real answer: where a bar should be, and where it must not.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage, QRegion
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from app.ui.render.markdown import MarkdownStyle
from app.ui.render.quote_bars import BAR_WIDTH, QuoteWatch, quote_bars
from app.ui.render.quotes import QUOTE_INDENT
from app.ui.render.rich_text import AnswerPart
from tests.benchmarks import shapes

#: The middle of the bar of each level, in pixels from the answer's left edge.
BAR_X = [level * QUOTE_INDENT + 2 + BAR_WIDTH // 2 for level in range(8)]


def make_part(qtbot, height: int = 3000) -> AnswerPart:
    part = AnswerPart(MarkdownStyle())
    page = QScrollArea()
    page.setWidgetResizable(True)
    page.setWidget(part)
    qtbot.addWidget(page)
    page.resize(700, height)
    page.show()
    part.page = page  # type: ignore[attr-defined]
    return part


def picture(part: AnswerPart) -> QImage:
    """The answer as drawn on a white page (its views are transparent)."""
    QApplication.processEvents()
    image = QImage(part.size(), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    # (AnswerPart.render is its repaint of the stream; this is QWidget's, without a background)
    QWidget.render(part, image, QPoint(), QRegion(), QWidget.RenderFlag.DrawChildren)
    return image


def is_bar(image: QImage, x: int, y: int) -> bool:
    """A bar's pixel: the same faint grey across the bar's width (a glyph is not so even)."""
    colours = {image.pixel(x + dx, y) for dx in (-1, 0, 1)}
    return len(colours) == 1 and 150 < QColor(colours.pop()).lightness() < 225


def bar_rows(image: QImage, x: int) -> list[int]:
    return [y for y in range(image.height()) if is_bar(image, x, y)]


def test_a_quote_has_a_bar_beside_it_and_plain_text_has_none(qtbot):
    part = make_part(qtbot, 400)
    part.set_text("Plain first.\n\n> A quoted line.\n>\n> Another quoted line.\n\nPlain again.\n")
    image = picture(part)
    rows = bar_rows(image, BAR_X[0])
    assert rows, "no bar beside the quote"
    assert rows == list(range(rows[0], rows[-1] + 1))  # one unbroken bar
    height = rows[-1] - rows[0] + 1
    assert 25 <= height <= 80  # as tall as the quote's two lines, not the answer
    assert not bar_rows(image, BAR_X[1])  # one level, one bar


def test_nested_quotes_show_a_bar_per_level(qtbot):
    part = make_part(qtbot, 400)
    part.set_text("> one\n> > two\n> > > three\n")
    image = picture(part)
    one, two, three = (bar_rows(image, BAR_X[level]) for level in range(3))
    assert one and two and three and not bar_rows(image, BAR_X[3])
    # Each deeper bar runs beside the deeper text only, within the outer one.
    assert one[0] <= two[0] <= three[0] and three[-1] <= two[-1] <= one[-1]


def test_a_long_quote_streamed_in_pieces_has_the_same_unbroken_bar_as_one_rendered_whole(qtbot):
    text = "".join(f"> quoted line {n} of a long quote, " + "word " * 8 + "\n" for n in range(90))
    streamed = make_part(qtbot)
    for delta in shapes.deltas(text):
        streamed.append(delta)
        streamed.render()
    streamed.finish()
    whole = make_part(qtbot)
    whole.set_text(text)
    rows_streamed = bar_rows(picture(streamed), BAR_X[0])
    rows_whole = bar_rows(picture(whole), BAR_X[0])
    assert streamed.stream.stable_renders > 3  # it did come in pieces
    for rows in (rows_streamed, rows_whole):
        assert rows == list(range(rows[0], rows[-1] + 1))  # no gap where pieces meet
    assert abs(len(rows_streamed) - len(rows_whole)) <= 2


def test_a_quote_ten_thousand_deep_paints_eight_bars_and_only_where_it_shows(qtbot):
    part = make_part(qtbot, 300)
    part.set_text(shapes.make("deep10000", 20_000))
    qtbot.waitUntil(lambda: not part.has_pending())  # built whole (in idle turns)
    image = picture(part)
    assert all(bar_rows(image, x) for x in BAR_X)  # drawn eight deep, no deeper
    browser = part.segments[0]
    # A repaint of a strip paints the bars of the few blocks in it, not of the document.
    strip = browser.viewport().rect().adjusted(0, 0, 0, -(browser.height() - 40))
    assert 8 <= len(quote_bars(browser, strip)) <= 8 * 3


def stream_watching(qtbot, text: str, every: int = 4) -> tuple[AnswerPart, list[int]]:
    """Stream ``text`` into an answer, repainting every ``every`` deltas and asking each view
    for its bars (as painting it does); per repaint, the blocks the quote watches looked at."""
    part = make_part(qtbot, 600)
    work: list[int] = []
    deltas = shapes.deltas(text)
    for start in range(0, len(deltas), every):
        before = sum(QuoteWatch.of(view.document()).blocks_seen for view in part.browsers())
        for delta in deltas[start : start + every]:
            part.append(delta)
        part.render()
        for view in part.browsers():
            quote_bars(view, view.viewport().rect())
        work.append(
            sum(QuoteWatch.of(view.document()).blocks_seen for view in part.browsers()) - before
        )
    return part, work


def test_a_repaint_of_an_answer_without_quotes_looks_at_no_more_blocks_as_it_grows(qtbot):
    _, small = stream_watching(qtbot, shapes.make("list20", 4_000))
    large_part, large = stream_watching(qtbot, shapes.make("list20", 12_000))
    # Only the blocks a repaint changed are looked at (the appended piece, the growing end),
    # not every block of the view it is appended to, which grows with the answer…
    assert max(large) <= max(small) * 1.25 + 10
    assert sum(large) <= 3 * sum(small) * 1.25
    # …and no view of it has a bar to paint.
    for view in large_part.browsers():
        assert not QuoteWatch.of(view.document()).quoted
        assert quote_bars(view, view.viewport().rect()) == []


def test_a_quote_that_comes_after_plain_text_still_gets_its_bar(qtbot):
    text = "Plain words first, " * 40 + "\n\n" + "".join(f"> quoted {n}\n" for n in range(30))
    part, _ = stream_watching(qtbot, text + "\nPlain again.\n")
    part.finish()
    rows = bar_rows(picture(part), BAR_X[0])
    assert rows and rows == list(range(rows[0], rows[-1] + 1))
    # The plain text above the quote and below it has none.
    assert rows[0] > 40 and rows[-1] < part.height() - 10
