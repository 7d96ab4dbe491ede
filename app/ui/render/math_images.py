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

from PySide6.QtCore import QByteArray, QCoreApplication, QRectF, QUrl
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetrics, QImage, QPainter, QTextDocument
from PySide6.QtSvg import QSvgRenderer

from app.ui.render.math_syntax import MATH_SCHEME, formula_for, set_translator, source_for
from app.ui.render.math_tex import (
    REASON_CONTEXT,
    REFERENCE_PX,
    SENTINEL_COLOUR,
    Formula,
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


def math_resource(kind: int, url: QUrl, font: QFont, dpr: float) -> QImage | None:
    """What a view's ``loadResource`` returns for ``url``: a formula image, or None for
    anything else (a document must not load files or URLs)."""
    if kind != QTextDocument.ResourceType.ImageResource.value:
        return None
    if url.scheme().lower() != MATH_SCHEME:
        return None
    return math_image(url.path(), _colour(url.query()), font, dpr)


def math_image(key: str, colour: str, font: QFont, dpr: float) -> QImage | None:
    """Formula ``key`` drawn in ``colour`` for text in ``font`` at ``dpr`` (None: unknown or
    cannot be typeset — its HTML shows the source then, so this is never reached)."""
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
    typeset_ = typeset(tex, display)
    if not isinstance(typeset_, Formula):
        return None
    image = _draw(typeset_, colour, px * MATH_SCALE, 0 if display else metrics.xHeight(), dpr)
    _cache[cache_key] = image
    _cache_bytes += image.sizeInBytes()
    while len(_cache) > CACHE_IMAGES or (_cache_bytes > CACHE_BYTES and len(_cache) > 1):
        _, dropped = _cache.popitem(last=False)
        _cache_bytes -= dropped.sizeInBytes()
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
