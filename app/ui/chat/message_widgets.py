"""One message on screen: the assistant's card (the user's bubble: ``prompt_row``).

Each row has a role line on top (``role_header``: "You" over a prompt, the model's avatar and
name over a reply), where its hover toolbar sits. An assistant card is, below it: the thinking
part, the answer part, the failure panel (hidden unless the reply failed) and the footer — see
``app.ui.chat.message_parts`` and ``app.ui.chat.failure_panel``. While a reply streams, text is
buffered and painted through a :class:`~app.ui.common.throttle.Throttle`, so a burst of small
pieces costs one repaint, and a timer ticks the "Thinking… 8 s" header. The widgets never talk
to the core: records and events come in; out goes one signal, ``action_requested`` (a typed
:class:`MessageActionRequest`: retry, open settings, switch model, copy a code block…), plus
``link_activated`` for the view's link rule. What an action does is decided by the window's
dispatcher, not here; a widget only offers it and answers the dispatcher's questions (its
texts, its diagnostics) and shows its verdict (``show_notice``: "Code copied").
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from app.core import catalog
from app.core.errors import Failure
from app.core.events import Usage
from app.core.history.records import Message, MessageStatus
from app.ui.chat.failure_panel import FailurePanel, failure_from_message
from app.ui.chat.message_actions import MessageAction, MessageActionRequest
from app.ui.chat.message_parts import Footer, ThinkingPart, format_seconds
from app.ui.chat.prompt_row import Bubble, UserMessageWidget
from app.ui.chat.reply_notice import NoticeSlot
from app.ui.chat.role_header import RoleHeader, avatar_letter
from app.ui.common.theme import Theme, theme_for, tinted
from app.ui.common.throttle import Throttle
from app.ui.render.style import MarkdownStyle
from app.ui.usage.footer import reply_cost

if TYPE_CHECKING:
    from app.ui.render.rich_text import AnswerPart

__all__ = [
    "AssistantMessageWidget",
    "Bubble",
    "FailurePanel",
    "Footer",
    "ThinkingPart",
    "UserMessageWidget",
    "failure_from_message",
]

Clock = Callable[[], float]

#: While thinking streams, its text scrolls inside a box this tall instead of pushing the page.
LIVE_THINKING_MAX_HEIGHT = 220
#: How long "Code copied" (a dispatcher's verdict) shows in the footer (ms).
COPIED_NOTICE_MS = 1500
#: How often the live "Thinking… 8 s" header ticks (ms).
TICK_MS = 500


class AssistantMessageWidget(QFrame):
    """One reply: thinking, answer, failure panel and footer, live while it streams."""

    action_requested = Signal(MessageActionRequest)
    link_activated = Signal(QUrl)

    def __init__(
        self,
        message: Message,
        style: MarkdownStyle,
        clock: Clock = time.time,
        parent: QWidget | None = None,
        theme: Theme | None = None,
        later: bool = False,  # its stored answer built in idle turns (off the first screen)
    ) -> None:
        super().__init__(parent)
        self.setObjectName("assistantMessage")
        self._theme = theme or theme_for(self.palette())
        self.message_id = message.id
        self.conversation_id = message.conversation_id
        self._clock = clock
        self.model = message.model
        self.usage: Usage | None = message.usage
        self.request_id = message.request_id
        self.status = message.status
        self.started_at = message.started_at
        self.first_token_at = message.first_token_at
        self.answer_started_at = message.answer_started_at
        self.finished_at = message.finished_at
        self.failure: Failure | None = None
        self._thinking_buffer: list[str] = []

        # The thinking part, the waiting label and the failure panel are made when first
        # needed: most rows (finished replies from history) never show the latter two.
        self._thinking: ThinkingPart | None = None
        self._waiting: QLabel | None = None
        self._failure_panel: FailurePanel | None = None
        from app.ui.render.rich_text import AnswerPart  # (the renderer: with the first reply)

        self.answer: AnswerPart = AnswerPart(style, self)
        self.answer.link_activated.connect(self.link_activated)
        self.answer.code_copied.connect(lambda code: self.request(MessageAction.COPY_CODE, code))
        self.footer = Footer(self._theme, self)
        self.notice = NoticeSlot(self, self.footer, lambda: self.request(MessageAction.CONTINUE))

        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)
        self._layout.addWidget(self.answer)
        self._layout.addWidget(self.footer)
        self.header = RoleHeader(self, "", self._theme)
        self._name_speaker()

        self.throttle = Throttle(self._paint, parent=self)
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._tick)
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.setInterval(COPIED_NOTICE_MS)
        self._notice_timer.timeout.connect(self._refresh_footer)
        self._load(message, later)

    # --- parts made on demand -----------------------------------------------------------

    @property
    def thinking(self) -> ThinkingPart:
        """The reasoning (hidden until there is some)."""
        if self._thinking is None:
            part = ThinkingPart(self._theme, self)
            part.hide()
            part.header.clicked.connect(self._refresh_header)
            self._layout.insertWidget(0, part)
            self._thinking = part
        return self._thinking

    @property
    def waiting_label(self) -> QLabel:
        """ "Waiting for the model…" until the first token of a live reply."""
        if self._waiting is None:
            label = QLabel(self.tr("Waiting for the model…"), self)
            label.setObjectName("waitingLabel")
            label.setPalette(tinted(QPalette.ColorRole.WindowText, self._theme.muted))
            label.hide()
            self._layout.insertWidget(self._layout.indexOf(self.answer), label)
            self._waiting = label
        return self._waiting

    @property
    def failure_panel(self) -> FailurePanel:
        """What went wrong and the ways out (hidden unless the reply failed)."""
        if self._failure_panel is None:
            panel = FailurePanel(self, self._theme)
            panel.hide()
            panel.retry_clicked.connect(lambda: self.request(MessageAction.RETRY))
            panel.settings_clicked.connect(lambda: self.request(MessageAction.OPEN_SETTINGS))
            panel.save_again_clicked.connect(lambda: self.request(MessageAction.SAVE_AGAIN))
            panel.save_to_file_clicked.connect(lambda: self.request(MessageAction.SAVE_TO_FILE))
            panel.switch_clicked.connect(
                lambda model: self.request(MessageAction.SWITCH_MODEL, model)
            )
            self._layout.insertWidget(self._layout.indexOf(self.footer), panel)
            self._failure_panel = panel
        return self._failure_panel

    def _hide_waiting(self) -> None:
        if self._waiting is not None:
            self._waiting.hide()

    # --- state from a record -------------------------------------------------------------

    def _load(self, message: Message, later: bool = False) -> None:
        if message.thinking:
            self.thinking.set_text(message.thinking)
            self.thinking.show()
        if message.status is MessageStatus.STREAMING:
            self.started_at = self.started_at or self._clock()
            if message.text:
                self.answer.append(message.text)
                self.answer.render()
            self.thinking.set_live(True, LIVE_THINKING_MAX_HEIGHT)
            self.thinking.set_expanded(not message.text)
            if not message.text and not message.thinking:
                self.waiting_label.show()
            self._ticker.start()
        else:
            self.answer.set_text(message.text, later)
            if message.thinking:
                self.thinking.set_expanded(not message.text.strip())
            if message.status is MessageStatus.FAILED:
                self.show_failure(failure_from_message(message))
            self.notice.show_for(message, self._theme)
        self._refresh()

    # --- streaming ---------------------------------------------------------------------------

    def is_streaming(self) -> bool:
        return self.status is MessageStatus.STREAMING

    def append_thinking(self, text: str) -> None:
        if not text:
            return
        if self.first_token_at is None:
            self.first_token_at = self._clock()
        self._thinking_buffer.append(text)
        self.throttle()

    def append_answer(self, text: str) -> None:
        if not text:
            return
        now = self._clock()
        if self.first_token_at is None:
            self.first_token_at = now
        if self.answer_started_at is None:
            self.answer_started_at = now
            thinking = self._thinking
            if thinking is not None and not thinking.user_toggled and thinking.is_expanded():
                thinking.set_expanded(False)
        self.answer.append(text)
        self.throttle()

    def set_usage(self, usage: Usage) -> None:
        self.usage = usage
        self._refresh()

    def set_request_id(self, request_id: str | None) -> None:
        self.request_id = request_id
        self._refresh()

    def show_failure(self, failure: Failure) -> None:
        self.throttle.flush()
        self.failure = failure
        if failure.request_id and not self.request_id:
            self.request_id = failure.request_id
        self.failure_panel.show_failure(failure)
        self._hide_waiting()
        self._refresh()

    def end(self, status: MessageStatus) -> None:
        """The reply is over: paint what is left, make the tail stable, stop the clock."""
        self.throttle.flush()
        self._paint()
        self.answer.finish()
        self.status = status
        self.finished_at = self.finished_at or self._clock()
        self._ticker.stop()
        self._hide_waiting()
        if self._thinking is not None:
            self._thinking.set_live(False)
        self._refresh()

    def sync(self, message: Message) -> None:
        """Take the stored record's times, usage, request id and status (the reply has ended).

        The live row measures times as events reach the window; the store stamps them as they
        reach the core. After a reply ends the window can hand the stored record in, so the
        footer reads exactly as it will when the conversation is opened again. Text is kept.
        """
        self.started_at = message.started_at
        self.first_token_at = message.first_token_at
        self.answer_started_at = message.answer_started_at
        self.finished_at = message.finished_at
        self.usage = message.usage or self.usage
        self.request_id = message.request_id or self.request_id
        self.model = message.model or self.model
        self._name_speaker()
        if message.status is not MessageStatus.STREAMING:
            if self.is_streaming():
                self.end(message.status)
            self.status = message.status
            if message.status is not MessageStatus.FAILED and self.failure is not None:
                # The stored record did not fail after all (saved again once the disk had room).
                self.failure = None
                self.failure_panel.hide()
            if message.status is MessageStatus.FAILED and self.failure is None:
                self.show_failure(failure_from_message(message))
            self.notice.show_for(message, self._theme)
        self._refresh()

    def _paint(self) -> None:
        """The throttled repaint: show what has arrived since the last one."""
        if self._thinking_buffer:
            text = "".join(self._thinking_buffer)
            self._thinking_buffer.clear()
            self.thinking.append_text(text)
            if not self.thinking.isVisible():
                self.thinking.setVisible(True)
        self.answer.render()
        if self.first_token_at is not None:
            self._hide_waiting()
        self._refresh_header()

    def _tick(self) -> None:
        self._refresh()

    # --- actions -----------------------------------------------------------------------------

    def request(self, action: MessageAction, value: str = "") -> None:
        """Ask the window's dispatcher for ``action`` on this reply."""
        self.action_requested.emit(
            MessageActionRequest(action, self.message_id, self.conversation_id, value)
        )

    def show_notice(self, text: str) -> None:
        """Say something in the footer for a moment ("Code copied"): the click had an effect."""
        self.footer.set_status(text, "info")
        self._notice_timer.start()

    def answer_source(self) -> str:
        return self.answer.source()

    def answer_plain_text(self) -> str:
        return self.answer.plain_text()

    def thinking_text(self) -> str:
        return self._thinking.text() if self._thinking is not None else ""

    # --- texts -------------------------------------------------------------------------------

    def _refresh(self) -> None:
        self._refresh_header()
        self._refresh_footer()

    def _name_speaker(self) -> None:
        """The role line: the model's avatar and name (its catalogue label)."""
        label = catalog.lookup(self.model).label if self.model else self.tr("Assistant")
        self.header.set_text(label, avatar_letter(label))

    def _refresh_header(self) -> None:
        if self._thinking is None or (self._thinking.isHidden() and not self._thinking_buffer):
            return
        self.thinking.set_header_text(self.thinking_header_text())

    def thinking_header_text(self) -> str:
        start = self.first_token_at or self.started_at
        live = self.status is MessageStatus.STREAMING and self.answer_started_at is None
        if live:
            seconds = max(0, int(self._clock() - start)) if start is not None else 0
            return self.tr("Thinking… {seconds} s").format(seconds=seconds)
        end = self.answer_started_at or self.finished_at
        if start is not None and end is not None:
            text = self.tr("Thought for {duration}").format(
                duration=format_seconds(self, end - start)
            )
        else:
            text = self.tr("Thoughts")
        tokens = self.usage.reasoning_tokens if self.usage is not None else None
        if tokens:
            if tokens == 1:
                text += self.tr(" · 1 reasoning token")
            else:
                text += self.tr(" · {count} reasoning tokens").format(count=f"{tokens:,}")
        return text

    def _refresh_footer(self) -> None:
        request = self.tr("Request ID {id}").format(id=self.request_id) if self.request_id else ""
        self.footer.set_info(self.footer_parts(), request)
        status_text, severity = {
            MessageStatus.STOPPED: (self.tr("Stopped"), "warning"),
            MessageStatus.FAILED: (self.tr("Failed"), "error"),
            MessageStatus.INTERRUPTED: (self.tr("Interrupted"), "warning"),
        }.get(self.status, ("", "info"))
        if self.status is MessageStatus.STREAMING and self.failure is not None:
            status_text, severity = self.tr("Failed"), "error"
        self.footer.set_status(status_text, severity)
        if self.status is MessageStatus.INTERRUPTED:
            self.footer.status_label.setToolTip(
                self.tr("The app closed before this reply finished; the text so far is kept.")
            )

    def footer_parts(self) -> list[str]:
        parts: list[str] = []
        if self.model:
            parts.append(self.model)
        if self.usage is not None:
            usage = self.tr("{input} in / {output} out").format(
                input=f"{self.usage.input_tokens:,}", output=f"{self.usage.output_tokens:,}"
            )
            if self.usage.reasoning_tokens is not None:
                usage += self.tr(" / {reasoning} reasoning").format(
                    reasoning=f"{self.usage.reasoning_tokens:,}"
                )
            if self.usage.cached_tokens:
                usage += self.tr(" / {cached} cached").format(
                    cached=f"{self.usage.cached_tokens:,}"
                )
            parts.append(self.tr("Tokens: {usage}").format(usage=usage))
            cost = reply_cost(self.model, self.usage)  # only where the user set a price
            if cost:
                parts.append(self.tr("Cost {cost}").format(cost=cost))
        if self.started_at is not None and self.first_token_at is not None:
            parts.append(
                self.tr("First token {time}").format(
                    time=format_seconds(self, self.first_token_at - self.started_at)
                )
            )
        if self.started_at is not None and self.finished_at is not None:
            parts.append(
                self.tr("Duration {time}").format(
                    time=format_seconds(self, self.finished_at - self.started_at)
                )
            )
        return parts

    def restyle(self, style: MarkdownStyle, theme: Theme | None = None) -> None:
        self.answer.restyle(style)
        if theme is not None:
            self._theme = theme
            self.footer.restyle(theme)
            self.notice.restyle(theme)
            self.header.restyle(theme)
            if self._thinking is not None:
                self._thinking.restyle(theme)
            if self._failure_panel is not None:
                self._failure_panel.restyle(theme)
            if self._waiting is not None:
                self._waiting.setPalette(tinted(QPalette.ColorRole.WindowText, theme.muted))
