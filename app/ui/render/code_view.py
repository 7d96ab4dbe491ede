"""A code block of an answer as a view of its own: a bordered frame, a header, the code.

In a column of running text a code block must neither wrap (code lines mean something as
lines) nor push the column wider than the window. So each top-level code block gets a
:class:`CodeView`: a header with the language and a real Copy button (not a link inside the
text, so a text selection never picks up "python" or "Copy"), and a :class:`CodeText` that
never wraps and scrolls sideways inside itself when a line is longer than the column. It is
exactly as tall as its lines (and the scroll bar when there is one), never scrolls vertically,
and hands vertical wheel turns on to the conversation.

The code streams in: :meth:`CodeView.append` adds the highlighted HTML of lines that will not
change (each piece once), :meth:`CodeView.set_open` replaces the still-growing end (the lines
since the last cut and the open line) — bounded work per repaint, whatever the block's size.
The view keeps the HTML it was given, so a finished answer far off screen can drop the laid-out
document (:meth:`CodeView.sleep`) and rebuild it later (:meth:`CodeView.wake`).
"""

from __future__ import annotations

import html
import math

from PySide6.QtCore import QSizeF, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
    QTextCursor,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QVBoxLayout,
    QWidget,
)

from app.ui.render.browser import AutoHeightBrowser
from app.ui.render.code_frame import OUTER_MARGIN, CopyButton, paint_frame
from app.ui.render.code_pages import PlainSize, plain_size
from app.ui.render.late_colour import LateColour, queue_colour, split_lines
from app.ui.render.markdown import MarkdownRenderer, MarkdownStyle

__all__ = ["CodeText", "CodeView"]

#: A zero-width character inserted around appended code and removed again: QTextDocument's
#: HTML import drops a newline right after ``<pre>`` and one right before ``</pre>``.
_EDGE = "\u2060"
#: Characters of highlighted HTML per page: a long block is a stack of pages (one document
#: each), as an answer is a stack of segments — painting and appending to one document get
#: slower as it grows (measured: ~230 ms a repaint at 100,000 characters of code in one).
PAGE_HTML = 40_000
#: Characters of code per page of a stored block shown unhighlighted: a page coloured is
#: put in at once (~20,000 characters of markup, ~15 ms), so it stays small.
PLAIN_PAGE = 6_000
#: Pages of a stored block filled before the first paint (the end, where the view opens); the
#: others keep their exact height empty and are filled in idle moments (.code_pages).
EAGER_PAGES = 2


