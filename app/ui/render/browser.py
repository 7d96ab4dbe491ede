"""The rich-text view every part of a message is made of: exactly as tall as its text.

A read-only ``QTextBrowser`` without scroll bars whose height follows its document, so the
conversation scrolls as a whole, text stays selectable and copyable, and links are reported
(never followed) — the chat view decides what to open. It lives apart from
:mod:`app.ui.render.rich_text` so that views built on it (a code block's, a table's) can be
imported by the answer that stacks them without an import cycle.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QMimeData, QSize, Qt, QUrl
from PySide6.QtGui import QImage, QPaintEvent, QTextOption, QWheelEvent
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextBrowser, QWidget

from app.ui.render.math_images import math_resource
from app.ui.render.quote_bars import paint_quote_bars
from app.ui.render.selection import mime_data

__all__ = ["AutoHeightBrowser"]


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
        self.setCursorWidth(0)  # keyboard-selectable, yet no caret drawn in read-only text
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setViewportMargins(0, 0, 0, 0)
        # Transparent: the card or the conversation shows through (no style sheet does it).
        self.viewport().setAutoFillBackground(False)
        self.document().setDocumentMargin(0)
        self.document().setUndoRedoEnabled(False)
        self.document().setIndentWidth(24)  # Qt's 40 px per list level wastes a narrow column
        # A word longer than the line (a hash, minified code) wraps instead of running off.
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
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

    def createMimeDataFromSelection(self) -> QMimeData:
        """A copy or drag gives the selection as source, across the answer (``.selection``)."""
        return mime_data(self)

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        """Only formula images load (.math_images): a document never reads a file or a URL."""
        url = name if isinstance(name, QUrl) else QUrl(name)
        image = math_resource(kind, url, self.font(), self.devicePixelRatioF(), self)
        # Never None: on None, QTextDocument itself reads a local file or a data: URL instead.
        return image if image is not None else QImage()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        paint_quote_bars(self, event.rect())  # quotes' side bars (.quote_bars)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.verticalScrollBar().maximum() == 0:
            event.ignore()  # nothing to scroll here: let the conversation scroll
            return
        super().wheelEvent(event)
