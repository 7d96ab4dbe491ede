"""Opening a stored answer that is one long code block: its end shows at once, the rest fills
by itself.

The block is a stack of pages (``app.ui.render.code_view``); a conversation opens at its end,
so only the last pages get their code before the first paint. The pages above stand in at
exactly the height they will have (``app.ui.render.code_pages``) and are filled in idle
moments, bottom up: nothing the user reads moves, the end looks as a fully filled block's, and
a select-all or a copy of a half-filled block gets the whole code.

Real widgets, offscreen; the tests count pages filled, never time.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication

from app.ui.chat.chat_view import ChatView
from app.ui.render.code_view import EAGER_PAGES, CodeView
from app.ui.render.late_colour import colour_pending
from app.ui.render.lazy_fill import fill_pending
from tests.benchmarks import shapes
from tests.ui.chat.test_chat_view import WAIT, make_message, settle, shown_view

SIZE = 100_000
CODE = shapes.make("code", SIZE)


@pytest.fixture
def view(qtbot) -> ChatView:
    return shown_view(qtbot)


def open_answer(view: ChatView, text: str = CODE, mid: int = 2) -> None:
    view.set_messages([make_message(1, "user", "Show me"), make_message(mid, "assistant", text)],
                      has_older=False)  # fmt: skip


def code_view(view: ChatView, mid: int = 2) -> CodeView:
    """The block's view as it is (not through .code_views, which fills everything)."""
    views = [v for v in view.assistant(mid).answer._views if isinstance(v, CodeView)]
    assert len(views) == 1
    return views[0]


def filled_pages(block: CodeView) -> int:
    return sum(1 for page in block.pages if page.inserted)


def heights(block: CodeView) -> list[int]:
    return [page.height() for page in block.pages]


def viewport_image(view: ChatView) -> QImage:
    """What the viewport shows once laid out (no idle turn runs meanwhile: nothing fills)."""
    for _ in range(5):
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    return view.viewport().grab().toImage()


def test_only_the_end_of_a_long_stored_block_is_filled_before_the_first_paint(qtbot, view):
    open_answer(view)
    block = code_view(view)
    assert len(block.pages) > 10  # (a long block: many pages)
    assert filled_pages(block) <= EAGER_PAGES
    assert block.unfilled() == len(block.pages) - EAGER_PAGES
    before = heights(block)

    qtbot.waitUntil(lambda: block.unfilled() == 0, timeout=WAIT)  # nobody did anything
    assert filled_pages(block) == len(block.pages)
    assert heights(block) == before  # every page was as tall as its code: nothing moved
    qtbot.waitUntil(lambda: colour_pending() == 0 and not fill_pending(), timeout=WAIT)
    assert heights(block) == before  # coloured too: still the same lines


def test_the_end_looks_the_same_as_a_fully_filled_block(qtbot, view):
    open_answer(view)
    lazy = viewport_image(view)
    assert code_view(view).unfilled() > 0  # (still filling: the case in question)

    whole = shown_view(qtbot)
    open_answer(whole, mid=3)
    code_view(whole, 3).fill_rest()
    settle(qtbot, whole)
    assert code_view(whole, 3).unfilled() == 0
    assert lazy == viewport_image(whole)


def test_select_all_and_copy_on_a_half_filled_block_get_the_whole_code(qtbot, view):
    open_answer(view)
    block = code_view(view)
    assert block.unfilled() > 0
    reference = shown_view(qtbot)
    open_answer(reference, mid=3)
    code_view(reference, 3).fill_rest()
    whole = reference.assistant(3).answer.plain_text()

    answer = view.assistant(2).answer
    answer.selection.select_all()
    answer.selection.copy()
    assert QGuiApplication.clipboard().text() == whole
    assert block.unfilled() == 0
    assert answer.plain_text() == whole


def test_a_sleeping_half_filled_block_wakes_whole(qtbot, view):
    open_answer(view)
    block = code_view(view)
    assert block.unfilled() > 0
    before = heights(block)
    block.sleep()
    block.wake()
    assert block.unfilled() == 0
    assert filled_pages(block) == len(block.pages)
    assert heights(block) == before
