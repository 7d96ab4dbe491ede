"""Formulas in the answer on screen: streamed a character at a time or shown whole, every
formula is an image on the text's baseline, in the theme's colour, sharp at 2x; a broken one
shows its source with the reason on hover; a copy gives the LaTeX as it was written."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QHelpEvent,
    QImage,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScrollArea, QToolTip

from app.ui.render import math_images, math_jobs, math_tex
from app.ui.render.markdown import MarkdownRenderer, MarkdownStyle
from app.ui.render.math_images import math_image
from app.ui.render.math_syntax import MATH_SCHEME, source_for
from app.ui.render.rich_text import MARKER, AnswerPart, AutoHeightBrowser
from tests.ui.render.math_corpus import BROKEN, CURRENCY, DISPLAY, INLINE, answer

LIGHT = MarkdownStyle()
DARK = MarkdownStyle(text="#e6edf3")
DELIMITERS = ("\\(", "\\)", "\\[", "\\]", "$$", "```")



@pytest.fixture(autouse=True)
def _fresh_check_budget():
    """Each test starts with the checking budget unspent (what an earlier test spent within
    the last 0.1 s would otherwise decide whether this one's formulas are checked first)."""
    math_tex._check_spent.clear()

def make_part(qtbot, style: MarkdownStyle = LIGHT) -> AnswerPart:
    part = AnswerPart(style)
    page = QScrollArea()
    page.setWidgetResizable(True)
    page.setWidget(part)
    qtbot.addWidget(page)
    page.resize(700, 600)
    page.show()
    part.page = page  # type: ignore[attr-defined]  # keep the page alive with the part
    return part


def formula_images(part: AnswerPart) -> list[tuple[str, QImage]]:
    """Each formula image in the answer's views, top to bottom: (name, the image drawn)."""
    found = []
    for browser in part.browsers():
        document = browser.document()
        block = document.begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fmt = iterator.fragment().charFormat()
                if fmt.isImageFormat() and fmt.toImageFormat().name().startswith(MATH_SCHEME):
                    name = fmt.toImageFormat().name()
                    image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
                    found.append((name, image))
                iterator += 1
            block = block.next()
    return found


def settle(qtbot) -> None:
    """Wait until every formula queued for the worker is typeset and handed to its view."""
    qtbot.waitUntil(
        lambda: math_jobs.pending() == 0 and math_images.waiting() == 0, timeout=20_000
    )
    QApplication.processEvents()


def has_ink(image: QImage) -> bool:
    """Something is drawn (not the blank a formula shows while it waits to be typeset)."""
    return any(bytes(image.constBits()))


def shown_text(part: AnswerPart) -> str:
    return part.plain_text().replace("\ufffc", "").replace(MARKER, "")


def assert_every_formula_drawn(qtbot, part: AnswerPart, source: str) -> None:
    settle(qtbot)
    images = formula_images(part)
    assert sorted(source_for(name) or "" for name, _ in images) == sorted(INLINE + DISPLAY)
    assert all(isinstance(image, QImage) and has_ink(image) for _, image in images)
    text = shown_text(part)
    for delimiter in DELIMITERS:
        assert delimiter not in text, delimiter
    assert text.count("$") == sum(source.count(s) * s.count("$") for s in CURRENCY) > 0


def test_the_corpus_streamed_a_character_at_a_time_ends_with_every_formula_drawn(qtbot):
    source = answer()
    part = make_part(qtbot)
    for char in source:
        part.append(char)
        part.render()
    part.finish()
    assert_every_formula_drawn(qtbot, part, source)


def test_the_corpus_shown_whole_draws_every_formula(qtbot):
    source = answer()
    part = make_part(qtbot)
    part.set_text(source)
    assert_every_formula_drawn(qtbot, part, source)


def test_an_unclosed_formula_shows_as_source_until_its_closer_arrives(qtbot):
    part = make_part(qtbot)
    part.append("Then \\[\n\\frac{a}{b} = c\n")
    part.render()
    assert "\\frac{a}{b}" in shown_text(part) and not formula_images(part)
    part.append("\\]\n")
    part.render()
    assert "\\frac" not in shown_text(part)
    assert [source_for(name) for name, _ in formula_images(part)] == [
        "\\[\n\\frac{a}{b} = c\n\\]"
    ]


def test_a_broken_formula_shows_its_source_in_monospace_with_the_reason_on_hover(qtbot):
    part = make_part(qtbot)
    part.set_text(f"Look: {BROKEN[0]} and {BROKEN[1]}.")
    assert not formula_images(part)
    document = part.stable.document()
    for formula, reason in ((BROKEN[0], "Unbalanced"), (BROKEN[1], "Unknown command")):
        cursor = document.find(formula)
        assert not cursor.isNull(), formula
        fmt = cursor.charFormat()
        assert fmt.toolTip().startswith(reason)
        assert "monospace" in fmt.fontFamilies()


def test_hovering_a_broken_formula_shows_why(qtbot):
    browser = AutoHeightBrowser("answer")
    qtbot.addWidget(browser)
    browser.resize(500, 100)
    browser.setHtml(MarkdownRenderer().render("See $\\notacommand{x}$ here.").html)
    browser.show()
    qtbot.waitExposed(browser)
    at = browser.cursorRect(browser.document().find("notacommand")).center()
    hover = QHelpEvent(QEvent.Type.ToolTip, at, browser.viewport().mapToGlobal(at))
    QApplication.sendEvent(browser.viewport(), hover)
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == "Unknown command: \\notacommand"
    QToolTip.hideText()


def copy_all(view: AutoHeightBrowser) -> str:
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    QTest.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QGuiApplication.clipboard().setText("before")
    QTest.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    return QGuiApplication.clipboard().text()


def test_a_copy_gives_each_formula_as_it_was_written(qtbot):
    source = (
        "Let \\(x_1\\) and $a\\,b$ be given.\n\n\\[\n\\sum_{i=1}^n i\n\\]\n\n"
        "Money: $5 and $10."
    )
    part = make_part(qtbot)
    part.set_text(source)
    qtbot.waitExposed(part.page)
    copied = copy_all(part.stable)
    for formula in ("\\(x_1\\)", "$a\\,b$", "\\[\n\\sum_{i=1}^n i\n\\]", "$5 and $10"):
        assert formula in copied
    assert "\u2060" not in copied and "\ufffc" not in copied


def ink(image: QImage) -> QColor:
    """The colour of the most opaque pixel (the formula's ink)."""
    best, colour = -1, QColor()
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if pixel.alpha() > best:
                best, colour = pixel.alpha(), pixel
    return colour


def test_a_theme_change_redraws_formulas_in_the_new_text_colour(qtbot):
    part = make_part(qtbot, LIGHT)
    part.set_text("Light: $E = mc^2$.")
    settle(qtbot)
    [(_, light)] = formula_images(part)
    assert ink(light).name() == LIGHT.text
    part.restyle(DARK)
    settle(qtbot)
    [(_, dark)] = formula_images(part)
    assert ink(dark).name() == DARK.text


def test_at_2x_a_formula_has_twice_the_pixels_and_the_same_size_on_screen():
    font = QFont()
    font.setPixelSize(16)
    key = MarkdownRenderer().render("$\\frac{a}{b}$").html.split(":")[1].split("?")[0]
    one, two = math_image(key, "000000", font, 1.0), math_image(key, "000000", font, 2.0)
    assert one is not None and two is not None
    assert two.devicePixelRatio() == 2.0
    assert abs(two.width() - 2 * one.width()) <= 2 and abs(two.height() - 2 * one.height()) <= 2
    assert abs(two.deviceIndependentSize().height() - one.height()) <= 1


def test_a_formula_follows_the_text_size():
    small, large = QFont(), QFont()
    small.setPixelSize(12)
    large.setPixelSize(24)
    key = MarkdownRenderer().render("$x^2$").html.split(":")[1].split("?")[0]
    a, b = math_image(key, "000000", small, 1.0), math_image(key, "000000", large, 1.0)
    assert a is not None and b is not None
    assert 1.8 < b.width() / a.width() < 2.2


def ink_bottom(image: QImage, left: int, right: int) -> int:
    """The lowest row with dark ink between columns ``left`` and ``right``."""
    for y in range(image.height() - 1, -1, -1):
        for x in range(max(0, left), min(image.width(), right)):
            if QColor(image.pixel(x, y)).lightness() < 100:
                return y
    return -1


def ink_bottoms(shot: QImage) -> list[int]:
    """For each run of columns with dark ink (a glyph or a formula), its lowest inked row."""
    columns = [
        x
        for x in range(shot.width())
        if any(QColor(shot.pixel(x, y)).lightness() < 100 for y in range(shot.height()))
    ]
    runs: list[list[int]] = []
    for x in columns:
        if runs and x - runs[-1][1] <= 3:
            runs[-1][1] = x
        else:
            runs.append([x, x])
    return [ink_bottom(shot, left, right + 1) for left, right in runs]


@pytest.mark.parametrize(
    ("source", "pixels"),
    [
        ("x $x$ x", 13),
        ("x $x$ x", 16),
        ("x $x$ x", 24),
        ("| a | b |\n|---|---|\n| x | $x$ |\n", 16),
        ("x $\\frac{1}{2}x$ x", 16),
        ("x $\\frac{1}{2}x$ x", 24),
    ],
)
def test_an_inline_formula_sits_on_the_text_baseline(qtbot, source, pixels):
    """The 'x' of a formula ends on the same pixel row as the text's: a small formula, one alone
    in a table cell, and the 'x' after a fraction that hangs below the line."""
    browser = AutoHeightBrowser("answer")
    qtbot.addWidget(browser)
    font = QFont()
    font.setPixelSize(pixels)
    browser.setFont(font)
    browser.resize(500, 100)
    browser.setHtml(MarkdownRenderer().render(source).html)
    browser.show()
    qtbot.waitExposed(browser)
    settle(qtbot)
    bottoms = ink_bottoms(browser.viewport().grab().toImage())
    if source.startswith("|"):
        text_x, formula_x = bottoms[-2:]  # the body row's two cells
    elif "frac" in source:
        text_x, fraction, formula_x, last_x = bottoms
        assert fraction > text_x + 2  # (the denominator hangs below the line)
        assert last_x == text_x
    else:
        text_x, formula_x, last_x = bottoms
        assert last_x == text_x
    assert abs(formula_x - text_x) <= 1


def test_formula_images_are_drawn_once_while_a_reply_streams(qtbot):
    """The tail is re-rendered on each repaint; its formulas come from the cache."""
    part = make_part(qtbot)
    drawn = math_images.cache_info()[2]
    text = "Values: " + ", ".join(f"$v_{{{i}}} = {i}^2$" for i in range(20)) + ".\n"
    for char in text:
        part.append(char)
        part.render()
    part.finish()
    assert len(formula_images(part)) == 20
    assert math_images.cache_info()[2] - drawn == 20


def test_a_long_answer_opens_at_once_and_its_formulas_arrive_from_the_worker(qtbot):
    """Opening 120 formulas never typeset before does not wait for them all: past a small
    budget they are blanks of about their size, filled in as the worker typesets them."""
    formulas = [f"$\\frac{{{i}}}{{x_{{{i}}}}} + \\sqrt{{{i} + y}}$" for i in range(120)]
    part = make_part(qtbot)
    part.set_text("Values: " + ", ".join(formulas) + ".")
    assert math_jobs.pending() > 0  # the rest queued, not typeset while the window waited
    assert any(not has_ink(image) for _, image in formula_images(part))
    settle(qtbot)
    images = formula_images(part)
    assert len(images) == 120 and all(has_ink(image) for _, image in images)


def test_a_formula_wider_than_the_column_is_drawn_to_fit(qtbot):
    wide = "$$" + " + ".join(f"a_{{{i}}} x^{{{i}}}" for i in range(40)) + "$$"
    part = make_part(qtbot)
    part.page.resize(420, 400)  # type: ignore[attr-defined]
    QApplication.processEvents()
    part.set_text(f"The sum:\n\n{wide}\n")
    settle(qtbot)
    [(_, image)] = formula_images(part)
    room = part.stable.viewport().width()
    assert 0.5 * room < image.deviceIndependentSize().width() <= room
    assert part.stable.document().idealWidth() <= room + 1


def test_a_broken_formula_taken_on_trust_shows_its_source_and_why(qtbot):
    """Past the checking budget (an answer of many formulas opened whole), a formula is shown
    before it is checked; if the typesetter then refuses it, its source is drawn in its place
    and the reason shows on hover, as for one refused at once."""
    formulas = [f"$\\sqrt{{{i} + z_{{{i}}}}}$" for i in range(5)]
    part = make_part(qtbot)
    math_tex._check_spent.append((time.perf_counter(), 1.0))  # the budget is spent
    part.set_text("Values: " + ", ".join(formulas) + " and $\\notacommand{q}$.")
    settle(qtbot)
    images = formula_images(part)
    assert len(images) == 6 and all(has_ink(image) for _, image in images)
    name, _ = images[-1]
    assert source_for(name) == "$\\notacommand{q}$"
    document = part.stable.document()
    tips = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fmt = iterator.fragment().charFormat()
            if fmt.isImageFormat() and fmt.toImageFormat().name() == name:
                tips.append(fmt.toolTip())
            iterator += 1
        block = block.next()
    assert tips == ["Unknown command: \\notacommand"]


def test_only_formula_images_load(qtbot):
    browser = AutoHeightBrowser("answer")
    qtbot.addWidget(browser)
    kind = QTextDocument.ResourceType.ImageResource.value
    for url in ("file:///etc/hostname", "https://example.com/a.png", "data:image/png;base64,"):
        loaded = browser.loadResource(kind, QUrl(url))
        assert isinstance(loaded, QImage) and loaded.isNull()
    assert QTextFormat.ObjectTypes.ImageObject  # (the object kind the images are laid out as)
