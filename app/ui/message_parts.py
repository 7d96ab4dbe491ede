"""The parts of an assistant message: thinking, answer and footer.

* :class:`ThinkingPart` — the model's reasoning, muted and a little smaller on its own
  background; a header toggles it ("Thinking… 8 s" live, "Thought for 12.3 s · 93 reasoning
  tokens" after). It remembers whether the *user* toggled it, so automatic folding leaves a
  choice alone.
* :class:`AnswerPart` — incrementally rendered Markdown (see ``app.ui.markdown``): stable
  blocks appended once into capped segments, the growing tail re-rendered in its own region;
  Copy links of code blocks put the raw code on the clipboard.
* :class:`Footer` — status, model, tokens and timings, and the request id, all selectable.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QFont, QGuiApplication, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.markdown import (
    COPY_SCHEME,
    MarkdownRenderer,
    MarkdownStream,
    MarkdownStyle,
    StreamUpdate,
)
from app.ui.rich_text import MARKER, AutoHeightBrowser, append_html
from app.ui.theme import CARD_PADDING

#: Characters of Markdown source per answer segment (one QTextDocument each).
SEGMENT_CHARS = 8_000
NBSP = "\u00a0"


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
        self._source: list[str] = []
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
        self._source.append(text)
        cursor = QTextCursor(self.body.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text)

    def set_text(self, text: str) -> None:
        self._source = [text]
        self.body.setPlainText(text.rstrip())  # trailing blank lines would only add empty space

    def text(self) -> str:
        """The reasoning exactly as it arrived (what is shown may lack trailing blank lines)."""
        return "".join(self._source)

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
        return "\n".join(text for text in texts if text).replace(MARKER, "")

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
        # No-break spaces inside a part: a narrow window wraps between parts, never inside one.
        text = "  ·  ".join(part.replace(" ", NBSP) for part in parts if part)
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
        """Everything the footer says, in reading order (with ordinary spaces)."""
        status = self.status_label.text() if self.status_label.isVisibleTo(self) else ""
        parts = (status, self.info_label.text(), self.request_label.text())
        return "  ·  ".join(t for t in parts if t).replace(NBSP, " ")

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
