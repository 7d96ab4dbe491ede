"""One selection across a long answer: a drag from the first segment into the third selects
all between, and every way of copying gives the whole span, in order, as text."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QScrollArea, QVBoxLayout, QWidget

from app.ui.render.markdown import MarkdownStyle
from app.ui.render.rich_text import SEGMENT_CHARS, AnswerPart, AutoHeightBrowser

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def paragraph(index: int) -> str:
    words = " ".join(f"w{index}x{n}" for n in range(120))
    return f"Paragraph {index} begins here. {words} and ends here."


#: Long enough for three segments: ~1,000 characters a paragraph.
PARAGRAPHS = [paragraph(i) for i in range(2 * SEGMENT_CHARS // 900 + 4)]
SOURCE = "\n\n".join(PARAGRAPHS) + "\n"


class Page(QWidget):
    """Two answers in a scrolling page, and a line edit elsewhere in the window."""

    def __init__(self) -> None:
        super().__init__()
        self.first = AnswerPart(MarkdownStyle())
        self.second = AnswerPart(MarkdownStyle())
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.addWidget(self.first)
        layout.addWidget(self.second)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(column)
        self.elsewhere = QLineEdit("elsewhere")
        outer = QVBoxLayout(self)
        outer.addWidget(self.scroll)
        outer.addWidget(self.elsewhere)


def make_page(qtbot) -> Page:
    page = Page()
    qtbot.addWidget(page)
    page.resize(760, 700)
    page.first.set_text(SOURCE)
    page.second.set_text("A second answer, short.\n")
    page.show()
    qtbot.waitExposed(page)

    def laid_out() -> bool:
        QApplication.processEvents()
        views = page.first.segments
        return all(
            upper.geometry().bottom() + 1 == lower.geometry().top()
            for upper, lower in pairwise(views)
        )

    qtbot.waitUntil(laid_out)
    return page


def point_of(view: AutoHeightBrowser, needle: str, after: bool = False) -> QPoint:
    """Viewport coordinates of the start (or end) of ``needle`` in ``view``."""
    found = view.document().find(needle)
    assert not found.isNull(), needle
    cursor = QTextCursor(view.document())
    cursor.setPosition(found.selectionEnd() if after else found.selectionStart())
    rect = view.cursorRect(cursor)
    return QPoint(rect.left() + (0 if after else 1), rect.center().y())


def drag(
    view_from: AutoHeightBrowser, start: QPoint, stops: list[tuple[AutoHeightBrowser, QPoint]]
):
    """Press in ``view_from`` and move through each stop (in other views' coordinates, as
    the mouse would pass over them), then release at the last."""
    QTest.mousePress(view_from.viewport(), LEFT, NONE, start)
    for view, point in stops:
        target = view_from.viewport().mapFromGlobal(view.viewport().mapToGlobal(point))
        QTest.mouseMove(view_from.viewport(), target)
    last_view, last = stops[-1]
    end = view_from.viewport().mapFromGlobal(last_view.viewport().mapToGlobal(last))
    QTest.mouseRelease(view_from.viewport(), LEFT, NONE, end)


def between(start: str, end: str) -> str:
    """The expected copy: SOURCE from ``start`` to the end of ``end``, paragraphs apart."""
    low = SOURCE.index(start)
    high = SOURCE.index(end) + len(end)
    return SOURCE[low:high]


def selected(view: AutoHeightBrowser) -> str:
    return view.textCursor().selectedText()


def test_a_drag_from_the_first_segment_into_the_third_selects_and_copies_all_between(qtbot):
    page = make_page(qtbot)
    segments = page.first.segments
    assert len(segments) == 3
    first, middle, last = segments
    start_word = "w1x5 "
    end_word = f"w{len(PARAGRAPHS) - 1}x7"
    assert not first.document().find(start_word).isNull()
    assert not last.document().find(end_word).isNull()

    drag(
        first,
        point_of(first, start_word),
        [
            (middle, QPoint(20, 10)),
            (middle, QPoint(20, middle.height() - 5)),
            (last, point_of(last, end_word, after=True)),
        ],
    )

    # The end views partly, the one between whole.
    assert selected(first).startswith("w1x5 w1x6")
    assert selected(first).endswith("ends here.")
    assert middle.textCursor().selectionStart() == 0
    assert middle.textCursor().selectionEnd() == middle.document().characterCount() - 1
    assert selected(last).startswith("Paragraph") and selected(last).endswith(end_word)

    QGuiApplication.clipboard().setText("before")
    QTest.keyClick(first, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == between(start_word, end_word)


def test_dragging_back_up_into_the_first_view_leaves_only_its_part(qtbot):
    page = make_page(qtbot)
    first, middle, _last = page.first.segments
    QTest.mousePress(first.viewport(), LEFT, NONE, point_of(first, "w2x3"))
    into_middle = first.viewport().mapFromGlobal(middle.viewport().mapToGlobal(QPoint(30, 30)))
    QTest.mouseMove(first.viewport(), into_middle)
    assert middle.textCursor().hasSelection()
    QTest.mouseMove(first.viewport(), point_of(first, "w2x9", after=True))
    QTest.mouseRelease(first.viewport(), LEFT, NONE, point_of(first, "w2x9", after=True))
    assert not middle.textCursor().hasSelection()
    assert selected(first) == "w2x3 w2x4 w2x5 w2x6 w2x7 w2x8 w2x9"


def test_a_drag_upwards_selects_the_same_span(qtbot):
    page = make_page(qtbot)
    first, middle, last = page.first.segments
    end_word = f"w{len(PARAGRAPHS) - 1}x2"
    drag(
        last,
        point_of(last, end_word, after=True),
        [(middle, QPoint(20, 40)), (first, point_of(first, "w3x0"))],
    )
    assert middle.textCursor().selectionStart() == 0
    QGuiApplication.clipboard().setText("before")
    QTest.keyClick(last, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == between("w3x0", end_word)


def test_shift_click_extends_from_the_last_press_into_another_segment(qtbot):
    page = make_page(qtbot)
    first, middle, last = page.first.segments
    QTest.mouseClick(first.viewport(), LEFT, NONE, point_of(first, "w0x10"))
    end_word = f"w{len(PARAGRAPHS) - 1}x0"
    QTest.mouseClick(last.viewport(), LEFT, SHIFT, point_of(last, end_word, after=True))
    assert middle.textCursor().selectionStart() == 0 and selected(last).endswith(end_word)
    # Edit → Copy asks the focused view to copy: it gives the whole span too.
    QGuiApplication.clipboard().setText("before")
    QApplication.focusWidget().copy()
    assert QGuiApplication.clipboard().text() == between("w0x10", end_word)


def test_ctrl_a_in_an_answer_selects_all_of_it_and_only_it(qtbot):
    page = make_page(qtbot)
    first, middle, last = page.first.segments
    QTest.mouseClick(middle.viewport(), LEFT, NONE, QPoint(10, 10))
    QTest.keyClick(middle, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert all(view.textCursor().hasSelection() for view in (first, middle, last))
    assert not page.second.stable.textCursor().hasSelection()
    QGuiApplication.clipboard().setText("before")
    QTest.keyClick(middle, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == SOURCE.strip()


def menu_of(view: AutoHeightBrowser) -> QMenu:
    """Right-click ``view``: the menu that opens."""
    at = QPoint(10, 10)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, view.viewport().mapToGlobal(at))
    QApplication.sendEvent(view.viewport(), event)
    menus = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible()]
    assert len(menus) == 1
    return menus[0]


def test_the_context_menu_copies_the_whole_span_and_selects_the_whole_answer(qtbot):
    page = make_page(qtbot)
    first, middle, last = page.first.segments
    end_word = f"w{len(PARAGRAPHS) - 1}x40"
    QTest.mouseClick(first.viewport(), LEFT, NONE, point_of(first, "w1x1"))
    QTest.mouseClick(last.viewport(), LEFT, SHIFT, point_of(last, end_word, after=True))

    # Right-click on the middle view: Copy copies all of the span, not the view's part.
    menu = menu_of(middle)
    actions = {action.objectName(): action for action in menu.actions()}
    assert actions["edit-copy"].isEnabled()
    QGuiApplication.clipboard().setText("before")
    actions["edit-copy"].trigger()
    menu.close()
    assert QGuiApplication.clipboard().text() == between("w1x1", end_word)

    menu = menu_of(last)
    {action.objectName(): action for action in menu.actions()}["select-all"].trigger()
    menu.close()
    assert first.textCursor().selectionStart() == 0
    assert last.textCursor().selectionEnd() == last.document().characterCount() - 1


def test_a_press_elsewhere_clears_the_whole_selection(qtbot):
    page = make_page(qtbot)
    first, middle, last = page.first.segments
    QTest.keyClick(first, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert last.textCursor().hasSelection()
    # In another answer: that answer's press starts the one selection there.
    QTest.mouseClick(page.second.stable.viewport(), LEFT, NONE, QPoint(5, 5))
    assert not any(v.textCursor().hasSelection() for v in (first, middle, last))

    QTest.keyClick(first, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.mouseClick(page.elsewhere, LEFT, NONE, QPoint(5, 5))
    assert not any(v.textCursor().hasSelection() for v in (first, middle, last))

    # A click inside the answer starts afresh there: the other views lose their part.
    QTest.keyClick(first, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.mouseClick(middle.viewport(), LEFT, NONE, QPoint(5, 5))
    assert not first.textCursor().hasSelection() and not last.textCursor().hasSelection()


def test_a_drag_held_below_the_conversation_scrolls_it_and_selects_on(qtbot):
    page = make_page(qtbot)
    first, middle, _last = page.first.segments
    bar = page.scroll.verticalScrollBar()
    assert bar.value() == 0 and middle.mapTo(page.scroll.viewport(), QPoint(0, 0)).y() > 700
    QTest.mousePress(first.viewport(), LEFT, NONE, point_of(first, "w0x3"))
    below = page.scroll.viewport().mapToGlobal(QPoint(50, page.scroll.viewport().height() + 40))
    QTest.mouseMove(first.viewport(), first.viewport().mapFromGlobal(below))
    # Held there, the page scrolls on its own and the selection follows into the next view.
    qtbot.waitUntil(lambda: len(middle.textCursor().selectedText()) > 100, timeout=10_000)
    assert bar.value() > 0
    QTest.mouseRelease(first.viewport(), LEFT, NONE, first.viewport().mapFromGlobal(below))
    assert not page.first.selection.edge.is_scrolling()  # let go: it stops
    QGuiApplication.clipboard().setText("before")
    QTest.keyClick(first, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("w0x3 w0x4") and middle.toPlainText()[:40] in copied


def test_within_one_view_qt_still_does_the_work_a_double_click_takes_a_word(qtbot):
    page = make_page(qtbot)
    first, middle, last = page.first.segments
    QTest.keyClick(first, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    word = point_of(middle, "w12x7")
    QTest.mouseDClick(middle.viewport(), LEFT, NONE, word)
    assert selected(middle) == "w12x7"
    assert not first.textCursor().hasSelection() and not last.textCursor().hasSelection()
    QGuiApplication.clipboard().setText("before")
    QTest.keyClick(middle, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "w12x7"


def test_the_keyboard_extends_the_selection_across_segments_too(qtbot):
    page = make_page(qtbot)
    first, middle, last = page.first.segments
    last_words = first.toPlainText().rstrip()[-24:]  # how the first segment ends
    QTest.mouseClick(first.viewport(), LEFT, NONE, point_of(first, last_words))
    QTest.keyClick(first, Qt.Key.Key_Down, SHIFT)  # past the segment's last line: on
    assert middle.textCursor().hasSelection() and middle.hasFocus()
    QTest.keyClick(middle, Qt.Key.Key_Up, SHIFT)  # and back
    assert not middle.textCursor().hasSelection()
    QTest.keyClick(first, Qt.Key.Key_End, SHIFT | Qt.KeyboardModifier.ControlModifier)
    assert last.textCursor().selectionEnd() == last.document().characterCount() - 1
    end = last.viewport().mapTo(page.scroll.viewport(), last.cursorRect().center())
    assert page.scroll.viewport().rect().contains(end)  # the page followed the moving end
    QGuiApplication.clipboard().setText("before")
    QTest.keyClick(last, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == SOURCE[SOURCE.index(last_words) :].strip()


def test_a_selection_made_while_a_reply_streams_outlives_its_tail(qtbot):
    page = make_page(qtbot)
    part = AnswerPart(MarkdownStyle())  # a reply that streams, under the two answers
    page.scroll.widget().layout().addWidget(part)
    part.append("A first paragraph.\n\nA second one, still")
    part.render()
    assert part.tail.isVisible()
    QTest.mouseClick(part.tail.viewport(), LEFT, NONE, QPoint(3, 3))
    QTest.keyClick(part.tail, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert part.tail.textCursor().hasSelection()
    part.append(" growing.\n")
    part.finish()  # the tail view is dropped
    qtbot.waitUntil(lambda: len(part.browsers()) == 1)
    view = part.browsers()[0]
    QTest.mouseClick(view.viewport(), LEFT, NONE, point_of(view, "second"))  # no error
    QTest.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QGuiApplication.clipboard().setText("before")
    QTest.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert (
        QGuiApplication.clipboard().text() == "A first paragraph.\n\nA second one, still growing."
    )


def test_the_program_exits_cleanly_after_a_copy(tmp_path):
    """A copy hands Qt a mime object made in Python; quitting afterwards must not crash (it
    did: PySide6 freed the object the clipboard owned, a segfault at exit)."""
    import subprocess
    import sys

    script = (
        "from PySide6.QtWidgets import QApplication\n"
        "from PySide6.QtGui import QGuiApplication\n"
        "import gc\n"
        "app = QApplication([])\n"
        "from app.ui.render.browser import AutoHeightBrowser\n"
        "view = AutoHeightBrowser('answer')\n"
        "view.setPlainText('copy me')\n"
        "view.show()\n"
        "view.selectAll()\n"
        "view.copy()\n"
        "gc.collect()\n"
        "print(QGuiApplication.clipboard().text())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
        cwd=str(__import__("pathlib").Path(__file__).resolve().parents[3]),
    )
    assert result.stdout.strip() == "copy me"
    assert result.returncode == 0, result.stderr[-2000:]
