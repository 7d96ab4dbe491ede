"""What the Markdown extras (task lists, footnotes, bare URLs: app/ui/render/md_extras.py) cost.

Streams each answer shape (30,000 characters in 40-character deltas, every delta rendered as a
repaint would) through a renderer with the extras and through one without them, and prints the
CPU time of each (process time: the machine's other load does not count), the best of five.
A shape full of bare URLs shows what linkify costs when it does find links.

Run: ``python3 -m tests.benchmarks.bench_extras`` (no display needed).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import app.ui.render.markdown as markdown
from app.ui.render.stream import MarkdownStream
from tests.benchmarks import shapes

SIZE = 30_000
DELTA = 40
SHAPES = ("mixed", "paragraph", "list", "table", "longline")


def _links(size: int) -> str:
    line = (
        "See https://example.com/docs/page-{n}. or mail team{n}@example.org, "
        "and the task list:\n\n- [ ] read https://example.net/{n}\n- [x] done[^{n}]\n\n"
        "[^{n}]: The note for {n}.\n\n"
    )
    text, n = "", 0
    while len(text) < size:
        text += line.format(n=n)
        n += 1
    return text


def stream_cpu(renderer: markdown.MarkdownRenderer, text: str) -> float:
    """CPU seconds to stream ``text`` through ``renderer``, one render per delta."""
    stream = MarkdownStream(renderer)
    start = time.process_time()
    for at in range(0, len(text), DELTA):
        stream.append(text[at : at + DELTA])
        stream.render(10.0)
    stream.finish(10.0)
    return time.process_time() - start


def renderer(extras: bool) -> markdown.MarkdownRenderer:
    real: Callable[..., Any] = markdown.use_extras
    if not extras:
        markdown.use_extras = lambda md, muted: None  # type: ignore[assignment]
    try:
        return markdown.MarkdownRenderer()
    finally:
        markdown.use_extras = real  # type: ignore[assignment]


def main() -> None:
    texts = {name: shapes.make(name, SIZE) for name in SHAPES}
    texts["links"] = _links(SIZE)
    plain, extras = renderer(False), renderer(True)
    print(f"{'shape':10} {'without':>10} {'with extras':>12} {'ratio':>6}")
    for name, text in texts.items():
        without = min(stream_cpu(plain, text) for _ in range(5))
        with_extras = min(stream_cpu(extras, text) for _ in range(5))
        print(
            f"{name:10} {without * 1000:8.0f} ms {with_extras * 1000:9.0f} ms "
            f"{with_extras / without:6.2f}"
        )


if __name__ == "__main__":
    main()
