"""A long stored answer renders only the Markdown it shows, and shows exactly what it would have.

Opening a stored answer builds its end first and the views above in idle moments
(``test_lazy_open``); their Markdown is rendered only when they are built
(``app.ui.render.stored_pieces``). A user must see no difference: once the answer is whole,
every view holds the same HTML, the answer copies the same text and source, and every Copy link
copies the same code as an answer rendered whole up front — for every benchmark shape and for
a hostile mix (code in lists and quotes, tables wide and narrow, footnotes, math, indented
code, a 200,000-character paragraph, an unclosed fence).

Real renderer and widgets, offscreen; the tests count pieces rendered, never time.
"""

from __future__ import annotations

import re

import pytest

from app.ui.chat.chat_view import ChatView
from app.ui.render import stored_pieces
from app.ui.render.code_view import CodeView
from app.ui.render.lazy_fill import split_runs
from app.ui.render.markdown import COPY_SCHEME, MarkdownRenderer, copy_target
from app.ui.render.rich_text import SEGMENT_CHARS
from app.ui.render.stored_pieces import StoredStream
from app.ui.render.stream import MarkdownStream
from tests.benchmarks import shapes
from tests.ui.chat.test_chat_view import WAIT
from tests.ui.render.test_lazy_open import filled, open_answer

SIZE = 100_000
_COPY_LINK = re.compile(rf'href="({COPY_SCHEME}):([^"]+)"')


def hostile() -> str:
    """Everything that makes a piece's rendering depend on the pieces before it."""
    wide = "| " + " | ".join(f"h{i}" for i in range(8)) + " |\n|" + "---|" * 8 + "\n"
    rows = "".join("| " + " | ".join(f"`c{r}` **{i}**" for i in range(8)) + " |\n"
                   for r in range(300))  # fmt: skip
    return "".join([
        "# Title\n\nProse with `inline` code and a footnote[^1].\n\n[^1]: The **note**.\n\n",
        "- an item\n\n  ```python\n  def f():\n      return 1\n  ```\n\n- another\n\n"
        "      indented code in a list\n\n",
        "> a quote\n>\n> ```js\n> let x = 1;\n> ```\n\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n",
        "- a list with a table\n\n  | x | y |\n  |---|---|\n  | 3 | 4 |\n\n",
        "$$\nx^2 + y^2\n$$\n\nInline $a+b$ math and \\[ c \\] too.\n\n",
        "    top-level indented code\n    second line\n\n",
        "~~~\ntilde fence\n~~~\n\n",
        "Setext heading\n--------------\n\n",
        "```\n" + "".join(f"line {i}\n" for i in range(3000)) + "```\n\n",
        wide + rows + "\n",
        "word " * 40_000 + "\n\n",
        "1. one\n2. two\n\n   ```\n   code in an ordered list\n   ```\n\n",
        shapes.make("mixed", 30_000),
        "\n\n<div>html</div>\n\n***\n\n",
        "```python\nunclosed = True\n" + "x = 1\n" * 500,
    ])  # fmt: skip


TEXTS = {**{shape: (shape, SIZE) for shape in shapes.SHAPES}, "hostile": ("hostile", 0)}


def make(name: str) -> str:
    return hostile() if name == "hostile" else shapes.make(name, SIZE)


def rendered_whole(text: str) -> MarkdownStream:
    """The answer rendered up front, as it was before (code plain, as stored answers do)."""
    stream = MarkdownStream(MarkdownRenderer())
    stream.append(text)
    stream.renderer.plain_code = True
    stream.blocks = stream.finish().new_blocks  # type: ignore[attr-defined]
    return stream


@pytest.mark.parametrize("name", list(TEXTS))
def test_pieces_rendered_when_built_are_the_pieces_rendered_up_front(name):
    text = make(name)
    whole = rendered_whole(text)
    for fine in (False, True):
        lazy = StoredStream(MarkdownRenderer(), text)
        runs = split_runs(lazy.shapes, SEGMENT_CHARS, fine)
        built = [lazy.realize(run) for run in reversed(runs)][::-1]  # bottom up, as it fills
        assert built == split_runs(whole.blocks, SEGMENT_CHARS, fine)  # every field of each
        codes = len(whole._code)
        assert [lazy.code(i) for i in range(codes + 1)] == [whole.code(i) for i in range(codes + 1)]


