"""Formulas drawn for a rich-text view: ``seekdesk-math:`` images from their vector outlines.

An answer's HTML names each formula as an image (:mod:`.math_syntax`); the view asks
:func:`math_resource` for it when it lays the text out. The outlines typeset by
:mod:`.math_tex` are painted with QtSvg in the colour the name carries (the theme's text
colour), scaled to the view's font, at the view's device pixel ratio — so a formula is as sharp
as the text at 2x and re-colours when the theme changes (the answer is rendered again with the
new colour in its image names).

Baseline (measured, Qt 6): an image with ``vertical-align: middle`` counts for the line box
as ``(h ± x-height/2) / 2`` above / below the baseline, and is then drawn centred on the
middle of the line box. So where its centre lands depends on what dominates the line: the
text's own ascent and descent (small formulas: the middle is ``(ascent - descent) / 2`` above
the baseline) or the tallest image (the middle is ``x-height / 4`` above it). An inline formula
is padded (transparent rows above or below) so that its baseline lies that far below its
centre, for the regime its padded size puts it in. Alone or beside formulas of its kind, it
sits exactly on the text's baseline; a small formula on a line a tall one dominates lands a
few pixels low (Qt offers no way to align an image's own baseline).

A formula wider than the view's column is drawn smaller, to fit. One not typeset yet
(:mod:`.math_jobs` queued it for its worker) is a transparent blank of about its size; the
view's document gets the real image when it arrives, in batches (one relayout of the blocks
concerned per :data:`REFRESH_MS`). A formula the typesetter refuses after it was shown on
trust is drawn as its source, the reason on hover.

Images are kept in a bounded LRU (by count and by bytes), keyed by everything that changes a
pixel: formula, colour, font size, line metrics, pixel ratio, and the column width when it
shrinks the formula. Every other scheme gets nothing: a document never loads a file or a URL.
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QObject,
    QPointF,
    QRectF,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QFontMetrics,
    QFontMetricsF,
    QImage,
    QPainter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextEdit
from shiboken6 import isValid

from app.ui.render.math_jobs import typeset_soon
from app.ui.render.math_syntax import MATH_SCHEME, formula_for, set_translator, source_for
from app.ui.render.math_tex import (
    REASON_CONTEXT,
    REFERENCE_PX,
    SENTINEL_COLOUR,
    Formula,
    MathError,
    cached,
    typeset,
)
from app.ui.render.selection_text import register_image_source

__all__ = ["MATH_SCALE", "cache_info", "math_image", "math_resource", "waiting"]

#: A formula's size relative to the text around it (STIX Two Math reads small beside sans text).
MATH_SCALE = 1.15
#: Images kept, and the pixel memory they may hold together.
CACHE_IMAGES = 512
CACHE_BYTES = 32 * 1024 * 1024
#: How often formulas typeset on the worker are handed to their views (ms).
REFRESH_MS = 50
#: Largest image drawn (device pixels); a bigger formula is scaled down to fit.
MAX_PIXELS = 8_000_000

_HEX = re.compile(r"[0-9a-fA-F]{6}")
_Key = tuple[str, str, int, tuple[float, float, float] | None, float, int]
_cache: OrderedDict[_Key, QImage] = OrderedDict()
_cache_bytes = 0
_drawn = 0


def math_resource(
    kind: int, url: QUrl, font: QFont, dpr: float, view: QTextEdit | None = None
) -> QImage | None:
    """What a view's ``loadResource`` returns for ``url``: a formula image, or None for
    anything else (a document must not load files or URLs).

    With a ``view``, a formula not typeset yet (:mod:`.math_jobs` queued it) is a blank of
    about its size for now; the view's document gets the real image when it is ready."""
    if kind != QTextDocument.ResourceType.ImageResource.value:
        return None
    if url.scheme().lower() != MATH_SCHEME:
        return None
    key, colour = url.path(), _colour(url.query())
    if view is None:
        return math_image(key, colour, font, dpr)
    ready = _refresher().ready.emit
    image = math_image(key, colour, font, dpr, when_ready=ready, max_width=_room(view))
    if image is None and formula_for(key) is not None:
        _refresher().wait_for(view, url)
        return _blank(key, font, dpr)
    formula = formula_for(key)
    result = cached(*formula) if formula is not None else None
    if isinstance(result, MathError):
        # Shown on trust, refused when typeset here and now: the reason goes on hover as when
        # the worker refuses it — after this layout pass (a format change inside it is not safe).
        name = url.toString()

        def explain() -> None:
            if isValid(view):
                _explain(view.document(), name, result)

        QTimer.singleShot(0, explain)
    return image


