"""The parts of an assistant message: thinking, answer and footer.

* :class:`ThinkingPart` — the model's reasoning, muted and a little smaller on its own
  background; a header toggles it ("Thinking… 8 s" live, "Thought for 12.3 s · 93 reasoning
  tokens" after). It remembers whether the *user* toggled it, so automatic folding leaves a
  choice alone.
* :class:`~app.ui.render.rich_text.AnswerPart` — incrementally rendered Markdown; it lives with
  the views it is made of, imported when the first reply is made (not to paint the window).
* :class:`Footer` — status, model, tokens and timings, and the request id, all selectable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.ui.common.painted_button import PaintedButton
from app.ui.common.theme import CARD_PADDING, Theme, paint_card, tinted
from app.ui.render.labels import SelectableLabel

if TYPE_CHECKING:
    from app.ui.render.browser import AutoHeightBrowser

__all__ = ["FoldHeader", "Footer", "ThinkingPart", "format_seconds"]

NBSP = "\u00a0"


def format_seconds(owner: QWidget, seconds: float) -> str:
    """12.3 s, or 2 min 05 s for long ones."""
    if seconds < 60:
        return owner.tr("{seconds} s").format(seconds=f"{max(seconds, 0.0):.1f}")
    minutes, rest = divmod(round(seconds), 60)
    return owner.tr("{minutes} min {seconds} s").format(minutes=minutes, seconds=f"{rest:02d}")


class FoldHeader(PaintedButton):
    """The thinking part's toggle: an arrow and a line of muted text, brighter under the mouse.

    Painted by hand instead of a ``QToolButton`` styled by a sheet: it is on every reply that
    thought, so it should cost little more than its text.
    """

    ARROW = 7  # px: the triangle's size
    PAD = 8  # px: left of the arrow, and right of the text
    GAP = 8  # px: between the arrow and the text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("thinkingHeader")
        self.setCheckable(True)
        self.setChecked(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        # Focusable only once polished: a widget that is focusable when Qt polishes it costs
        # ~25 kB more (measured), on every reply that thought.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.colors = ("#808080", "#000000")  # (normal, under the mouse); set by restyle
        self.toggled.connect(self.update)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.Polish:
            self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a tool button's, for the keyboard
        return handled

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        width = self.PAD + self.ARROW + self.GAP + metrics.horizontalAdvance(self.text()) + self.PAD
        return QSize(width, metrics.height() + 8)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def setText(self, text: str) -> None:
        super().setText(text)
        self.updateGeometry()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = QColor(self.colors[1] if self.underMouse() else self.colors[0])
        painter.setPen(color)
        painter.setBrush(color)
        a, mid = self.ARROW, self.height() / 2
        x = float(self.PAD)
        if self.isChecked():  # pointing down
            points = [
                QPointF(x, mid - a / 4),
                QPointF(x + a, mid - a / 4),
                QPointF(x + a / 2, mid + a / 4),
            ]
        else:  # pointing right
            points = [
                QPointF(x + a / 4, mid - a / 2),
                QPointF(x + a / 4, mid + a / 2),
                QPointF(x + a * 3 / 4, mid),
            ]
        painter.drawPolygon(points)
        text_rect = self.rect().adjusted(self.PAD + a + self.GAP, 0, 0, 0)
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self.text()
        )
        self.paint_focus(painter)


class ThinkingPart(QFrame):
    """The model's reasoning: a toggle header and the text, muted and a little smaller.

    The text view is created only while it is needed — expanded, or asked for — and dropped
    again when the part folds: a finished reply's folded thinking costs a header and a string.
    """

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("thinkingPart")
        self.header = FoldHeader(self)
        self.header.clicked.connect(self._on_header_clicked)
        self._body: AutoHeightBrowser | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(CARD_PADDING - 4, 4, CARD_PADDING, 6)
        self._layout.setSpacing(2)
        self._layout.addWidget(self.header, 0, Qt.AlignmentFlag.AlignLeft)
        #: The user has opened or closed this part; automatic collapsing leaves it alone then.
        self.user_toggled = False
        self._source: list[str] = []
        self._cap: int | None = None  # the live box's height limit while the reply streams
        self._theme = theme
        self.restyle(theme)
        self._apply_font()

    @property
    def body(self) -> AutoHeightBrowser:
        """The text view (made on first use; it shows only while the part is expanded)."""
        if self._body is None:
            from app.ui.render.browser import AutoHeightBrowser  # (with the first thinking shown)

            body = AutoHeightBrowser("thinkingText", self)
            self._style_body(body)
            body.setFont(self.header.font())
            text = "".join(self._source)
            body.setPlainText(text if self._cap is not None else text.rstrip())
            body.set_cap(self._cap)
            body.setVisible(self.is_expanded())
            self._layout.addWidget(body)
            self._body = body
        return self._body

    def has_body(self) -> bool:
        return self._body is not None

    def is_expanded(self) -> bool:
        return self.header.isChecked()

    def set_expanded(self, expanded: bool) -> None:
        self.header.setChecked(expanded)
        if expanded:
            self.body.setVisible(True)
        elif self._body is not None:
            self._drop_body()

    def set_live(self, live: bool, cap: int | None = None) -> None:
        """While the reply streams the text scrolls in a box at most ``cap`` pixels tall."""
        self._cap = cap if live else None
        if self._body is not None:
            if not live:  # trailing blank lines would only add empty space
                self._body.setPlainText("".join(self._source).rstrip())
            self._body.set_cap(self._cap)

    def header_text(self) -> str:
        return self.header.text()

    def set_header_text(self, text: str) -> None:
        if text != self.header.text():
            self.header.setText(text)

    def append_text(self, text: str) -> None:
        self._source.append(text)
        if self._body is not None:
            cursor = QTextCursor(self._body.document())
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertText(text)

    def set_text(self, text: str) -> None:
        self._source = [text]
        if self._body is not None:
            self._body.setPlainText(text.rstrip())

    def text(self) -> str:
        """The reasoning exactly as it arrived (what is shown may lack trailing blank lines)."""
        return "".join(self._source)

    def restyle(self, theme: Theme) -> None:
        self._theme = theme
        self.header.colors = (theme.thinking_text, theme.text)
        self.header.update()
        if self._body is not None:
            self._style_body(self._body)
        self.update()

    def _style_body(self, body: AutoHeightBrowser) -> None:
        body.setPalette(tinted(QPalette.ColorRole.Text, self._theme.thinking_text))
        # The live box scrolls: the conversation's slim scroll bar (a sheet on it alone).
        body.verticalScrollBar().setStyleSheet(self._theme.scrollbar_stylesheet())

    def paintEvent(self, _event: QPaintEvent) -> None:
        paint_card(self, self._theme.thinking_background, radius=8)

    def _drop_body(self) -> None:
        body, self._body = self._body, None
        if body is not None:
            self._layout.removeWidget(body)
            body.hide()
            body.deleteLater()

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
        self.header.setFont(font)
        if self._body is not None:
            self._body.setFont(font)


class Footer(QWidget):
    """Model, tokens, timings and request id (selectable), and the reply's status.

    The status and request-id labels are made the first time they have something to say:
    most replies from history are complete and say neither. The request id (never broken at
    its hyphens) sits at the end of the line while the line has room for it and moves under
    the figures when it has not, so a narrow column reflows the footer instead of being pushed
    wider: the footer asks only for the width of its widest single part.
    """

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("footer")
        self._theme = theme
        self._severity = "info"
        self._status: QLabel | None = None
        self._request: QLabel | None = None
        self.info_label = SelectableLabel(parent=self)
        self.info_label.setObjectName("footerInfo")
        self.info_label.setWordWrap(True)
        self.info_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(2, 0, 2, 0)
        self._layout.setHorizontalSpacing(10)
        self._layout.setVerticalSpacing(2)
        self._layout.addWidget(self.info_label, 0, 1, Qt.AlignmentFlag.AlignTop)
        self._layout.setColumnStretch(1, 1)
        self._request_below = False
        self.restyle(theme)
        self._apply_font()

    @property
    def status_label(self) -> QLabel:
        """ "Stopped", "Failed", "Code copied"… (made on first use)."""
        if self._status is None:
            label = QLabel(self)
            label.setObjectName("statusLabel")
            label.hide()
            label.setFont(self._font(bold=True))
            self._status = label
            self._layout.addWidget(label, 0, 0, Qt.AlignmentFlag.AlignTop)
            self._tint_status()
        return self._status

    @property
    def request_label(self) -> QLabel:
        """The request id: a label of its own, so a narrow window never breaks it at a hyphen."""
        if self._request is None:
            label = SelectableLabel(parent=self)
            label.setObjectName("requestLabel")
            label.setFont(self._font())
            label.hide()
            self._request = label
            self._layout.addWidget(label, 0, 2, Qt.AlignmentFlag.AlignTop)
            self._request_below = False
            self._place_request()
        return self._request

    def minimumSizeHint(self) -> QSize:
        """The widest single part, not the whole line: the parts reflow to fit (see above)."""
        margins = self._layout.contentsMargins()
        parts = [self.info_label, self._status, self._request]
        widest = max(
            (part.minimumSizeHint().width() for part in parts if part and not part.isHidden()),
            default=0,
        )
        height = self._layout.minimumSize().height()
        return QSize(widest + margins.left() + margins.right(), height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_request()

    def _place_request(self) -> None:
        """The request id at the end of the line if the whole line fits, else under it."""
        request = self._request
        if request is None:
            return
        spacing = self._layout.horizontalSpacing()
        margins = self._layout.contentsMargins()
        line = self.info_label.fontMetrics().horizontalAdvance(self.info_label.text())
        status = self._status
        if status is not None and not status.isHidden():
            line += status.sizeHint().width() + spacing
        room = self.width() - margins.left() - margins.right()
        below = line + spacing + request.sizeHint().width() > room
        if below != self._request_below:
            self._request_below = below
            self._layout.removeWidget(request)
            row, column = (1, 1) if below else (0, 2)
            self._layout.addWidget(request, row, column, Qt.AlignmentFlag.AlignTop)

    def set_info(self, parts: list[str], request: str = "") -> None:
        # No-break spaces inside a part: a narrow window wraps between parts, never inside one.
        text = "  ·  ".join(part.replace(" ", NBSP) for part in parts if part)
        if text != self.info_label.text():
            self.info_label.setText(text)
        if self._request is None and not request:
            return
        if request != self.request_label.text():
            self.request_label.setText(request)
        self.request_label.setVisible(bool(request))
        self._place_request()

    def set_status(self, text: str, severity: str = "info") -> None:
        if self._status is None and not text:
            return
        self.status_label.setText(text)
        if severity != self._severity:
            self._severity = severity
            self._tint_status()
        self.status_label.setVisible(bool(text))
        self._place_request()

    def text(self) -> str:
        """Everything the footer says, in reading order (with ordinary spaces)."""
        status = self._status.text() if self._status and self._status.isVisibleTo(self) else ""
        request = self._request.text() if self._request is not None else ""
        parts = (status, self.info_label.text(), request)
        return "  ·  ".join(t for t in parts if t).replace(NBSP, " ")

    def restyle(self, theme: Theme) -> None:
        self._theme = theme
        self.setPalette(tinted(QPalette.ColorRole.WindowText, theme.muted))
        self._tint_status()

    def _tint_status(self) -> None:
        if self._status is None:
            return
        theme = self._theme
        color = {"error": theme.error, "warning": theme.warning}.get(self._severity, theme.muted)
        self._status.setPalette(tinted(QPalette.ColorRole.WindowText, color))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._apply_font()

    def _font(self, bold: bool = False) -> QFont:
        font = QFont(self.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(max(6.0, font.pointSizeF() * 0.88))
        if bold:
            font.setWeight(QFont.Weight.DemiBold)
        return font

    def _apply_font(self) -> None:
        self.info_label.setFont(self._font())
        if self._request is not None:
            self._request.setFont(self._font())
        if self._status is not None:
            self._status.setFont(self._font(bold=True))
