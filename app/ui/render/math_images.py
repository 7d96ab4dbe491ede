"""Formulas drawn for a rich-text view: ``seekdesk-math:`` images from their vector outlines.

An answer's HTML names each formula as an image (:mod:`.math_syntax`); the view asks
:func:`math_resource` for it when it lays the text out. The outlines typeset by
:mod:`.math_tex` are painted with QtSvg in the colour the name carries (the theme's text
colour), scaled to the view's font, at the view's device pixel ratio — so a formula is as sharp
as the text at 2x and re-colours when the theme changes (the answer is rendered again with the
new colour in its image names).

Baseline: Qt centres an image with ``vertical-align: middle`` half an x-height above the text's
baseline. An inline formula is padded (transparent rows above or below) so that its own
baseline lands exactly on the text's, whatever its depth (a fraction hangs lower than ``x``).

Images are kept in a bounded LRU (by count and by bytes), keyed by everything that changes a
pixel: formula, colour, font size, x-height, pixel ratio. Every other scheme gets nothing: a
document never loads a file or a URL.
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QCoreApplication, QObject, QRectF, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetrics, QImage, QPainter, QTextDocument
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QTextEdit
from shiboken6 import isValid

from app.ui.render.math_jobs import typeset_soon
from app.ui.render.math_syntax import MATH_SCHEME, formula_for, set_translator, source_for
from app.ui.render.math_tex import (
    REASON_CONTEXT,
    REFERENCE_PX,
    SENTINEL_COLOUR,
    Formula,
    cached,
    typeset,
)
from app.ui.render.selection_text import register_image_source

__all__ = ["MATH_SCALE", "cache_info", "math_image", "math_resource"]

#: A formula's size relative to the text around it (STIX Two Math reads small beside sans text).
MATH_SCALE = 1.15
#: Images kept, and the pixel memory they may hold together.
CACHE_IMAGES = 512
CACHE_BYTES = 32 * 1024 * 1024
#: Largest image drawn (device pixels); a bigger formula is scaled down to fit.
MAX_PIXELS = 8_000_000

_HEX = re.compile(r"[0-9a-fA-F]{6}")
_Key = tuple[str, str, int, int, float]
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
    image = math_image(key, colour, font, dpr, when_ready=_refresher().ready.emit)
    if image is None and formula_for(key) is not None:
        _refresher().wait_for(view, url)
        return _blank(key, font, dpr)
    return image


def math_image(
    key: str,
    colour: str,
    font: QFont,
    dpr: float,
    when_ready: Callable[[], None] | None = None,
) -> QImage | None:
    """Formula ``key`` drawn in ``colour`` for text in ``font`` at ``dpr``; None if there is
    no such formula, or (with ``when_ready``) it is not typeset yet — ``when_ready`` is called
    once it is. A formula the typesetter gave up on is drawn as its source."""
    global _cache_bytes
    formula = formula_for(key)
    if formula is None:
        return None
    tex, display = formula
    metrics = QFontMetrics(font)
    px = QFontInfo(font).pixelSize()
    cache_key = (key, colour, px, 0 if display else metrics.xHeight(), dpr)
    image = _cache.get(cache_key)
    if image is not None:
        _cache.move_to_end(cache_key)
        return image
    result = typeset(tex, display) if when_ready is None else typeset_soon(tex, display, when_ready)
    if result is None:
        return None
    if isinstance(result, Formula):
        image = _draw(result, colour, px * MATH_SCALE, 0 if display else metrics.xHeight(), dpr)
    else:
        image = _source_image(source_for(f"{MATH_SCHEME}:{key}") or tex, font, colour, dpr)
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
        self.ready.connect(self._flush, Qt.ConnectionType.QueuedConnection)

    def wait_for(self, view: QTextEdit, url: QUrl) -> None:
        self._waiting[(id(view), url.toString())] = (view, url)

    def _flush(self) -> None:
        dirty: dict[int, QTextDocument] = {}
        for name, (view, url) in list(self._waiting.items()):
            if not isValid(view):
                del self._waiting[name]
                continue
            formula = formula_for(url.path())
            if formula is None or cached(*formula) is None:
                continue  # still queued
            del self._waiting[name]
            key, colour = url.path(), _colour(url.query())
            image = math_image(key, colour, view.font(), view.devicePixelRatioF())
            document = view.document()
            if image is not None:
                document.addResource(QTextDocument.ResourceType.ImageResource.value, url, image)
                dirty[id(document)] = document
        for document in dirty.values():
            document.markContentsDirty(0, document.characterCount())


_the_refresher: _Refresher | None = None


def _refresher() -> _Refresher:
    global _the_refresher
    if _the_refresher is None:
        _the_refresher = _Refresher()
    return _the_refresher


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


def _source_image(source: str, font: QFont, colour: str, dpr: float) -> QImage:
    """The formula's source in monospace (the typesetter failed where the guards did not see
    it coming; a copy still gives the source)."""
    mono = QFont(font)
    mono.setFamily("monospace")
    mono.setStyleHint(QFont.StyleHint.Monospace)
    metrics = QFontMetrics(mono)
    text = " ".join(source.split())
    image = QImage(
        max(1, round((metrics.horizontalAdvance(text) + 2) * dpr)),
        max(1, round(metrics.height() * dpr)),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(0)
    image.setDevicePixelRatio(dpr)
    painter = QPainter(image)
    painter.setFont(mono)
    painter.setPen(QColor(f"#{colour}"))
    painter.drawText(0, metrics.ascent(), text)
    painter.end()
    return image


def cache_info() -> tuple[int, int, int]:
    """(images kept, their bytes, images drawn so far): for tests and benchmarks."""
    return len(_cache), _cache_bytes, _drawn


def _draw(formula: Formula, colour: str, size_px: float, x_height: int, dpr: float) -> QImage:
    """The formula at ``size_px``; with an ``x_height``, padded so that its baseline sits on
    the text's baseline under ``vertical-align: middle`` (see the module docstring)."""
    global _drawn
    _drawn += 1
    scale = size_px / REFERENCE_PX * dpr
    width, height = formula.width * scale, formula.height * scale
    if width * height > MAX_PIXELS:
        shrink = math.sqrt(MAX_PIXELS / (width * height))
        scale, width, height = scale * shrink, width * shrink, height * shrink
    ascent = formula.ascent * scale
    descent = height - ascent
    top = bottom = 0.0
    if x_height:
        # Qt puts the image's bottom (h - x/2) / 2 below the baseline: make that the descent.
        excess = ascent - descent - x_height / 2 * dpr
        top, bottom = (0.0, excess) if excess > 0 else (-excess, 0.0)
    image = QImage(
        max(1, math.ceil(width)),
        max(1, round(top + height + bottom)),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(0)
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
