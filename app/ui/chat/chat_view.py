"""The conversation on screen: user bubbles and assistant cards in a scrolling column.

The view is fed by the window (records from the history, events from the worker) and answers
with signals; it never talks to the core. Every action asked for on a message (retry, copy a
code block, open settings, switch model…) leaves through one signal, ``action_requested``,
carrying a ``MessageActionRequest`` (``app.ui.chat.message_actions``) for the window's
dispatcher; the view adds nothing and decides nothing about them. What it owns:

* **Following the tail.** While a reply streams the view keeps its end in sight, until the
  user scrolls up; then it stays put and a floating "Jump to latest" button leads back. What
  the user reads stays put while rows change around it (both: ``app.ui.chat.scroll_keeper``).
* **Lazy history.** ``set_messages`` shows the newest page, opened at its end; reaching the top
  emits ``load_older_requested`` once (if there is more: ``older_pages``); ``prepend_messages``
  inserts the older page above while the message you were looking at stays put.
* **Palette.** Colours come from ``app.ui.common.theme``, rebuilt on a palette change. No style
  sheet covers the rows (Qt's style-sheet engine would track each widget of each message); they
  take palettes and paint their own backgrounds (sheets: the scroll bar, the jump button).
* **Links** open in the system browser or mail program, only web and mail ones; any other is
  refused with a notice over the conversation (``app.ui.chat.link_gate``).
* **Memory.** A finished answer more than ``AWAKE_SCREENS`` screens away from the viewport
  sleeps: it empties its documents (most of a message's memory) and keeps its height; it wakes
  before it scrolls into view (the rule and its one pass: ``app.ui.chat.sleeper``). The scroll
  position stays put if an answer above the viewport wakes at another height (a resize).
* **Stored answers filling.** A page opens with its first screen's answers built, the others
  after the first paint (``first_screen``); a long answer opens with its end built, the rest
  in idle moments (``app.ui.render.lazy_fill``); meanwhile what the user reads stays put.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QScrollBar,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import Failure
from app.core.events import Usage
from app.core.history.records import Message, MessageStatus
from app.ui.chat.first_screen import FirstScreen
from app.ui.chat.jump_button import JumpButton
from app.ui.chat.link_gate import LinkGate, Opener, open_link
from app.ui.chat.message_actions import MessageActionRequest
from app.ui.chat.older_pages import OlderPages
from app.ui.chat.rows import AssistantMessageWidget, UserMessageWidget
from app.ui.chat.scroll_keeper import ScrollKeeper
from app.ui.chat.sleeper import awake_margin, sleep_far_answers
from app.ui.common.theme import (
    MAX_CONTENT_WIDTH,
    MESSAGE_SPACING,
    PaletteWatcher,
    Theme,
    theme_for,
    tinted,
)
from app.ui.render.style import MarkdownStyle

Row = UserMessageWidget | AssistantMessageWidget


class ChatView(QWidget):
    """The messages of one conversation (see the module docstring)."""

    #: An action asked for on one of the messages, for the window's dispatcher.
    action_requested = Signal(MessageActionRequest)
    load_older_requested = Signal()
    #: A message row was made (the window dresses it: toolbar, menu, branch switcher).
    row_made = Signal(QWidget)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatView")
        #: Where the time comes from (epoch seconds); tests replace it.
        self.clock: Callable[[], float] = time.time
        #: How links are opened; tests replace it. Only web and mail links ever reach it.
        self.link_opener: Opener = open_link
        self.links = LinkGate(self, lambda: self.link_opener)

        self._scroll = QScrollArea(self)
        self._scroll.setObjectName("chatScroll")
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.viewport().setBackgroundRole(QPalette.ColorRole.Window)
        self._scroll.viewport().setAutoFillBackground(True)
        self._content = QWidget()
        self._content.setObjectName("chatContent")
        self._column = QWidget(self._content)
        self._column.setObjectName("chatColumn")
        self._column.setMaximumWidth(MAX_CONTENT_WIDTH)
        self._outer = outer = QHBoxLayout(self._content)
        outer.setContentsMargins(20, 16, 20, 24)
        outer.addStretch(0)
        outer.addWidget(self._column, 1)
        outer.addStretch(0)
        self._rows_layout = QVBoxLayout(self._column)
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.setSpacing(MESSAGE_SPACING)
        bar = self._scroll.verticalScrollBar()
        self._older = OlderPages(bar, lambda: bool(self._rows), self._column)
        self._older.requested.connect(self.load_older_requested)
        self._rows_layout.addWidget(self._older.label)
        self._rows_layout.addStretch(1)
        self._scroll.setWidget(self._content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.links.notice)
        layout.addWidget(self._scroll)

        self.jump_button = JumpButton(self)
        self.jump_button.clicked.connect(self.jump_to_latest)

        self._rows: list[Row] = []
        self._assistants: dict[int, AssistantMessageWidget] = {}
        #: Answers that are awake and may yet sleep (the rest are asleep or have nothing to drop).
        self._awake: set[AssistantMessageWidget] = set()
        self._first = FirstScreen()  # the answers above the first screen, built after it
        self._keeper = ScrollKeeper(
            self._scroll, self._content, self._column, (self._outer, self._rows_layout),
            self._rows, self.jump_button,
        )  # fmt: skip
        #: Let far answers sleep (benchmarks turn it off to weigh awake rows).
        self.sleeping = True
        # One sleep/wake pass per turn of the event loop, after scrolling or layout changes.
        self._sleep_timer = QTimer(self)
        self._sleep_timer.setSingleShot(True)
        self._sleep_timer.setInterval(0)
        self._sleep_timer.timeout.connect(self._update_sleep)
        bar.rangeChanged.connect(self._on_range_changed)
        bar.valueChanged.connect(self._on_value_changed)
        self._theming = False
        # A palette change reaches us by propagation; hearing it at the window as well covers
        # a parent that pins its palette (a style sheet on an ancestor does).
        self._palette_watcher = PaletteWatcher(self, self._apply_theme)
        self._theme: Theme = theme_for(self.palette())
        self._style_chrome()

    # --- the API the window codes against ------------------------------------------------

    def clear(self) -> None:
        self._older.reset()
        self._keeper.anchor = None
        for row in self._rows:
            self._discard(row)
        self._rows.clear()
        self._assistants.clear()
        self._awake.clear()
        self._keeper.follow()

    def set_messages(self, messages: Sequence[Message], has_older: bool) -> None:
        """Show a conversation's newest page, opened at its end."""
        self.clear()
        later = self._first.later_count(messages, self._scroll.viewport(), self._column)
        self._column.hide()  # (each row shown in a shown column laid out the rows above it)
        for index, message in enumerate(messages):
            self._insert(len(self._rows), self._make_row(message, later=index < later))
        self._column.show()
        self._older.reset(has_older)
        self._keeper.follow()

    def prepend_messages(self, messages: Sequence[Message], has_older: bool) -> None:
        """Insert an older page above; what the user was looking at stays in place (or, if the
        view follows the tail, the end stays in sight)."""
        if not self._keeper.following:
            self._keeper.remember()
        self._rows_layout.setEnabled(False)  # laid out once, not once per row (set_messages)
        for index, message in enumerate(messages):
            self._insert(index, self._make_row(message))
        self._rows_layout.setEnabled(True)
        self._older.arrived(has_older)
        self._keeper.restore()

    def add_user_message(self, message: Message) -> None:
        self._insert(len(self._rows), self._make_row(message))
        self._keeper.follow()

    def begin_reply(self, message: Message) -> None:
        """A new assistant row, streaming; the view follows it."""
        self._insert(len(self._rows), self._make_row(message))
        self._keeper.follow()

    def append_thinking(self, message_id: int, text: str) -> None:
        row = self._assistants.get(message_id)
        if row is not None:
            row.append_thinking(text)

    def append_answer(self, message_id: int, text: str) -> None:
        row = self._assistants.get(message_id)
        if row is not None:
            row.append_answer(text)

    def set_usage(self, message_id: int, usage: Usage) -> None:
        row = self._assistants.get(message_id)
        if row is not None:
            row.set_usage(usage)

    def set_request_id(self, message_id: int, request_id: str | None) -> None:
        row = self._assistants.get(message_id)
        if row is not None:
            row.set_request_id(request_id)

    def show_failure(self, message_id: int, failure: Failure) -> None:
        row = self._assistants.get(message_id)
        if row is not None:
            row.show_failure(failure)

    def end_reply(self, message_id: int, status: MessageStatus) -> None:
        row = self._assistants.get(message_id)
        if row is not None:
            row.end(status)

    def replace_reply(self, old_message_id: int, message: Message) -> None:
        """Regenerate/Retry: the new reply takes the old one's place in the conversation."""
        old = self._assistants.pop(old_message_id, None)
        new = self._make_row(message)
        if old is None or old not in self._rows:
            self._insert(len(self._rows), new)
        else:
            index = self._rows.index(old)
            self._rows.remove(old)
            self._discard(old)
            self._insert(index, new)
        if self._rows and self._rows[-1] is new:
            self._keeper.follow()

    def is_following_tail(self) -> bool:
        return self._keeper.following

    def sync_reply(self, message: Message) -> None:
        """Optional, after ``end_reply``: adopt the stored record's times, usage and status.

        Live timings are measured when events reach the window, the stored ones when they
        reach the core; calling this with the saved message makes the footer identical to the
        one shown when the conversation is opened again. The text on screen is kept as is.
        """
        row = self._assistants.get(message.id)
        if row is not None:
            row.sync(message)

    # --- for tests and the window ------------------------------------------------------------

    def rows(self) -> list[Row]:
        return list(self._rows)

    def assistant(self, message_id: int) -> AssistantMessageWidget | None:
        return self._assistants.get(message_id)

    def row(self, message_id: int) -> Row | None:
        """The row of any message on screen (a prompt or a reply)."""
        return next((row for row in self._rows if row.message_id == message_id), None)

    def scroll_bar(self) -> QScrollBar:
        return self._scroll.verticalScrollBar()

    def viewport(self) -> QWidget:
        return self._scroll.viewport()

    def show_message(self, message_id: int, offset: int = 56) -> Row | None:
        """Scroll so ``message_id``'s row starts ``offset`` px below the top, and keep it there
        while rows around it lay out or wake (until the user scrolls). A search hit or the place
        the user left off opens this way; None when the row is not loaded."""
        row = self.row(message_id)
        if row is None:
            return None
        self._first.build()  # the rows around it show: built now, not behind placeholders
        if isinstance(row, AssistantMessageWidget):
            row.answer.fill_all()  # its top shows: built now, not behind a placeholder
        self._keeper.pin(row, offset)
        return row

    def dock_top(self, bar: QWidget) -> None:
        """Put ``bar`` (the find bar) above the messages, in the layout: it takes its own room
        instead of covering the first row or the match a jump lands on."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self._scroll), bar)

    def append_messages(self, messages: Sequence[Message]) -> None:
        """Add stored messages below the last row (a page cut around a hit, read onwards);
        what the user is looking at stays in place."""
        self._keeper.remember()
        for message in messages:
            self._insert(len(self._rows), self._make_row(message))
        self._keeper.restore()

    def jump_to_latest(self) -> None:
        """Scroll to the end and follow the tail again."""
        self._keeper.follow()

    # --- rows ----------------------------------------------------------------------------

    def _make_row(self, message: Message, later: bool = False) -> Row:
        if message.role == "user":
            row: Row = UserMessageWidget(message, self._column, self._theme)
        else:
            row = AssistantMessageWidget(
                message, self._markdown_style(), clock=lambda: self.clock(), parent=self._column,
                theme=self._theme, later=later,
            )  # fmt: skip
            if later:
                self._first.left(row)
            row.action_requested.connect(self.action_requested)
            row.link_activated.connect(self.links.open)
            row.answer.settling.connect(self._keeper.pin_view)
            row.answer.settled.connect(self._keeper.restore)
        self.row_made.emit(row)
        return row

    def _insert(self, index: int, row: Row) -> None:
        self._rows.insert(index, row)
        if isinstance(row, AssistantMessageWidget):
            self._assistants[row.message_id] = row
            self._awake.add(row)
        # Layout items: the "loading older" label first, the rows, the closing stretch.
        self._rows_layout.insertWidget(index + 1, row)
        row.show()  # now, not at the layout's next pass: callers may look at it at once

    def _discard(self, row: Row) -> None:
        if isinstance(row, AssistantMessageWidget):
            row.throttle.cancel()
            self._awake.discard(row)
        self._rows_layout.removeWidget(row)
        row.hide()
        row.deleteLater()

    def _markdown_style(self) -> MarkdownStyle:
        return self._theme.markdown_style(self.tr("Copy"))

    # --- scrolling -----------------------------------------------------------------------

    def _on_range_changed(self, _minimum: int, maximum: int) -> None:
        self._schedule_sleep()
        self._keeper.range_changed(maximum)
        if maximum == 0:
            self._older.scrolled(0)

    def _on_value_changed(self, value: int) -> None:
        self._schedule_sleep()
        if self._keeper.value_changed(value):  # (the user's move, not ours)
            self._older.scrolled(value)

    def _schedule_sleep(self) -> None:
        if not self._sleep_timer.isActive():
            self._sleep_timer.start()

    def _update_sleep(self) -> None:
        """Far finished answers sleep; answers near the viewport wake (``sleeper``)."""
        if not self._rows or not self.sleeping:
            return
        bar = self._scroll.verticalScrollBar()
        page = self._scroll.viewport().height()
        margin = awake_margin(page)
        offset, width = self._column.y(), self._column.width()
        top, bottom = bar.value() - margin - offset, bar.value() + page + margin - offset
        waking = sleep_far_answers(self._rows, self._awake, top, bottom, width)
        if not waking:
            return
        # An answer above the viewport may wake at another height (the width changed while it
        # slept): pin what the user is reading, as when older messages arrive.
        value = bar.value() - offset
        above = any(row.y() + row.height() <= value for row in waking)
        pin = above and not self._keeper.following and self._keeper.anchor is None
        if pin:
            self._keeper.remember()
        for row in waking:
            row.answer.wake()
        if pin:
            self._keeper.restore()

    # --- Qt events -----------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.jump_button.place()
        self._schedule_sleep()
        self._older.resized()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_theme()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._palette_watcher.watch(self.window())

    def _apply_theme(self) -> None:
        """Rebuild colours from the palette (a live light/dark switch)."""
        if self._theming:
            return
        self._theming = True
        try:
            theme = theme_for(self.palette())
            if theme != self._theme:
                self._theme = theme
                self._style_chrome()
                style = self._markdown_style()
                for row in self._rows:
                    if isinstance(row, AssistantMessageWidget):
                        row.restyle(style, theme)
                    else:
                        row.restyle(theme)
        finally:
            self._theming = False

    def _style_chrome(self) -> None:
        """The view's own widgets: the scroll bar, the jump button and the "loading" label.

        Each sheet is set on its one widget: a sheet on the view would cover every row.
        """
        theme = self._theme
        self._scroll.verticalScrollBar().setStyleSheet(theme.scrollbar_stylesheet())
        self.jump_button.restyle(theme)
        self._older.label.setPalette(tinted(QPalette.ColorRole.WindowText, theme.muted))