@pytest.mark.parametrize(
    "name", ["table", "mixed", "list", "list20", "deep10000", "paragraph", "longline"]
)
def test_opening_renders_only_the_pieces_of_the_end(name):
    lazy = StoredStream(MarkdownRenderer(), make(name))
    assert lazy.prerendered == 0  # nothing these shapes hold needs rendering ahead
    runs = split_runs(lazy.shapes, SEGMENT_CHARS, fine=True)
    lazy.realize(runs[-1])
    assert lazy.renderer.renders <= len(runs[-1].blocks) < len(lazy.shapes) // 4


def views_as_shown(answer) -> list[tuple[str, object]]:
    """Each view's HTML (a code view: its code and Copy id), the links' code, top to bottom."""
    shown: list[tuple[str, object]] = []
    html = iter(answer._segment_html)
    for view in answer._views:
        if isinstance(view, CodeView):
            shown.append(("code", (view.code_id, answer.stream.code(view.code_id))))
            view.fill_rest()  # (a block's pages above its end fill in idle turns: .code_pages)
            shown.append(("text", "".join(page.toPlainText() for page in view.pages)))
            continue
        markup = "".join(next(html))
        links = [copy_target(s, p) for s, p in _COPY_LINK.findall(markup)]
        shown.append(("html", markup))
        shown.append(("copies", [answer.stream.code(i) for i in links if i is not None]))
    return shown


def built_whole(qtbot, monkeypatch, text: str):
    """The answer with every piece rendered up front, in order (as ``MarkdownStream`` renders
    them: the test above), then filled the same way: views cut in the same places."""
    reference = ChatView()
    reference.resize(820, 640)
    qtbot.addWidget(reference)
    reference.show()
    with monkeypatch.context() as patch:
        patch.setattr(stored_pieces, "_guess", lambda piece: None)  # nothing left to render
        open_answer(reference, text, mid=3)
        answer = reference.assistant(3).answer
        assert answer.stream.prerendered == len(answer.stream.shapes)
        answer.fill_all()
    return answer


@pytest.mark.parametrize("name", ["mixed", "hostile", "table", "list20", "paragraph"])
def test_a_lazily_opened_answer_once_whole_is_the_answer_built_at_once(qtbot, monkeypatch, name):
    text = make(name)
    view = ChatView()
    view.resize(820, 640)
    qtbot.addWidget(view)
    view.show()
    open_answer(view, text)
    answer = view.assistant(2).answer
    assert answer.has_pending()
    qtbot.waitUntil(lambda: filled(view), timeout=WAIT)  # filled in idle turns, bottom up

    assert isinstance(answer.stream, StoredStream)  # every piece as predicted (no fallback)
    whole = built_whole(qtbot, monkeypatch, text)
    assert views_as_shown(answer) == views_as_shown(whole)
    assert answer.plain_text() == whole.plain_text()
    assert answer.source() == whole.source() == text  # copy as source


def test_a_piece_not_as_predicted_shows_the_answer_rendered_whole(qtbot, monkeypatch):
    """Were a prediction wrong (none is, for any shape above), the answer is rendered whole
    instead of showing wrong Copy links or views cut in the wrong places."""
    text = make("mixed")
    view = ChatView()
    view.resize(820, 640)
    qtbot.addWidget(view)
    view.show()
    open_answer(view, text)
    answer = view.assistant(2).answer
    assert answer.has_pending()
    monkeypatch.setattr(stored_pieces, "_agrees", lambda block, shape: False)
    qtbot.waitUntil(lambda: filled(view), timeout=WAIT)
    monkeypatch.undo()
    assert not isinstance(answer.stream, StoredStream)  # rendered whole, once
    whole = built_whole(qtbot, monkeypatch, text)
    assert views_as_shown(answer) == views_as_shown(whole)
    assert answer.plain_text() == whole.plain_text()


def test_an_idle_step_renders_markdown_or_builds_a_view_never_both(qtbot):
    """A run of list items is ~20 ms of markdown-it and its view ~10 ms more: each idle step
    does one or the other (a user scrolling meanwhile feels no long turn)."""
    view = ChatView()
    view.resize(820, 640)
    qtbot.addWidget(view)
    view.show()
    open_answer(view, make("list"))
    answer = view.assistant(2).answer
    renderer = answer.stream.renderer
    steps = []
    while answer.has_pending():  # (no event loop turn: nothing else fills meanwhile)
        renders, views = renderer.renders, answer.built_views()
        answer.fill_step()
        steps.append((renderer.renders - renders, answer.built_views() - views))
    assert all(not (rendered and built) for rendered, built in steps)
    assert sum(built for _, built in steps) >= 5 and sum(r for r, _ in steps) >= 50
