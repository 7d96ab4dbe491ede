"""Screenshots of one selection across an answer's views, for a human to look at: a drag from
the first paragraph into the last crosses several segments (cut small here, so they fit in the
window), a list, a formula and a code block; light and dark, at the scale of the run.

Run: ``QT_QPA_PLATFORM=offscreen python3 -m pytest tests/ui/render/shots_selection.py`` and
again with ``QT_SCALE_FACTOR=2`` (not part of the suite: it only draws). PNGs go to
``$SEEKDESK_ARTIFACTS`` or ``/tmp/seekdesk-artifacts``.
"""

from __future__ import annotations

import os
import warnings

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.ui.app import dark_palette, light_palette
from app.ui.render import rich_text
from app.ui.render.math_tex import typeset
from tests import fakeserver as fs
from tests.ui import windowkit
from tests.ui.render.test_selection import point_of
from tests.ui.screenshots import artifacts_dir
from tests.ui.windowkit import type_and_enter, wait_reply_done

ANSWER = (
    "The sum of the first *n* odd numbers is a square. Here is why, step by step, in a few "
    "short paragraphs that each sit in a segment of their own for this picture.\n\n"
    "1. The first odd number is 1, which is \\( 1^2 \\).\n"
    "2. Adding the next odd number grows the square by one row and one column.\n\n"
    "So in general\n\n$$\n\\sum_{k=1}^{n} (2k - 1) = n^2\n$$\n\n"
    "In code:\n\n```python\ndef odd_sum(n):\n"
    "    return sum(2 * k - 1 for k in range(1, n + 1))\n```\n\n"
    "And the check holds for every *n* you try: 1, 4, 9, 16, 25 and so on, without end.\n"
)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_shots(qtbot, qasync_loop, run_async, fake, monkeypatch, theme):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        typeset("x", False)  # ziamath's import warns (deprecated importlib.resources)
    monkeypatch.setattr(rich_text, "SEGMENT_CHARS", 120)  # a segment per block or two
    app = QApplication.instance()
    app.setPalette(light_palette() if theme == "light" else dark_palette())
    gen = windowkit.open_window(qtbot, run_async)
    window = next(gen)
    try:
        scale = os.environ.get("QT_SCALE_FACTOR", "1")
        fake.enqueue(fs.answer_only(ANSWER))
        type_and_enter(qtbot, window, "Why is the sum of odd numbers a square?")
        reply = wait_reply_done(qtbot, window)
        qtbot.wait(200)
        views = reply.answer.browsers()
        first, last = views[0], views[-1]
        start = first.viewport()
        QTest.mousePress(
            start,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            point_of(first, "Here is why"),
        )
        for view in views[1:]:
            QTest.mouseMove(start, start.mapFromGlobal(view.viewport().mapToGlobal(QPoint(30, 5))))
        end = start.mapFromGlobal(last.viewport().mapToGlobal(point_of(last, "and so on", True)))
        QTest.mouseMove(start, end)
        QTest.mouseRelease(start, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
        qtbot.wait(50)
        out = artifacts_dir()
        window.chat_view.grab().save(str(out / f"selection-{theme}-{scale}x.png"))
        QTest.keyClick(first, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
        (out / f"selection-{theme}-{scale}x.txt").write_text(
            QGuiApplication.clipboard().text(), encoding="utf-8"
        )
    finally:
        next(gen, None)
