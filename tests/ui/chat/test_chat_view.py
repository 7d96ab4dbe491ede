"""The conversation view, as a user sees it: replies stream in with their thinking, code can be
copied, failures offer a way out, and the view follows the tail until you scroll away.

Real widgets, offscreen; waits are on conditions (``qtbot.waitUntil``) and signals, never sleeps.
Screenshots of the view land in ``$SEEKDESK_ARTIFACTS`` (default ``/tmp/seekdesk-artifacts``).
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractSlider,
    QApplication,
    QVBoxLayout,
    QWidget,
)

from app.core.catalog import lookup
from app.core.errors import HINTS, Action, ErrorKind, make_failure
from app.core.events import Usage
from app.core.history.records import Message, MessageStatus
from app.ui.chat.chat_view import ChatView
from app.ui.chat.message_actions import MessageAction, MessageActionRequest
from tests.ui.windowkit import click_link

T0 = 1_750_000_000.0
WAIT = 20_000  # ms: generous, a loaded 2-core machine is slow; waits end as soon as they hold

CODE = 'def greet(name: str) -> str:\n    return f"Hello, {name}!"\n'
ANSWER = f"""## Greeting people

Here is a **small** function with `type hints`:

```python
{CODE}```

| Language | Greeting |
|----------|:--------:|
| English  | Hello    |
| German   | Hallo    |

Steps:

1. Call `greet`.
2. Print the result.
   - or log it
