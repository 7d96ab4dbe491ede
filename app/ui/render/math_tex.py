"""LaTeX → vector outlines (SVG), typeset once per formula, Qt-free.

The typesetter is ziamath (pure Python: latex2mathml turns the TeX into MathML, ziamath lays it
out with the STIX Two Math font it ships and writes SVG paths). It was chosen over matplotlib's
mathtext by measuring (``tests/benchmarks/bench_math.py``): mathtext has no ``aligned``,
``cases`` or matrix environments, no ``\\boxed``/``\\underbrace``, and pulls numpy and
matplotlib (~40 MB of wheels, 134 MB installed) into the bundle; ziamath covers what DeepSeek
writes for 1.4 MB of wheels (3 MB installed) and a few milliseconds a formula.

Two steps. :func:`check` (the guards and TeX → MathML, ~1 ms) runs when the answer's HTML is
written, so a formula that cannot be converted shows as its source with the reason, never a
blank image; past a small time budget it is skipped and the formula taken on trust.
:func:`typeset` (the layout, a few ms) runs when a view draws the formula, on the window's
thread or on a worker (:mod:`.math_jobs`); it redoes the check, so a formula taken on trust that
fails is still caught. Outlines are drawn in a sentinel colour at a reference size; the Qt side
(:mod:`.math_images`) swaps in the theme's colour and scales the vector to the text's size.
Results are cached by (source, display) in bounded LRUs, so re-rendering a tail or a theme
change does not typeset again.

Guards: a formula longer than :data:`MAX_SOURCE` characters or nested deeper than
:data:`MAX_DEPTH` is refused before the typesetter sees it (its cost grows with both), and any
exception the typesetter raises — including ``RecursionError`` — becomes a :class:`MathError`.
"""

from __future__ import annotations

import contextlib
import functools
import re
import threading
import time
import warnings
from collections import OrderedDict, deque
from dataclasses import dataclass
from types import ModuleType

__all__ = [
    "MAX_DEPTH",
    "MAX_SOURCE",
    "MAX_STRETCH_DEPTH",
    "REFERENCE_PX",
    "SENTINEL_COLOUR",
    "Formula",
    "MathError",
    "cached",
    "check",
    "typeset",
]

#: Longest formula typeset (characters of TeX); a longer one is shown as source.
MAX_SOURCE = 3_000
#: Deepest nesting of ``{``, ``\left`` and ``\begin`` typeset.
MAX_DEPTH = 24
#: Deepest nesting of ``\left`` and ``\begin`` (each level of stretchy delimiters doubles
#: ziamath's work: 5 levels ~50 ms, 8 levels over a second).
MAX_STRETCH_DEPTH = 5
#: The size (px) formulas are typeset at; the image is scaled from it.
REFERENCE_PX = 20.0
#: Colour the outlines are written in, replaced by the theme's text colour when drawn.
SENTINEL_COLOUR = "#010203"
#: Formulas kept typeset (a few kB of SVG each).
CACHE_SIZE = 1_024

#: What nests: ``{``/``}``, ``\left``/``\right``, ``\begin``/``\end``; ``\{`` and ``\\`` do not.
_NESTING = re.compile(r"\\(left|right|begin|end)(?![A-Za-z])|\\.|([{}])", re.DOTALL)
#: Commands that draw nothing (cross-references, numbering switches): dropped before converting.
_INVISIBLE = re.compile(r"\\(?:label\{[^{}]*\}|nonumber(?![A-Za-z])|notag(?![A-Za-z]))")
_UNKNOWN = re.compile(r"<m[io][^>]*>\\([A-Za-z]+)</m[io]>")
_ziamath: ModuleType | None = None
_load_lock = threading.Lock()
#: One formula laid out at a time (ziamath keeps glyph caches in module state).
_typeset_lock = threading.Lock()
_results_lock = threading.Lock()
_results: OrderedDict[tuple[str, bool], Formula | MathError] = OrderedDict()
#: Checking (TeX → MathML) a caller may do per window before the rest is taken on trust.
CHECK_BUDGET_S = 0.04
CHECK_WINDOW_S = 0.1
_check_spent: deque[tuple[float, float]] = deque()  # (when a check ended, seconds it took)
_checked: OrderedDict[tuple[str, bool], None] = OrderedDict()  # keys checked (the window's)


@dataclass(frozen=True, slots=True)
class Formula:
    """A typeset formula: SVG outlines in :data:`SENTINEL_COLOUR`, at :data:`REFERENCE_PX`.

    ``width`` and ``height`` are the SVG's size in px at the reference size; ``ascent`` is how
    far the baseline lies below its top (the rest, ``height - ascent``, hangs below it).
    """

    svg: str
    width: float
    height: float
    ascent: float


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # (the name lupdate looks for)
    """Mark ``text`` for pyside6-lupdate under ``context``; returns it unchanged (no Qt here)."""
    return text


#: The catalogue context of the reasons below (the view translates under it).
REASON_CONTEXT = "MathFormula"
EMPTY = QT_TRANSLATE_NOOP("MathFormula", "Empty formula")
TOO_LONG = QT_TRANSLATE_NOOP("MathFormula", "Formula too long to draw")
TOO_DEEP = QT_TRANSLATE_NOOP("MathFormula", "Formula nested too deeply to draw")
UNBALANCED = QT_TRANSLATE_NOOP("MathFormula", "Unbalanced braces or \\begin/\\end")
UNKNOWN = QT_TRANSLATE_NOOP("MathFormula", "Unknown command")
FAILED = QT_TRANSLATE_NOOP("MathFormula", "Cannot draw this formula")


