"""Plain table pieces skip markdown-it (issue #9: a stored table opens about as fast as words),
and the HTML is exactly what markdown-it gave: every generated table, whole and cut into
pieces as a stream or a stored answer cuts it, renders the same both ways."""

from __future__ import annotations

import random

import pytest

from app.ui.render import markdown
from app.ui.render.markdown import BlockSplitter, MarkdownRenderer, MarkdownStyle

WORDS = [
    "item", "42", "3.14", "x", "ok", "a b", "(note)", "50%", "C#", "a/b", "it's", '"q"', "=",
    "{k}", "-1", "+2", "名字", "café", "", "  ", "`code`", "`a b`", "x `y` z",
]  # fmt: skip
#: Each of these sends its table through markdown-it, or escapes differently.
HARD = [
    "a & b", "<b>", "*em*", "_u_", "**b**", "[l](http://x.y)", "http://a.b", "www.x.com",
    "a.com", "\\|", "$x$",
    "~~s~~", "&amp;", "\u00a0x", "y\u3000", "a\u200bb", "`", "` x `", "a:b", "mail@x.y", "!", "^1",
]  # fmt: skip
ALIGNS = ["---", ":--", "--:", ":-:", " --- ", "-"]


def random_table(rng: random.Random) -> str:
    columns = rng.randint(1, 9)
    words = [*WORDS, rng.choice(HARD)] if rng.random() < 0.4 else WORDS
    head = "| " + " | ".join(rng.choice(words) or "h" for _ in range(columns)) + " |\n"
    rule = "|" + "|".join(rng.choice(ALIGNS) for _ in range(columns)) + "|\n"
    rows = []
    for _ in range(rng.randint(0, 40)):
        cells = rng.randint(max(1, columns - 2), columns + 2)
        rows.append("| " + " | ".join(rng.choice(words) for _ in range(cells)) + " |\n")
    return head + rule + "".join(rows)


def pieces(text: str, chunk: int) -> list[markdown.Piece]:
    splitter = BlockSplitter()
    out = []
    for at in range(0, len(text), chunk):
        splitter.append(text[at : at + chunk])
        out += splitter.take_stable()
    return out + splitter.finish()


def render_all(text: str, chunk: int, fast: bool, monkeypatch) -> list[tuple[str, str]]:
    renderer = MarkdownRenderer(MarkdownStyle())
    with monkeypatch.context() as patch:
        if not fast:
            patch.setattr(markdown, "plain_table_html", lambda *args: None)
        blocks = [renderer.render_piece(piece) for piece in pieces(text, chunk)]
    return [(block.html, block.view) for block in blocks]


@pytest.mark.parametrize("seed", range(6))
def test_tables_render_the_same_with_and_without_the_fast_path(seed, monkeypatch):
    rng = random.Random(seed)
    for _ in range(40):
        text = random_table(rng)
        if rng.random() < 0.3:
            text = "Some words first.\n\n" + text + "\nAnd after.\n"
        chunk = rng.choice([len(text) or 1, 7, 50, 400])
        assert render_all(text, chunk, True, monkeypatch) == render_all(
            text, chunk, False, monkeypatch
        ), text


def test_a_stored_table_of_plain_rows_is_not_parsed_by_markdown_it():
    rows = "".join(f"| {n} | item {n} | {n * 37 % 1000} | `{n % 13}` ok |\n" for n in range(3000))
    text = "| # | name | value | note |\n|---|---|--:|---|\n" + rows
    renderer = MarkdownRenderer(MarkdownStyle())
    blocks = [renderer.render_piece(piece) for piece in pieces(text, len(text))]
    assert len(blocks) > 1  # a long table comes in pieces
    assert renderer.fast_tables == len(blocks)
    assert renderer.chars_rendered == 0  # nothing went through markdown-it
    assert "<code " in blocks[0].html and "<th " in blocks[0].html


def test_a_table_with_links_or_emphasis_still_goes_through_markdown_it():
    text = "| a | b |\n|---|---|\n| **bold** | [x](https://example.com) |\n"
    renderer = MarkdownRenderer(MarkdownStyle())
    html = renderer.render(text).html
    assert renderer.fast_tables == 0
    assert "<strong>bold</strong>" in html and 'href="https://example.com"' in html