3. See [the docs](https://docs.python.org/3/).

> Keep functions small.
"""
THINKING = (
    "The user wants a greeting function. A short explanation, a typed function, a table of "
    "greetings in two languages and a list of steps should do. I should keep it brief.\n\n"
) * 3


def make_message(mid: int, role: str, text: str = "", **fields: object) -> Message:
    values: dict[str, object] = {
        "id": mid,
        "conversation_id": 1,
        "role": role,
        "text": text,
        "thinking": "",
        "status": MessageStatus.COMPLETE,
        "model": "deepseek-v4-pro" if role == "assistant" else None,
        "parameters": {},
        "usage": None,
        "request_id": None,
        "created_at": T0,
        "started_at": None,
        "first_token_at": None,
        "answer_started_at": None,
        "finished_at": None,
        "failure_kind": None,
        "failure_message": None,
        "failure_code": None,
        "failure_status": None,
    }
    values.update(fields)
    return Message(**values)  # type: ignore[arg-type]


def streaming(mid: int) -> Message:
    return make_message(mid, "assistant", status=MessageStatus.STREAMING, started_at=T0)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def view(qtbot, clock) -> ChatView:
    widget = ChatView()
    widget.clock = clock
    opened: list[QUrl] = []
    widget.link_opener = opened.append
    widget.opened_links = opened  # type: ignore[attr-defined]
    widget.resize(820, 640)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def shown_view(qtbot) -> ChatView:
    """A chat view of the tests' usual size, shown and exposed (what a conversation opens in)."""
    widget = ChatView()
    widget.resize(820, 640)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def stream_text(qtbot, append, message_id: int, text: str, chunk: int = 20) -> None:
    for start in range(0, len(text), chunk):
        append(message_id, text[start : start + chunk])


def settle(qtbot, view: ChatView) -> None:
    """Wait until the layout stops moving (text wraps, then heights follow, then the scroll)."""
    state: dict[str, object] = {"last": None, "same": 0}

    def unchanged() -> bool:
        bar = view.scroll_bar()
        snapshot = (
            bar.maximum(),
            bar.value(),
            tuple((row.width(), row.height()) for row in view.rows()),
        )
        state["same"] = state["same"] + 1 if snapshot == state["last"] else 0  # type: ignore[operator]
        state["last"] = snapshot
        return state["same"] >= 3  # type: ignore[operator]

    qtbot.waitUntil(unchanged, timeout=WAIT)


# --- a reply streams in ---------------------------------------------------------------------


def test_a_reply_thinks_live_then_answers_and_the_thinking_folds_away(qtbot, view, clock):
    view.add_user_message(make_message(1, "user", "Write a greeting function"))
    view.begin_reply(streaming(2))
    row = view.assistant(2)
    assert row is not None
    qtbot.waitUntil(row.waiting_label.isVisible, timeout=WAIT)

    clock.now = T0 + 1.0
    stream_text(qtbot, view.append_thinking, 2, THINKING)
    qtbot.waitUntil(lambda: row.thinking.text() == THINKING, timeout=WAIT)
    assert row.thinking.isVisible() and row.thinking.is_expanded()
    assert not row.waiting_label.isVisible()

    clock.now = T0 + 9.2  # the header ticks by itself while thinking
    qtbot.waitUntil(lambda: row.thinking.header_text() == "Thinking… 8 s", timeout=WAIT)

    clock.now = T0 + 13.3
    stream_text(qtbot, view.append_answer, 2, ANSWER)
    assert not row.thinking.is_expanded()  # folded as soon as the answer starts
    qtbot.waitUntil(lambda: "Greeting people" in row.answer.plain_text(), timeout=WAIT)

    clock.now = T0 + 20.0
    view.set_usage(2, Usage(input_tokens=812, output_tokens=1530, reasoning_tokens=93))
    view.set_request_id(2, "5b1e2f3a-9c8d-4e7f-a1b2-c3d4e5f60718")
    view.end_reply(2, MessageStatus.COMPLETE)
    assert row.thinking.header_text() == "Thought for 12.3 s · 93 reasoning tokens"
    text = row.answer.plain_text()
    assert "Hallo" in text and "Keep functions small." in text and "Print the result." in text
    assert not row.answer.tail.isVisible()  # everything is stable once the reply ended

    # The reasoning is still there, one click away.
    qtbot.mouseClick(row.thinking.header, Qt.MouseButton.LeftButton)
    assert row.thinking.is_expanded() and row.thinking.body.isVisible()


def test_thinking_the_user_opened_stays_open_when_the_answer_starts(qtbot, view, clock):
    view.begin_reply(streaming(2))
    row = view.assistant(2)
    view.append_thinking(2, "Let me think about this carefully.")
    qtbot.waitUntil(row.thinking.isVisible, timeout=WAIT)
    header = row.thinking.header
    qtbot.mouseClick(header, Qt.MouseButton.LeftButton)  # fold it…
    qtbot.mouseClick(header, Qt.MouseButton.LeftButton)  # …and open it again: the user's choice
    assert row.thinking.is_expanded()
    view.append_answer(2, "The answer.")
    assert row.thinking.is_expanded()
    view.end_reply(2, MessageStatus.COMPLETE)
    assert row.thinking.is_expanded()


def test_thinking_the_user_folded_stays_folded(qtbot, view):
    view.begin_reply(streaming(2))
    row = view.assistant(2)
    view.append_thinking(2, "Hmm.")
    qtbot.waitUntil(row.thinking.isVisible, timeout=WAIT)
    qtbot.mouseClick(row.thinking.header, Qt.MouseButton.LeftButton)
    assert not row.thinking.is_expanded()
    view.append_thinking(2, " More thoughts.")
    view.end_reply(2, MessageStatus.COMPLETE)
    assert not row.thinking.is_expanded()
    assert row.thinking.text() == "Hmm. More thoughts."


def test_streamed_markdown_blocks_are_rendered_once(qtbot, view):
    view.begin_reply(streaming(2))
    row = view.assistant(2)
    paragraphs = [f"Paragraph {n} says something about item {n}.\n\n" for n in range(40)]
    for paragraph in paragraphs:
        stream_text(qtbot, view.append_answer, 2, paragraph, chunk=7)
        qtbot.waitUntil(lambda p=paragraph: p.strip() in row.answer.plain_text(), timeout=WAIT)
    view.end_reply(2, MessageStatus.COMPLETE)
    stream = row.answer.stream
    assert stream.stable_renders == len(paragraphs)  # once each, never again
    assert row.throttle.runs < sum(len(p) for p in paragraphs) // 7  # repaints were coalesced
    assert row.answer.plain_text().count("Paragraph 39 says") == 1


def test_each_code_block_is_highlighted_and_its_copy_button_copies_the_raw_code(qtbot, view):
    view.begin_reply(streaming(2))
    stream_text(qtbot, view.append_answer, 2, ANSWER)
    view.end_reply(2, MessageStatus.COMPLETE)
    (code_view,) = view.assistant(2).answer.code_views
    browser = code_view.text
    document = browser.document()
    keyword = document.find("def")
    assert keyword.charFormat().foreground().color() != QColor(browser.palette().text().color())
    assert keyword.charFormat().fontFixedPitch() or "mono" in keyword.charFormat().fontFamilies()[0]

    # The copy button asks the window's dispatcher (the window test checks the clipboard and
    # the "Code copied" notice); the view hands the request on as it came.
    with qtbot.waitSignal(view.action_requested, timeout=WAIT) as signal:
        qtbot.mouseClick(code_view.copy_button, Qt.MouseButton.LeftButton)
    assert signal.args == [MessageActionRequest(MessageAction.COPY_CODE, 2, 1, CODE)]


def test_links_open_in_the_browser_and_only_web_links(qtbot, view):
    view.begin_reply(streaming(2))
    view.append_answer(
        2, "Read [the docs](https://docs.python.org/3/) or [a file](file:///etc/passwd)."
    )
    view.end_reply(2, MessageStatus.COMPLETE)
    browser = view.assistant(2).answer.stable
    click_link(qtbot, browser, "https://")
    qtbot.waitUntil(lambda: len(view.opened_links) == 1, timeout=WAIT)
    assert view.opened_links[0].toString() == "https://docs.python.org/3/"
    # A file: link is drawn but never opened (the notice: tests/ui/chat/test_links.py).
    view.assistant(2).answer.link_activated.emit(QUrl("file:///etc/passwd"))
    assert len(view.opened_links) == 1


def test_answer_and_thinking_text_can_be_selected_and_copied(qtbot, view):
    view.set_messages(
        [make_message(2, "assistant", "Plain *answer* text.", thinking="Some reasoning.")], False
    )
    row = view.assistant(2)
    for browser in (row.answer.stable, row.thinking.body):
        flags = browser.textInteractionFlags()
        assert flags & Qt.TextInteractionFlag.TextSelectableByMouse
        assert flags & Qt.TextInteractionFlag.TextSelectableByKeyboard
    browser = row.answer.stable
    browser.selectAll()
    browser.copy()
    assert QGuiApplication.clipboard().text() == "Plain answer text."


def test_a_user_message_is_plain_selectable_text_in_a_bubble(qtbot, view):
    view.add_user_message(make_message(1, "user", "Is **this** bold? <b>no</b>"))
    row = view.rows()[0]
    assert row.text() == "Is **this** bold? <b>no</b>"
    assert row.label.textFormat() == Qt.TextFormat.PlainText
    assert row.label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    qtbot.waitUntil(lambda: row.width() > 400, timeout=WAIT)
    qtbot.waitUntil(lambda: row.bubble.geometry().right() >= row.width() - 2, timeout=WAIT)
    assert row.bubble.width() < row.width() / 2  # a short message is a bubble on the right

    # Double-clicking a word selects it, as in any text.
    label = row.label
    qtbot.mouseDClick(
        label,
        Qt.MouseButton.LeftButton,
        pos=QPoint(label.fontMetrics().height(), label.height() // 2),
    )
    qtbot.waitUntil(label.hasSelectedText, timeout=WAIT)
    word = label.selectedText()
    assert word.isalpha() and word in label.text()


# --- the footer -----------------------------------------------------------------------------


def test_the_footer_shows_model_tokens_timings_and_request_id(qtbot, view):
    message = make_message(
        2,
        "assistant",
        "Done.",
        usage=Usage(input_tokens=1234, output_tokens=567, reasoning_tokens=93),
        request_id="req-42",
        started_at=T0,
        first_token_at=T0 + 1.25,
        answer_started_at=T0 + 4.0,
        finished_at=T0 + 14.5,
    )
    view.set_messages([message], False)
    footer = view.assistant(2).footer
    assert footer.text() == (
        "deepseek-v4-pro  ·  Tokens: 1,234 in / 567 out / 93 reasoning  ·  First token 1.2 s"
        "  ·  Duration 14.5 s  ·  Request ID req-42"
    )
    assert footer.request_label.isVisible()
    selectable = Qt.TextInteractionFlag.TextSelectableByMouse
    assert footer.request_label.textInteractionFlags() & selectable
    assert not footer.status_label.isVisible()  # a complete reply needs no status


@pytest.mark.parametrize(
    ("status", "label"),
    [
        (MessageStatus.STOPPED, "Stopped"),
        (MessageStatus.FAILED, "Failed"),
        (MessageStatus.INTERRUPTED, "Interrupted"),
    ],
)
def test_the_footer_says_when_a_reply_did_not_complete(qtbot, view, status, label):
    view.set_messages([make_message(2, "assistant", "Partial", status=status)], False)
    footer = view.assistant(2).footer
    assert footer.status_label.isVisible()
    assert footer.status_label.text() == label


def test_stop_keeps_the_partial_text_and_says_stopped(qtbot, view, clock):
    view.begin_reply(streaming(2))
    view.append_thinking(2, "Thinking hard")
    clock.now = T0 + 2
    view.append_answer(2, "The first half of")
    clock.now = T0 + 3
    view.end_reply(2, MessageStatus.STOPPED)
    row = view.assistant(2)
    assert row.answer.plain_text() == "The first half of"
    assert row.footer.status_label.text() == "Stopped"
    assert "Duration 3.0 s" in row.footer.text()


# --- failures in place ----------------------------------------------------------------------


def test_a_live_footer_can_adopt_the_stored_timings(qtbot, view, clock):
    view.begin_reply(streaming(2))
    clock.now = T0 + 0.47  # the window saw the first token a little after the core did
    view.append_answer(2, "Hi.")
    clock.now = T0 + 2.06
    view.end_reply(2, MessageStatus.COMPLETE)
    stored = make_message(
        2,
        "assistant",
        "Hi.",
        request_id="rid-2",
        usage=Usage(5, 2),
        started_at=T0,
        first_token_at=T0 + 0.44,
        answer_started_at=T0 + 0.44,
        finished_at=T0 + 2.04,
    )
    view.sync_reply(stored)
    live_footer = view.assistant(2).footer.text()
    view.set_messages([stored], False)  # as after a restart
    assert view.assistant(2).footer.text() == live_footer
    assert "First token 0.4 s" in live_footer and "Duration 2.0 s" in live_footer


def test_a_failure_appears_at_its_reply_with_retry(qtbot, view):
    view.begin_reply(streaming(7))
    view.append_answer(7, "Half an answ")
    failure = make_failure(kind=ErrorKind.CONNECTION_DROPPED, request_id="rid-7")
    view.show_failure(7, failure)
    view.end_reply(7, MessageStatus.FAILED)
    panel = view.assistant(7).failure_panel
    assert panel.isVisible()
    assert panel.hint_label.text() == HINTS[ErrorKind.CONNECTION_DROPPED]
    assert "Request ID rid-7" in panel.details_label.text()
    assert list(panel.buttons) == [Action.RETRY]
    assert view.assistant(7).answer.plain_text() == "Half an answ"  # the partial text is kept
    with qtbot.waitSignal(view.action_requested, timeout=WAIT) as signal:
        qtbot.mouseClick(panel.buttons[Action.RETRY], Qt.MouseButton.LeftButton)
    assert signal.args == [MessageActionRequest(MessageAction.RETRY, 7, 1)]


def test_a_key_problem_offers_the_settings(qtbot, view):
    view.begin_reply(streaming(3))
    failure = make_failure(status=401, code="InvalidApiKey", message="Invalid API-key provided.")
    view.show_failure(3, failure)
    view.end_reply(3, MessageStatus.FAILED)
    panel = view.assistant(3).failure_panel
    details = panel.details_label.text()
    assert "HTTP 401" in details and "InvalidApiKey" in details
    with qtbot.waitSignal(view.action_requested, timeout=WAIT) as signal:
        qtbot.mouseClick(panel.buttons[Action.OPEN_SETTINGS], Qt.MouseButton.LeftButton)
    assert signal.args == [MessageActionRequest(MessageAction.OPEN_SETTINGS, 3, 1)]


def test_a_delisted_model_offers_its_replacement(qtbot, view):
    view.begin_reply(streaming(4))
    failure = make_failure(status=404, code="ModelNotFound", model="deepseek-r1")
    view.show_failure(4, failure)
    panel = view.assistant(4).failure_panel
    replacement = lookup("deepseek-r1").replacements[0]
    button = panel.buttons[Action.SWITCH_MODEL]
    assert button.text() == f"Switch to {replacement}"
    assert "delisted" in panel.hint_label.text()
    with qtbot.waitSignal(view.action_requested, timeout=WAIT) as signal:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert signal.args == [MessageActionRequest(MessageAction.SWITCH_MODEL, 4, 1, replacement)]


def test_a_failed_reply_from_history_shows_the_same_panel(qtbot, view):
    failed = make_message(
        9,
        "assistant",
        status=MessageStatus.FAILED,
        request_id="rid-9",
        failure_kind="rate_limited",
        failure_message="Requests rate limit exceeded",
        failure_code="Throttling.RateQuota",
        failure_status=429,
    )
    view.set_messages([make_message(8, "user", "hi"), failed], False)
    panel = view.assistant(9).failure_panel
    assert panel.isVisible()
    assert panel.hint_label.text() == HINTS[ErrorKind.RATE_LIMITED]
    assert "HTTP 429" in panel.details_label.text() and "rid-9" in panel.details_label.text()
    with qtbot.waitSignal(view.action_requested, timeout=WAIT) as signal:
        qtbot.mouseClick(panel.buttons[Action.RETRY], Qt.MouseButton.LeftButton)
    assert signal.args == [MessageActionRequest(MessageAction.RETRY, 9, 1)]


def test_retry_reuses_the_slot_of_the_failed_reply(qtbot, view):
    failed = make_message(2, "assistant", status=MessageStatus.FAILED, failure_kind="timeout")
    view.set_messages([make_message(1, "user", "q1"), failed, make_message(3, "user", "q2")], False)
    view.replace_reply(2, streaming(10))
    rows = view.rows()
    assert [getattr(r, "message_id", None) for r in rows] == [1, 10, 3]
    assert view.assistant(2) is None and view.assistant(10) is rows[1]
    view.append_answer(10, "Better now.")
    view.end_reply(10, MessageStatus.COMPLETE)
    assert view.assistant(10).answer.plain_text() == "Better now."


# --- scrolling ------------------------------------------------------------------------------


def long_history(count: int, first_id: int = 1) -> list[Message]:
    messages = []
    for n in range(count):
        mid = first_id + n
        if n % 2 == 0:
            messages.append(make_message(mid, "user", f"Question number {mid}?"))
        else:
            body = "\n\n".join(f"Answer {mid}, paragraph {p}: " + "words " * 30 for p in range(3))
            messages.append(make_message(mid, "assistant", body))
    return messages


def at_bottom(view: ChatView) -> bool:
    bar = view.scroll_bar()
    return bar.maximum() > 0 and bar.value() == bar.maximum()


def test_a_conversation_opens_at_its_end(qtbot, view):
    view.set_messages(long_history(20), has_older=False)
    qtbot.waitUntil(lambda: at_bottom(view), timeout=WAIT)
    assert view.is_following_tail()
    assert not view.jump_button.isVisible()


def test_the_view_follows_a_streaming_reply_until_the_user_scrolls_up(qtbot, view):
    view.set_messages(long_history(10), has_older=False)
    view.add_user_message(make_message(100, "user", "Tell me a long story"))
    view.begin_reply(streaming(101))
    row = view.assistant(101)
    for n in range(20):
        view.append_answer(101, f"Chapter {n}. " + "Once upon a time. " * 10 + "\n\n")
        qtbot.waitUntil(lambda n=n: f"Chapter {n}." in row.answer.plain_text(), timeout=WAIT)
        qtbot.waitUntil(lambda: at_bottom(view), timeout=WAIT)
    assert view.is_following_tail()

    bar = view.scroll_bar()
    bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepSub)  # the user pages up
    qtbot.waitUntil(view.jump_button.isVisible, timeout=WAIT)
    assert not view.is_following_tail()
    where = bar.value()
    for n in range(20, 30):
        view.append_answer(101, f"Chapter {n}. " + "And then more happened. " * 10 + "\n\n")
    qtbot.waitUntil(lambda: "Chapter 29." in row.answer.plain_text(), timeout=WAIT)
    qtbot.waitUntil(lambda: bar.maximum() > where + bar.pageStep(), timeout=WAIT)
    assert bar.value() == where  # it stayed put

    qtbot.mouseClick(view.jump_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: at_bottom(view), timeout=WAIT)
    assert view.is_following_tail()
    assert not view.jump_button.isVisible()
    view.append_answer(101, "The end.\n")
    view.end_reply(101, MessageStatus.COMPLETE)
    qtbot.waitUntil(lambda: at_bottom(view) and "The end." in row.answer.plain_text(), timeout=WAIT)


def test_scrolling_to_the_top_asks_once_for_older_messages(qtbot, view):
    view.set_messages(long_history(20, first_id=21), has_older=True)
    qtbot.waitUntil(lambda: at_bottom(view), timeout=WAIT)
    bar = view.scroll_bar()
    with qtbot.waitSignal(view.load_older_requested, timeout=WAIT):
        bar.triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)
    with qtbot.assertNotEmitted(view.load_older_requested):
        bar.triggerAction(QAbstractSlider.SliderAction.SliderSingleStepAdd)  # a nudge…
        bar.triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)  # …and back: same reach
        QApplication.processEvents()


