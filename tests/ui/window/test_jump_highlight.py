"""A match found in an answer stays marked: scrolled far away the answer sleeps (its text let
go to save memory), and when the user scrolls back to it the match is marked again."""

from __future__ import annotations

from app.core.history import HistoryStore, MessageStatus
from app.ui.chat.message_widgets import AssistantMessageWidget
from tests.ui.windowkit import WAIT_MS

PARAGRAPHS = "\n\n".join(f"Paragraph {n} of a long answer, long enough to wrap." for n in range(25))


def seed(pairs: int = 30, marked: int = 3) -> tuple[int, int]:
    """A conversation of long answers; the answer of pair ``marked`` mentions a zebra."""
    with HistoryStore.open() as store:
        conv = store.create_conversation("Zoo", "deepseek-v4-pro", "cn-beijing", "openai")
        with store.transaction():
            for n in range(pairs):
                store.add_user_message(conv.id, f"question {n}")
                reply = store.start_assistant_message(conv.id, model="deepseek-v4-pro")
                text = f"Answer {n}. A zebra crossing.\n\n{PARAGRAPHS}" if n == marked else (
                    f"Answer {n}.\n\n{PARAGRAPHS}")  # fmt: skip
                store.finish_message(reply.id, MessageStatus.COMPLETE, text=text, thinking="")
                if n == marked:
                    target = reply.id
    return conv.id, target


def marked(row: AssistantMessageWidget) -> list[str]:
    return [
        s.cursor.selectedText()
        for browser in row.answer.browsers()
        for s in browser.extraSelections()
    ]


def test_a_marked_answer_is_marked_again_after_sleeping(qtbot, window, run_async):
    cid, target = seed()
    run_async(window.jump.open_at(cid, target, "zebra"), timeout=WAIT_MS / 1000)
    row = window.chat_view.row(target)
    assert isinstance(row, AssistantMessageWidget)
    assert marked(row) == ["zebra"]

    window.chat_view.jump_to_latest()  # read on, far below
    qtbot.waitUntil(row.answer.is_asleep, timeout=WAIT_MS)

    window.chat_view.show_message(target)  # back to it
    qtbot.waitUntil(lambda: not row.answer.is_asleep(), timeout=WAIT_MS)
    assert "A zebra crossing." in row.answer.plain_text()
    assert marked(row) == ["zebra"]


def test_a_match_in_a_prompt_is_marked_as_in_an_answer_until_the_user_clicks(
    qtbot, window, run_async
):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QColor, QPalette

    from app.ui.chat.message_widgets import UserMessageWidget
    from app.ui.window.jump import MATCH_BACKGROUND

    cid, target = seed(pairs=6, marked=3)
    prompt_id = target - 1  # the prompt of the same pair
    run_async(window.jump.open_at(cid, prompt_id, "question 3"), timeout=WAIT_MS / 1000)
    row = window.chat_view.row(prompt_id)
    assert isinstance(row, UserMessageWidget)
    label = row.label
    assert label.selectedText() == "question 3"
    role = QPalette.ColorRole.Highlight
    assert label.palette().color(role) == QColor(MATCH_BACKGROUND)  # the answers' yellow

    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    assert label.palette().color(role) == window.palette().color(role)  # the user's again
