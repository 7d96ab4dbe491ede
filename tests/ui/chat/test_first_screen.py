"""Opening a long conversation: the screen the user lands on is built before the first paint,
the answers above it right after, and nothing the user can do finds one missing.

Real widgets, offscreen; the work is counted (answers still to build, views built), not timed.
"""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtWidgets import QAbstractSlider, QApplication, QVBoxLayout, QWidget

from app.ui.chat.chat_view import ChatView
from tests.ui.chat.test_chat_view import WAIT, at_bottom, long_history, settle, shown_view

PAGE = 48  # messages: 24 answers, three paragraphs each


@pytest.fixture
def view(qtbot) -> ChatView:
    return shown_view(qtbot)


def answers(view: ChatView) -> list:
    return [row for row in view.rows() if hasattr(row, "answer")]


def left_to_build(view: ChatView) -> list:
    return [row for row in answers(view) if row.answer.has_pending()]


def on_screen(view: ChatView) -> list:
    viewport = view.viewport()
    rows = []
    for row in answers(view):
        top = row.mapTo(viewport, QPoint(0, 0)).y()
        if top < viewport.height() and top + row.height() > 0:
            rows.append(row)
    return rows


def eager_texts(qtbot, messages) -> dict[int, str]:
    """Each answer's text as a view that builds everything at once shows it (not shown)."""
    whole = ChatView()
    qtbot.addWidget(whole)
    whole.set_messages(messages, has_older=False)
    assert not left_to_build(whole)  # a view that is not shown has no first paint to hurry
    return {row.message_id: row.answer.plain_text() for row in answers(whole)}


def test_a_long_page_opens_with_its_last_screen_built_and_the_rest_follows(qtbot, view):
    messages = long_history(PAGE)
    view.set_messages(messages, has_older=False)
    waiting = left_to_build(view)
    # Before the first paint: only the answers of the last screen (and a margin) are built.
    assert len(waiting) >= len(answers(view)) // 2
    assert waiting == answers(view)[: len(waiting)]  # the ones above, none at the end
    assert sum(row.answer.built_views() for row in answers(view)) <= 8
    QApplication.processEvents()
    view.grab()
    assert on_screen(view) and not any(row.answer.has_pending() for row in on_screen(view))
    # Right after, in idle turns, the rest; the view keeps its end meanwhile.
    qtbot.waitUntil(lambda: not left_to_build(view), timeout=WAIT)
    settle(qtbot, view)
    assert at_bottom(view) and view.is_following_tail()
    shown = {row.message_id: row.answer.plain_text() for row in answers(view)}
    assert shown == eager_texts(qtbot, messages)  # the same text as built all at once


def test_answers_of_long_links_still_open_with_the_screen_built(qtbot, view):
    """A link's target does not show: answers made of links are not guessed taller than they
    stand (which would leave part of the screen to build after the first paint)."""
    link = "[a source](https://example.com/" + "path/" * 60 + ")"
    messages = long_history(PAGE)
    messages = [
        dataclasses.replace(m, text="\n".join(f"- {link}" for _ in range(6)))
        if m.role == "assistant" else m
        for m in messages
    ]  # fmt: skip
    view.set_messages(messages, has_older=False)
    assert left_to_build(view)
    QApplication.processEvents()
    view.grab()
    assert on_screen(view) and not any(row.answer.has_pending() for row in on_screen(view))


def test_an_answer_left_to_build_is_whole_for_whoever_needs_it(qtbot, view):
    """Copy, find or selection read an answer above the first screen: built there and then."""
    messages = long_history(PAGE)
    view.set_messages(messages, has_older=False)
    first = answers(view)[0]
    assert first.answer.has_pending()
    assert first.answer.plain_text() == eager_texts(qtbot, messages)[first.message_id]
    assert not first.answer.has_pending()


def test_a_jump_into_the_page_finds_every_row_around_it_built(qtbot, view):
    """A search hit opens a page at a message mid-way: nothing there waits to be built."""
    messages = long_history(PAGE)
    view.set_messages(messages, has_older=False)
    assert left_to_build(view)
    target = answers(view)[len(answers(view)) // 2]
    view.show_message(target.message_id)
    assert not left_to_build(view)
    settle(qtbot, view)
    assert target.mapTo(view.viewport(), QPoint(0, 0)).y() == 56


def test_opening_from_a_new_chat_guesses_the_screen_before_the_view_shows(qtbot):
    """A new chat shows its welcome instead of the (hidden, never laid out) view; opening a
    conversation then still builds only its last screen first."""
    window = QWidget()
    layout = QVBoxLayout(window)
    welcome = QWidget()
    view = ChatView()
    layout.addWidget(welcome)
    layout.addWidget(view)
    view.hide()
    window.resize(820, 640)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    view.set_messages(long_history(PAGE), has_older=False)
    assert len(left_to_build(view)) >= len(answers(view)) // 2
    welcome.hide()
    view.show()
    QApplication.processEvents()
    view.grab()
    assert on_screen(view) and not any(row.answer.has_pending() for row in on_screen(view))
    qtbot.waitUntil(lambda: not left_to_build(view), timeout=WAIT)
    settle(qtbot, view)
    assert at_bottom(view)



class Geometry(QObject):
    """Counts the moves and resizes the rows it watches get."""

    def __init__(self) -> None:
        super().__init__()
        self.changes = 0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        self.changes += event.type() in (QEvent.Type.Move, QEvent.Type.Resize)
        return False


def test_a_page_is_laid_out_once_not_once_per_row(qtbot, view):
    """Each row shown in a shown column laid out the rows above it again: 48 rows took 1,828
    moves and resizes. The page's rows are shown together: each row placed once."""
    view.set_messages(long_history(8), has_older=False)  # (the column shown, laid out)
    geometry = Geometry()
    view.row_made.connect(lambda row: row.installEventFilter(geometry))
    view.set_messages(long_history(PAGE), has_older=False)
    assert geometry.changes <= 2 * PAGE


def test_an_older_page_is_laid_out_once_not_once_per_row(qtbot, view):
    """Scrolling to the top brings an older page above: its rows are inserted, then laid out
    together (48 rows above 48 took 5,132 moves and resizes, ~120 ms of CPU here), and the
    page stays in order, nothing overlapping."""
    view.set_messages(long_history(PAGE, first_id=1000), has_older=True)
    settle(qtbot, view)
    view.scroll_bar().triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)
    settle(qtbot, view)
    geometry = Geometry()
    for row in view.rows():
        row.installEventFilter(geometry)
    view.row_made.connect(lambda row: row.installEventFilter(geometry))
    view.prepend_messages(long_history(PAGE, first_id=100), has_older=True)
    QApplication.processEvents()
    rows = view.rows()
    assert geometry.changes <= 6 * len(rows)
    assert all(low.y() >= high.y() + high.height() for high, low in itertools.pairwise(rows))