def test_older_messages_appear_above_without_moving_what_you_read(qtbot, view):
    view.set_messages(long_history(20, first_id=21), has_older=True)
    qtbot.waitUntil(lambda: at_bottom(view), timeout=WAIT)
    bar = view.scroll_bar()
    with qtbot.waitSignal(view.load_older_requested, timeout=WAIT):
        bar.triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)
    reading = view.rows()[0]

    def screen_y() -> int:
        return reading.mapTo(view, QPoint(0, 0)).y()

    before = screen_y()
    view.prepend_messages(long_history(20, first_id=1), has_older=False)
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() > 0, timeout=WAIT)
    qtbot.waitUntil(lambda: abs(screen_y() - before) <= 2, timeout=WAIT)
    assert [getattr(r, "message_id", None) for r in view.rows()][:2] == [1, 2]
    # Nothing older is left, so reaching the top again asks for nothing.
    with qtbot.assertNotEmitted(view.load_older_requested):
        bar.triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)
        QApplication.processEvents()


def test_older_messages_arriving_while_following_keep_the_end_in_sight(qtbot, view):
    view.set_messages(long_history(6, first_id=21), has_older=True)
    view.begin_reply(streaming(99))
    view.append_answer(99, "Streaming along.")
    view.prepend_messages(long_history(20, first_id=1), has_older=False)
    settle(qtbot, view)
    assert view.is_following_tail() and at_bottom(view)


