"""Rich-text views that are exactly as tall as their text, for a page that scrolls as one.

Each message part is a read-only ``QTextBrowser`` without scroll bars whose height follows its
document, so the conversation scrolls as a whole, text stays selectable and copyable, and
links are reported (never followed) — the chat view decides what to open.

:class:`AnswerPart` stacks such views into an answer that renders incrementally as it streams.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QLayout, QTextBrowser, QVBoxLayout, QWidget

from app.ui.render import collector
from app.ui.render.browser import AutoHeightBrowser
from app.ui.render.code_view import CodeView, TableText
from app.ui.render.fitting import goes_on_line
from app.ui.render.highlight import warm_next
from app.ui.render.labels import SelectableLabel as SelectableLabel  # (its old home)
from app.ui.render.lazy_fill import Placeholder, Run
from app.ui.render.markdown import (
    COPY_SCHEME,
    MarkdownStyle,
    RenderedBlock,
    copy_target,
    renderer_for,
    table_at_top,
)
from app.ui.render.seams import close_seams
from app.ui.render.selection import AnswerSelection
from app.ui.render.stored_answer import StoredAnswer
from app.ui.render.stream import MarkdownStream, StreamUpdate

#: A zero-width marker that keeps QTextCursor.insertHtml from merging block formats.
MARKER = "\u2060"
#: Characters of Markdown source per answer segment (one QTextDocument each).
SEGMENT_CHARS = 8_000
#: Qt's QWIDGETSIZE_MAX: no maximum height.
QWIDGETSIZE_MAX = (1 << 24) - 1
#: While a reply streams, the part's minimum size is its layout's, so it grows before its views
#: are laid out: else each repaint of the growing end moved every view above it up and back
#: (work and repainting that grew with the answer; tests/ui/render/test_repaint_work.py).
_GROWS_FIRST = QLayout.SizeConstraint.SetMinimumSize
#: Time a repaint may spend rendering new pieces; the rest follows in the next event-loop turns.
RENDER_BUDGET_S = 0.008  # (Qt inserting and laying out what was rendered included)
#: Pieces left at the end of a reply that are put in at once rather than over the next turns.
FINISH_PIECES = 4
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
    if goes_on_line(html):  # a paragraph going on (fitting.ParagraphJoin): on the same line
        cursor.insertHtml(html)
        return
    position = cursor.position()
    cursor.insertHtml(f"<p>{MARKER}</p>{html}")
    cursor.setPosition(position)
    cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
    if cursor.selectedText() == MARKER:
        cursor.removeSelectedText()


class AnswerPart(StoredAnswer):
    """The answer: stable Markdown blocks appended once, and a tail region re-rendered.

    Stable blocks go into a stack of *views*: text *segments* (rich-text views of at most
    ``SEGMENT_CHARS`` characters each) and, between them, a :class:`~.code_view.CodeView` for
    each top-level code block (it scrolls sideways inside itself instead of widening the
    column). Appending to, laying out and painting a ``QTextDocument`` all get slower as it
    grows, so capping each document keeps the cost of a repaint flat however long the answer
    gets (a selection still spans the views: ``selection``).

    Views exist only while they show something: no segment for an empty answer, and the tail
    view only while a reply streams (a finished answer is all segments and code views). While
    a code block streams, its growing end is shown in its own code view (the open region),
    not in the tail. A finished answer far off screen can *sleep* (:meth:`sleep`): its
    documents are emptied, the part keeps its height and the HTML of each view, and
    :meth:`wake` (or any use of the views) fills them again. A laid-out ``QTextDocument`` is
    most of a message's memory (~50 bytes a character of text). A stored answer opens with
    only its end built (:class:`~.stored_answer.StoredAnswer`: ``set_text``).
    """

    link_activated = Signal(QUrl)
    code_copied = Signal(str)

    def __init__(self, style: MarkdownStyle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._style = style
        self._views: list[QWidget] = []  # segments and code views, top to bottom
        self._segments: list[AutoHeightBrowser] = []
        self._segment_html: list[list[str]] = []  # each segment's HTML, to wake it from
        self._segment_chars = 0
        self._spare: AutoHeightBrowser | None = None  # the first segment, kept across resets
        self._open_code: CodeView | None = None  # the code view whose block goes on
        self._tail_code: CodeView | None = None  # a code block that opens in the tail
        self._tail: AutoHeightBrowser | None = None
        self._asleep = False
        self._draining = False
        self._pending: list[Run] = []  # runs of a stored answer not built yet (.lazy_fill)
        self._placeholder: Placeholder | None = None  # their room, above the built views
        self.stream = MarkdownStream(renderer_for(style))
        #: One selection over all the views (a drag may cross them; a copy takes them all).
        self.selection = AnswerSelection(self, self.browsers)
        self.hide()  # until there is an answer

    @property
    def segments(self) -> list[AutoHeightBrowser]:
        """The views of the stable text, top to bottom (woken if asleep, filled if not yet)."""
        self.wake()
        self.fill_all()
        return self._segments

    @property
    def code_views(self) -> list[CodeView]:
        """The code blocks' views, top to bottom (woken if asleep, filled if not yet)."""
        self.wake()
        self.fill_all()
        return [view for view in self._views if isinstance(view, CodeView)]

    @property
    def stable(self) -> AutoHeightBrowser:
        """The first segment (short answers have only this one)."""
        self.wake()
        self.fill_all()
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
        """Every text view of the answer, top to bottom: segments and code views' text as
        they stack, then the growing end (a code block opening there, or the tail); all of
        them (a stored answer still filling is filled first: whoever asks needs them all)."""
        self.wake()
        self.fill_all()
        return self._browsers()

    def _browsers(self) -> list[AutoHeightBrowser]:
        """:meth:`browsers` as they are (none woken or built)."""
        views: list[AutoHeightBrowser] = []
        for view in self._views:
            if isinstance(view, CodeView):
                views.extend(view.pages)
            elif isinstance(view, AutoHeightBrowser):
                views.append(view)
        if self._tail_code is not None and not self._tail_code.isHidden():
            views.extend(self._tail_code.pages)
        if self._tail is not None and not self._tail.isHidden():
            views.append(self._tail)
        return views

    def source(self) -> str:
        return self.stream.source

    def is_empty(self) -> bool:
        return not self.stream.source.strip()

    def is_asleep(self) -> bool:
        return self._asleep

    def can_sleep(self) -> bool:
        """Finished, awake, and laid out: each view as wide as the part (so its height is)."""
        views = self._views
        return (
            self.stream.finished
            and bool(views)
            and not self._asleep
            and not self.has_pending()
            and all(view.width() == self.width() for view in views)
        )

    def sleep(self) -> None:
        """Empty the views (a finished answer far off screen); the height stays as it was.

        The views themselves stay (emptied): whoever holds one keeps a live object.
        """
        if not self.can_sleep():
            return
        # The views' heights, not ours: they follow their documents at once, while ours
        # waits for the next layout pass.
        # (A code view's own height waits for the layout too: its pages' heights it is.)
        self.setFixedHeight(
            sum(
                view.sizeHint().height() if isinstance(view, CodeView) else view.height()
                for view in self._views
            )
        )
        for view in self._views:
            if isinstance(view, CodeView):
                view.sleep()
            elif isinstance(view, AutoHeightBrowser):
                view.clear()
        self._asleep = True

    def wake(self) -> None:
        """Fill the views again from the kept HTML (the height follows them again)."""
        if not self._asleep:
            return
        self._asleep = False
        for browser, html in zip(self._segments, self._segment_html, strict=False):
            browser.setHtml("".join(html))
        for view in self._views:
            if isinstance(view, CodeView):
                view.wake()
        close_seams(self._browsers())
        self.setMinimumHeight(0)
        self.setMaximumHeight(QWIDGETSIZE_MAX)

    def append(self, text: str) -> None:
        """Store the text; it appears at the next :meth:`render` (the throttled repaint)."""
        self.stream.append(text)
        if not _warming:
            _warm_lexers_while_idle()  # a reply streams: code may follow (4 MB, not at idle)

    def render(self) -> None:  # type: ignore[override]  # (not QWidget.render: a paint pass)
        collector.reply_streams()  # no full pass of the cycle collector meanwhile
        self._layout.setSizeConstraint(_GROWS_FIRST)  # (a no-op once set)
        self._paced(self.stream.render)

    def finish(self) -> None:
        if not self.stream.finished:
            self._paced(self.stream.finish)
            if self.stream.backlog <= FINISH_PIECES:  # a short end shows whole at once
                self._apply(self.stream.render())
        self._drop_tail()
        self._layout.setSizeConstraint(QLayout.SizeConstraint.SetDefaultConstraint)
        collector.reply_ended()

    def _drain(self) -> None:
        """Render pieces left over by a repaint's time budget (text outran the screen)."""
        self._draining = False
        self._paced(self.stream.render)

    def _paced(self, first: Callable[[float], StreamUpdate]) -> None:
        """Render pieces and put them in, one at a time, until ``RENDER_BUDGET_S`` is spent;
        the rest stays in the stream's backlog for the next turns (:meth:`_drain`).

        The budget covers Qt's work too: a table piece renders in ~0.1 ms (.table_fast) but
        takes ~1.5 ms to insert and lay out, so a budget for rendering alone let a burst of
        text put ~45 pieces (~70 ms) into one turn."""
        deadline = time.perf_counter() + RENDER_BUDGET_S
        update = first(0.0)  # (a budget of 0: one piece, if any)
        self._apply(update, seams=False)
        blocks, changed = len(update.new_blocks), update.tail_changed
        while update.backlog and time.perf_counter() < deadline:
            update = self.stream.render(0.0)
            self._apply(update, seams=False)
            blocks, changed = blocks + len(update.new_blocks), changed or update.tail_changed
        if blocks or changed:
            # Where views meet, no seam: only the views at the end can have moved (each new
            # block makes at most one view; then the growing end's). Once, not per piece.
            close_seams(self.browsers()[-blocks - 3 :])

    def _segment_limit(self) -> int:
        return SEGMENT_CHARS

    def restyle(self, style: MarkdownStyle) -> None:
        """New colours (palette change): render everything again, once."""
        self.wake()
        self._style = style
        source, finished = self.stream.source, self.stream.finished
        self.stream = MarkdownStream(renderer_for(style))
        if finished:
            self.set_text(source)
            return
        self._reset_views()
        self._drop_tail()
        self.stream.append(source)
        self.render()

    def plain_text(self) -> str:
        texts = [browser.toPlainText() for browser in self.browsers()]
        return "\n".join(text for text in texts if text).replace(MARKER, "")

    def _new_segment(self, table: bool = False, front: bool = False) -> AutoHeightBrowser:
        """A text segment, or (``table``) a table's view: kept and woken alike. Last, or
        (``front``: a stored answer filling upwards) first."""
        browser, self._spare = (None, self._spare) if table else (self._spare, None)
        if browser is None:
            browser = TableText(self._style, self) if table else AutoHeightBrowser("answer", self)
            browser.anchorClicked.connect(self._on_anchor)
            self.selection.track(browser)
        self._place(browser, front)
        self._segments.insert(0 if front else len(self._segments), browser)
        self._segment_html.insert(0 if front else len(self._segment_html), [])
        self._segment_chars = 0
        return browser

    def _new_code_view(self, block: RenderedBlock, front: bool = False) -> CodeView:
        """A view for the code block ``block`` opens (the one its tail showed, if any)."""
        view, self._tail_code = (None, self._tail_code) if front else (self._tail_code, None)
        if view is None:
            view = self._make_code_view()
        else:
            self._layout.removeWidget(view)
            view.text.clear()
        view.begin(block.label, block.code_id)
        self._place(view, front)
        return view

    def _place(self, view: QWidget, front: bool) -> None:
        """Put ``view`` in the stack and show it, at the part's width when the part is on
        screen (its document is laid out once, at that width, not first at a new widget's)."""
        index = 0 if front else len(self._views)
        self._layout.insertWidget(index + (self._placeholder is not None), view)
        if self.isVisible() and self.width() > 0:
            view.resize(self.width(), view.height())
        if isinstance(view, TableText):
            view.take_width(0)  # (hidden still: no layout until it shows at its width)
        view.show()
        self._views.insert(index, view)

    def _make_code_view(self) -> CodeView:
        view = CodeView(self._style, self)
        view.copy_requested.connect(self._copy_code)
        view.page_added.connect(self.selection.track)
        self.selection.track(view.text)
        return view

    def _reset_views(self) -> None:
        """No views; the first segment is kept (cleared) to be the first again."""
        if self._segments and self._spare is None:
            self._spare = self._segments[0]
        for view in self._views:
            if isinstance(view, CodeView):
                view.late = None  # no colouring for a view on its way out
            self._layout.removeWidget(view)
            view.hide()
            if view is not self._spare:
                view.deleteLater()
        if self._spare is not None:
            self._spare.clear()
        self._end_fill()
        self._views, self._segments, self._segment_html = [], [], []
        self._segment_chars = 0
        self._open_code = None

    def _drop_tail(self) -> None:
        tail, self._tail = self._tail, None
        code, self._tail_code = self._tail_code, None
        for view in (tail, code):
            if view is not None:
                self._layout.removeWidget(view)
                view.hide()
                view.deleteLater()

    def _append_code(self, block: RenderedBlock) -> bool:
        """Put a code piece in its view; False if it has none (then it shows as text)."""
        view = self._new_code_view(block) if block.opens else self._open_code
        if view is None:
            return False
        view.append(block.body)
        if block.closes:
            view.close()
            self._open_code = None
        else:
            self._open_code = view
        return True

    def _apply(self, update: StreamUpdate, seams: bool = True) -> None:
        for block in update.new_blocks:
            if block.view == "code" and self._append_code(block):
                continue
            if not block.html.strip():
                continue
            last = self._views[-1] if self._views else None
            html = block.html
            if block.view == "table":
                if (
                    block.opens
                    or not isinstance(last, TableText)
                    or self._segment_chars >= SEGMENT_CHARS
                ):
                    self._new_segment(table=True)
                    html = table_at_top(html)
            elif (
                not isinstance(last, AutoHeightBrowser)
                or isinstance(last, TableText)
                or self._segment_chars >= SEGMENT_CHARS
            ):
                self._new_segment()
                html = table_at_top(html)
            append_html(self._segments[-1], html)
            self._segment_html[-1].append(html)
            self._segment_chars += len(block.source)
        if update.tail_changed:
            self._show_tail(update.tail)
        if seams and (update.new_blocks or update.tail_changed):
            # Where views meet, no seam: only the views at the end can have moved (each new
            # block makes at most one view; then the growing end's).
            close_seams(self.browsers()[-len(update.new_blocks) - 3 :])
        if self.isHidden() and not self.is_empty():
            self.show()
        if update.backlog and not self._draining:
            self._draining = True
            QTimer.singleShot(0, self, self._drain)  # dropped if the part is deleted

    def _show_tail(self, tail: RenderedBlock | None) -> None:
        """The growing end: in the open code view, in a code view of its own, or as text."""
        code = tail if tail is not None and tail.view == "code" else None
        goes_on = code is not None and not code.opens and self._open_code is not None
        opens = code is not None and code.opens
        if self._open_code is not None and not goes_on:
            self._open_code.set_open("")
        if self._tail_code is not None and not opens:
            self._tail_code.set_open("")
            self._tail_code.hide()
        if code is not None and goes_on and self._open_code is not None:
            self._open_code.set_open(code.body)
        elif code is not None and opens:
            view = self._tail_code
            if view is None:
                view = self._tail_code = self._make_code_view()
                self._layout.insertWidget(len(self._views), view)
            view.begin(code.label, code.code_id)
            view.set_open(code.body)
            view.show()
        elif tail is not None:
            self.tail.setHtml(table_at_top(tail.html))
            self.tail.show()
            return
        if self._tail is not None:
            self._tail.clear()
            self._tail.hide()

    def _copy_code(self, code_id: int) -> None:
        code = self.stream.code(code_id)
        if code is not None:
            QGuiApplication.clipboard().setText(code)
            self.code_copied.emit(code)

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme().lower() == COPY_SCHEME:
            # Only the renderer's own Copy links copy; one the model wrote does nothing.
            code_id = copy_target(url.scheme(), url.path())
            if code_id is not None:
                self._copy_code(code_id)
            return
        self.link_activated.emit(url)
