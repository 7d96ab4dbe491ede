"""Benchmark: does rendering a streaming answer stay cheap as the answer grows?

Streams a 100,000-character Markdown answer (headings, paragraphs, lists, tables, code) in
20-character chunks and prints the time per chunk at the start and at the end of the answer:

1. ``markdown``: the pure pipeline (``MarkdownStream.append`` + ``render`` on every chunk) —
   finished blocks rendered once, only the tail again;
2. ``naive``: for contrast, re-rendering the whole answer on every chunk (sampled);
3. ``chat view``: the real widgets offscreen — ``ChatView.append_answer`` with a repaint forced
   on every chunk (the throttle flushed) and Qt's layout run each time; the worst case, since
   the throttle normally coalesces repaints to ≤ 60/s;
4. ``throttled``: the real path — chunks appended as fast as they come, the event loop running
   in between, repaints coalesced by the throttle.

Run: ``QT_QPA_PLATFORM=offscreen python3 tests/benchmarks/bench_render.py``. Prints figures;
asserts nothing (timings depend on the machine).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

#: CPU time of this process: other work on a busy machine does not count against us.
CLOCK = time.process_time
TARGET_CHARS = 100_000
CHUNK = 20
WINDOW = 500  # chunks averaged at the start and at the end


def make_answer(size: int = TARGET_CHARS) -> str:
    """A long answer shaped like a model's: sections with prose, lists, a table and code."""
    parts: list[str] = []
    section = 0
    while sum(map(len, parts)) < size:
        section += 1
        parts.append(
            f"## Section {section}: merging sorted runs\n\n"
            f"Merge sort splits the input in half, sorts each half and **merges** them; "
            f"section {section} looks at `merge()` in detail, with *care* for stability and "
            f"a [reference](https://en.wikipedia.org/wiki/Merge_sort).\n\n"
            "1. Split the list.\n2. Sort both halves.\n3. Merge, taking the smaller head.\n\n"
            "```python\n"
            f"def merge_{section}(left: list[int], right: list[int]) -> list[int]:\n"
            "    out, i, j = [], 0, 0\n"
            "    while i < len(left) and j < len(right):\n"
            "        if left[i] <= right[j]:\n"
            "            out.append(left[i]); i += 1\n"
            "        else:\n"
            "            out.append(right[j]); j += 1\n"
            "    return out + left[i:] + right[j:]\n"
            "```\n\n"
            "| n | comparisons | memory |\n|---|---:|---|\n"
            f"| {section * 10} | {section * 33} | O(n) |\n"
            f"| {section * 100} | {section * 664} | O(n) |\n\n"
            "> Timsort, Python's sort, is a hybrid of merge sort and insertion sort.\n\n"
        )
    return "".join(parts)[:size]


def chunks(text: str) -> list[str]:
    return [text[i : i + CHUNK] for i in range(0, len(text), CHUNK)]


