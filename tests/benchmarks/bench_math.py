"""Benchmark: which typesetter draws an answer's math, and what math costs a streaming answer.

1. ``coverage``: each construct DeepSeek's models write (fractions, roots, limits, aligned,
   cases, matrices, ``\\boxed``, ``\\text``, ``\\mathbb``, ``\\left…\\right``, Greek, arrows,
   accents, ``\\underbrace``) and the 67-formula corpus, through ziamath (what SeekDesk uses)
   and matplotlib's mathtext (when installed: ``pip install matplotlib``);
2. ``time``: per formula, cold (typeset + drawn, a fresh cache) and cached, for both;
3. ``memory`` and ``size``: the RSS a fresh process gains importing each and drawing the corpus,
   and the installed size of each with its dependencies;
4. ``stream``: an answer of 200 formulas streamed in 20-character chunks through the Markdown
   pipeline and through a real ``AnswerPart`` offscreen, against the same answer with math off
   (the text as it was shown before) and an answer of plain words of the same length: the time
   per chunk at the end of the answer and the characters rendered per repaint.

Run: ``QT_QPA_PLATFORM=offscreen python3 tests/benchmarks/bench_math.py``. Prints figures;
asserts nothing (timings depend on the machine).
"""

from __future__ import annotations

import importlib.metadata
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.ui.render.math_corpus import ALL, delimiters_of  # noqa: E402

CONSTRUCTS = {
    "fraction": r"\frac{a+b}{c}",
    "root": r"\sqrt[3]{x^2+1}",
    "sum/integral limits": r"\sum_{n=1}^{\infty} \frac{1}{n^2} = \int_0^1 f(x)\,dx",
    "aligned": r"\begin{aligned} a &= b \\ &= c \end{aligned}",
    "cases": r"|x| = \begin{cases} x & x \geq 0 \\ -x & x < 0 \end{cases}",
    "pmatrix": r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}",
    "bmatrix": r"\begin{bmatrix} 1 & 0 \\ 0 & 1 \end{bmatrix}",
    "boxed": r"\boxed{x = 2}",
    "text": r"x > 0 \text{ for all } n",
    "mathbb": r"x \in \mathbb{R}",
    "left/right": r"\left( \frac{a}{b} \right)^2",
    "greek": r"\alpha + \beta = \Gamma(\omega)",
    "arrows": r"a \to b \Rightarrow c \mapsto d",
    "accents": r"\hat{x} + \vec{v} + \bar{y} + \tilde{z} + \dot{a}",
    "underbrace": r"\underbrace{1 + \cdots + 1}_{n}",
}
CORPUS = [f[len(delimiters_of(f)[0]) : len(f) - len(delimiters_of(f)[1])].strip() for f in ALL]
PACKAGES = {
    "ziamath": ["ziamath", "ziafont", "latex2mathml"],
    "mathtext": [
        "matplotlib", "numpy", "pillow", "fonttools", "kiwisolver", "contourpy", "cycler",
        "pyparsing", "python-dateutil",
    ],
}


def ziamath_draw(tex: str) -> bool:
    """Typeset and draw one formula as SeekDesk does; True if it came out as a formula."""
    from PySide6.QtGui import QFont

    from app.ui.render.math_images import math_image
    from app.ui.render.math_syntax import _key
    from app.ui.render.math_tex import Formula, typeset

    if not isinstance(typeset(tex, True), Formula):
        return False
    font = QFont()
    font.setPixelSize(16)
    return math_image(_key(tex, True, f"$${tex}$$"), "1f2328", font, 1.0) is not None


def mathtext_draw(tex: str) -> bool:
    from matplotlib.mathtext import MathTextParser

    try:
        MathTextParser("agg").parse(f"${tex}$", dpi=96)
    except Exception:  # mathtext reports what it lacks as ValueError & co
        return False
    return True


def clear_caches() -> None:
    from app.ui.render import math_images, math_tex

    math_tex._check.cache_clear()
    with math_tex._results_lock:
        math_tex._results.clear()
    math_images._cache.clear()
    math_images._cache_bytes = 0


