"""A reply is thrown away while it still has text to draw: nothing runs on the dead widget.

A fast stream leaves a backlog that the answer drains on the next turn of the event loop. If
the user starts a new chat (or the conversation is switched, or deleted) in that instant, the
answer's widgets are destroyed; the pending drain must then do nothing, not raise
"Internal C++ object already deleted" from inside the event loop.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.ui.render.markdown import MarkdownStyle
from app.ui.render.rich_text import AnswerPart

MANY_FORMULAS = "".join(f"Step {i}: $a_{{{i}}} = \\frac{{{i}}}{{{i + 1}}}$\n\n" for i in range(400))


def test_a_reply_deleted_with_a_backlog_to_drain_raises_nothing(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    part = AnswerPart(MarkdownStyle(), holder)
    part.append(MANY_FORMULAS)
    part.render()  # over its time budget: the rest is left for a queued drain
    assert part.stream.backlog > 0
    part.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    for _ in range(5):
        QApplication.processEvents()  # pytest-qt fails the test on an exception raised here
