"""Incremental Markdown: finished blocks render once, only the growing tail is redone.

These tests need no display: ``app.ui.render.markdown`` is pure Python (markdown-it-py + Pygments).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.ui.render.markdown import (
    BlockSplitter,
    MarkdownRenderer,
    MarkdownStyle,
    Piece,
    copy_href,
)
from app.ui.render.stream import MarkdownStream, render_all

ANSWER = """# Sorting

Merge sort splits the list in half,
sorts each half and merges them.

```python
def merge_sort(items):

    return items
```
It is stable.

- one
- two

  still item two

| Algorithm | Worst |
|-----------|:-----:|
| merge     | n log n |

> A quote
> over two lines

~~~
tilde fence
~~~
## Next heading
Last paragraph.
"""

EXPECTED_BLOCKS = [
    "# Sorting\n",
    "\nMerge sort splits the list in half,\nsorts each half and merges them.\n\n",
    "```python\ndef merge_sort(items):\n\n    return items\n```\n",
    "It is stable.\n\n",
    "- one\n- two\n\n  still item two\n\n",
    "| Algorithm | Worst |\n|-----------|:-----:|\n| merge     | n log n |\n\n",
    "> A quote\n> over two lines\n\n",
    "~~~\ntilde fence\n~~~\n",
    "## Next heading\n",
    "Last paragraph.\n",
]


def sources(pieces: list[Piece]) -> list[str]:
    return [piece.source for piece in pieces]


def split(text: str, chunk: int) -> list[str]:
    splitter = BlockSplitter()
    blocks: list[str] = []
    for start in range(0, len(text), chunk):
        splitter.append(text[start : start + chunk])
        blocks += sources(splitter.take_stable())
    return blocks + sources(splitter.finish())


def test_an_answer_is_cut_where_markdown_cannot_join_blocks():
    assert split(ANSWER, len(ANSWER)) == EXPECTED_BLOCKS


def test_a_blank_line_inside_a_fence_does_not_cut_it():
    blocks = split("```\na\n\nb\n```\n", 3)
    assert blocks == ["```\na\n\nb\n```\n"]


def test_an_indented_line_after_a_blank_line_stays_with_its_list_item():
    blocks = split("1. first\n\n   more of first\n2. second\n", 2)
    assert blocks == ["1. first\n\n   more of first\n2. second\n"]


def test_an_unclosed_fence_stays_in_the_tail_while_it_grows():
    splitter = BlockSplitter()
    splitter.append("Intro.\n\n```js\nlet a = 1;\n\nlet b = 2;\n")
    assert sources(splitter.take_stable()) == ["Intro.\n\n"]
    assert splitter.tail == "```js\nlet a = 1;\n\nlet b = 2;\n"
    splitter.append("```\nafter")
    assert sources(splitter.take_stable()) == ["```js\nlet a = 1;\n\nlet b = 2;\n```\n"]
    assert splitter.tail == "after"


def test_a_closing_fence_must_be_at_least_as_long_as_the_opening_one():
    blocks = split("````\n```\nstill code\n````\nafter\n", 4)
    assert blocks == ["````\n```\nstill code\n````\n", "after\n"]


@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=200))
def test_the_blocks_do_not_depend_on_how_the_text_arrives(sizes):
    splitter = BlockSplitter()
    blocks: list[str] = []
    position = 0
    for size in sizes:
        splitter.append(ANSWER[position : position + size])
        position += size
        blocks += sources(splitter.take_stable())
    splitter.append(ANSWER[position:])
    blocks += sources(splitter.finish())
    assert blocks == EXPECTED_BLOCKS
    assert splitter.source == ANSWER


class CountingRenderer(MarkdownRenderer):
    """Records the source of every render, to prove what is rendered and how often."""

    def __init__(self) -> None:
        super().__init__()
        self.sources: list[str] = []

    def render_piece(self, piece, first_code_id=0, lex_state=("root",)):
        self.sources.append(piece.source)
        return super().render_piece(piece, first_code_id, lex_state)


def test_streaming_renders_each_finished_block_once_and_only_the_tail_again():
    renderer = CountingRenderer()
    stream = MarkdownStream(renderer)
    appended: list[str] = []
    for start in range(0, len(ANSWER), 20):
        before = len(renderer.sources)
        stream.append(ANSWER[start : start + 20])
        update = stream.render()
        appended += [block.source for block in update.new_blocks]
        rendered_now = renderer.sources[before:]
        # Per repaint: the blocks that just became stable, plus the tail — nothing older.
        expected = [block.source for block in update.new_blocks]
        if update.tail is not None:
            expected.append(update.tail.source)
        assert rendered_now == expected
    appended += [block.source for block in stream.finish().new_blocks]
    assert appended == EXPECTED_BLOCKS
    assert stream.stable_renders == len(EXPECTED_BLOCKS)
    # No render ever looked at more than one block of text.
    longest_block = max(len(block) for block in EXPECTED_BLOCKS)
    assert max(len(source) for source in renderer.sources) <= longest_block


def test_an_unchanged_tail_is_not_rendered_again():
    renderer = CountingRenderer()
    stream = MarkdownStream(renderer)
    stream.append("Hello")
    stream.render()
    count = len(renderer.sources)
    update = stream.render()
    assert len(renderer.sources) == count
    assert not update.tail_changed


def test_code_blocks_are_highlighted_and_keep_their_raw_text_for_copy():
    style = MarkdownStyle(copy_label="Kopieren")
    stream = MarkdownStream(MarkdownRenderer(style))
    stream.append("```python\ndef f(x):\n    return x < 1\n```\n\n```\nplain\n```\n")
    blocks = stream.finish().new_blocks
    first = blocks[0].html
    assert '<span style="color: #008000; font-weight: bold">def</span>' in first
    assert "&lt;" in first  # the code is escaped, not interpreted
    assert f'href="{copy_href(0)}"' in first and "Kopieren" in first
    assert f'href="{copy_href(1)}"' in blocks[1].html
    assert stream.code(0) == "def f(x):\n    return x < 1\n"
    assert stream.code(1) == "plain\n"
    assert stream.code(2) is None


def test_a_code_block_in_the_tail_can_be_copied_before_it_is_finished():
    stream = MarkdownStream()
    stream.append("Text.\n\n```sh\nls -la\n")
    update = stream.render()
    assert update.tail is not None and copy_href(0) in update.tail.html
    assert stream.code(0) == "ls -la\n"


def test_markdown_features_render_to_rich_text():
    html = "".join(
        block.html
        for block in render_all(
            "## Head\n\nSome *em*, **strong**, `code` and [a link](https://example.com).\n\n"
            "1. one\n2. two\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n> quoted\n"
        )
    )
    assert "<h2>Head</h2>" in html
    assert "<em>em</em>" in html and "<strong>strong</strong>" in html
    assert "<code" in html and ">code</code>" in html
    assert 'href="https://example.com"' in html
    assert "<ol>" in html and "<li>one</li>" in html
    assert "<table border=" in html and '<td align="right">2</td>' in html
    assert "quoted" in html


def test_raw_html_is_shown_as_text_and_images_become_links():
    html = "".join(
        block.html
        for block in render_all(
            '<script>alert("x")</script>\n\n![diagram](https://example.com/d.png)\n\n'
            "[bad](javascript:alert(1))\n"
        )
    )
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html
    assert 'href="https://example.com/d.png"' in html and ">diagram</a>" in html
    # Drawn as a link whose address shows on hover; a click is refused (tests/ui/chat/test_links.py)
    assert 'title="javascript:alert(1)"' in html
