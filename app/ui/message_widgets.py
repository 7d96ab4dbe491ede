"""The pieces of one message on screen: the user's bubble and the assistant's card.

An assistant card is, top to bottom: the *thinking* part (muted, smaller, its own background;
live while it streams, collapsed once the answer starts unless the user has toggled it), the
*answer* part (incrementally rendered Markdown, see ``app.ui.markdown``), the failure panel
(hidden unless the reply failed) and a footer (model, tokens, timings, request id, status).

Streaming text is buffered and painted through a :class:`~app.ui.throttle.Throttle`, so a burst
of small pieces costs one repaint. The widgets never talk to the core: they take records and
events in, and emit small signals (retry, open settings, switch model, link activated) out.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QResizeEvent,
    QTextCursor,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import HINTS, Action, ErrorKind, Failure, make_failure
from app.core.events import Usage
from app.core.history.records import Message, MessageStatus
from app.ui.markdown import (
    COPY_SCHEME,
    MarkdownRenderer,
    MarkdownStream,
    MarkdownStyle,
    StreamUpdate,
)
from app.ui.theme import CARD_PADDING
from app.ui.throttle import Throttle

Clock = Callable[[], float]

#: While thinking streams, its text scrolls inside a box this tall instead of pushing the page.
LIVE_THINKING_MAX_HEIGHT = 220
#: A zero-width marker that keeps QTextCursor.insertHtml from merging block formats.
_MARKER = "\u2060"
#: Characters of Markdown source per answer segment (one QTextDocument each).
SEGMENT_CHARS = 8_000
#: How long "Code copied" shows in the footer (ms).
COPIED_NOTICE_MS = 1500
#: How often the live "Thinking… 8 s" header ticks (ms).
TICK_MS = 500


class AutoHeightBrowser(QTextBrowser):
    """A read-only rich-text view exactly as tall as its document, so the page scrolls, not it.

    Text is selectable with mouse and keyboard and copyable; links are reported through
    ``anchorClicked`` and never followed here. ``set_cap`` limits the height (then it scrolls
    inside, as the live thinking box does).
    """

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setViewportMargins(0, 0, 0, 0)
        self.document().setDocumentMargin(0)
        self.document().setUndoRedoEnabled(False)
        self.document().setIndentWidth(24)  # Qt's 40 px per list level wastes a narrow column
        self._cap: int | None = None
        #: While capped, keep the newest text in sight (the live thinking box).
        self.follow_tail = False
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self.verticalScrollBar().rangeChanged.connect(self._on_range_changed)
        self.setFixedHeight(0)

    def set_cap(self, cap: int | None) -> None:
        self._cap = cap
        self.follow_tail = cap is not None
        self._fit()

    def _on_range_changed(self, _minimum: int, maximum: int) -> None:
        if self.follow_tail:
            self.verticalScrollBar().setValue(maximum)

    def scroll_to_end(self) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())

    def _fit(self, *_: object) -> None:
        height = math.ceil(self.document().size().height())
        capped = self._cap is not None and height > self._cap
        self.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded
            if capped
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        height = self._cap if capped and self._cap is not None else height
        if height != self.height():
            self.setFixedHeight(height)

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.height())

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.verticalScrollBar().maximum() == 0:
            event.ignore()  # nothing to scroll here: let the conversation scroll
            return
        super().wheelEvent(event)


def append_html(browser: QTextBrowser, html: str) -> None:
    """Append a block of HTML at the end of ``browser``'s document without re-parsing it all.

    ``insertHtml`` merges the first inserted block into the block at the cursor and loses its
    format (margins, heading level). Inserting a throw-away marker paragraph first makes the
    marker take that hit; it is then deleted, leaving every real block with its own format.
    """
    if not html.strip():
        return
    document = browser.document()
    if document.isEmpty():
        document.setHtml(html)
        return
    cursor = QTextCursor(document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    position = cursor.position()
    cursor.insertHtml(f"<p>{_MARKER}</p>{html}")
    cursor.setPosition(position)
    cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
    if cursor.selectedText() == _MARKER:
        cursor.removeSelectedText()


def format_seconds(owner: QWidget, seconds: float) -> str:
    """12.3 s, or 2 min 05 s for long ones."""
    if seconds < 60:
        return owner.tr("{seconds} s").format(seconds=f"{max(seconds, 0.0):.1f}")
    minutes, rest = divmod(round(seconds), 60)
    return owner.tr("{minutes} min {seconds} s").format(minutes=minutes, seconds=f"{rest:02d}")


class ThinkingPart(QFrame):
    """The model's reasoning: a toggle header and the text, muted and a little smaller."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("thinkingPart")
        self.header = QToolButton(self)
        self.header.setObjectName("thinkingHeader")
        self.header.setCheckable(True)
        self.header.setChecked(True)
        self.header.setAutoRaise(True)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setArrowType(Qt.ArrowType.DownArrow)
        self.header.setCursor(Qt.CursorShape.PointingHandCursor)
        self.header.clicked.connect(self._on_header_clicked)
        self.body = AutoHeightBrowser("thinkingText", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(CARD_PADDING - 4, 4, CARD_PADDING, 6)
        layout.setSpacing(2)
        layout.addWidget(self.header, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.body)
        #: The user has opened or closed this part; automatic collapsing leaves it alone then.
        self.user_toggled = False
        self._apply_font()

    def is_expanded(self) -> bool:
        return self.header.isChecked()

    def set_expanded(self, expanded: bool) -> None:
        self.header.setChecked(expanded)
        self.header.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.body.setVisible(expanded)

    def header_text(self) -> str:
        return self.header.text()

    def set_header_text(self, text: str) -> None:
        if text != self.header.text():
            self.header.setText(text)

    def append_text(self, text: str) -> None:
        cursor = QTextCursor(self.body.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text)

    def set_text(self, text: str) -> None:
        self.body.setPlainText(text.rstrip())

    def text(self) -> str:
        return self.body.toPlainText()

    def _on_header_clicked(self) -> None:
        self.user_toggled = True
        self.set_expanded(self.header.isChecked())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._apply_font()

    def _apply_font(self) -> None:
        font = QFont(self.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(max(6.0, font.pointSizeF() * 0.92))
        self.body.setFont(font)
        self.header.setFont(font)


class AnswerPart(QWidget):
    """The answer: stable Markdown blocks appended once, and a tail region re-rendered.

    Stable blocks go into *segments*: rich-text views of at most ``SEGMENT_CHARS`` characters
    each, stacked. Appending to, laying out and painting a ``QTextDocument`` all get slower as
    it grows, so capping each document keeps the cost of a repaint flat however long the answer
    gets (a selection can still span segments by copying them one after the other).
    """

    link_activated = Signal(QUrl)
    code_copied = Signal(str)

    def __init__(self, style: MarkdownStyle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self.segments: list[AutoHeightBrowser] = []
        self._segment_chars = 0
        self._new_segment()
        self.tail = AutoHeightBrowser("answerTail", self)
        self.tail.anchorClicked.connect(self._on_anchor)
        self.tail.hide()
        self._layout.addWidget(self.tail)
        self.stream = MarkdownStream(MarkdownRenderer(style))
        self.hide()  # until there is an answer

    @property
    def stable(self) -> AutoHeightBrowser:
        """The first segment (short answers have only this one)."""
        return self.segments[0]

    def browsers(self) -> list[AutoHeightBrowser]:
        """Every view of the answer, top to bottom (segments, then the tail if shown)."""
        return [*self.segments, *([self.tail] if not self.tail.isHidden() else [])]

    def source(self) -> str:
        return self.stream.source

    def is_empty(self) -> bool:
        return not self.stream.source.strip()

    def append(self, text: str) -> None:
        """Store the text; it appears at the next :meth:`render` (the throttled repaint)."""
        self.stream.append(text)

    def render(self) -> None:
        self._apply(self.stream.render())

    def finish(self) -> None:
        if not self.stream.finished:
            self._apply(self.stream.finish())

    def set_text(self, text: str) -> None:
        """A finished answer (from history): render it in one go, a segment at a time."""
        self.stream = MarkdownStream(self.stream.renderer)
        self.stream.append(text)
        self._reset_segments()
        groups: list[list[str]] = [[]]
        size = 0
        for block in self.stream.finish().new_blocks:
            if size >= SEGMENT_CHARS:
                groups.append([])
                size = 0
            groups[-1].append(block.html)
            size += len(block.source)
        for index, group in enumerate(groups):
            if index:
                self._new_segment()
            self.segments[-1].setHtml("".join(group))
        self.tail.clear()
        self.tail.hide()
        self.setVisible(not self.is_empty())

    def restyle(self, style: MarkdownStyle) -> None:
        """New colours (palette change): render everything again, once."""
        source, finished = self.stream.source, self.stream.finished
        self.stream = MarkdownStream(MarkdownRenderer(style))
        if finished:
            self.set_text(source)
            return
        self._reset_segments()
        self.stream.append(source)
        self.render()

    def plain_text(self) -> str:
        texts = [browser.toPlainText() for browser in self.segments]
        if not self.tail.document().isEmpty():
            texts.append(self.tail.toPlainText())
        return "\n".join(text for text in texts if text).replace(_MARKER, "")

    def _new_segment(self) -> None:
        browser = AutoHeightBrowser("answer", self)
        browser.anchorClicked.connect(self._on_anchor)
        self._layout.insertWidget(len(self.segments), browser)
        self.segments.append(browser)
        self._segment_chars = 0

    def _reset_segments(self) -> None:
        for browser in self.segments[1:]:
            self._layout.removeWidget(browser)
            browser.deleteLater()
        del self.segments[1:]
        self.segments[0].clear()
        self._segment_chars = 0

    def _apply(self, update: StreamUpdate) -> None:
        for block in update.new_blocks:
            if self._segment_chars >= SEGMENT_CHARS:
                self._new_segment()
            append_html(self.segments[-1], block.html)
            self._segment_chars += len(block.source)
        if update.tail_changed:
            if update.tail is None:
                self.tail.clear()
                self.tail.hide()
            else:
                self.tail.setHtml(update.tail.html)
                self.tail.show()
        if self.isHidden() and not self.is_empty():
            self.show()

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == COPY_SCHEME:
            try:
                code = self.stream.code(int(url.path()))
            except ValueError:
                code = None
            if code is not None:
                QGuiApplication.clipboard().setText(code)
                self.code_copied.emit(code)
            return
        self.link_activated.emit(url)


class Footer(QWidget):
    """Model, tokens, timings and request id (selectable), and the reply's status."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("footer")
        self.status_label = QLabel(self)
        self.status_label.setObjectName("statusLabel")
        self.status_label.hide()
        self.info_label = QLabel(self)
        self.info_label.setObjectName("footerInfo")
        self.info_label.setWordWrap(True)
        self.info_label.setTextFormat(Qt.TextFormat.PlainText)
        self.info_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.info_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        # The request id is a label of its own, so a narrow window never breaks it at a hyphen.
        self.request_label = QLabel(self)
        self.request_label.setObjectName("requestLabel")
        self.request_label.setTextFormat(Qt.TextFormat.PlainText)
        self.request_label.setTextInteractionFlags(self.info_label.textInteractionFlags())
        self.request_label.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 0)
        layout.setSpacing(10)
        layout.addWidget(self.status_label, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.info_label, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.request_label, 0, Qt.AlignmentFlag.AlignTop)
        self._apply_font()

    def set_info(self, parts: list[str], request: str = "") -> None:
        text = "  ·  ".join(part for part in parts if part)
        if text != self.info_label.text():
            self.info_label.setText(text)
        if request != self.request_label.text():
            self.request_label.setText(request)
        self.request_label.setVisible(bool(request))

    def set_status(self, text: str, severity: str = "info") -> None:
        self.status_label.setText(text)
        self.status_label.setProperty("severity", severity)
        self.status_label.style().unpolish(self.status_label)
        self.status_label.style().polish(self.status_label)
        self.status_label.setVisible(bool(text))

    def text(self) -> str:
        """Everything the footer says, in reading order."""
        status = self.status_label.text() if self.status_label.isVisibleTo(self) else ""
        parts = (status, self.info_label.text(), self.request_label.text())
        return "  ·  ".join(t for t in parts if t)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._apply_font()

    def _apply_font(self) -> None:
        font = QFont(self.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(max(6.0, font.pointSizeF() * 0.88))
        for label in (self.info_label, self.status_label, self.request_label):
            label.setFont(font)


class FailurePanel(QFrame):
    """The failure, in place: what happened in words, the details, and the ways out."""

    retry_clicked = Signal()
    settings_clicked = Signal()
    switch_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("failurePanel")
        self.hint_label = QLabel(self)
        self.hint_label.setObjectName("failureHint")
        self.details_label = QLabel(self)
        self.details_label.setObjectName("failureDetails")
        for label in (self.hint_label, self.details_label):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
        self._buttons = QHBoxLayout()
        self._buttons.setSpacing(8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(CARD_PADDING + 2, CARD_PADDING, CARD_PADDING + 2, CARD_PADDING)
        layout.setSpacing(6)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.details_label)
        layout.addLayout(self._buttons)
        self.buttons: dict[Action, QPushButton] = {}
        self.failure: Failure | None = None

    def show_failure(self, failure: Failure) -> None:
        self.failure = failure
        self.hint_label.setText(self.hint_text(failure))
        self.details_label.setText(self.details_text(failure))
        self.details_label.setVisible(bool(self.details_label.text()))
        while self._buttons.count():
            item = self._buttons.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        self.buttons = {}
        for action in failure.actions:
            button = QPushButton(self.action_text(action, failure), self)
            button.setObjectName(f"failure_{action.value}")
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            if action is Action.RETRY:
                button.clicked.connect(self.retry_clicked)
            elif action is Action.OPEN_SETTINGS:
                button.clicked.connect(self.settings_clicked)
            else:
                replacement = failure.replacement or ""
                button.clicked.connect(lambda _=False, r=replacement: self.switch_clicked.emit(r))
            self.buttons[action] = button
            self._buttons.addWidget(button)
        self._buttons.addStretch(1)
        if self.buttons:
            next(iter(self.buttons.values())).setDefault(True)
        self.show()

    def action_text(self, action: Action, failure: Failure) -> str:
        if action is Action.RETRY:
            return self.tr("Retry")
        if action is Action.OPEN_SETTINGS:
            return self.tr("Open settings")
        if failure.replacement:
            return self.tr("Switch to {model}").format(model=failure.replacement)
        return self.tr("Switch model")

    def hint_text(self, failure: Failure) -> str:
        """The taxonomy's sentence, translated when it is the standard one for its kind."""
        if failure.hint != HINTS.get(failure.kind):
            return failure.hint  # specific (a delisted model, a Retry-After): the core's words
        return self.translated_hints().get(failure.kind, failure.hint)

    def translated_hints(self) -> dict[ErrorKind, str]:
        """One ``tr`` per kind so translators see every sentence (English equals HINTS)."""
        return {
            ErrorKind.INVALID_KEY: self.tr(
                "The API key was refused. Check the key in Settings; a Model Studio key works "
                "only in the region that issued it, so make sure the region matches the key."
            ),
            ErrorKind.NO_ACCESS: self.tr(
                "Access denied to this model or workspace. Check the workspace ID and region in "
                "Settings, or grant the model to the workspace in the Model Studio console."
            ),
            ErrorKind.MODEL_NOT_FOUND: self.tr(
                "This model is not available here. Choose another model."
            ),
            ErrorKind.RATE_LIMITED: self.tr(
                "Too many requests right now. Wait a moment, then retry."
            ),
            ErrorKind.QUOTA: self.tr(
                "Your account has run out of quota or has an overdue bill. Check billing in the "
                "Model Studio console, then retry."
            ),
            ErrorKind.CONTENT_FILTERED: self.tr(
                "Content moderation blocked the request or the answer. Rephrase your message "
                "and send it again."
            ),
            ErrorKind.BAD_PARAMETER: self.tr(
                "The service rejected the request. Check the model's parameters, or start a new "
                "conversation if this one has grown too long."
            ),
            ErrorKind.SERVER_ERROR: self.tr("Model Studio had a server error. Retry in a moment."),
            ErrorKind.TIMEOUT: self.tr(
                "The service stopped answering. Retry, or raise the read timeout if the model "
                "thinks for a long time."
            ),
            ErrorKind.NETWORK: self.tr(
                "Could not reach Model Studio. Check your internet connection or proxy, then retry."
            ),
            ErrorKind.CONNECTION_DROPPED: self.tr(
                "The connection dropped before the answer was complete. The text so far is "
                "kept; retry to ask again."
            ),
            ErrorKind.MALFORMED_STREAM: self.tr(
                "The reply could not be read. Retry; if it happens again, check any proxy "
                "between you and Model Studio."
            ),
        }

    def details_text(self, failure: Failure) -> str:
        parts = []
        if failure.status is not None:
            parts.append(self.tr("HTTP {status}").format(status=failure.status))
        if failure.code:
            parts.append(failure.code)
        if failure.request_id:
            parts.append(self.tr("Request ID {id}").format(id=failure.request_id))
        line = "  ·  ".join(parts)
        message = failure.message.strip()
        if message and message != failure.hint:
            line = f"{message}\n{line}" if line else message
        return line


def failure_from_message(message: Message) -> Failure:
    """The Failure a failed message from history was saved with (kind first, then classify)."""
    kind: ErrorKind | None
    try:
        kind = ErrorKind(message.failure_kind) if message.failure_kind else None
    except ValueError:
        kind = None
    return make_failure(
        kind=kind,
        status=message.failure_status,
        code=message.failure_code,
        message=message.failure_message,
        request_id=message.request_id,
        model=message.model,
    )


class Bubble(QFrame):
    """The user's bubble: as wide as its text needs, at most 80 % of the row; wraps beyond.

    It reports that width as its size hint and may shrink below it, so a narrow window
    rewraps the text instead of clipping it.
    """

    def __init__(self, label: QLabel, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("userBubble")
        self.label = label
        label.setParent(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 9, 14, 9)
        layout.addWidget(label)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:
        metrics = self.label.fontMetrics()
        lines = self.label.text().splitlines() or [""]
        margins = self.layout().contentsMargins()
        natural = max(metrics.horizontalAdvance(line) for line in lines) + 4
        natural += margins.left() + margins.right()
        parent = self.parentWidget()
        limit = max(120, int(parent.width() * 0.8)) if parent is not None else natural
        width = min(natural, limit)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(60, super().minimumSizeHint().height())


class UserMessageWidget(QWidget):
    """The user's message: plain, selectable text in a bubble on the right."""

    def __init__(self, message: Message, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userMessage")
        self.message_id = message.id
        self.message = message
        self.label = QLabel()
        self.label.setObjectName("userText")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setText(message.text)
        self.label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.label.setCursor(Qt.CursorShape.IBeamCursor)
        self.bubble = Bubble(self.label, self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addStretch(1)
        layout.addWidget(self.bubble)

    def text(self) -> str:
        return self.label.text()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.bubble.updateGeometry()  # its width limit follows ours


class AssistantMessageWidget(QFrame):
    """One reply: thinking, answer, failure panel and footer, live while it streams."""

    retry_requested = Signal(int)
    open_settings_requested = Signal()
    switch_model_requested = Signal(str)
    link_activated = Signal(QUrl)

    def __init__(
        self,
        message: Message,
        style: MarkdownStyle,
        clock: Clock = time.time,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("assistantMessage")
        self.message_id = message.id
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

        self.thinking = ThinkingPart(self)
        self.thinking.hide()
        self.thinking.header.clicked.connect(self._refresh_header)
        self.answer = AnswerPart(style, self)
        self.answer.link_activated.connect(self.link_activated)
        self.answer.code_copied.connect(self._on_code_copied)
        self.waiting_label = QLabel(self.tr("Waiting for the model…"), self)
        self.waiting_label.setObjectName("waitingLabel")
        self.waiting_label.hide()
        self.failure_panel = FailurePanel(self)
        self.failure_panel.hide()
        self.failure_panel.retry_clicked.connect(lambda: self.retry_requested.emit(self.message_id))
        self.failure_panel.settings_clicked.connect(self.open_settings_requested)
        self.failure_panel.switch_clicked.connect(self.switch_model_requested)
        self.footer = Footer(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.thinking)
        layout.addWidget(self.waiting_label)
        layout.addWidget(self.answer)
        layout.addWidget(self.failure_panel)
        layout.addWidget(self.footer)

        self.throttle = Throttle(self._paint, parent=self)
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._tick)
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.setInterval(COPIED_NOTICE_MS)
        self._notice_timer.timeout.connect(self._refresh_footer)
        self._load(message)

    # --- state from a record -------------------------------------------------------------

    def _load(self, message: Message) -> None:
        if message.thinking:
            self.thinking.set_text(message.thinking)
            self.thinking.show()
        if message.status is MessageStatus.STREAMING:
            self.started_at = self.started_at or self._clock()
            if message.text:
                self.answer.append(message.text)
                self.answer.render()
            self.thinking.set_expanded(not message.text)
            self.thinking.body.set_cap(LIVE_THINKING_MAX_HEIGHT)
            self.waiting_label.setVisible(not message.text and not message.thinking)
            self._ticker.start()
        else:
            self.answer.set_text(message.text)
            self.thinking.set_expanded(not message.text.strip())
            if message.status is MessageStatus.FAILED:
                self.show_failure(failure_from_message(message))
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
            if not self.thinking.user_toggled and self.thinking.is_expanded():
                self.thinking.set_expanded(False)
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
        self.waiting_label.hide()
        self._refresh()

    def end(self, status: MessageStatus) -> None:
        """The reply is over: paint what is left, make the tail stable, stop the clock."""
        self.throttle.flush()
        self._paint()
        self.answer.finish()
        self.status = status
        self.finished_at = self.finished_at or self._clock()
        self._ticker.stop()
        self.waiting_label.hide()
        self.thinking.body.set_cap(None)
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
        if self.waiting_label.isVisibleTo(self) and self.first_token_at is not None:
            self.waiting_label.hide()
        self._refresh_header()

    def _tick(self) -> None:
        self._refresh()

    def _on_code_copied(self, _code: str) -> None:
        """Say so in the footer for a moment: the click had an effect."""
        self.footer.set_status(self.tr("Code copied"), "info")
        self._notice_timer.start()

    # --- texts -------------------------------------------------------------------------------

    def _refresh(self) -> None:
        self._refresh_header()
        self._refresh_footer()

    def _refresh_header(self) -> None:
        if self.thinking.isHidden() and not self._thinking_buffer:
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
            parts.append(self.tr("Tokens: {usage}").format(usage=usage))
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

    def restyle(self, style: MarkdownStyle) -> None:
        self.answer.restyle(style)
