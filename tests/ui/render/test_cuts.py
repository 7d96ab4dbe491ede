"""A long block is cut into pieces, and no cut breaks bold text, a code span or a link.

A long paragraph or a line with no break is rendered in pieces (``splitter``). A cut inside
``**bold**`` used to leave both halves literal: the reader saw ``**bo`` and ``ld**``. Now a cut
goes where no inline construct is open (``inline_spans``); the rendered pieces read as the
block rendered whole. No display needed.
"""

from __future__ import annotations

import re

from app.ui.render.inline_spans import clean_cut, leaves_open
from app.ui.render.markdown import MarkdownRenderer
from app.ui.render.splitter import HARD_CHARS
from app.ui.render.stream import render_all


def shown(html: str) -> str:
    return re.sub(r"<[^>]*>", "", html)


def pieces_text(source: str) -> tuple[int, str]:
    blocks = render_all(source)
    return len(blocks), "".join(block.html for block in blocks)


def spans_line(count: int) -> str:
    """One long line dense with constructs whose insides hold spaces (where a cut could go)."""
    kinds = (
        "**bold words {n} here**",
        "`code span {n} with spaces`",
        "[a link {n} to read](https://example.com/{n})",
        "~~struck out {n} text~~",
        "*light {n} emphasis*",
    )
    return " plain text between ".join(kinds[n % 5].format(n=n) for n in range(count)) + "\n"


def test_a_long_line_is_cut_only_between_constructs():
    source = spans_line(400)  # ~ 17,000 characters on one line
    count, html = pieces_text(source)
    assert count > 5  # it was cut, in pieces…
    text = shown(html)
    # …and none of them shows Markdown markup: each construct rendered, whole.
    assert "**" not in text and "`" not in text and "](" not in text and "~~" not in text
    assert html.count("<strong>") == 80 and html.count("<s>") + html.count("<del>") == 80
    assert html.count("<em>") == 80 and html.count("<a ") == 80
    whole = MarkdownRenderer().render(source).html
    # The same words as the line rendered whole (each piece is a paragraph of its own).
    words = shown(html.replace("</p>", " ")).split()
    assert words == shown(whole).split()


def test_a_paragraph_whose_bold_spans_a_line_break_is_not_cut_there():
    lines = [f"line {n} of the answer goes on and then **bold across\nthe break {n}** ends" for n
             in range(120)]  # fmt: skip
    source = "\n".join(lines) + "\n"
    count, html = pieces_text(source)
    assert count > 3
    assert "**" not in shown(html)
    assert html.count("<strong>") == 120


def test_a_construct_that_never_closes_still_lets_the_line_be_cut():
    source = "a lone ` backtick opens nothing that closes " + "word " * 3_000 + "\n"
    blocks = render_all(source)
    # No clean place after the backtick: the hard cut still bounds every piece.
    assert max(len(block.source) for block in blocks) <= HARD_CHARS + 1
    assert "".join(block.source for block in blocks) == source


def opens(line: str) -> bool:
    return leaves_open(line, 0, len(line))


def test_snake_case_and_spaced_stars_open_nothing():
    assert not opens("snake_case_name and 5 * 3 = 15, a_b")
    assert opens("text **open bold") and opens("see [the link](http://x")
    assert opens("a `code span") and not opens("a `code` span")
    text = "one **two three** four `five six` seven"
    # The last clean space at or before the limit: not inside the bold or the code span.
    assert clean_cut(text, 0, 14, 0) == 4
    assert clean_cut(text, 0, len(text), 0) == len("one **two three** four `five six` ")