def math_image(
    key: str,
    colour: str,
    font: QFont,
    dpr: float,
    when_ready: Callable[[], None] | None = None,
    max_width: int = 0,
) -> QImage | None:
    """Formula ``key`` drawn in ``colour`` for text in ``font`` at ``dpr``; None if there is
    no such formula, or (with ``when_ready``) it is not typeset yet — ``when_ready`` is called
    once it is. A formula the typesetter gave up on is drawn as its source. One wider than
    ``max_width`` (logical px; 0: no limit) is drawn smaller, to fit: nothing in the answer
    may be wider than its column."""
    global _cache_bytes
    formula = formula_for(key)
    if formula is None:
        return None
    tex, display = formula
    px = QFontInfo(font).pixelSize()
    line = None if display else _line_metrics(font)
    result = cached(tex, display)
    # The width limit is part of the key only when it shrinks the formula (views of one answer
    # differ in width only before they are laid out).
    cache_key = (key, colour, px, line, dpr, _limit(result, px, max_width))
    image = _cache.get(cache_key)
    if image is not None:
        _cache.move_to_end(cache_key)
        return image
    if result is None:
        result = (
            typeset(tex, display) if when_ready is None else typeset_soon(tex, display, when_ready)
        )
        if result is None:
            return None
        cache_key = (key, colour, px, line, dpr, _limit(result, px, max_width))
    if isinstance(result, Formula):
        size = px * MATH_SCALE
        if cache_key[-1]:
            size = cache_key[-1] * REFERENCE_PX / result.width
        image = _draw(result, colour, size, line, dpr)
    else:
        source = source_for(f"{MATH_SCHEME}:{key}") or tex
        image = _source_image(source, font, colour, dpr, line)
    _cache[cache_key] = image
    _cache_bytes += image.sizeInBytes()
    while len(_cache) > CACHE_IMAGES or (_cache_bytes > CACHE_BYTES and len(_cache) > 1):
        _, dropped = _cache.popitem(last=False)
        _cache_bytes -= dropped.sizeInBytes()
    return image


class _Refresher(QObject):
    """Hands each view the formulas it showed as blanks, once typeset (on the window's thread:
    ``ready`` is emitted by the worker and delivered queued)."""

    ready = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._waiting: dict[tuple[int, str], tuple[QTextEdit, QUrl]] = {}
        # Formulas arriving together are handed over together: one relayout per view per
        # REFRESH_MS, not one per formula.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._flush)
        self.ready.connect(self._schedule, Qt.ConnectionType.QueuedConnection)

    def _schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def wait_for(self, view: QTextEdit, url: QUrl) -> None:
        self._waiting[(id(view), url.toString())] = (view, url)

    def _flush(self) -> None:
        arrived: dict[int, tuple[QTextDocument, set[str]]] = {}
        for name, (view, url) in list(self._waiting.items()):
            if not isValid(view):
                del self._waiting[name]
                continue
            formula = formula_for(url.path())
            result = cached(*formula) if formula is not None else None
            if result is None:
                continue  # still queued
            del self._waiting[name]
            key, colour = url.path(), _colour(url.query())
            font, dpr = view.font(), view.devicePixelRatioF()
            image = math_image(key, colour, font, dpr, max_width=_room(view))
            document = view.document()
            if image is not None:
                document.addResource(QTextDocument.ResourceType.ImageResource.value, url, image)
                arrived.setdefault(id(document), (document, set()))[1].add(url.toString())
            if isinstance(result, MathError):
                _explain(document, url.toString(), result)
        for document, names in arrived.values():
            # Only the blocks holding them are laid out again (not the whole document).
            for position, length in _image_spans(document, names):
                document.markContentsDirty(position, length)


_the_refresher: _Refresher | None = None


def _refresher() -> _Refresher:
    global _the_refresher
    if _the_refresher is None:
        _the_refresher = _Refresher()
    return _the_refresher


def _image_spans(document: QTextDocument, names: set[str]) -> list[tuple[int, int]]:
    """Where images named ``names`` stand in ``document``: (position, length) of each."""
    spans = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            fmt = fragment.charFormat()
            if fmt.isImageFormat() and fmt.toImageFormat().name() in names:
                spans.append((fragment.position(), fragment.length()))
            iterator += 1
        block = block.next()
    return spans


def _explain(document: QTextDocument, name: str, error: MathError) -> None:
    """A formula taken on trust that the typesetter refused (drawn as its source): the reason
    shows on hover over it, as over a formula refused before it was shown."""
    tip = _translate_reason(error.reason) + (f": {error.detail}" if error.detail else "")
    tooltip = QTextCharFormat()
    tooltip.setToolTip(tip)
    for position, length in _image_spans(document, {name}):
        cursor = QTextCursor(document)
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(tooltip)


def _room(view: QTextEdit) -> int:
    """The width a formula may take in ``view`` (0: not laid out yet, no limit)."""
    width = view.viewport().width() - 2 * round(view.document().documentMargin()) - 4
    return width if width >= 100 else 0


def _blank(key: str, font: QFont, dpr: float) -> QImage:
    """A transparent stand-in of about the formula's size (so little moves when it arrives)."""
    formula = formula_for(key)
    tex, display = formula if formula is not None else ("", False)
    px = QFontInfo(font).pixelSize() * MATH_SCALE
    visible = len(re.sub(r"\\[A-Za-z]+|[{}^_&\\ ]", "", tex)) + 1
    width = min(px * 0.55 * visible, 600.0)
    height = px * (2.2 if display else 1.2)
    image = QImage(
        max(1, round(width * dpr)), max(1, round(height * dpr)), QImage.Format.Format_ARGB32
    )
    image.fill(0)
    image.setDevicePixelRatio(dpr)
    return image