def test_a_page_too_short_to_scroll_asks_for_older_messages_at_once(qtbot, view):
    with qtbot.waitSignal(view.load_older_requested, timeout=WAIT):
        view.set_messages(long_history(2, first_id=41), has_older=True)
    with qtbot.assertNotEmitted(view.load_older_requested):
        view.set_messages(long_history(2, first_id=41), has_older=False)
        settle(qtbot, view)


def test_answers_far_above_sleep_and_are_back_when_you_scroll_to_them(qtbot, view):
    """A long conversation stays light: answers far off screen let go of their laid-out text
    (the rows keep their place), and scrolling back brings the text back where it was."""
    view.set_messages(long_history(80), has_older=False)
    qtbot.waitUntil(lambda: at_bottom(view), timeout=WAIT)
    first, last = view.assistant(2), view.assistant(80)
    qtbot.waitUntil(first.answer.is_asleep, timeout=WAIT)
    settle(qtbot, view)
    assert not last.answer.is_asleep()  # what is on screen is never asleep
    height = first.height()
    assert height > 60  # it kept its place: three paragraphs and a footer tall

    view.scroll_bar().triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)
    qtbot.waitUntil(lambda: not first.answer.is_asleep(), timeout=WAIT)
    assert first.height() == height  # woken at the height it slept with
    assert "Answer 2, paragraph 2:" in first.answer.plain_text()
    qtbot.waitUntil(last.answer.is_asleep, timeout=WAIT)  # now the end is far away


