"""Opening a long stored answer: its end shows at once, the rest arrives by itself.

A conversation opens at its end, so a stored answer builds only the views near the end before
the first paint; the views above are built in idle moments behind a placeholder
(``app.ui.render.lazy_fill``). A user never notices the difference: the end looks the same as
a fully built answer's, the scroll position stays where it is while the rest arrives, and a
copy, a select-all or a search over a half-built answer gets the whole answer.

Real widgets, offscreen; the tests count views built, never time.
"""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QWidget

from app.ui.chat.chat_view import ChatView
from app.ui.render.lazy_fill import EAGER_RUNS, fill_pending
from tests.benchmarks import shapes
from tests.ui.chat.test_chat_view import WAIT, make_message, settle, shown_view

SIZE = 100_000


@pytest.fixture
def view(qtbot) -> ChatView:
    return shown_view(qtbot)


def open_answer(view: ChatView, text: str, mid: int = 2) -> None:
    view.set_messages([make_message(1, "user", "Show me"), make_message(mid, "assistant", text)],
                      has_older=False)  # fmt: skip


def filled(view: ChatView, mid: int = 2) -> bool:
    row = view.assistant(mid)
    return row is not None and not row.answer.has_pending()


@pytest.mark.parametrize("shape", ["table", "mixed"])
def test_a_long_stored_answer_builds_only_its_end_before_the_first_paint(qtbot, view, shape):
    text = shapes.make(shape, SIZE)
    open_answer(view, text)
    answer = view.assistant(2).answer
    first = answer.built_views()
    assert 1 <= first <= EAGER_RUNS  # a screenful, not the ~40 (table) or ~250 (mixed) views
    assert answer.has_pending()

    qtbot.waitUntil(lambda: filled(view), timeout=WAIT)  # nobody did anything
    whole = answer.built_views()
    assert whole > 3 * first
    reference = ChatView()  # the same answer built whole at once, for comparison
    qtbot.addWidget(reference)
    open_answer(reference, text, mid=3)
    reference.assistant(3).answer.fill_all()
    assert reference.assistant(3).answer.built_views() == whole
    assert answer.plain_text() == reference.assistant(3).answer.plain_text()


def viewport_image(view: ChatView) -> QImage:
    """What the viewport shows once laid out (no idle turn runs meanwhile: nothing fills)."""
    for _ in range(5):
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    return view.viewport().grab().toImage()


def test_the_end_looks_the_same_as_a_fully_built_answer(qtbot, view):
    text = shapes.make("table", SIZE)
    open_answer(view, text)
    lazy = viewport_image(view)
    assert view.assistant(2).answer.has_pending()  # (still filling: the case in question)

    whole = shown_view(qtbot)
    open_answer(whole, text, mid=3)
    whole.assistant(3).answer.fill_all()
    settle(qtbot, whole)
    assert lazy == viewport_image(whole)


def test_copy_select_all_and_find_on_a_half_built_answer_get_all_of_it(qtbot, view):
    text = shapes.make("mixed", SIZE)
    open_answer(view, text)
    row = view.assistant(2)
    assert row.answer.has_pending()
    assert row.answer_source() == text  # the message's Copy: its source, as stored

    row.answer.selection.select_all()  # Ctrl+A in the answer
    assert not row.answer.has_pending()  # (it needed the whole answer: built at once)
    selected = row.answer.selection.text()
    first_line = text.strip().splitlines()[0].lstrip("# ").strip()
    assert first_line in selected[:200]
    assert text.strip().splitlines()[-1].strip() in selected[-300:]

    open_answer(view, text, mid=4)  # find: jumping to a hit near the top of a new one
    found = view.show_message(4)
    assert found is not None and not found.answer.has_pending()
    assert first_line in found.answer.plain_text()[:200]


def test_the_view_stays_on_the_end_while_the_rest_arrives(qtbot, view):
    open_answer(view, shapes.make("table", SIZE))
    bar = view.scroll_bar()
    ends: list[bool] = []
    while fill_pending():
        QApplication.processEvents()
        ends.append(bar.value() == bar.maximum())
    assert len(ends) > 3 and all(ends)
    assert view.is_following_tail()


