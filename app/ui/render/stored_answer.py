"""A stored answer opened: its end built at once, the views above it in idle moments.

:class:`StoredAnswer` is the part of :class:`~.rich_text.AnswerPart` that shows a finished
answer from history (``set_text``) and builds what ``set_text`` left for later (the rule and
the idle turns: :mod:`.lazy_fill`). It lives apart only to keep the answer's module short; it
works on the answer's own view stack.
"""

from __future__ import annotations

from html import unescape
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QAccessible, QFontMetrics, QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.ui.render.browser import AutoHeightBrowser
from app.ui.render.code_view import CodeView, TableText
from app.ui.render.lazy_fill import (
    LAZY_MIN_CHARS,
    Placeholder,
    Run,
    eager_count,
    estimate_height,
    queue_fill,
    split_runs,
)
from app.ui.render.markdown import table_at_top
from app.ui.render.seams import close_seams
from app.ui.render.stored_pieces import StoredStream
from app.ui.render.stream import MarkdownStream

if TYPE_CHECKING:
    from app.ui.render.markdown import RenderedBlock

__all__ = ["StoredAnswer"]

#: Column width (px) a placeholder's height is estimated at before the part has its own.
ESTIMATE_WIDTH = 700
#: Time (s) a step spends rendering a pending run's Markdown before it lets the loop run.
RENDER_BUDGET_S = 0.004