def is_asleep(row: object) -> bool:
    answer = getattr(row, "answer", None)
    return answer is not None and answer.is_asleep()


def test_a_narrower_window_does_not_make_the_page_jump_when_answers_wake(qtbot, view):
    view.set_messages(long_history(80), has_older=False)
    qtbot.waitUntil(lambda: at_bottom(view), timeout=WAIT)
    first = view.assistant(2)
    qtbot.waitUntil(first.answer.is_asleep, timeout=WAIT)
    view.resize(560, 640)  # sleeping answers keep their old height until they wake
    settle(qtbot, view)
    bar = view.scroll_bar()
    woke_taller = 0
    for _ in range(8):  # the user pages up, past answers that wake taller than they slept
        asleep = {row: row.height() for row in view.rows() if is_asleep(row)}
        bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepSub)
        reading = next(r for r in view.rows() if r.mapTo(view, QPoint(0, 0)).y() >= 0)
        before = reading.mapTo(view, QPoint(0, 0)).y()
        settle(qtbot, view)  # meanwhile answers near the viewport wake
        assert abs(reading.mapTo(view, QPoint(0, 0)).y() - before) <= 2
        woke_taller += sum(1 for r, h in asleep.items() if not is_asleep(r) and r.height() > h)
    assert woke_taller > 0  # the case this test is about did happen
    bar.triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)
    qtbot.waitUntil(lambda: not first.answer.is_asleep(), timeout=WAIT)
    settle(qtbot, view)
    assert view.rows()[0].mapTo(view, QPoint(0, 0)).y() >= 0  # the top is really the top


