"""The answer on screen: a huge code block streams in small documents, a forged Copy link does
nothing, and an answer nested thousands deep shows its text."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication, QTextDocument
from PySide6.QtWidgets import QApplication, QScrollArea

from app.ui.render.markdown import COPY_SCHEME, MarkdownStyle
from app.ui.render.rich_text import AnswerPart
from app.ui.render.splitter import HARD_CHARS
from tests.benchmarks import shapes


def anchors(document: QTextDocument) -> list[str]:
    """Every link target in a document, as Qt holds it."""
    found = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            href = iterator.fragment().charFormat().anchorHref()
            if href:
                found.append(href)
            iterator += 1
        block = block.next()
    return found


def make_part(qtbot) -> AnswerPart:
    """An answer in a scrolling page, as in the chat view (only what shows is painted)."""
    part = AnswerPart(MarkdownStyle())
    page = QScrollArea()
    page.setWidgetResizable(True)
    page.setWidget(part)
    qtbot.addWidget(page)
    page.resize(700, 400)
    page.show()
    part.page = page  # type: ignore[attr-defined]  # keep the page alive with the part
    return part


def test_a_copy_link_written_by_the_model_is_no_link_and_a_forged_click_copies_nothing(qtbot):
    part = make_part(qtbot)
    part.set_text(
        "Run this:\n\n```sh\nrm -rf ~/important\n```\n\n"
        f"[Copy]({COPY_SCHEME}:0) or <{COPY_SCHEME}:0> or ![x]({COPY_SCHEME}:0)\n"
    )
    hrefs = [href for browser in part.browsers() for href in anchors(browser.document())]
    internal = [href for href in hrefs if href.startswith(COPY_SCHEME)]
    assert len(internal) == 1  # only the code block's own Copy link
    assert "Copy" in part.plain_text()  # the model's text still shows, as text

    QGuiApplication.clipboard().setText("untouched")
    copied: list[str] = []
    part.code_copied.connect(copied.append)
    for forged in (f"{COPY_SCHEME}:0", f"{COPY_SCHEME}:0000.0", f"{COPY_SCHEME.upper()}:x.0"):
        part.stable.anchorClicked.emit(QUrl(forged))
    assert QGuiApplication.clipboard().text() == "untouched" and copied == []

    part.stable.anchorClicked.emit(QUrl(internal[0]))  # the real one still works
    assert copied == ["rm -rf ~/important\n"]
    assert QGuiApplication.clipboard().text() == "rm -rf ~/important\n"


def test_an_answer_nested_ten_thousand_deep_shows_its_text(qtbot):
    part = make_part(qtbot)
    part.set_text(">" * 10_000 + " the deepest words\n\n" + "- " * 10_000 + "a deep item\n")
    text = part.plain_text()
    assert "the deepest words" in text and "a deep item" in text
    assert "»10000" in text  # flattened, with the depth it had


def test_a_huge_code_block_streams_into_small_documents_and_copies_whole(qtbot):
    part = make_part(qtbot)
    text = shapes.make("code", 30_000)
    code = text.split("\n", 1)[1].rsplit("```", 1)[0]
    largest_tail = 0
    for start in range(0, len(text), 100):
        part.append(text[start : start + 100])
        part.render()
        QApplication.processEvents()  # layout runs between repaints, as in the window
        if part._tail is not None:
            largest_tail = max(largest_tail, part._tail.document().characterCount())
    part.finish()
    # The growing end was never more than a piece and a line, whatever the block's size…
    assert largest_tail <= HARD_CHARS
    # …the finished block sits in documents of bounded size…
    assert max(b.document().characterCount() for b in part.segments) < 12_000
    assert len(part.segments) > 2
    # …and it is the whole block, copied whole by its one Copy link.
    shown = part.plain_text().replace("\n", "")
    assert shown == "pythonCopy" + code.replace("\n", "")
    hrefs = [h for b in part.segments for h in anchors(b.document()) if h.startswith(COPY_SCHEME)]
    assert len(hrefs) == 1
    copied: list[str] = []
    part.code_copied.connect(copied.append)
    part.segments[0].anchorClicked.emit(QUrl(hrefs[0]))
    assert copied == [code]