def _source_image(
    source: str, font: QFont, colour: str, dpr: float, line: tuple[float, float, float] | None
) -> QImage:
    """The formula's source in monospace, on the text's baseline when inline (the typesetter
    refused a formula shown on trust; a copy still gives the source)."""
    mono = QFont(font)
    mono.setFamily("monospace")
    mono.setStyleHint(QFont.StyleHint.Monospace)
    metrics = QFontMetricsF(mono)
    text = " ".join(source.split())
    ascent, descent = metrics.ascent(), metrics.descent()
    top, bottom = _padding(ascent, descent, line) if line is not None else (0.0, 0.0)
    image = QImage(
        max(1, round((metrics.horizontalAdvance(text) + 2) * dpr)),
        max(1, round((top + ascent + descent + bottom) * dpr)),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(0)
    image.setDevicePixelRatio(dpr)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setFont(mono)
    painter.setPen(QColor(f"#{colour}"))
    painter.drawText(QPointF(0, top + ascent), text)
    painter.end()
    return image


def _limit(result: Formula | MathError | None, px: int, max_width: int) -> int:
    """``max_width`` if the formula is wider than that at ``px``, else 0 (drawn as it is)."""
    if not max_width or not isinstance(result, Formula):
        return 0
    return max_width if result.width * px * MATH_SCALE / REFERENCE_PX > max_width else 0


def waiting() -> int:
    """Formula images views show as blanks for now (0 once each has its image)."""
    return 0 if _the_refresher is None else len(_the_refresher._waiting)


def cache_info() -> tuple[int, int, int]:
    """(images kept, their bytes, images drawn so far): for tests and benchmarks."""
    return len(_cache), _cache_bytes, _drawn


def _line_metrics(font: QFont) -> tuple[float, float, float]:
    """(ascent, descent, x-height / 2) of text in ``font``, as Qt's layout reckons them."""
    metrics = QFontMetricsF(font)
    return metrics.ascent(), metrics.descent(), QFontMetrics(font).xHeight() / 2


def _padding(
    ascent: float, descent: float, line: tuple[float, float, float]
) -> tuple[float, float]:
    """Rows to add (above, below) a formula reaching ``ascent`` above and ``descent`` below its
    baseline (logical px) so that Qt's centring puts that baseline on the text's: the part
    above must exceed the part below by the line box's (ascent - descent), which itself
    depends on the padded height — found by a few rounds of fixed-point iteration."""
    text_ascent, text_descent, half_x = line
    top = bottom = 0.0
    target = text_ascent - text_descent
    for _ in range(8):
        excess = ascent - descent - target
        top, bottom = (0.0, excess) if excess > 0 else (-excess, 0.0)
        height = ascent + descent + top + bottom
        box = max(text_ascent, (height + half_x) / 2) - max(text_descent, (height - half_x) / 2)
        if abs(box - target) < 0.01:
            break
        target = box
    return top, bottom


def _draw(
    formula: Formula,
    colour: str,
    size_px: float,
    line: tuple[float, float, float] | None,
    dpr: float,
) -> QImage:
    """The formula at ``size_px``; inline (with the text's ``line`` metrics), padded so that
    its baseline sits on the text's under ``vertical-align: middle`` (module docstring)."""
    global _drawn
    _drawn += 1
    scale = size_px / REFERENCE_PX * dpr
    width, height = formula.width * scale, formula.height * scale
    if width * height > MAX_PIXELS:
        shrink = math.sqrt(MAX_PIXELS / (width * height))
        scale, width, height = scale * shrink, width * shrink, height * shrink
    top = bottom = 0.0
    if line is not None:
        ascent = formula.ascent * scale
        top, bottom = _padding(ascent / dpr, (height - ascent) / dpr, line)
        top, bottom = top * dpr, bottom * dpr
    image = QImage(
        max(1, math.ceil(width)),
        max(1, round(top + height + bottom)),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(0)
    from PySide6.QtSvg import QSvgRenderer  # (loaded with the first formula, not at start)

    svg = formula.svg.replace(SENTINEL_COLOUR, QColor(f"#{colour}").name())
    renderer = QSvgRenderer(QByteArray(svg.encode()))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, top, width, height))
    painter.end()
    image.setDevicePixelRatio(dpr)
    return image


def _colour(query: str) -> str:
    """The colour a name's query asks for (``c=RRGGBB``), black if it asks for none."""
    for part in query.split("&"):
        name, _, value = part.partition("=")
        if name == "c" and _HEX.fullmatch(value):
            return value.lower()
    return "000000"


def _translate_reason(text: str) -> str:
    return QCoreApplication.translate(REASON_CONTEXT, text)


# Copies of a selection give a formula's source as it was written; a failed formula's reason
# is shown in the user's language.
register_image_source(MATH_SCHEME, source_for)
set_translator(_translate_reason)
