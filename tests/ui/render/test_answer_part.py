"""The answer on screen: a huge code block streams into a view of its own that scrolls sideways,
its Copy button copies it whole and a forged Copy link does nothing; wide tables scroll inside
their view; an answer nested thousands deep shows its text; sleeping and waking lose nothing."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QGuiApplication, QTextDocument, QWheelEvent
from PySide6.QtWidgets import QApplication, QScrollArea, QTextEdit

from app.ui.render.late_colour import colour_pending
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
    assert not [href for href in hrefs if href.startswith(COPY_SCHEME)]  # no Copy link at all
    assert "Copy" in part.plain_text()  # the model's text still shows, as text

    QGuiApplication.clipboard().setText("untouched")
    copied: list[str] = []
    part.code_copied.connect(copied.append)
    for forged in (f"{COPY_SCHEME}:0", f"{COPY_SCHEME}:0000.0", f"{COPY_SCHEME.upper()}:x.0"):
        part.stable.anchorClicked.emit(QUrl(forged))
    assert QGuiApplication.clipboard().text() == "untouched" and copied == []

    qtbot.mouseClick(part.code_views[0].copy_button, Qt.MouseButton.LeftButton)  # the real one
    assert copied == ["rm -rf ~/important\n"]
    assert QGuiApplication.clipboard().text() == "rm -rf ~/important\n"


def test_an_answer_nested_ten_thousand_deep_shows_its_text(qtbot):
    part = make_part(qtbot)
    part.set_text(">" * 10_000 + " the deepest words\n\n" + "- " * 10_000 + "a deep item\n")
    text = part.plain_text()
    assert "the deepest words" in text and "a deep item" in text
    assert "»10000" in text  # flattened, with the depth it had


def test_a_huge_code_block_streams_into_its_own_view_a_line_at_a_time_and_copies_whole(qtbot):
    part = make_part(qtbot)
    text = shapes.make("code", 30_000)
    code = text.split("\n", 1)[1].rsplit("```", 1)[0]
    largest_open = 0
    for start in range(0, len(text), 100):
        part.append(text[start : start + 100])
        part.render()
        QApplication.processEvents()  # layout runs between repaints, as in the window
        assert part._tail is None or part._tail.isHidden()  # the code never shows as text
        views = part.code_views + ([part._tail_code] if part._tail_code else [])
        if views:
            document = views[-1].text.document()
            largest_open = max(largest_open, document.characterCount() - views[-1].text._stable_end)
    part.finish()
    # The growing end was never more than a piece and a line, whatever the block's size…
    assert largest_open <= HARD_CHARS
    # …the finished block is one view, its text exactly the code, without "python" or "Copy"…
    (view,) = part.code_views
    assert view.language == "python"
    assert part.plain_text() == code.removesuffix("\n")
    assert view.text.lineWrapMode() == QTextEdit.LineWrapMode.NoWrap
    # …and its Copy button (reachable with Tab) copies the whole block.
    assert view.copy_button.focusPolicy() & Qt.FocusPolicy.TabFocus
    copied: list[str] = []
    part.code_copied.connect(copied.append)
    view.copy_button.setFocus()
    qtbot.keyClick(view.copy_button, Qt.Key.Key_Space)
    assert copied == [code]


def test_an_answer_with_code_sleeps_and_wakes_with_the_same_text_and_height(qtbot):
    part = make_part(qtbot)
    code = "\n".join(f"value_{n} = {n} * {n}" for n in range(1_500))  # pages of its own
    part.set_text(f"Before.\n\n```python\n{code}\n```\n\nAfter.\n")
    # Laid out, and coloured (in idle turns after the first paint; colour may move a line).
    qtbot.waitUntil(lambda: part.can_sleep() and part.height() > 10_000 and not colour_pending())
    QApplication.processEvents()  # (the layout pass after the last colour)
    (view,) = part.code_views
    assert len(view.pages) > 1
    text, height = part.plain_text(), part.height()
    assert text == f"Before.\n{code}\nAfter."  # the code alone, exactly, between the text
    part.sleep()
    assert part.is_asleep() and part.height() == height
    assert all(page.document().isEmpty() for page in view.pages)  # nothing laid out meanwhile
    assert part.plain_text() == text  # any use wakes it, as it was
    QApplication.processEvents()
    assert part.height() == height


def test_a_wide_table_is_a_view_of_its_own_and_a_blank_line_ends_it(qtbot):
    wide = "| " + " | ".join(f"Column {n}" for n in range(12)) + " |\n|" + "---|" * 12 + "\n"
    wide += "| " + " | ".join(f"value {n} here" for n in range(12)) + " |\n"
    part = make_part(qtbot)
    for start in range(0, len(source := f"{wide}\n| Name | Value |\n|---|---|\n| a | b |\n"), 9):
        part.append(source[start : start + 9])
        part.render()
    part.finish()
    (wide_view,) = [b for b in part.browsers() if b.objectName() == "answerTable"]
    assert "Column 10" in wide_view.toPlainText()
    # The narrow table stays in the text, and is not rows of the wide one.
    assert "Name" not in wide_view.toPlainText() and "Name" in part.segments[-1].toPlainText()
    QApplication.processEvents()
    # Words are never broken inside a cell: the wide one scrolls sideways instead.
    assert wide_view.horizontalScrollBar().maximum() > 0


def test_a_code_block_leaves_vertical_wheel_turns_to_the_conversation_and_scrolls_sideways(qtbot):
    part = make_part(qtbot)
    wide = "x = [" + ", ".join(str(n) for n in range(200)) + "]"
    part.set_text(f"Intro.\n\n```python\n{wide}\n```\n")
    (view,) = part.code_views
    qtbot.waitUntil(lambda: view.text.horizontalScrollBar().maximum() > 0)

    def wheel(dx: int, dy: int) -> bool:
        """Turn the wheel over the code; whether the code view kept the turn."""
        viewport = view.text.viewport()
        point = QPointF(viewport.rect().center())
        event = QWheelEvent(
            point, QPointF(viewport.mapToGlobal(point.toPoint())), QPoint(), QPoint(dx, dy),
            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase, False,
        )  # fmt: skip
        QApplication.sendEvent(viewport, event)
        return event.isAccepted()

    # A turn down is not the code's: Qt hands an ignored turn on to the conversation (a sent
    # event is not handed on, so the test checks the code view let it go).
    assert not wheel(0, -120)
    assert view.text.verticalScrollBar().maximum() == 0  # it has nothing to scroll down
    assert wheel(-120, 0)  # a sideways turn moves the code
    assert view.text.horizontalScrollBar().value() > 0


def _coloured(document: QTextDocument, word: str) -> bool:
    """Whether ``word``'s first occurrence is drawn in a colour of its own (highlighted)."""
    found = document.find(word)
    assert not found.isNull(), word
    return found.charFormat().foreground().style() != Qt.BrushStyle.NoBrush