class CodeText(AutoHeightBrowser):
    """The code itself: no wrapping; a horizontal scroll bar when a line is too long."""

    #: The size this page will have once filled, while it is not (.code_pages).
    stand_in: PlainSize | None = None

    def __init__(self, style: MarkdownStyle, parent: QWidget | None = None) -> None:
        super().__init__("answerCode", parent)
        self._style = style
        self.setLineWrapMode(AutoHeightBrowser.LineWrapMode.NoWrap)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.document().setDocumentMargin(8)
        self.horizontalScrollBar().rangeChanged.connect(self._fit)
        self._stable_end = 0  # document position where the still-growing end begins
        # The open end's complete lines as shown (their HTML, and where they end in the
        # document): the next repaint keeps them and puts in only what follows (set_open).
        self._lines_html = ""
        self._lines_end = 0
        #: Characters of HTML put into the document by :meth:`insert` (work a test counts).
        self.inserted = 0

    def _fit(self, *_: object) -> None:
        """Height = the lines, plus the scroll bar when the longest line does not fit."""
        size = self.document().size()
        if self.stand_in is not None:  # (not filled yet: as tall as it will be)
            size = QSizeF(self.stand_in.width, self.stand_in.height)
        height = math.ceil(size.height())
        if size.width() > self.viewport().width() + 0.5:
            height += self.horizontalScrollBar().sizeHint().height()
        if height != self.height():
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._fit()  # (a new height alone changes nothing in the lines)

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        if abs(delta.x()) > abs(delta.y()) or (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier and delta.y()
        ):
            bar = self.horizontalScrollBar()
            step = delta.x() if abs(delta.x()) > abs(delta.y()) else delta.y()
            if bar.maximum() > 0:
                bar.setValue(bar.value() - step // 2)
                event.accept()
                return
        event.ignore()  # vertical turns scroll the conversation, never this view

    def insert(self, html: str) -> None:
        """Append highlighted code, exactly: the document's text grows by the code's text."""
        if not html:
            return
        self.inserted += len(html)
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        start = cursor.position()
        family = self._style.mono_family
        cursor.insertHtml(
            f"<pre style=\"font-family: '{family}'; margin: 0px;\">{_EDGE}{html}{_EDGE}</pre>"
        )
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.deletePreviousChar()
        cursor.setPosition(start)
        cursor.deleteChar()

    def _end(self) -> int:
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        return cursor.position()

    def mark_stable(self) -> None:
        self._stable_end = self._end()
        self._lines_html, self._lines_end = "", self._stable_end

    def _remove_from(self, position: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        if cursor.position() > position:
            cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()

    def clear_open(self) -> None:
        """Remove the still-growing end (what :meth:`insert` added since :meth:`mark_stable`)."""
        self._remove_from(self._stable_end)
        self._lines_html, self._lines_end = "", self._stable_end

    def set_open(self, html: str) -> None:
        """Show ``html`` as the still-growing end, putting in only what changed.

        Between two cuts the open end only grows: its complete lines stay as they were
        (.stream highlights them once) and the open line changes. So the complete lines
        shown last time stay in the document, and only the lines after them and the open
        line go in — a repaint lays out a line or two, not the whole open end (up to a
        piece of 300 characters of code and its markup, inserted again on every repaint).
        """
        lines = self._lines_html
        if lines and html.startswith(lines):
            self._remove_from(self._lines_end)
            rest = html[len(lines) :]
        else:
            self.clear_open()
            lines, rest = "", html
        cut = rest.rfind("\n") + 1
        done = rest[:cut]
        # Complete lines are kept only where no highlighted span goes on past them (a string
        # over several lines): then the markup after them stands on its own.
        if done and done.count("<span") == done.count("</span>"):
            self.insert(done)
            self._lines_html, self._lines_end = lines + done, self._end()
            rest = rest[cut:]
        self.insert(rest)

    def trim_last_newline(self) -> None:
        """A finished block shows no empty line under its last line."""
        document = self.document()
        last = document.lastBlock()
        if document.blockCount() > 1 and not last.text():
            cursor = QTextCursor(document)
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.deletePreviousChar()
        self.mark_stable()

    def clear(self) -> None:
        super().clear()
        self._stable_end = 0
        self._lines_html, self._lines_end = "", 0

    def replace_all(self, markup: str) -> None:
        """The same code in new markup (colours): the selection and the sideways scroll
        position stay where they were (the text is the same)."""
        cursor = self.textCursor()
        anchor, position = cursor.anchor(), cursor.position()
        scroll = self.horizontalScrollBar().value()
        self._stable_end = 0
        self.clear_open()  # (not clear(): a cleared document lays out its first line anew)
        self.insert(markup)
        self.trim_last_newline()
        end = self.document().characterCount() - 1
        cursor = self.textCursor()
        cursor.setPosition(min(anchor, end))
        cursor.setPosition(min(position, end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.horizontalScrollBar().setValue(scroll)


class CodeView(QWidget):
    """One code block: the language, a Copy button, and the code (see the module)."""

    copy_requested = Signal(int)
    #: A new page of code (a text view) was added: the answer tracks it for selection.
    page_added = Signal(object)

    def __init__(self, style: MarkdownStyle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codeBlock")
        self._style = style
        self.code_id = -1
        #: The block's language as written after the fence ("text" when none), drawn at left.
        self.language = ""
        self._html: list[list[str]] = [[]]  # each page's stable HTML, to wake from
        self._page_size = 0
        self._unfilled: list[int] = []  # pages standing in for their code (fill_plain)
        self.closed = False
        self._asleep = False
        #: A stored block being coloured in idle moments (.late_colour), else None.
        self.late: LateColour | None = None
        self._small = QFont(self.font())
        if self._small.pointSizeF() > 0:
            self._small.setPointSizeF(max(6.0, self._small.pointSizeF() * 0.88))
        self.copy_button = CopyButton(style.copy_label, style.link, self)
        self.copy_button.setFont(self._small)
        self.copy_button.setToolTip(self.tr("Copy the code"))
        self.copy_button.clicked.connect(lambda: self.copy_requested.emit(self.code_id))
        self.text = CodeText(style, self)  # the first page
        self.pages = [self.text]
        self._header = self.copy_button.sizeHint().height() + 2
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, OUTER_MARGIN + 1 + self._header, 1, OUTER_MARGIN + 1)
        layout.setSpacing(0)
        layout.addWidget(self.text)
        self._layout = layout

    @property
    def markdown_style(self) -> MarkdownStyle:
        """The colours it is drawn with (the answer's, at the time it was made)."""
        return self._style

    def begin(self, label: str, code_id: int) -> None:
        if label != self.language:
            self.language = label
            self.update()
        self.code_id = code_id

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        hint = self.copy_button.sizeHint()
        self.copy_button.setGeometry(
            self.width() - hint.width() - 5, OUTER_MARGIN + 2, hint.width(), hint.height()
        )

    def append(self, html: str) -> None:
        """Lines that will not change (the HTML of one piece, once)."""
        self.wake()
        page = self.pages[-1]
        page.clear_open()
        if self._page_size >= PAGE_HTML:
            page.trim_last_newline()  # the next page starts with the next line
            page = self._new_page()
        page.insert(html)
        page.mark_stable()
        self._html[-1].append(html)
        self._page_size += len(html)

    def fill_plain(self, code: str, renderer: MarkdownRenderer) -> None:
        """A stored block, whole: its code escaped (no lexing: an answer of a hundred blocks
        opens as fast as plain words), a page per ``PLAIN_PAGE`` characters of lines. Only the
        last ``EAGER_PAGES`` pages are filled now (the view opens at the end); the others
        stand in at their exact height and are filled in idle moments, bottom up, before
        :mod:`.late_colour` colours them (both in :meth:`colour_step`)."""
        self.wake()
        texts = split_lines(code, PLAIN_PAGE)
        eager = len(texts) - EAGER_PAGES
        self._unfilled = []
        for index, text in enumerate(texts):
            if index:
                self.pages[-1].trim_last_newline()
                self._new_page()
            escaped = html.escape(text, quote=False)
            self._html[-1].append(escaped)
            page = self.pages[-1]
            if index < eager:
                lines = text[:-1] if text.endswith("\n") else text
                document = page.document()
                page.stand_in = plain_size(
                    lines, document.defaultFont(), document.documentMargin(),
                    self._style.mono_family,
                )  # fmt: skip
                page._fit()
                self._unfilled.append(index)
            else:
                page.insert(escaped)
                page.mark_stable()
        self.close()
        self.late = LateColour(texts, self.language, renderer)
        queue_colour(self)

    def unfilled(self) -> int:
        """Pages standing in for their code, not filled yet (for tests: work left)."""
        return len(self._unfilled)

    def fill_rest(self) -> None:
        """Fill every page still standing in, now (something needs the real text)."""
        while self._unfilled:
            self._fill_next()

    def _fill_next(self) -> None:
        """Fill the lowest page still standing in (bottom up: nearest the end first)."""
        index = self._unfilled.pop()
        page = self.pages[index]
        page.stand_in = None
        if not self._asleep:
            page.insert("".join(self._html[index]))
            page.trim_last_newline()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.late is not None:
            queue_colour(self)  # (hidden views are passed over while they wait)

    def colour_step(self) -> bool:
        """Lex the next slice of the page being coloured; when the page is done, show it in
        colour (text, selection and scroll position unchanged). False when all is done."""
        late = self.late
        if late is None:
            return False
        if self._unfilled:
            self._fill_next()  # (filled before coloured: colours go to filled pages only)
            return True
        done = late.step()
        if done is not None:
            index, markup = done
            self._html[index] = [markup]
            if not self._asleep and index < len(self.pages):
                self.pages[index].replace_all(markup)
        if late.finished:
            self.late = None
        return self.late is not None

    def _new_page(self) -> CodeText:
        page = CodeText(self._style, self)
        self._layout.addWidget(page)
        self.pages.append(page)
        self._html.append([])
        self._page_size = 0
        self.page_added.emit(page)
        return page

    def set_open(self, html: str) -> None:
        """The still-growing end of the block: replaces the previous one."""
        self.pages[-1].set_open(html)

    def close(self) -> bool:  # type: ignore[override]  # (not QWidget.close: the block ended)
        self.pages[-1].clear_open()
        self.pages[-1].trim_last_newline()
        self.closed = True
        return True

    def sleep(self) -> None:
        if not self._asleep:
            for page in self.pages:
                page.clear()
            self._asleep = True

    def wake(self) -> None:
        if self._asleep:
            self._asleep = False
            for page in self.pages:
                page.stand_in = None  # (every page is filled again below)
            self._unfilled = []
            last = len(self.pages) - 1
            for index, (page, html) in enumerate(zip(self.pages, self._html, strict=True)):
                page.insert("".join(html))
                if index < last or self.closed:
                    page.trim_last_newline()
                else:
                    page.mark_stable()

    def paintEvent(self, event: QPaintEvent) -> None:
        top = self.text.geometry().top()
        paint_frame(self, event, self._style, top, self._small, self.language)


class TableText(CodeText):
    """A top-level table: wraps its cells to the column like text, but when even its
    narrowest layout is wider than the column (a dozen columns), it scrolls sideways inside
    itself instead of being clipped. Pieces of a long table are appended to the same view."""

    def __init__(self, style: MarkdownStyle, parent: QWidget | None = None) -> None:
        super().__init__(style, parent)
        self.setObjectName("answerTable")
        self.setLineWrapMode(AutoHeightBrowser.LineWrapMode.WidgetWidth)
        # Cells break between words only ("Column 10", not "Colu/mn 10"); a table whose words
        # do not fit the column scrolls instead.
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.document().setDocumentMargin(0)

    def take_width(self, width: int) -> None:
        """Lay the document out once, at the view's real width, not first at a new widget's
        default width (100 px: narrow cells, the costliest layout) and then at the real one (a
        stored 8-column table of 100 kB took ~2 s so).

        A view not shown yet gets no page width: its document is not laid out until the
        resize it gets on showing gives it one. A shown view takes ``width`` at once."""
        if not self.isVisible():
            self.document().setPageSize(QSizeF(0, 0))  # (a null page: no layout)
        elif width > 0 and width != self.width():
            self.resize(width, self.height())
