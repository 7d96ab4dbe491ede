"""Answer shapes that used to freeze the window, and a driver that streams them into it.

Each shape is a whole answer of a given size made of one kind of block: one fenced code block,
one paragraph, one table, one list, quotes nested 20 deep, a list nested 20 deep, quotes nested
thousands deep, one line with no break at all; ``words`` (plain prose in short paragraphs) and
``mixed`` (a model-like mix) are the references. :func:`stream` plays one into a real
``ChatView`` offscreen at a fixed rate of deltas a second, driven by a timer on the real event
loop, and reports the longest event-loop stall and the CPU time; :func:`open_stored` times
opening a finished answer of that shape (as a stored conversation is).

Used by ``tests/benchmarks/run.py`` and, with tiny sizes, by the suite's smoke test.
"""

from __future__ import annotations

import dataclasses
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

#: Characters per streamed delta (a model's delta is a token or a few).
DELTA_CHARS = 10

_PROSE = (
    "the merge step takes the smaller head of both runs so equal keys keep their order "
    "which is why **merge sort** is stable and `timsort` builds on it with galloping "
)
_WORDS = _PROSE.split(" ")


def _words(size: int, seed: int = 0) -> str:
    out: list[str] = []
    total = 0
    index = seed
    while total < size:
        word = _WORDS[index % len(_WORDS)] or "and"
        out.append(word)
        total += len(word) + 1
        index += 1
    return " ".join(out)[:size]


def _grow(size: int, line: Callable[[int], str], head: Sequence[str] = ()) -> str:
    """``head``, then ``line(1)``, ``line(2)``… until the text reaches ``size`` characters."""
    parts = list(head)
    total = sum(map(len, parts))
    n = 0
    while total < size:
        n += 1
        part = line(n)
        parts.append(part)
        total += len(part)
    return "".join(parts)


def _code_line(n: int) -> str:
    if n % 5 == 1:
        return f"def step_{n}(items: list[int]) -> list[int]:\n"
    if n % 5 != 0:
        return f"    items = [x * {n} for x in items if x > {n % 7}]  # pass {n}\n"
    return '    return sorted(items, key=lambda x: (x % 3, x), reverse=False)  # "end"\n'


def _code(size: int) -> str:
    text = _grow(size - 4, _code_line, ["```python\n"])
    return text[: size - 4].rstrip("\n") + "\n```\n"


def _paragraph(size: int) -> str:
    return _words(size) + "\n"


def _table(size: int) -> str:
    return _grow(
        size,
        lambda n: f"| {n} | item {n} | {n * 37 % 1000} | `{n % 13}` ok |\n",
        ["| # | name | value | note |\n", "|---|---|--:|---|\n"],
    )


def _list(size: int) -> str:
    return _grow(size, lambda n: f"- item {n}: {_words(40, n)}\n")


def _quote20(size: int) -> str:
    return _grow(size, lambda n: "> " * 20 + _words(60, n) + "\n")


def _list20(size: int) -> str:
    return _grow(
        size,
        lambda n: "  " * 19 + f"- item {n}: {_words(30, n)}\n",
        [("  " * depth) + f"- level {depth + 1}\n" for depth in range(20)],
    )