@dataclass(frozen=True, slots=True)
class MathError:
    """A formula that cannot be typeset, and why (shown on hover over its source).

    ``reason`` is one of the marked sentences above (translated where it is shown);
    ``detail`` is what no catalogue can translate: a command's name, the typesetter's words.
    """

    reason: str
    detail: str = ""


def check(tex: str, display: bool, budget: bool = False) -> MathError | None:
    """Why ``tex`` cannot be typeset, if that shows before laying it out (the guards and the
    TeX → MathML conversion, ~1 ms; cached), or None.

    With ``budget``, a formula not checked before is checked only while the caller has spent
    under :data:`CHECK_BUDGET_S` on checks in the last :data:`CHECK_WINDOW_S`; past that it is
    taken on trust (None), and the typesetter finds out later (an answer of hundreds of
    formulas opened whole would otherwise wait ~1 ms for each)."""
    key = (tex.strip(), display)
    if budget and key not in _checked:
        now = time.perf_counter()
        while _check_spent and _check_spent[0][0] < now - CHECK_WINDOW_S:
            _check_spent.popleft()
        if sum(spent for _, spent in _check_spent) >= CHECK_BUDGET_S:
            return None
        result = _check(*key)
        end = time.perf_counter()
        _check_spent.append((end, end - now))
    else:
        result = _check(*key)
    _checked[key] = None
    if len(_checked) > CACHE_SIZE:
        _checked.popitem(last=False)
    return result if isinstance(result, MathError) else None


def cached(tex: str, display: bool) -> Formula | MathError | None:
    """The formula if it has been typeset already (no work), else None."""
    key = (tex.strip(), display)
    with _results_lock:
        result = _results.get(key)
        if result is not None:
            _results.move_to_end(key)
        return result


def typeset(tex: str, display: bool) -> Formula | MathError:
    """The formula ``tex`` typeset (``display``: in display style), or why it cannot be.

    Blocking: a few ms, up to ~100 ms for the largest formula the guards let through. Safe
    from any thread (one formula is laid out at a time)."""
    key = (tex.strip(), display)
    result = cached(*key)
    if result is not None:
        return result
    with _typeset_lock:
        result = cached(*key) or _typeset(*key)
    with _results_lock:
        _results[key] = result
        while len(_results) > CACHE_SIZE:
            _results.popitem(last=False)
    return result


@functools.lru_cache(maxsize=CACHE_SIZE)
def _check(tex: str, display: bool) -> MathError | str:
    """The formula's MathML, or why there is none."""
    refused = _refusal(tex)
    if refused is not None:
        return refused
    zm = _load()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            mathml: str = zm.tex.tex2mml(_INVISIBLE.sub("", tex), inline=not display)
    except (Exception, RecursionError) as error:  # the converter's errors are not typed
        return _failure(error)
    unknown = _UNKNOWN.search(mathml)
    if unknown is not None:
        return MathError(UNKNOWN, f"\\{unknown.group(1)}")
    return mathml


def _typeset(tex: str, display: bool) -> Formula | MathError:
    mathml = _check(tex, display)
    if isinstance(mathml, MathError):
        return mathml
    zm = _load()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            math = zm.Math(mathml, size=REFERENCE_PX)
            svg = math.svg()
            box = math.node.bbox
    except (Exception, RecursionError) as error:  # the typesetter's errors are not typed
        return _failure(error)
    margin = math.margin
    width = box.xmax - box.xmin + 2 * margin
    height = box.ymax - box.ymin + 2 * margin
    if width <= 2 * margin or height <= 2 * margin:
        return MathError(EMPTY)
    return Formula(svg=svg, width=width, height=height, ascent=box.ymax + margin)


def _refusal(tex: str) -> MathError | None:
    """Why ``tex`` is not handed to the typesetter at all (None: it may be)."""
    if not tex:
        return MathError(EMPTY)
    if len(tex) > MAX_SOURCE:
        return MathError(TOO_LONG, f"{len(tex):,} > {MAX_SOURCE:,}")
    depth = deepest = stretch = deepest_stretch = 0
    for match in _NESTING.finditer(tex):
        token = match.group(1) or match.group(2)
        if token in ("{", "left", "begin"):
            depth += 1
            deepest = max(deepest, depth)
            if token != "{":
                stretch += 1
                deepest_stretch = max(deepest_stretch, stretch)
        elif token:
            depth -= 1
            stretch -= token != "}"
    if deepest > MAX_DEPTH or deepest_stretch > MAX_STRETCH_DEPTH:
        return MathError(TOO_DEEP)
    if depth != 0:
        return MathError(UNBALANCED)
    return None


def _failure(error: BaseException) -> MathError:
    """The typesetter's exception as a reason (its message is English: the detail)."""
    if isinstance(error, RecursionError):
        return MathError(TOO_DEEP)
    text = str(error).strip()
    name = type(error).__name__.removesuffix("Error").removesuffix("Exception")
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).strip().lower()
    return MathError(FAILED, ": ".join(part for part in (words, text) if part))


def _load() -> ModuleType:
    """ziamath, configured once (imported on the first formula: ~0.1 s and its font)."""
    global _ziamath
    if _ziamath is not None:
        return _ziamath
    with _load_lock:
        if _ziamath is not None:
            return _ziamath
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # its importlib.resources use
            import ziamath
            import ziamath.tex

        from app.ui.render.math_speedup import patch_rows

        # Rows measured only when something in them stretches. A ziamath whose internals
        # moved keeps its own layout: formulas stay right, only slower when deeply nested.
        with contextlib.suppress(AttributeError, ImportError, TypeError):
            patch_rows(ziamath)
        # Outlines inline: QtSvg does not draw SVG 2 <symbol> references.
        ziamath.config.svg2 = False
        ziamath.config.math.color = SENTINEL_COLOUR
        _ziamath = ziamath
    return _ziamath
