"""The usage view's bar chart: one bar per local day, stacked by model or by kind of token.

Why QPainter and not Qt Charts: Qt Charts is not part of PySide6-Essentials (the wheel SeekDesk
pins), and a bar per day with a legend is a few dozen lines. Colours: a fixed set chosen to read
on both a light and a dark window (Tableau 10), text and grid from the palette, so the chart
follows a live theme switch with a plain repaint.

The chart holds no figures of its own: ``set_data`` is given the report's days and segments and
the chart only lays them out. Hovering a bar shows its day and figures as a tooltip.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from PySide6.QtCore import QDate, QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QToolTip, QWidget

from app.core.usage.report import Tokens, UsageReport
from app.ui.common.theme import blend

#: Tableau 10: distinct hues of middle lightness, legible on white and on near-black.
SERIES_COLOURS = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#e15759",
    "#76b7b2",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
)


class Stacking(enum.StrEnum):
    MODEL = "model"
    KIND = "kind"  # input / cached / thinking / answer


@dataclass(frozen=True, slots=True)
class Bar:
    day: dt.date
    #: (series index, tokens) from the bottom up.
    parts: tuple[tuple[int, int], ...]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.parts)


def format_day(locale: QLocale, day: dt.date, form: QLocale.FormatType) -> str:
    """A local day as the user's locale writes dates."""
    return locale.toString(QDate(day.year, day.month, day.day), form)


def nice_ceiling(value: int) -> int:
    """The smallest 1, 2, 2.5 or 5 times a power of ten at or above ``value`` (axis top)."""
    if value <= 0:
        return 1
    power = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return int(step * power)
    return 10 * power


def kind_parts(tokens: Tokens) -> tuple[int, int, int, int]:
    """Fresh input, cached input, thinking, answer: together the day's total tokens."""
    return (tokens.input - tokens.cached, tokens.cached, tokens.reasoning, tokens.answer)


class UsageChart(QWidget):
    """Bars of tokens per day; ``set_data`` replaces them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(180)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Tokens per day"))
        self.bars: list[Bar] = []
        self.series: list[str] = []

    def sizeHint(self) -> QSize:
        return QSize(640, 240)

    def kind_names(self) -> list[str]:
        return [self.tr("Input"), self.tr("Cached input"), self.tr("Thinking"), self.tr("Answer")]

    def set_data(self, report: UsageReport, stacking: Stacking) -> None:
        days = report.days()
        if stacking is Stacking.MODEL:
            self.series = [row.key for row in report.by_model]
            index = {name: i for i, name in enumerate(self.series)}
            per_day: dict[dt.date, list[tuple[int, int]]] = {d: [] for d in days}
            for seg in report.by_day_model:
                if seg.day in per_day:
                    per_day[seg.day].append((index[seg.model], seg.tokens.total))
            self.bars = [Bar(d, tuple(sorted(per_day[d]))) for d in days]
        else:
            self.series = self.kind_names()
            totals = {dt.date.fromisoformat(r.key): r.tokens for r in report.by_day}
            self.bars = [
                Bar(d, tuple(enumerate(kind_parts(totals.get(d, Tokens()))))) for d in days
            ]
        self.update()

    # -- painting ---------------------------------------------------------------------------

    def _geometry(self) -> tuple[QRectF, float, int, list[QRectF]]:
        """The plot area, the axis width, the axis top and one hover rectangle per bar."""
        metrics = QFontMetricsF(self.font())
        line = metrics.height()
        top = nice_ceiling(max((b.total for b in self.bars), default=0))
        legend_h = line + 8 if self.series else 0
        axis_w = metrics.horizontalAdvance(QLocale().toString(top)) + 10
        plot = QRectF(
            axis_w, legend_h + 4, self.width() - axis_w - 6, self.height() - legend_h - line - 12
        )
        slot = plot.width() / max(len(self.bars), 1)
        rects = [
            QRectF(plot.left() + i * slot, plot.top(), slot, plot.height())
            for i in range(len(self.bars))
        ]
        return plot, axis_w, top, rects

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        window = palette.color(QPalette.ColorRole.Window)
        grid = blend(text, window, 0.85)
        muted = blend(text, window, 0.4)
        metrics = QFontMetricsF(self.font())
        line = metrics.height()
        locale = QLocale()
        plot, axis_w, top, _rects = self._geometry()
        if not any(b.total for b in self.bars):
            painter.setPen(muted)
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No usage in this range")
            )
            return
        # grid and axis labels: 0, half, top
        painter.setPen(grid)
        for fraction in (0.0, 0.5, 1.0):
            y = plot.bottom() - fraction * plot.height()
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.save()
            painter.setPen(muted)
            label = locale.toString(round(top * fraction))
            painter.drawText(
                QRectF(0, y - line / 2, axis_w - 6, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            painter.restore()
        slot = plot.width() / len(self.bars)
        width = max(slot * 0.7, 1.0)
        for i, bar in enumerate(self.bars):
            x = plot.left() + i * slot + (slot - width) / 2
            y = plot.bottom()
            for series, tokens in bar.parts:
                h = plot.height() * tokens / top
                painter.fillRect(
                    QRectF(x, y - h, width, h), QColor(SERIES_COLOURS[series % len(SERIES_COLOURS)])
                )
                y -= h
        # first and last day under the axis
        painter.setPen(muted)
        below = QRectF(plot.left(), plot.bottom() + 4, plot.width(), line)
        painter.drawText(
            below,
            Qt.AlignmentFlag.AlignLeft,
            format_day(locale, self.bars[0].day, QLocale.FormatType.ShortFormat),
        )
        if len(self.bars) > 1:
            painter.drawText(
                below,
                Qt.AlignmentFlag.AlignRight,
                format_day(locale, self.bars[-1].day, QLocale.FormatType.ShortFormat),
            )
        self._paint_legend(painter, metrics, text)

    def _paint_legend(self, painter: QPainter, metrics: QFontMetricsF, text: QColor) -> None:
        x, line = 4.0, metrics.height()
        painter.setPen(text)
        for i, name in enumerate(self.series):
            swatch = QRectF(x, (line - 10) / 2 + 2, 10, 10)
            painter.fillRect(swatch, QColor(SERIES_COLOURS[i % len(SERIES_COLOURS)]))
            x += 14
            painter.drawText(QRectF(x, 2, metrics.horizontalAdvance(name) + 2, line), name)
            x += metrics.horizontalAdvance(name) + 14
            if x > self.width() - 40:
                break

    # -- hover ------------------------------------------------------------------------------

    def bar_at(self, x: float, y: float) -> Bar | None:
        for rect, bar in zip(self._geometry()[3], self.bars, strict=True):
            if rect.contains(QPointF(x, y)):
                return bar
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        bar = self.bar_at(event.position().x(), event.position().y())
        if bar is None:
            QToolTip.hideText()
            return
        locale = QLocale()
        lines = [format_day(locale, bar.day, QLocale.FormatType.LongFormat)]
        for series, tokens in bar.parts:
            if tokens:
                lines.append(f"{self.series[series]}: {locale.toString(tokens)}")
        lines.append(self.tr("Total: {0}").format(locale.toString(bar.total)))
        QToolTip.showText(event.globalPosition().toPoint(), "\n".join(lines), self)
