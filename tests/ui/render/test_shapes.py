"""Whatever the answer's shape, the work of one delta does not grow with the answer.

A whole source file in one code block, a 10,000-row table, a paragraph with no end, a line with
no break, quotes nested thousands deep: each used to be re-rendered whole on every repaint (the
window froze for seconds to minutes). These tests count work, not time: the characters parsed
and highlighted for one delta must be the same whether the block is 10,000 or 40,000
characters long, and the whole answer must come out, every piece rendered once.

No display needed: ``app.ui.render`` splits and renders without Qt.
"""

from __future__ import annotations

import re

import pytest

from app.ui.render.markdown import MarkdownRenderer
from app.ui.render.splitter import HARD_CHARS
from app.ui.render.stream import MarkdownStream, render_all
from tests.benchmarks import shapes

SMALL, LARGE = 4_000, 16_000
SIZES: dict[str, tuple[int, int]] = {}


def stream_counting(
    text: str, every: int = 4
) -> tuple[MarkdownStream, MarkdownRenderer, list[int], list[int]]:
    """Stream ``text`` a delta at a time, repainting after every ``every`` deltas (the window's
    throttle would coalesce more); per repaint, the characters rendered and highlighted."""
    renderer = MarkdownRenderer()
    stream = MarkdownStream(renderer)
    rendered: list[int] = []
    highlighted: list[int] = []
    pieces = shapes.deltas(text)
    for start in range(0, len(pieces), every):
        before = (renderer.chars_rendered, renderer.chars_highlighted)
        for delta in pieces[start : start + every]:
            stream.append(delta)
        stream.render()
        rendered.append(renderer.chars_rendered - before[0])
        highlighted.append(renderer.chars_highlighted - before[1])
    stream.finish()
    return stream, renderer, rendered, highlighted


def mean_end(work: list[int], repaints: int = 80) -> float:
    return sum(work[-repaints:]) / repaints


def longest_line(text: str) -> int:
    return max(len(line) for line in text.split("\n"))


@pytest.mark.parametrize("shape", shapes.HARD_SHAPES)
def test_the_work_of_a_delta_does_not_grow_with_the_block(shape):
    small_size, large_size = SIZES.get(shape, (SMALL, LARGE))
    small_text, text = shapes.make(shape, small_size), shapes.make(shape, large_size)
    small, large = stream_counting(small_text), stream_counting(text)
    # Bounded by a piece and the open line (a line of 10,000 ">" is parsed while it is open),
    # not by the block…
    assert max(large[2]) <= HARD_CHARS + longest_line(text)
    # …and the same at a larger size: nothing is re-done in proportion to the answer.
    longer_lines = longest_line(text) - longest_line(small_text)
    assert max(large[2]) <= max(small[2]) * 1.25 + 200 + longer_lines
    assert max(large[3]) <= max(small[3]) * 1.25 + 200
    # On average at the end of the answer, no more for the longer one: linear in all.
    assert mean_end(large[2]) <= 1.5 * mean_end(small[2]) + 50
    assert large[0].source == text


def test_a_long_code_block_is_highlighted_line_by_line_once():
    text = shapes.make("code", LARGE)
    stream, renderer, _, highlighted = stream_counting(text)
    code = text.split("\n", 1)[1].rsplit("```", 1)[0]
    # Complete lines once; only the open line is lexed again (each character a few times
    # while its line is open, however long the block).
    assert sum(highlighted) <= 3 * len(code)
    assert max(highlighted) <= 700  # a piece's worth at most, never the block
    assert renderer.chars_rendered < 3 * len(text)  # the Markdown around it: a piece at a time
    assert stream.code(0) == code  # Copy still copies the whole block


def test_a_code_block_cut_into_pieces_looks_like_one_block():
    blocks = render_all(shapes.make("code", 6_000))
    assert len(blocks) > 5  # rendered in pieces…
    assert sum(block.html.count(">python<") for block in blocks) == 1  # …under one header
    assert sum(block.html.count("seekdesk-copy:") for block in blocks) == 1
    # The lexer resumed where the previous piece ended: keywords are coloured in every piece.
    assert all("font-weight: bold" in block.html for block in blocks[1:-1])


def test_a_long_table_is_cut_into_pieces_whose_columns_line_up():
    blocks = render_all(shapes.make("table", 8_000))
    assert len(blocks) > 5
    widths = {tuple(re.findall(r'width="(\d+)%"', block.html)[:4]) for block in blocks}
    assert len(widths) == 1  # the same column widths in every piece
    assert sum(len(re.findall("<th[ >]", block.html)) for block in blocks) == 4  # one header
    text = "".join(re.sub(r"<[^>]*>", "", block.html) for block in blocks)
    assert "item 1\n" in text and "item 240\n" in text


def test_a_line_with_no_break_is_cut_and_keeps_every_character():
    text = shapes.make("longline", 100_000)
    blocks = render_all(text)
    assert max(len(block.source) for block in blocks) <= HARD_CHARS + 1
    shown = "".join(re.sub(r"<[^>]*>", "", block.html) for block in blocks)
    assert re.sub(r"[\s\u2060]", "", shown) == text.strip()


def test_quotes_nested_thousands_deep_show_their_text_flat_with_a_depth_marker():
    blocks = render_all(">" * 10_000 + " ten thousand deep\n\nafter\n")
    html = "".join(block.html for block in blocks)
    assert "ten thousand deep" in html and "»10000" in html and "after" in html
    assert html.count("<blockquote") == 8  # drawn nested eight deep, no deeper


def test_a_list_nested_twenty_deep_keeps_all_its_text():
    text = "".join("  " * depth + f"- level {depth + 1}\n" for depth in range(20))
    html = "".join(block.html for block in render_all(text))
    assert all(f"level {n}<" in html or f"level {n}\n" in html for n in range(1, 21))
    assert html.count("<ul") <= 8