@pytest.mark.parametrize("shape", ["table", "mixed"])
def test_what_the_user_reads_stays_put_while_the_views_above_settle(qtbot, view, shape):
    open_answer(view, shapes.make(shape, SIZE))
    for _ in range(5):  # laid out (only that: no idle turn runs, nothing fills meanwhile)
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    bar = view.scroll_bar()
    bar.setValue(bar.maximum() - 400)  # the user scrolls up a little, into the built end
    assert view.assistant(2).answer.has_pending()
    viewport = view.viewport()
    reading = viewport.childAt(viewport.rect().center())
    assert reading is not None and reading.objectName() != "answerPending"
    before = reading.mapTo(viewport, QPoint(0, 0)).y()
    qtbot.waitUntil(lambda: filled(view), timeout=WAIT)
    QApplication.processEvents()
    assert abs(reading.mapTo(viewport, QPoint(0, 0)).y() - before) <= 1


def test_a_screen_reader_gets_the_whole_answer_at_once(qtbot, view, monkeypatch):
    from app.ui.render import stored_answer

    monkeypatch.setattr(stored_answer.QAccessible, "isActive", staticmethod(lambda: True))
    open_answer(view, shapes.make("table", SIZE))
    assert not view.assistant(2).answer.has_pending()


def test_a_theme_change_on_a_half_built_answer_keeps_all_of_it(qtbot, view):
    text = shapes.make("mixed", SIZE)
    open_answer(view, text)
    row = view.assistant(2)
    style = dataclasses.replace(row.answer._style)
    row.answer.restyle(style)
    qtbot.waitUntil(lambda: filled(view), timeout=WAIT)
    QGuiApplication.clipboard().clear()
    assert text.strip().splitlines()[-1].strip() in row.answer.plain_text()[-300:]
    assert row.answer.source() == text


def test_a_half_built_answer_does_not_sleep_and_sleeps_once_built(qtbot, view):
    open_answer(view, shapes.make("table", SIZE))
    row = view.assistant(2)
    assert not row.answer.can_sleep()
    qtbot.waitUntil(lambda: filled(view), timeout=WAIT)
    QApplication.processEvents()
    assert row.answer.can_sleep()


def test_opening_another_conversation_while_one_fills_leaves_no_work_behind(qtbot, view):
    open_answer(view, shapes.make("mixed", SIZE))
    assert view.assistant(2).answer.has_pending()
    view.set_messages([make_message(7, "user", "Something else")], has_older=False)
    assert fill_pending() == 0  # the old answer, on its way out, is not built any further
    assert view.rows()[0].message_id == 7


def row_tops(view: QWidget, part: QWidget) -> list[float]:
    """Where each table row's first cell starts in ``part``, down the view's document."""
    document = view.document()
    layout = document.documentLayout()
    document.size()  # laid out
    tops, block = [], document.begin()
    while block.isValid():
        if block.text().startswith("item "):
            top = (
                layout.blockBoundingRect(block).top()
                + document.rootFrame().frameFormat().topMargin()
            )
            tops.append(view.mapTo(part, QPoint(0, 0)).y() + top)
        block = block.next()
    return tops


def test_a_long_table_built_in_many_views_reads_as_one_table(qtbot, view):
    """Every row is as far from the next, where one view ends and the next begins too (no
    double border or gap at the joins of the views it was built in)."""
    open_answer(view, shapes.make("table", 30_000))
    answer = view.assistant(2).answer
    answer.fill_all()
    settle(qtbot, view)
    tables = [v for v in answer.segments if "item " in v.toPlainText()]
    assert len(tables) > 3  # built in several views: the joins this is about
    tops = [top for table in tables for top in row_tops(table, answer)]
    steps = [round(b - a, 1) for a, b in itertools.pairwise(tops)]
    assert max(steps) - min(steps) <= 1, steps
