"""Search hits in the sidebar read like text: the Markdown of a stored answer is not shown raw.

The snippets here are what the core's search really returns (``search.highlight`` over a stored
message: about 64 characters cut anywhere, newlines turned into spaces, matches marked), so the
Markdown in them is a fragment. No Qt needed: ``app.ui.window.snippets`` is plain text in, text out.
"""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.history import HIGHLIGHT_END, HIGHLIGHT_START
from app.core.history.search import highlight
from app.ui.window.snippets import readable_snippet, snippet_html, snippet_text

S, E = HIGHLIGHT_START, HIGHLIGHT_END

ANSWER = """Here is a small function that **reverses the order of words**:

```python
def reverse_words(text: str) -> str:
    return " ".join(reversed(text.split()))
```

## Edge cases

- Extra spaces collapse to *one*.
- See [the docs](https://docs.python.org/3/library/stdtypes.html#str.split) for `split`.

| input | output |
|---|---|
| `hello big world` | `world big hello` |
"""


def shown(raw: str) -> str:
    """What the sidebar shows, with the bold match as [brackets] for readable assertions."""
    return readable_snippet(raw).replace(S, "[").replace(E, "]")


def hit(term: str, text: str = ANSWER) -> str:
    return shown(highlight(text, [term]))


def test_bold_around_a_match_goes_and_the_match_stays_highlighted():
    assert shown(f"**{S}reverse{E}**s the order") == "[reverse]s the order"
    assert hit("reverses") == "…mall function that [reverses] the order of words: d…"


def test_a_code_fence_and_its_language_tag_go_the_code_stays_as_written():
    assert hit("join") == '…str: return " ".[join](reversed(text.split())) Edge c…'
    assert shown("…ords**: ```python d…") == "…ords: d…"
    # inside a fenced block nothing is taken for emphasis; after it, emphasis goes again
    assert shown("a ```python f(*args, **kw)``` then **b**") == "a f(*args, **kw) then b"
    # a matched language tag stays: it is what the user searched for
    assert shown(f"words: ```{S}python{E} def f") == "words: [python] def f"


def test_headings_lists_and_italics():
    assert hit("edge") == "…xt.split())) [Edge] cases - Extra spaces collapse to one…"


def test_links_show_their_text_and_inline_code_its_content():
    assert hit("docs") == "…to one. - See the [docs]…"  # cut inside the URL: the URL goes
    assert shown("See [the docs](https://x.org/a_(b)) for `split`.") == "See the docs for split."
    assert shown("<https://example.com/a_b_c> and ![a chart](c.png)") == (
        "https://example.com/a_b_c and a chart"
    )
    assert shown("see [docs][1] and [more][ref].") == "see docs and more."


def test_a_match_only_inside_a_url_keeps_the_url():
    assert shown(f"[the docs](https://{S}python{E}.org)") == "the docs (https://[python].org)"
    assert shown(f"[{S}python{E}](https://{S}python{E}.org)") == "[python]"


def test_tables_read_as_cells():
    assert hit("hello") == "…utput · [hello] big world · world big [hello]"


def test_what_is_not_markdown_syntax_stays():
    assert (
        shown("a * b, 2*3*4, snake_case, C# and x - y") == "a * b, 2*3*4, snake_case, C# and x - y"
    )
    assert shown(r"\*literal\* and \`ticks\`") == "*literal* and `ticks`"
    assert shown("`**kwargs` is a dict") == "**kwargs is a dict"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("***both*** ~~struck~~ _it_ __bold__", "both struck it bold"),
        ("**bold with *italic* inside**", "bold with italic inside"),
        ("…rds** and *cut", "…rds and cut"),  # halves of pairs the cut separated
        ("`unclosed code…", "unclosed code…"),
        ("text --- more", "text more"),
    ],
)
def test_emphasis_in_every_form_and_cut_in_half(raw, expected):
    assert shown(raw) == expected


def test_html_and_plain_forms():
    raw = f"**{S}a<b>{E}** & `c`"
    assert snippet_html(raw) == "<b>a&lt;b&gt;</b> &amp; c"
    assert snippet_text(raw) == "a<b> & c"


def test_unpaired_markers_are_dropped():
    assert readable_snippet(f"x {E}y {S}z {S}w") == "x y z w"
    assert readable_snippet(f"{S}a{E} {S}b") == f"{S}a{E} b"


MARKDOWNISH = st.lists(
    st.sampled_from(
        list(string.ascii_letters[:8]) + list(" \n*_`~#[]()|-!<>\\:.") + ["**", "```", "](", "…"]
    ),
    max_size=80,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=MARKDOWNISH, term=st.sampled_from(["abc", "bad", "cab", "fed", "ab"]))
def test_every_match_stays_highlighted_and_markers_stay_paired(text, term):
    raw = highlight(text, [term])
    out = readable_snippet(raw)
    depth = 0
    for char in out:  # strictly alternating start, end, start, end
        if char in (S, E):
            assert (char == S) == (depth == 0)
            depth = 1 - depth
    assert depth == 0
    assert (S + term + E in out) == (S + term + E in raw)
    if not any(code in raw for code in ("`", "~~~", "\\")):  # no code, no escapes: no pair left
        assert "**" not in out and "~~" not in out