def per_formula_ms(draw, formulas: list[str], cold: bool) -> float:
    if cold:
        clear_caches()
    start = time.perf_counter()
    for tex in formulas:
        draw(tex)
    return (time.perf_counter() - start) / len(formulas) * 1000


def installed_mb(names: list[str]) -> float:
    total = 0
    for name in names:
        try:
            files = importlib.metadata.files(name) or []
        except importlib.metadata.PackageNotFoundError:
            continue
        total += sum(f.size or 0 for f in files)
    return total / 1e6


def rss_gain_mb(which: str) -> tuple[float, float]:
    """RSS a fresh process gains (importing the typesetter, then drawing the corpus)."""
    module = "ziamath" if which == "ziamath" else "matplotlib.mathtext"
    code = (
        f"import sys, json; sys.path.insert(0, {str(ROOT)!r})\n"
        "def rss():\n"
        "    for line in open('/proc/self/status'):\n"
        "        if line.startswith('VmRSS:'): return int(line.split()[1]) / 1024\n"
        "from PySide6.QtWidgets import QApplication; app = QApplication([])\n"
        "from tests.benchmarks import bench_math as b\n"
        "import app.ui.render.math_images\n"
        f"before = rss(); import {module}; imported = rss()\n"
        f"draw = b.ziamath_draw if {which!r} == 'ziamath' else b.mathtext_draw\n"
        "[draw(t) for t in b.CORPUS]\n"
        "print(json.dumps([imported - before, rss() - imported]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False
    )
    try:
        imported, drawn = json.loads(done.stdout.strip().splitlines()[-1])
        return float(imported), float(drawn)
    except (ValueError, IndexError):
        return float("nan"), float("nan")


def math_answer(count: int) -> str:
    """An answer of ``count`` distinct formulas in prose: mostly inline, every fifth on its own
    lines; the corpus is walked in steps of 7 (prime to its 67), so light and heavy formulas
    are spread evenly over the answer."""
    parts = []
    for i in range(count):
        tex = CORPUS[i * 7 % len(CORPUS)].replace("\n", " ") + f" + {i}"
        if i % 5 == 4:
            parts.append(f"so that\n\\[\n{tex}\n\\]\n\n")
        else:
            parts.append(f"Step {i} gives \\({tex}\\) as expected, ")
    return "".join(parts) + "\n"


def stream_figures(text: str, math: bool, view: bool) -> tuple[float, float, float]:
    """ms per 20-character chunk over the first and the last 200 chunks, and characters
    rendered per repaint over the last 200."""
    from app.ui.render.markdown import MarkdownRenderer, MarkdownStyle
    from app.ui.render.stream import MarkdownStream

    clear_caches()
    renderer = MarkdownRenderer(MarkdownStyle())
    if not math:
        renderer._md.disable(["math_inline", "math_block", "math_fence"])
    if view:
        from app.ui.render.rich_text import AnswerPart

        part = AnswerPart(MarkdownStyle())
        part.stream = MarkdownStream(renderer)
        part.resize(700, 400)
        part.show()
        append, render = part.append, part.render
    else:
        stream = MarkdownStream(renderer)
        append, render = stream.append, stream.render
    chunks = [text[i : i + 20] for i in range(0, len(text), 20)]
    times, chars = [], []
    for chunk in chunks:
        before = renderer.chars_rendered
        start = time.perf_counter()
        append(chunk)
        render()
        times.append(time.perf_counter() - start)
        chars.append(renderer.chars_rendered - before)
    first, last = slice(0, 200), slice(-200, None)
    return (
        statistics.mean(times[first]) * 1000,
        statistics.mean(times[last]) * 1000,
        statistics.mean(chars[last]),
    )