def _deep(size: int) -> str:
    """A line of quotes a tenth of the size deep (10,000 at 100,000 characters), then lazy
    lines of text: the same shape at every size."""
    text = ">" * (size // 10) + " deep\n"
    n = 0
    while len(text) < size:
        n += 1
        text += _words(60, n) + "\n"
    return text


def _longline(size: int) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(alphabet[(i * 7) % 62] for i in range(size)) + "\n"


def _plain_words(size: int) -> str:
    """The reference: prose in paragraphs of about 600 characters."""
    return _grow(size, lambda n: _words(600, n).replace("**", "").replace("`", "") + "\n\n")


def _mixed(size: int) -> str:
    from tests.benchmarks.bench_render import make_answer

    return make_answer(size)


SHAPES: dict[str, Callable[[int], str]] = {
    "code": _code,
    "paragraph": _paragraph,
    "table": _table,
    "list": _list,
    "quote20": _quote20,
    "list20": _list20,
    "deep10000": _deep,
    "longline": _longline,
    "words": _plain_words,
    "mixed": _mixed,
}

#: The shapes the issue lists (the references are not among them).
HARD_SHAPES = ("code", "paragraph", "table", "list", "quote20", "list20", "deep10000", "longline")


def make(shape: str, size: int) -> str:
    return SHAPES[shape](size)


def deltas(text: str, size: int = DELTA_CHARS) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


@dataclass(frozen=True)
class StreamFigures:
    """One streamed answer: longest stall of the event loop, CPU seconds, wall seconds."""

    shape: str
    chars: int
    rate: float
    max_stall_ms: float
    end_stall_ms: float
    #: How long after the last delta was due all of it was on screen (the window behind).
    lag_ms: float
    cpu_s: float
    wall_s: float
    repaints: int
    timed_out: bool
    #: CPU seconds spent on each tenth of the deltas (what grows as the answer does).
    cpu_by_tenth: tuple[float, ...] = ()


def qt_app() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(sys.argv[:1])


def _streaming_message(mid: int) -> Any:
    from app.core.history.records import Message, MessageStatus

    now = time.time()
    return Message(
        id=mid, conversation_id=1, role="assistant", text="", thinking="",
        status=MessageStatus.STREAMING, model="deepseek-v4-pro", parameters={}, usage=None,
        request_id=None, created_at=now, started_at=now, first_token_at=None,
        answer_started_at=None, finished_at=None, failure_kind=None, failure_message=None,
        failure_code=None, failure_status=None,
    )  # fmt: skip


def _view() -> Any:
    from app.ui.chat.chat_view import ChatView

    app = qt_app()
    view = ChatView()
    view.resize(900, 800)
    view.show()
    app.processEvents()
    return view


#: Characters of an earlier answer above the streamed one: a conversation in progress, so the
#: view scrolls from the first delta (the first screenful of an empty view is cheaper to
#: paint, which would flatter short answers against long ones).
EARLIER_CHARS = 5_000


def stream(
    shape: str, text: str, rate: float, timeout_s: float = 300.0, earlier: int = EARLIER_CHARS
) -> StreamFigures:
    """Play ``text`` into a live reply at ``rate`` deltas a second on the real event loop,
    below an earlier answer of ``earlier`` characters of plain words.

    A precise 2 ms timer hands over every delta that is due (as a socket would after a busy
    spell); the longest gap between two of its ticks, less the interval, is the stall a user
    feels. The end of the reply (the last repaint and the closing of the block) happens in a
    tick too, so it counts. CPU time is this process's, so other load on the machine does not
    count against it (its effect on the stall does).
    """
    from PySide6.QtCore import QEventLoop, Qt, QTimer

    from app.core.history.records import MessageStatus

    app = qt_app()
    view = _view()
    if earlier:
        before = dataclasses.replace(
            _streaming_message(0), text=_plain_words(earlier), status=MessageStatus.COMPLETE
        )
        view.set_messages([before], False)
        app.processEvents()
    view.begin_reply(_streaming_message(1))
    row = view.assistant(1)
    pieces = deltas(text)
    loop = QEventLoop()
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(2)
    state = {"next": 0, "last": 0.0, "stall": 0.0, "end": 0.0, "lag": 0.0, "shown": 0.0,
             "timeout": False, "ended": False}  # fmt: skip
    tenth = max(1, len(pieces) // 10)
    marks: list[float] = []
    cpu0 = time.process_time()
    started = time.perf_counter()
    state["last"] = started

    def tick() -> None:
        now = time.perf_counter()
        # From the start of the last tick: a tick that itself took long (a repaint run at
        # once by the throttle) is a stall too.
        state["stall"] = max(state["stall"], now - state["last"] - 0.002)
        state["last"] = now
        due = min(len(pieces), int((now - started) * rate) + 1)
        while state["next"] < due:
            view.append_answer(1, pieces[state["next"]])
            state["next"] += 1
            if state["next"] % tenth == 0:
                marks.append(time.process_time())
        if now - started > timeout_s:
            state["timeout"] = True
        if (state["next"] >= len(pieces) or state["timeout"]) and not state["ended"]:
            t0 = time.perf_counter()
            state["lag"] = t0 - started - len(pieces) / rate
            view.end_reply(1, MessageStatus.COMPLETE)
            state["end"] = time.perf_counter() - t0
            state["ended"] = True
        if state["ended"] and not row.answer.stream.backlog:
            # Everything that arrived is on screen (text that outran the screen is drained).
            state["shown"] = time.perf_counter() - started - len(pieces) / rate
            timer.stop()
            loop.quit()

    timer.timeout.connect(tick)
    timer.start()
    loop.exec()
    cpu = time.process_time() - cpu0
    wall = time.perf_counter() - started
    figures = StreamFigures(
        shape=shape,
        chars=len(text),
        rate=rate,
        max_stall_ms=max(state["stall"], state["end"]) * 1000,
        end_stall_ms=state["end"] * 1000,
        lag_ms=state["shown"] * 1000,
        cpu_s=cpu,
        wall_s=wall,
        repaints=row.throttle.runs,
        timed_out=bool(state["timeout"]),
        cpu_by_tenth=tuple(b - a for a, b in zip([cpu0, *marks], marks, strict=False))[:10],
    )
    view.close()
    view.deleteLater()
    app.processEvents()
    return figures


def open_stored(text: str, repeats: int = 3) -> float:
    """Median ms to show a finished answer of this text (as opening a conversation does),
    laid out and painted once."""
    from app.core.history.records import MessageStatus

    app = qt_app()
    timings = []
    for index in range(repeats):
        view = _view()
        message = dataclasses.replace(
            _streaming_message(10 + index), text=text, status=MessageStatus.COMPLETE
        )
        t0 = time.perf_counter()
        view.set_messages([message], False)
        app.processEvents()
        view.grab()  # paint once
        timings.append(time.perf_counter() - t0)
        view.close()
        view.deleteLater()
        app.processEvents()
    return statistics.median(timings) * 1000


@dataclass(frozen=True)
class FillFigures:
    """A stored answer opened: until its first paint, until every view of it was built (the
    rest fill in idle turns: ``app.ui.render.lazy_fill``), and the longest event-loop stall
    meanwhile (ms)."""

    first_ms: float
    filled_ms: float
    max_stall_ms: float


def open_stored_fill(text: str, repeats: int = 3) -> FillFigures:
    """:func:`open_stored`, then the event loop runs until the answer is whole: a precise 1 ms
    timer's longest gap between two ticks, less the interval, is the stall a user would feel."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer

    from app.core.history.records import MessageStatus
    from app.ui.render.lazy_fill import fill_pending

    app = qt_app()
    firsts, fills, stalls = [], [], []
    for index in range(repeats):
        view = _view()
        message = dataclasses.replace(
            _streaming_message(20 + index), text=text, status=MessageStatus.COMPLETE
        )
        t0 = time.perf_counter()
        view.set_messages([message], False)
        app.processEvents()
        view.grab()
        firsts.append(time.perf_counter() - t0)
        loop = QEventLoop()
        timer = QTimer()
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.setInterval(1)
        state = {"last": time.perf_counter(), "stall": 0.0}

        def tick(state: dict[str, float] = state, loop: QEventLoop = loop) -> None:
            now = time.perf_counter()
            state["stall"] = max(state["stall"], now - state["last"] - 0.001)
            state["last"] = now
            if not fill_pending():
                loop.quit()

        timer.timeout.connect(tick)
        timer.start()
        if fill_pending():
            loop.exec()
        timer.stop()
        view.grab()
        fills.append(time.perf_counter() - t0)
        stalls.append(state["stall"])
        view.close()
        view.deleteLater()
        app.processEvents()
    return FillFigures(
        first_ms=statistics.median(firsts) * 1000,
        filled_ms=statistics.median(fills) * 1000,
        max_stall_ms=statistics.median(stalls) * 1000,
    )