def test_a_stored_code_answer_opens_uncoloured_and_colours_itself_on_screen_first(qtbot):
    from app.ui.render.late_colour import colour_pending

    code = "".join(f"def step_{n}(items):\n    return [x * {n} for x in items]\n"
                   for n in range(900))
    words = "".join(f"Paragraph {n} between the two blocks.\n\n" for n in range(30))
    text = f"First:\n\n```python\n{code}```\n\n{words}```python\ndef last():\n    pass\n```\n"
    part = make_part(qtbot)
    renderer = part.stream.renderer
    lexed = renderer.chars_highlighted
    part.set_text(text)
    first, last = part.code_views
    assert len(first.pages) > 1  # a long block: several pages
    assert renderer.chars_highlighted == lexed  # nothing lexed to open it
    assert first.pages[0].toPlainText() + "\n" == code[: len(first.pages[0].toPlainText()) + 1]
    assert not _coloured(first.pages[0].document(), "def")
    assert not _coloured(last.text.document(), "def")
    assert "\n".join(page.toPlainText() for page in first.pages) == code.removesuffix("\n")
    cursor = first.pages[0].textCursor()
    cursor.setPosition(4)
    cursor.setPosition(12, cursor.MoveMode.KeepAnchor)
    first.pages[0].setTextCursor(cursor)  # the user selects before the colours come

    for _ in range(3):  # laid out (posted events only: no timer runs, nothing coloured yet)
        QApplication.sendPostedEvents()
    heights = [page.height() for page in first.pages]
    assert part.page.verticalScrollBar().maximum() > 0 and first.late is not None
    part.page.verticalScrollBar().setValue(part.page.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: _coloured(last.text.document(), "def"), timeout=5000)
    assert first.late is not None  # the block on screen came first; the long one waits
    qtbot.waitUntil(lambda: colour_pending() == 0, timeout=20_000)

    assert all(_coloured(page.document(), "def") for page in first.pages)
    assert "\n".join(page.toPlainText() for page in first.pages) == code.removesuffix("\n")
    assert [page.height() for page in first.pages] == heights  # nothing moved
    assert first.pages[0].textCursor().selectedText() == "step_0(i"  # the selection stays
    assert renderer.chars_highlighted - lexed == len(code) + len("def last():\n    pass\n")
    assert part.source() == text
