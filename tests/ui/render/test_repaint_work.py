"""As an answer streams, a repaint touches the growing end, not every view above it.

A long answer is many views (segments of ~8,000 characters, code views) stacked in one part.
Each repaint makes the growing end taller; if the part is laid out before it has grown, every
view above the end is pushed up and then back down: two moves per view per repaint, work (and
repainting) that grows with the answer. These tests count those moves, never time.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QTextEdit

from app.ui.chat.chat_view import ChatView
from app.ui.render.rich_text import AnswerPart
from tests.benchmarks import shapes


class MoveCounter(QObject):
    """Counts the moves of the text views inside ``part``."""

    def __init__(self, part: AnswerPart) -> None:
        super().__init__()
        self.part = part
        self.moves = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Move
            and isinstance(watched, QTextEdit)
            and watched.parentWidget() is self.part
        ):
            self.moves += 1
        return False


def stream_counting_moves(qtbot, text: str, every: int = 8) -> tuple[AnswerPart, list[int]]:
    """Stream ``text`` as a reply into a conversation, repainting every ``every`` deltas and
    letting the window settle; per repaint, the moves of the answer's views."""
    view = ChatView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    view.begin_reply(shapes._streaming_message(1))
    row = view.assistant(1)
    counter = MoveCounter(row.answer)
    app = QApplication.instance()
    app.installEventFilter(counter)
    moves: list[int] = []
    try:
        deltas = shapes.deltas(text)
        for start in range(0, len(deltas), every):
            before = counter.moves
            for delta in deltas[start : start + every]:
                view.append_answer(1, delta)
            row.throttle.flush()  # the throttled repaint, now
            QApplication.processEvents()
            moves.append(counter.moves - before)
    finally:
        app.removeEventFilter(counter)
    return row.answer, moves


def test_a_repaint_moves_no_more_views_as_the_answer_grows(qtbot):
    _, small = stream_counting_moves(qtbot, shapes.make("list20", 6_000))
    part, large = stream_counting_moves(qtbot, shapes.make("list20", 30_000))
    assert len(part.segments) >= 4  # many views above the growing end
    # A view moves when one is added or the end closes a piece, not on every repaint…
    end = large[-60:]
    assert sum(end) / len(end) <= 1.0
    # …and no more often in the longer answer than in the short one.
    assert sum(large) / len(large) <= sum(small) / len(small) + 0.5