def report(name: str, timings: list[float]) -> None:
    """Mean CPU ms per chunk over windows of WINDOW chunks, p95 and the total.

    "first" is the very start (the screen is not full yet, so nothing scrolls, and the first
    answer segment is small); "early", "middle" and "end" sit at 10 %, 50 % and 100 % of the
    answer: if the cost grew with the answer's length, "end" would be about twice "middle".
    """

    def mean_ms(at: int) -> float:
        return statistics.mean(timings[at : at + WINDOW]) * 1000

    first, early = mean_ms(0), mean_ms(len(timings) // 10)
    middle, end = mean_ms(len(timings) // 2 - WINDOW // 2), mean_ms(len(timings) - WINDOW)
    p95 = statistics.quantiles(timings, n=20)[-1] * 1000
    print(
        f"{name:<11} first {first:6.3f}  early {early:6.3f}  middle {middle:6.3f}  "
        f"end {end:6.3f} ms/chunk  end/middle {end / middle:4.2f}  p95 {p95:6.3f} ms  "
        f"total {sum(timings):6.2f} s"
    )


def bench_markdown(pieces: list[str]) -> None:
    from app.ui.render.stream import MarkdownStream

    stream = MarkdownStream()
    timings = []
    for piece in pieces:
        t0 = CLOCK()
        stream.append(piece)
        stream.render()
        timings.append(CLOCK() - t0)
    t0 = CLOCK()
    stream.finish()
    timings[-1] += CLOCK() - t0
    report("markdown", timings)
    print(
        f"{'':<11} stable blocks rendered {stream.stable_renders} (once each), "
        f"tail renders {stream.tail_renders}"
    )


def bench_naive(pieces: list[str]) -> None:
    from app.ui.render.markdown import MarkdownRenderer

    renderer = MarkdownRenderer()
    sample = 50
    for label, upto in (("start", sample), ("end", len(pieces))):
        source = "".join(pieces[: max(upto - sample, 0)])
        timings = []
        for piece in pieces[max(upto - sample, 0) : upto]:
            source += piece
            t0 = CLOCK()
            renderer.render(source)
            timings.append(CLOCK() - t0)
        print(
            f"{'naive':<11} {label:<5} {statistics.mean(timings) * 1000:8.3f} ms/chunk "
            f"(whole answer re-rendered, {sample} chunks sampled)"
        )


def _view_with_reply() -> tuple[Any, Any, Any]:
    """(app, view, row) with one streaming reply; Qt is imported here, not at module load."""
    from PySide6.QtWidgets import QApplication

    from app.core.history.records import Message, MessageStatus
    from app.ui.chat.chat_view import ChatView

    app = QApplication.instance() or QApplication(sys.argv[:1])
    view = ChatView()
    view.resize(900, 800)
    view.show()
    app.processEvents()
    now = time.time()
    message = Message(
        id=1, conversation_id=1, role="assistant", text="", thinking="",
        status=MessageStatus.STREAMING, model="deepseek-v4-pro", parameters={}, usage=None,
        request_id=None, created_at=now, started_at=now, first_token_at=None,
        answer_started_at=None, finished_at=None, failure_kind=None, failure_message=None,
        failure_code=None, failure_status=None,
    )  # fmt: skip
    view.begin_reply(message)
    row = view.assistant(1)
    assert row is not None
    return app, view, row


def _close(app: Any, view: Any, row: Any) -> None:
    from app.core.history.records import MessageStatus

    view.end_reply(1, MessageStatus.COMPLETE)
    app.processEvents()
    print(
        f"{'':<11} following tail: {view.is_following_tail()}, {len(row.answer.segments)} "
        f"segments, {len(row.answer.plain_text()):,} characters on screen"
    )
    view.close()
    view.deleteLater()
    app.processEvents()


def bench_view_forced(pieces: list[str]) -> None:
    """Worst case: every chunk repainted, and Qt's layout and paint run after each."""
    app, view, row = _view_with_reply()
    timings = []
    for piece in pieces:
        t0 = CLOCK()
        view.append_answer(1, piece)
        row.throttle.flush()
        row._paint()  # a repaint for this chunk even if the throttle has just run
        app.processEvents()
        timings.append(CLOCK() - t0)
    report("chat view", timings)
    _close(app, view, row)


def bench_view_throttled(pieces: list[str], rate: float = 2000.0) -> None:
    """The real path: chunks arrive at ``rate`` per second; the throttle paces the repaints.

    Prints the cost of each repaint early and late in the answer, and how late a chunk was
    handed to the view at worst (the UI's responsiveness: the event loop was never blocked
    longer than that).
    """
    app, view, row = _view_with_reply()
    repaints: list[float] = []
    paint = row._paint

    def timed_paint() -> None:
        t0 = CLOCK()
        paint()
        repaints.append(CLOCK() - t0)

    row.throttle._func = timed_paint
    lateness = []
    started = time.perf_counter()
    for index, piece in enumerate(pieces):
        due = started + index / rate
        while time.perf_counter() < due:
            app.processEvents()
        lateness.append(time.perf_counter() - due)
        view.append_answer(1, piece)
        app.processEvents()
    row.throttle.flush()
    wall = time.perf_counter() - started
    window = max(1, len(repaints) // 10)
    print(
        f"{'throttled':<11} {len(pieces)} chunks at {rate:.0f}/s: {len(repaints)} repaints "
        f"({len(repaints) / wall:.0f}/s) in {wall:.2f} s; repaint "
        f"start {statistics.mean(repaints[:window]) * 1000:.3f} ms, "
        f"end {statistics.mean(repaints[-window:]) * 1000:.3f} ms; "
        f"worst chunk lateness {max(lateness) * 1000:.1f} ms"
    )
    _close(app, view, row)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    answer = make_answer()
    pieces = chunks(answer)
    print(
        f"answer {len(answer):,} characters in {len(pieces):,} chunks of {CHUNK}; "
        f"windows of {WINDOW} chunks, CPU time"
    )
    # Warm up (Pygments imports its lexer, regexes compile, caches fill): once per process,
    # so "start" measures the same steady state as "end".
    from app.ui.render.stream import MarkdownStream

    warm = MarkdownStream()
    for piece in pieces[:1000]:
        warm.append(piece)
        warm.render()
    bench_markdown(pieces)
    bench_naive(pieces)
    bench_view_forced(pieces)
    bench_view_throttled(pieces)
    return 0


if __name__ == "__main__":
    sys.exit(main())
