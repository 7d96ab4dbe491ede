"""Rich-text views that are exactly as tall as their text, for a page that scrolls as one.

Each message part is a read-only ``QTextBrowser`` without scroll bars whose height follows its
document, so the conversation scrolls as a whole, text stays selectable and copyable, and
links are reported (never followed) — the chat view decides what to open.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QTextCursor, QWheelEvent
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextBrowser, QWidget

#: A zero-width marker that keeps QTextCursor.insertHtml from merging block formats.
MARKER = "\u2060"


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
    cursor.insertHtml(f"<p>{MARKER}</p>{html}")
    cursor.setPosition(position)
    cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
    if cursor.selectedText() == MARKER:
        cursor.removeSelectedText()