def test_a_streaming_reply_reopened_from_history_keeps_streaming(qtbot, view):
    live = dataclasses.replace(
        streaming(5), text="So far ", thinking="Reasoned.", first_token_at=T0 + 1
    )
    view.set_messages([make_message(4, "user", "go"), live], False)
    row = view.assistant(5)
    assert row.is_streaming()
    view.append_answer(5, "and the rest.")
    view.end_reply(5, MessageStatus.COMPLETE)
    assert row.answer.plain_text() == "So far and the rest."
    assert row.thinking.text() == "Reasoned."


# --- looks ----------------------------------------------------------------------------------


def test_colours_follow_a_live_light_dark_switch(qtbot):
    from app.ui.app import dark_palette, light_palette
    from app.ui.common.theme import is_dark_palette

    app = QApplication.instance()
    original = app.palette()
    app.setPalette(light_palette())
    try:
        window = QWidget()  # the view lives inside a window, as in the app
        qtbot.addWidget(window)
        view = ChatView(window)
        QVBoxLayout(window).addWidget(view)
        failed = make_message(3, "assistant", status=MessageStatus.FAILED, failure_kind="timeout")
        view.set_messages([make_message(2, "assistant", "```\ncode\n```\n"), failed], False)
        window.show()
        qtbot.waitExposed(window)
        light = view.assistant(2).answer.code_views[0].markdown_style
        button = view.assistant(3).failure_panel.buttons[Action.RETRY]
        assert not is_dark_palette(button.palette())

        app.setPalette(dark_palette())
        qtbot.waitUntil(  # the code block re-coloured
            lambda: view.assistant(2).answer.code_views[0].markdown_style != light, timeout=WAIT
        )
        assert is_dark_palette(view.palette()) and is_dark_palette(button.palette())
    finally:
        app.setPalette(original)