def open_stored_ms(text: str, cold: bool) -> tuple[float, float, float]:
    """A finished answer opened whole (from history) in an AnswerPart: ms until it is shown
    (the window waits that long), ms until every formula is drawn (the worker's, the window
    running meanwhile), and the longest the event loop waited for a 5 ms timer meanwhile."""
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui.render import math_jobs
    from app.ui.render.markdown import MarkdownStyle
    from app.ui.render.rich_text import AnswerPart

    if cold:
        clear_caches()
    part = AnswerPart(MarkdownStyle())
    part.resize(700, 400)
    start = time.perf_counter()
    part.set_text(text)
    part.show()
    QApplication.processEvents()
    shown = (time.perf_counter() - start) * 1000
    worst = 0.0
    clock = QElapsedTimer()
    while math_jobs.pending() and time.perf_counter() - start < 60:
        clock.start()
        QTimer.singleShot(5, lambda: None)
        QApplication.processEvents()
        time.sleep(0.005)
        QApplication.processEvents()
        worst = max(worst, clock.elapsed() - 5)
    QApplication.processEvents()
    return shown, (time.perf_counter() - start) * 1000, worst


def main() -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)  # noqa: F841  # (kept alive)
    try:
        import matplotlib  # noqa: F401

        have_mathtext = True
    except ImportError:
        have_mathtext = False

    start = time.perf_counter()
    ziamath_draw("x")
    first_ms = (time.perf_counter() - start) * 1000
    print("coverage (construct: ziamath / mathtext)")
    for name, tex in CONSTRUCTS.items():
        mt = ("yes" if mathtext_draw(tex) else "NO") if have_mathtext else "-"
        print(f"  {name:22} {'yes' if ziamath_draw(tex) else 'NO':4} {mt}")
    zia = sum(ziamath_draw(t) for t in CORPUS)
    mt_count = sum(mathtext_draw(t) for t in CORPUS) if have_mathtext else -1
    print(f"  corpus ({len(CORPUS)} formulas):   ziamath {zia}, mathtext {mt_count}")

    print("time per formula, ms (the corpus; cold = fresh caches, glyphs loaded)")
    rows = [
        ("ziamath first formula (import, font)", first_ms),
        ("ziamath cold, typeset + drawn", per_formula_ms(ziamath_draw, CORPUS, True)),
        ("ziamath cached", per_formula_ms(ziamath_draw, CORPUS, False)),
    ]
    if have_mathtext:
        ok = [t for t in CORPUS if mathtext_draw(t)]
        cold = per_formula_ms(mathtext_draw, ok, True)
        rows.append((f"mathtext, the {len(ok)} it can draw", cold))
    for label, ms in rows:
        print(f"  {label:40} {ms:8.3f}")

    print("memory, MB (RSS a fresh process gains: import / drawing the corpus), installed size")
    for which in ("ziamath", "mathtext") if have_mathtext else ("ziamath",):
        imported, drawn = rss_gain_mb(which)
        size = installed_mb(PACKAGES[which])
        print(f"  {which:9} +{imported:.1f} / +{drawn:.1f}   installed {size:.1f}")

    text = math_answer(200)
    plain = " ".join(["word"] * (len(text) // 5))[: len(text)]
    print(f"streaming {len(text):,} characters in 20-character chunks: ms per chunk "
          "(first 200 / last 200), characters rendered per repaint (last 200)")
    for label, source, math, view in (
        ("pipeline, plain words", plain, True, False),
        ("pipeline, 200 formulas, math off", text, False, False),
        ("pipeline, 200 formulas", text, True, False),
        ("AnswerPart, plain words", plain, True, True),
        ("AnswerPart, 200 formulas, math off", text, False, True),
        ("AnswerPart, 200 formulas", text, True, True),
    ):
        early, late, chars = stream_figures(source, math, view)
        print(f"  {label:36} {early:6.2f} / {late:6.2f} ms   {chars:6.0f} chars")
    print("opening the 200-formula answer whole (from history): ms until shown / until every")
    print("formula is drawn / longest event-loop wait meanwhile")
    for label, source, cold in (
        ("formulas never drawn before", text, True),
        ("formulas cached (reopened)", text, False),
        ("plain words of that length", plain, True),
    ):
        shown, drawn, worst = open_stored_ms(source, cold)
        print(f"  {label:30} {shown:7.0f} / {drawn:7.0f} / {worst:5.0f}")


if __name__ == "__main__":
    main()