class StoredAnswer(QWidget):
    """A finished answer's views, built from its end (the base of ``AnswerPart``, whose view
    stack it builds on: the methods below that raise are the answer's)."""

    #: Views are about to be built above the ones shown (a stored answer filling); ``settled``
    #: follows once they are in. The chat view keeps what the user reads in place.
    settling = Signal()
    settled = Signal()

    stream: MarkdownStream
    _layout: QVBoxLayout
    _views: list[QWidget]
    _segment_html: list[list[str]]
    _pending: list[Run]
    _placeholder: Placeholder | None

    def is_empty(self) -> bool:
        raise NotImplementedError

    def wake(self) -> None:
        raise NotImplementedError

    def _reset_views(self) -> None:
        raise NotImplementedError

    def _drop_tail(self) -> None:
        raise NotImplementedError

    def _browsers(self) -> list[AutoHeightBrowser]:
        raise NotImplementedError

    def _segment_limit(self) -> int:
        raise NotImplementedError

    def _new_segment(self, table: bool = False, front: bool = False) -> AutoHeightBrowser:
        raise NotImplementedError

    def _new_code_view(self, block: RenderedBlock, front: bool = False) -> CodeView:
        raise NotImplementedError

    def set_text(self, text: str, later: bool = False) -> None:
        """A finished answer (from history): its end built at once, each view filled once;
        the views above it behind a placeholder, built in idle moments (.lazy_fill), their
        Markdown rendered only then (.stored_pieces). ``later``: none of it is built now, all
        of it is (an answer above the first screen of a conversation opening)."""
        self.wake()
        self._reset_views()
        # A screen reader reads it all at once: built whole. So is a short answer.
        if (later or len(text) >= LAZY_MIN_CHARS) and not QAccessible.isActive():
            if self._open_lazy(StoredStream(self.stream.renderer, text), later):
                return
            self._reset_views()  # a piece was not as predicted: rendered whole instead
        self._open_whole(text)

    def _open_whole(self, text: str) -> None:
        """Every piece rendered, every view built, now."""
        self.stream = MarkdownStream(self.stream.renderer)
        self.stream.append(text)
        renderer = self.stream.renderer
        renderer.plain_code = True  # code views colour themselves later (.late_colour)
        try:
            blocks = self.stream.finish().new_blocks
        finally:
            renderer.plain_code = False
        for run in split_runs(blocks, self._segment_limit()):
            self._build(run)
        self._opened()

    def _open_lazy(self, stored: StoredStream, later: bool = False) -> bool:
        """Longer than a screenful: views cut finer where they are costly (a view of a table
        ~5 ms), the end's rendered and built at once, the others behind a placeholder (all of
        them, ``later``). False if a piece was not what ``stored`` predicted (nothing built)."""
        metrics = QFontMetrics(self.font())
        width = self.width() if self.width() >= 200 else ESTIMATE_WIDTH
        shapes = stored.shapes
        runs = split_runs(shapes, limit := self._segment_limit())
        heights = [estimate_height(run, width, metrics) for run in runs]
        cut = 0
        if later or len(runs) > eager_count(heights):
            runs = split_runs(shapes, limit, fine=True)
            heights = [estimate_height(run, width, metrics) for run in runs]
            cut = len(runs) if later else max(0, len(runs) - eager_count(heights))
        built = [stored.realize(run) for run in runs[cut:]]
        if any(run is None for run in built):
            return False
        self.stream = stored
        self._pending = runs[:cut]
        if cut:
            self._placeholder = Placeholder(sum(heights[:cut]), self)
            self._layout.insertWidget(0, self._placeholder)
        for run in built:
            if run is not None:
                self._build(run)
        self._opened()
        return True

    def _opened(self) -> None:
        self._drop_tail()
        close_seams(self._browsers())
        self.setVisible(not self.is_empty())
        if self._pending:
            queue_fill(self)

    def built_views(self) -> int:
        """Views built so far, none built by asking (for tests and benchmarks: work done)."""
        return len(self._views)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.has_pending():
            queue_fill(self)  # (a hidden part leaves the queue; shown again, it goes on)

    def has_pending(self) -> bool:
        """Views of a stored answer not built yet (filling in idle moments)."""
        return bool(self._pending) or self._placeholder is not None

    def fill_step(self) -> bool:
        """Build the last run not built yet (.lazy_fill); False when none is left."""
        if not self.has_pending():
            return False
        if self._pending and self._rendering():
            return True  # (no view changed: nothing to keep in place)
        self.settling.emit()
        if self._pending:
            self._fill_one()
        if not self._pending:
            self._end_fill()
        self.settled.emit()
        return self.has_pending()

    def fill_all(self) -> None:
        """Build every run not built yet, now (something needs the whole answer); a stored
        code block's pages above its end get their code too (.code_pages)."""
        if self.has_pending():
            self.settling.emit()
            while self._pending:
                self._fill_one()
            self._end_fill()
            self.settled.emit()
        for view in self._views:
            if isinstance(view, CodeView):
                view.fill_rest()

    def _rendering(self) -> bool:
        """Render the last pending run's Markdown for a step's share of time; True if this
        step was spent so (its view is built in a step of its own, after)."""
        stream = self.stream
        if not isinstance(stream, StoredStream):
            return False
        renders = stream.stable_renders
        ready = stream.prepare(self._pending[-1], RENDER_BUDGET_S)
        return ready is False or (ready is True and stream.stable_renders != renders)

    def _fill_one(self) -> None:
        """The last pending run, built on top of the others; what it adds to the height (its
        views, and the seam it makes with the view below) comes out of the placeholder, so
        the views under it stay where they were."""
        stream = self.stream
        run = self._pending[-1]
        if isinstance(stream, StoredStream):
            real = stream.realize(run)
            if real is None:  # a piece not as predicted: the answer rendered whole instead
                self._reset_views()
                self._open_whole(stream.source)
                return
            run = real
        self._pending.pop()
        before = len(self._views)
        below = self._views[0] if self._views else None
        below_height = _height(below) if below is not None else 0
        self._build(run, front=True)
        new = self._views[: len(self._views) - before]
        close_seams([page for view in self._views[: len(new) + 1] for page in _texts(view)])
        grown = sum(_height(view) for view in new)
        if below is not None:
            grown += _height(below) - below_height
        placeholder = self._placeholder
        if placeholder is not None:
            placeholder.setFixedHeight(max(0, placeholder.maximumHeight() - grown))

    def _end_fill(self) -> None:
        placeholder, self._placeholder = self._placeholder, None
        self._pending = []
        if placeholder is not None:
            self._layout.removeWidget(placeholder)
            placeholder.hide()
            placeholder.deleteLater()

    def _build(self, run: Run, front: bool = False) -> None:
        """The view of one run, below the others (or, ``front``, above them)."""
        first = run.blocks[0]
        if run.kind == "code":
            view = self._new_code_view(first, front)
            # The pieces' code, escaped (plain_code): exactly the block's text.
            code = unescape("".join(block.body for block in run.blocks))
            view.fill_plain(code, self.stream.renderer)
            return
        browser = self._new_segment(table=run.kind == "table", front=front)
        if isinstance(browser, TableText):
            browser.take_width(self.width())  # laid out once (.code_view)
        html = [table_at_top(first.html)] + [block.html for block in run.blocks[1:]]
        self._segment_html[0 if front else -1] = html
        browser.setHtml("".join(html))


def _texts(view: QWidget) -> list[AutoHeightBrowser]:
    """The text views ``view`` is made of (a code view's pages, or itself)."""
    if isinstance(view, CodeView):
        return list(view.pages)
    return [view] if isinstance(view, AutoHeightBrowser) else []


def _height(view: QWidget) -> int:
    """A view's height now (a code view's follows its pages at once, not at the next layout)."""
    return view.sizeHint().height() if isinstance(view, CodeView) else view.height()
