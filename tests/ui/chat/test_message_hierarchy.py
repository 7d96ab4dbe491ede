"""Who says what, at a glance: a prompt is headed "You" and a reply by its model's name beside a
round avatar; a turn reads as one block (less space between a prompt and its reply than before
the next prompt); the message toolbar shows on hover and on Tab focus, in the role line, never
over the text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QEnterEvent
from PySide6.QtWidgets import QApplication, QFrame, QWidget

from app.core.catalog import lookup
from app.core.history.records import MessageStatus
from app.ui.chat.chat_view import ChatView
from app.ui.chat.message_toolbar import MessageToolbar, attach, toolbar_of
from app.ui.chat.message_widgets import AssistantMessageWidget, UserMessageWidget
from app.ui.common.theme import theme_for
from app.ui.render.markdown import MarkdownStyle
from tests.ui.chat.test_chat_view import make_message

LONG_PROMPT = "Please explain, in some detail and with an example or two, " * 3
ANSWER = "A first line long enough to reach the right edge of the view. " * 3


@pytest.fixture
def view(qtbot) -> ChatView:
    widget = ChatView()
    widget.row_made.connect(lambda row: attach(row, lambda _request: None))
    widget.resize(820, 640)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_messages(
        [
            make_message(1, "user", LONG_PROMPT),
            make_message(2, "assistant", ANSWER, thinking="Let me think."),
            make_message(3, "user", "And a second question?"),
            make_message(4, "assistant", "A second answer.", model="qwen3.6-plus"),
        ],
        has_older=False,
    )
    qtbot.waitUntil(lambda: view_rows_laid_out(widget))
    return widget


def style() -> MarkdownStyle:
    return theme_for(QApplication.palette()).markdown_style("Copy")


def view_rows_laid_out(view: ChatView) -> bool:
    return all(row.height() > 20 for row in view.rows())


def in_row(row: QWidget, part: QWidget) -> QRect:
    return QRect(part.mapTo(row, QPoint(0, 0)), part.size())


def toolbar(row: QWidget) -> QFrame:
    bar = toolbar_of(row)
    assert bar is not None
    return bar


def hover(row: QWidget) -> None:
    at = QPointF(row.width() - 10, 5)
    QApplication.sendEvent(row, QEnterEvent(at, at, row.mapToGlobal(at)))


def test_each_message_says_who_speaks(view):
    prompt, reply, _, other = view.rows()
    assert isinstance(prompt, UserMessageWidget) and isinstance(reply, AssistantMessageWidget)
    assert prompt.header.text() == "You"
    assert reply.header.text() == lookup("deepseek-v4-pro").label  # the name, not the id
    assert other.header.text() == lookup("qwen3.6-plus").label
    # The role line sits above the message, not beside or over it.
    assert prompt.header.geometry().bottom() < prompt.bubble.geometry().top()
    assert reply.header.geometry().bottom() < reply.thinking.geometry().top()


def test_a_reply_without_a_model_is_headed_assistant(qtbot):
    row = AssistantMessageWidget(make_message(9, "assistant", "Hi.", model=None), style())
    qtbot.addWidget(row)
    assert row.header.text() == "Assistant"


def test_a_turn_reads_as_one_block(view):
    first, reply, second, _ = view.rows()
    within = first.bubble.mapTo(view, QPoint(0, first.bubble.height())).y()
    within = reply.header.mapTo(view, QPoint(0, 0)).y() - within
    between = reply.footer.mapTo(view, QPoint(0, reply.footer.height())).y()
    between = second.bubble.mapTo(view, QPoint(0, 0)).y() - between
    assert between > within + 10


def test_the_toolbar_shows_on_hover_and_never_covers_the_text(qtbot, view):
    prompt, reply, _, _ = view.rows()
    assert not toolbar(reply).isVisible()
    hover(reply)
    assert toolbar(reply).isVisible()
    bar = toolbar(reply).geometry()
    for part in (reply.thinking, reply.answer, reply.footer):
        assert not bar.intersects(in_row(reply, part)), part.objectName()
    hover(prompt)  # a long prompt fills its row's width: the bar sits above it
    bar = toolbar(prompt).geometry()
    assert toolbar(prompt).isVisible() and not bar.intersects(prompt.bubble.geometry())
    assert bar.right() < prompt.width() - prompt.header.fontMetrics().horizontalAdvance("You")


def test_tab_focus_shows_the_toolbar_with_its_buttons_next(qtbot, view):
    _, reply, _, _ = view.rows()
    reply.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(toolbar(reply).isVisible)
    assert not toolbar(reply).geometry().intersects(in_row(reply, reply.answer))
    copy, regenerate = toolbar(reply).buttons.values()
    assert reply.nextInFocusChain() is copy  # Tab from the message goes to its buttons
    assert copy.nextInFocusChain() is regenerate
    assert regenerate.nextInFocusChain() is toolbar(reply).more


def test_an_opened_conversation_makes_a_toolbar_only_for_the_row_hovered(qtbot, view):
    # Four rows opened, none hovered yet: no toolbar was made (a 5,000-message conversation
    # opens faster without four buttons per row that nobody points at).
    assert view.findChildren(MessageToolbar) == []
    # Nor the version switchers' buttons: each message here has one version.
    assert view.findChildren(QWidget, "branchPrevious") == []
    _, reply, _, _ = view.rows()
    hover(reply)
    assert [bar.parentWidget() for bar in view.findChildren(MessageToolbar)] == [reply]
    hover(reply)  # a second hover reuses it
    assert len(view.findChildren(MessageToolbar)) == 1


def test_the_role_line_grows_with_the_text_size(qtbot, view):
    prompt, reply, _, _ = view.rows()
    before = reply.header.height()
    font = view.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    view.setFont(font)
    qtbot.waitUntil(lambda: reply.header.height() > before)
    hover(prompt)
    assert not toolbar(prompt).geometry().intersects(prompt.bubble.geometry())


def test_a_streaming_reply_is_headed_too(qtbot):
    row = AssistantMessageWidget(
        make_message(5, "assistant", status=MessageStatus.STREAMING, started_at=1.0),
        style(),
    )
    qtbot.addWidget(row)
    assert row.header.text() == lookup("deepseek-v4-pro").label


def accent_pixels(header: QWidget, accent: QColor) -> int:
    image = header.grab().toImage()
    return sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if abs(image.pixelColor(x, y).hue() - accent.hue()) < 12
        and image.pixelColor(x, y).saturation() > 80
    )


def test_the_focused_message_names_its_speaker_in_the_accent(qtbot, view):
    prompt = view.rows()[0]
    accent = QColor(theme_for(prompt.palette()).accent)
    assert accent_pixels(prompt.header, accent) == 0  # "You", muted
    prompt.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(prompt.hasFocus)
    assert accent_pixels(prompt.header, accent) > 5
