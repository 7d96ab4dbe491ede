"""Hostile answer shapes streamed into the real window, at its narrowest.

A user asks for a whole source file and gets one 5,000-line code block; a broken model answers
one line of a megabyte with no space; a "zalgo" letter carries 10,000 combining marks; a maths
answer has 500 formulas, some broken. Each streams to the end, is stored whole, and nothing in
the column is wider than the window shrunk to its minimum width.
"""

from __future__ import annotations

import time

import pytest
from PySide6.QtWidgets import QApplication

from app.core.history import MessageStatus
from tests import fakeserver as fs
from tests.ui import windowkit
from tests.ui.render.test_overflow import overflows, run_at_twice_the_scale
from tests.ui.windowkit import type_and_enter

CODE_LINES = "".join(f"value_{i} = compute({i}) * 2  # line {i}\n" for i in range(5000))
CODE = "```python\n" + CODE_LINES + "```\n"
ONE_LINE = "x" * 1_000_000
ZALGO = "Z" + "\u0301" * 10_000 + " done"
FORMULAS = (
    "".join(
        f"Step {i}: $a_{{{i}}} = \\frac{{{i}}}{{{i + 1}}}$ and \\(\\sqrt{{{i}}}\\)\n\n"
        for i in range(250)
    )
    + "Broken: $\\frac{1}{$ and \\[\\begin{matrix} 1 & \\]\n\n$$\\left( x$$\n"
)

SHAPES = {
    "code5000": CODE,
    "one_line_1mb": ONE_LINE,
    "zalgo": ZALGO,
    "formulas500": FORMULAS,
}


def narrowest(window) -> None:
    window.resize(1, 1)  # as far as the window lets itself shrink
    for _ in range(10):
        QApplication.processEvents()


@pytest.mark.parametrize("shape", list(SHAPES))
def test_a_hostile_shape_streams_whole_into_the_narrowest_window(qtbot, window, fake, shape):
    answer = SHAPES[shape]
    fake.enqueue(fs.answer_only(answer, chunk_size=max(64, len(answer) // 400)))
    narrowest(window)
    start = time.monotonic()
    type_and_enter(qtbot, window, f"give me {shape}")
    reply = windowkit.wait_reply_done(qtbot, window)
    print(shape, "done in", round(time.monotonic() - start, 2), "s; width", window.width())
    assert window.width() <= 800  # the window did shrink
    assert reply.status is MessageStatus.COMPLETE
    assert reply.answer.source() == answer
    assert window.store.messages(window.current_id)[-1].text == answer
    windowkit.settled_grab(qtbot, window.chat_view, timeout_ms=60_000)
    assert overflows(window.chat_view) == []
    # (a reply's last pieces may still be drawing below the fold: see test_hostile_teardown)
    qtbot.waitUntil(lambda: reply.answer.stream.backlog == 0, timeout=windowkit.WAIT_MS)

    cid = window.current_id
    window.new_chat()
    start = time.monotonic()
    task = window.open_conversation(cid)
    qtbot.waitUntil(task.done, timeout=windowkit.WAIT_MS)
    windowkit.settled_grab(qtbot, window.chat_view, timeout_ms=60_000)
    print(shape, "reopened in", round(time.monotonic() - start, 2), "s")
    assert windowkit.last_reply(window).answer.source() == answer
    assert overflows(window.chat_view) == []


def test_at_twice_the_scale_the_same_shapes_fit_too():
    """The same story in a child process started with QT_SCALE_FACTOR=2."""
    run_at_twice_the_scale(
        __file__, "test_a_hostile_shape_streams_whole_into_the_narrowest_window", 600
    )
