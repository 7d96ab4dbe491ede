"""Rich-text views that are exactly as tall as their text, for a page that scrolls as one.

Each message part is a read-only ``QTextBrowser`` without scroll bars whose height follows its
document, so the conversation scrolls as a whole, text stays selectable and copyable, and
links are reported (never followed) — the chat view decides what to open.

:class:`AnswerPart` stacks such views into an answer that renders incrementally as it streams.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QEnterEvent,
    QFocusEvent,
    QGuiApplication,
    QMouseEvent,
    QTextCursor,
)
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from app.ui.render.browser import AutoHeightBrowser
from app.ui.render.highlight import warm_next
from app.ui.render.markdown import (
    COPY_SCHEME,
    MarkdownRenderer,
    MarkdownStyle,
    copy_target,
    renderer_for,
)
from app.ui.render.seams import close_seams
from app.ui.render.selection import AnswerSelection
from app.ui.render.stream import MarkdownStream, StreamUpdate

#: A zero-width marker that keeps QTextCursor.insertHtml from merging block formats.
MARKER = "\u2060"
#: Characters of Markdown source per answer segment (one QTextDocument each).
SEGMENT_CHARS = 8_000
#: Qt's QWIDGETSIZE_MAX: no maximum height.
QWIDGETSIZE_MAX = (1 << 24) - 1
#: Time a repaint may spend rendering new pieces; the rest follows in the next event-loop turns.
RENDER_BUDGET_S = 0.008  # about as long again goes to Qt inserting what was rendered
#: After the first answer view exists, common lexers load one per this many ms.
WARM_INTERVAL_MS = 400
_warming = False


def _warm_lexers_while_idle() -> None:
    """Load the common code lexers, one per idle moment, from the first streamed reply on:
    its first code block then rarely waits for one (an idle window does not pay the ~4 MB)."""
    global _warming
    if _warming:
        return
    _warming = True

    def step() -> None:
        if warm_next():
            QTimer.singleShot(WARM_INTERVAL_MS, step)

    QTimer.singleShot(WARM_INTERVAL_MS, step)


class SelectableLabel(QLabel):
    """Plain text the user can select and copy — made selectable when first approached.

    A selectable ``QLabel`` keeps a text control with a laid-out ``QTextDocument`` (~25 kB);
    with one per user bubble and two per footer that was a good part of each message, while
    hardly any label is ever selected. So the label turns selectable the moment the mouse
    enters it or it is pressed; until then it lays its text out as a plain label does (the same
    height for a width, so nothing moves when it turns) and takes no focus (Tab does not stop
    at every message). It turns back when the mouse leaves, unless it holds a selection or
    the focus. :meth:`textInteractionFlags` reports what the user gets: selectable, always.
    """

    FLAGS = Qt.TextInteractionFlag.TextSelectableByMouse | (
        Qt.TextInteractionFlag.TextSelectableByKeyboard
    )

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)
        self.setCursor(Qt.CursorShape.IBeamCursor)
        # No focus until armed: a focusable widget costs ~25 kB more once Qt polishes it.
        # (Arming makes it keyboard-selectable, which gives it the focus policy it needs.)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def textInteractionFlags(self) -> Qt.TextInteractionFlag:
        return super().textInteractionFlags() | self.FLAGS

    def is_armed(self) -> bool:
        """Whether the text control exists yet (for tests and benchmarks)."""
        return bool(super().textInteractionFlags() & self.FLAGS)

    def arm(self) -> None:
        if not self.is_armed():
            self.setTextInteractionFlags(self.FLAGS)

    def enterEvent(self, event: QEnterEvent) -> None:
        self.arm()
        super().enterEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.arm()
        super().mousePressEvent(event)

    def disarm(self) -> None:
        """Back to a plain label, unless it holds a selection or the focus (the user's)."""
        if self.is_armed() and not self.hasSelectedText() and not self.hasFocus():
            self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        self.disarm()  # a sweep of the mouse over the conversation leaves nothing behind

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if not self.underMouse():
            self.disarm()


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
    cursor.insertHtml(f"<p>{MARKER}</p>{html}")
    cursor.setPosition(position)
    cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
    if cursor.selectedText() == MARKER:
        cursor.removeSelectedText()


class AnswerPart(QWidget):
    """The answer: stable Markdown blocks appended once, and a tail region re-rendered.

    Stable blocks go into *segments*: rich-text views of at most ``SEGMENT_CHARS`` characters
    each, stacked. Appending to, laying out and painting a ``QTextDocument`` all get slower as
    it grows, so capping each document keeps the cost of a repaint flat however long the answer
    gets (a selection can still span segments by copying them one after the other).

    Views exist only while they show something: no segment for an empty answer, and the tail
    view only while a reply streams (a finished answer is all segments). A finished answer far
    off screen can *sleep* (:meth:`sleep`): its documents are emptied, the part keeps its
    height and the HTML of each segment, and :meth:`wake` (or any use of the segments) fills
    them again. A laid-out ``QTextDocument`` is most of a message's memory (~50 bytes a
    character of text).
    """

    link_activated = Signal(QUrl)
    code_copied = Signal(str)

    def __init__(self, style: MarkdownStyle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._segments: list[AutoHeightBrowser] = []
        self._segment_html: list[list[str]] = []  # each segment's HTML, to wake it from
        self._segment_chars = 0
        self._tail: AutoHeightBrowser | None = None
        self._asleep = False
        self._draining = False
        self.stream = MarkdownStream(renderer_for(style))
        #: One selection over all the views (a drag may cross them; a copy takes them all).
        self.selection = AnswerSelection(self, self.browsers)
        self.hide()  # until there is an answer

    @property
    def segments(self) -> list[AutoHeightBrowser]:
        """The views of the stable text, top to bottom (woken if asleep)."""
        self.wake()
        return self._segments

    @property
    def stable(self) -> AutoHeightBrowser:
        """The first segment (short answers have only this one)."""
        self.wake()
        if not self._segments:
            self._new_segment()
        return self._segments[0]

    @property
    def tail(self) -> AutoHeightBrowser:
        """The region of the growing tail (made on first use; hidden when there is none)."""
        if self._tail is None:
            self._tail = AutoHeightBrowser("answerTail", self)
            self._tail.anchorClicked.connect(self._on_anchor)
            self.selection.track(self._tail)
            self._tail.hide()
            self._layout.addWidget(self._tail)
        return self._tail

    def browsers(self) -> list[AutoHeightBrowser]:
        """Every view of the answer, top to bottom (segments, then the tail if shown)."""
        tail = self._tail
        return [*self.segments, *([tail] if tail is not None and not tail.isHidden() else [])]

    def source(self) -> str:
        return self.stream.source

    def is_empty(self) -> bool:
        return not self.stream.source.strip()

    def is_asleep(self) -> bool:
        return self._asleep

    def can_sleep(self) -> bool:
        """Finished, awake, and laid out: each view as wide as the part (so its height is)."""
        segments = self._segments
        return (
            self.stream.finished
            and bool(segments)
            and not self._asleep
            and all(browser.width() == self.width() for browser in segments)
        )

    def sleep(self) -> None:
        """Empty the views (a finished answer far off screen); the height stays as it was.

        The views themselves stay (emptied): whoever holds one keeps a live object.
        """
        if not self.can_sleep():
            return
        # The views' heights, not ours: they follow their documents at once, while ours
        # waits for the next layout pass.
        self.setFixedHeight(sum(browser.height() for browser in self._segments))
        for browser in self._segments:
            browser.clear()
        self._asleep = True

    def wake(self) -> None:
        """Fill the views again from the kept HTML (the height follows them again)."""
        if not self._asleep:
            return
        self._asleep = False
        for browser, html in zip(self._segments, self._segment_html, strict=False):
            browser.setHtml("".join(html))
        close_seams(self.browsers())
        self.setMinimumHeight(0)
        self.setMaximumHeight(QWIDGETSIZE_MAX)

    def append(self, text: str) -> None:
        """Store the text; it appears at the next :meth:`render` (the throttled repaint)."""
        self.stream.append(text)
        if not _warming:
            _warm_lexers_while_idle()  # a reply streams: code may follow (4 MB, not at idle)

    def render(self) -> None:  # type: ignore[override]  # (not QWidget.render: a paint pass)
        self._apply(self.stream.render(RENDER_BUDGET_S))

    def finish(self) -> None:
        if not self.stream.finished:
            self._apply(self.stream.finish(RENDER_BUDGET_S))
        self._drop_tail()

    def _drain(self) -> None:
        """Render pieces left over by a repaint's time budget (text outran the screen)."""
        self._draining = False
        self._apply(self.stream.render(RENDER_BUDGET_S))

    def set_text(self, text: str) -> None:
        """A finished answer (from history): render it in one go, a segment at a time."""
        self.wake()
        self._reset_segments()
        self._segment_html = self._render_finished(text, self.stream.renderer)
        for index, html in enumerate(self._segment_html):
            if index or not self._segments:
                self._new_segment()
            self._segments[-1].setHtml("".join(html))
        self._drop_tail()
        close_seams(self.browsers())
        self.setVisible(not self.is_empty())

    def restyle(self, style: MarkdownStyle) -> None:
        """New colours (palette change): render everything again, once."""
        source, finished = self.stream.source, self.stream.finished
        if self._asleep:  # only the kept HTML changes; the views are made on waking
            self._segment_html = self._render_finished(source, renderer_for(style))
            return
        self.stream = MarkdownStream(renderer_for(style))
        if finished:
            self.set_text(source)
            return
        self._reset_segments()
        self.stream.append(source)
        self.render()

    def _render_finished(self, text: str, renderer: MarkdownRenderer) -> list[list[str]]:
        """A new, finished stream of ``text``; the HTML of its blocks grouped per segment."""
        self.stream = MarkdownStream(renderer)
        self.stream.append(text)
        groups: list[list[str]] = [[]]
        size = 0
        for block in self.stream.finish().new_blocks:
            if size >= SEGMENT_CHARS:
                groups.append([])
                size = 0
            groups[-1].append(block.html)
            size += len(block.source)
        return [group for group in groups if "".join(group).strip()]

    def plain_text(self) -> str:
        texts = [browser.toPlainText() for browser in self.segments]
        if self._tail is not None and not self._tail.document().isEmpty():
            texts.append(self._tail.toPlainText())
        return "\n".join(text for text in texts if text).replace(MARKER, "")

    def _new_segment(self) -> None:
        browser = AutoHeightBrowser("answer", self)
        browser.anchorClicked.connect(self._on_anchor)
        self.selection.track(browser)
        self._layout.insertWidget(len(self._segments), browser)
        self._segments.append(browser)
        self._segment_chars = 0

    def _reset_segments(self) -> None:
        """Back to one empty segment (kept, not replaced: it is the same view to its users)."""
        for browser in self._segments[1:]:
            self._layout.removeWidget(browser)
            browser.hide()
            browser.deleteLater()
        del self._segments[1:]
        if self._segments:
            self._segments[0].clear()
        self._segment_html = [[]] if self._segments else []
        self._segment_chars = 0

    def _drop_tail(self) -> None:
        tail, self._tail = self._tail, None
        if tail is not None:
            self._layout.removeWidget(tail)
            tail.hide()
            tail.deleteLater()

    def _apply(self, update: StreamUpdate) -> None:
        for block in update.new_blocks:
            if not block.html.strip():
                continue
            if not self._segments or self._segment_chars >= SEGMENT_CHARS:
                self._new_segment()
                self._segment_html.append([])
            elif not self._segment_html:
                self._segment_html.append([])
            append_html(self._segments[-1], block.html)
            self._segment_html[-1].append(block.html)
            self._segment_chars += len(block.source)
        if update.tail_changed:
            if update.tail is None:
                if self._tail is not None:
                    self._tail.clear()
                    self._tail.hide()
            else:
                self.tail.setHtml(update.tail.html)
                self.tail.show()
        if update.new_blocks or update.tail_changed:
            close_seams(self.browsers())  # no paragraph-spacing seam where views meet
        if self.isHidden() and not self.is_empty():
            self.show()
        if update.backlog and not self._draining:
            self._draining = True
            QTimer.singleShot(0, self._drain)

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme().lower() == COPY_SCHEME:
            # Only the renderer's own Copy links copy; one the model wrote does nothing.
            code_id = copy_target(url.scheme(), url.path())
            code = self.stream.code(code_id) if code_id is not None else None
            if code is not None:
                QGuiApplication.clipboard().setText(code)
                self.code_copied.emit(code)
            return
        self.link_activated.emit(url)