def artifacts_dir() -> Path:
    path = Path(os.environ.get("SEEKDESK_ARTIFACTS") or "/tmp/seekdesk-artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


def screenshot_scenes() -> dict[str, list[Message]]:
    think_long = THINKING * 2
    return {
        "answer": [
            make_message(1, "user", "Write a greeting function and compare greetings."),
            make_message(
                2,
                "assistant",
                ANSWER,
                thinking=think_long,
                usage=Usage(812, 1530, 93),
                request_id="5b1e2f3a-9c8d-4e7f-a1b2-c3d4e5f60718",
                started_at=T0,
                first_token_at=T0 + 0.8,
                answer_started_at=T0 + 13.1,
                finished_at=T0 + 31.4,
            ),
        ],
        "failed": [
            make_message(3, "user", "Hello?"),
            make_message(
                4,
                "assistant",
                status=MessageStatus.FAILED,
                request_id="0f3c9a52-1d2e-4b5c-8a7f-112233445566",
                started_at=T0,
                finished_at=T0 + 0.9,
                failure_kind="invalid_key",
                failure_message="Incorrect API key provided.",
                failure_code="invalid_api_key",
                failure_status=401,
            ),
            make_message(5, "user", "And with the old model?"),
            make_message(
                6,
                "assistant",
                model="deepseek-r1",
                status=MessageStatus.FAILED,
                started_at=T0,
                finished_at=T0 + 0.4,
                failure_kind="model_not_found",
                failure_message="Model not exist.",
                failure_code="InvalidParameter",
                failure_status=400,
            ),
        ],
        "stopped": [
            make_message(7, "user", "Explain heapsort in depth."),
            make_message(
                8,
                "assistant",
                "Heapsort builds a **max-heap**, then moves the largest element to the end "
                "and restores the heap.\n\n```python\ndef heapsort(a):\n    heapify(a)\n",
                thinking="Heaps: a complete binary tree stored in an array…",
                status=MessageStatus.STOPPED,
                usage=Usage(900, 120, 40),
                started_at=T0,
                first_token_at=T0 + 0.5,
                answer_started_at=T0 + 3.0,
                finished_at=T0 + 6.2,
            ),
        ],
    }


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshots_of_the_conversation(qtbot, clock, theme):
    from app.ui.app import dark_palette, light_palette

    app = QApplication.instance()
    original_palette = app.palette()
    # Fusion is the offscreen default; switching styles under live widgets is asking for trouble.
    assert app.style().name().lower() == "fusion"
    app.setPalette(light_palette() if theme == "light" else dark_palette())
    try:
        out = artifacts_dir()
        for name, messages in screenshot_scenes().items():
            view = ChatView()
            view.clock = clock
            qtbot.addWidget(view)
            view.resize(860, 1100 if name == "answer" else 620)
            view.set_messages(messages, False)
            if name == "answer":
                qtbot.mouseClick(view.assistant(2).thinking.header, Qt.MouseButton.LeftButton)
            view.show()
            qtbot.waitExposed(view)
            settle(qtbot, view)
            if name == "answer":
                view.scroll_bar().setValue(0)
                settle(qtbot, view)
            path = out / f"chat-{name}-{theme}.png"
            assert view.grab().save(str(path))
            assert path.stat().st_size > 10_000
            view.close()

        # A reply mid-stream: live thinking, and the jump button after scrolling up.
        view = ChatView()
        view.clock = clock
        qtbot.addWidget(view)
        view.resize(860, 700)
        view.set_messages(long_history(6), False)
        view.add_user_message(make_message(50, "user", "Write a greeting function."))
        view.show()
        qtbot.waitExposed(view)
        view.begin_reply(streaming(51))
        clock.now = T0 + 1
        view.append_thinking(51, THINKING * 3)
        clock.now = T0 + 8.6
        row = view.assistant(51)
        qtbot.waitUntil(lambda: row.thinking.header_text() == "Thinking… 7 s", timeout=WAIT)
        settle(qtbot, view)
        assert at_bottom(view)
        assert view.grab().save(str(out / f"chat-thinking-{theme}.png"))
        clock.now = T0 + 9
        view.append_answer(51, ANSWER[:260])
        qtbot.waitUntil(lambda: "type hints" in row.answer.plain_text(), timeout=WAIT)
        view.scroll_bar().triggerAction(QAbstractSlider.SliderAction.SliderPageStepSub)
        qtbot.waitUntil(view.jump_button.isVisible, timeout=WAIT)
        settle(qtbot, view)
        assert view.grab().save(str(out / f"chat-streaming-scrolled-{theme}.png"))
        view.end_reply(51, MessageStatus.STOPPED)
    finally:
        app.setPalette(original_palette)
