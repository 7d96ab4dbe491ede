"""Math in an answer's Markdown: every delimiter a model writes becomes one formula, written
back exactly as it was; Markdown never touches what is inside; money stays text.

No display needed: parsing and HTML are Qt-free (the typesetter too).
"""

from __future__ import annotations

import re

import pytest

from app.ui.render import math_tex
from app.ui.render.markdown import MarkdownRenderer
from app.ui.render.math_syntax import MATH_SCHEME, display_closer, formula_for, source_for
from app.ui.render.math_tex import MAX_SOURCE, Formula, MathError, typeset
from app.ui.render.stream import MarkdownStream
from tests.ui.render.math_corpus import ALL, BROKEN, CURRENCY, DISPLAY, INLINE, answer

_IMAGE = re.compile(rf'<img src="({MATH_SCHEME}:[0-9a-f]+)\?c=([0-9a-f]{{6}})"')



@pytest.fixture(autouse=True)
def _fresh_check_budget():
    """Each test starts with the checking budget unspent (what an earlier test spent within
    the last 0.1 s would otherwise decide whether this one's formulas are checked first)."""
    math_tex._check_spent.clear()

def html_of(source: str) -> str:
    return MarkdownRenderer().render(source).html


def formulas_in(markup: str) -> list[str]:
    """The formulas an HTML shows, as their sources (what a copy gives)."""
    return [source_for(name) or "?" for name, _ in _IMAGE.findall(markup)]


@pytest.mark.parametrize("formula", ALL)
def test_each_corpus_formula_becomes_one_image_that_copies_back_as_written(formula):
    markup = html_of(f"Before.\n\n{formula}\n\nAfter.")
    assert formulas_in(markup) == [formula]
    assert "title=" not in markup  # typeset: no error on hover


def test_the_inside_of_a_formula_is_kept_exactly_as_written():
    source = r"Spacing $a\,b\;c$ and \[x_1 * y_2 * z_3\] and $a_1 + a_2 = b_1$."
    markup = html_of(source)
    assert formulas_in(markup) == [r"$a\,b\;c$", r"\[x_1 * y_2 * z_3\]", "$a_1 + a_2 = b_1$"]
    assert "<em>" not in markup and "<strong>" not in markup
    key = _IMAGE.findall(markup)[1][0].partition(":")[2]
    assert formula_for(key) == ("x_1 * y_2 * z_3", True)


@pytest.mark.parametrize("sentence", CURRENCY)
def test_money_stays_text(sentence):
    markup = html_of(sentence)
    assert "<img" not in markup
    assert markup.count("$") == sentence.count("$")


@pytest.mark.parametrize(
    "source",
    [
        "$ x$",  # a space after the opening $
        "$x $",  # a space before the closing $
        "$x$5",  # a digit after the closing $
        r"\$x\$",  # escaped
        "`$x$`",  # inside code
        "$$",
        "$x",  # never closed (still streaming)
        r"\(x",
        "$$\nx = 1\n",
    ],
)
def test_what_is_not_math_stays_text(source):
    assert "<img" not in html_of(source)


def test_an_escaped_dollar_inside_a_formula_does_not_close_it():
    assert formulas_in(html_of(r"Price $\$5 + x$ here.")) == [r"$\$5 + x$"]


def test_display_math_on_its_own_lines_is_a_centred_paragraph_even_after_a_sentence():
    markup = html_of("We have:\n$$\n\\int_0^1 x\\,dx = \\tfrac12\n$$\nso it is done.")
    assert '<p align="center"' in markup
    assert "We have:" in markup and "so it is done." in markup
    assert formulas_in(markup) == ["$$\n\\int_0^1 x\\,dx = \\tfrac12\n$$"]


def test_display_math_inside_a_sentence_stays_where_it_is():
    markup = html_of(r"Thus $$x^2$$ holds, and \[y\] too.")
    assert '<p align="center"' not in markup
    assert len(formulas_in(markup)) == 2


def test_math_in_list_items_and_quotes():
    markup = html_of("- first $\\alpha$\n- second:\n  $$\\beta$$\n\n> quoted \\(\\gamma\\)\n")
    assert formulas_in(markup) == ["$\\alpha$", "$$\\beta$$", "\\(\\gamma\\)"]


@pytest.mark.parametrize(
    "formula",
    [
        "\\begin{aligned}\na &= b \\\\\n&= c\n\\end{aligned}",
        "\\begin{equation}\nE = mc^2 \\label{eq:energy}\n\\end{equation}",
        "\\begin{align*}\nx &= 1 \\nonumber \\\\\ny &= 2\n\\end{align*}",
        "\\begin{pmatrix} 1 & 0 \\\\ 0 & 1 \\end{pmatrix}",
    ],
)
def test_an_environment_written_bare_is_display_math(formula):
    markup = html_of(f"It reads:\n{formula}\nas shown.")
    assert formulas_in(markup) == [formula]
    assert "title=" not in markup and '<p align="center"' in markup


def test_an_unknown_bare_environment_stays_text():
    assert "<img" not in html_of("\\begin{tikzpicture}\n\\draw (0,0);\n\\end{tikzpicture}")


def test_a_math_fence_is_a_formula_only_once_closed():
    closed = "```math\n\\sqrt{2}\n```"
    assert formulas_in(html_of(closed)) == [closed]
    open_ = html_of("```math\n\\sqrt{2}\n")
    assert "<img" not in open_ and "\\sqrt{2}" in open_


@pytest.mark.parametrize("formula", BROKEN)
def test_a_formula_that_cannot_be_typeset_shows_its_source_with_the_reason(formula):
    markup = html_of(f"See {formula} here." if not formula.startswith("\\[") else formula)
    assert "<img" not in markup
    title = re.search(r'<span title="([^"]+)" style="font-family:', markup)
    assert title is not None and title.group(1)
    shown = re.sub(r"<[^>]+>", "", markup).replace("&amp;", "&")
    assert formula in shown


def test_the_typesetter_is_guarded_against_huge_and_deep_formulas():
    assert isinstance(typeset("x+" * MAX_SOURCE, True), MathError)
    assert isinstance(typeset("{" * 200 + "x" + "}" * 200, False), MathError)
    deep = "\\left( \\frac{1}{" * 8 + "x" + "} \\right)" * 8
    assert typeset(deep, True) == MathError("Formula nested too deeply to draw")
    assert isinstance(typeset("\\frac{1}{2}", True), Formula)


def test_a_display_formula_streamed_a_character_at_a_time_is_never_cut_inside():
    """The splitter keeps an open $$ / \\[ / math fence whole, however long (up to 20k)."""
    lines = "\n".join(f"a_{{{i}}} &= b_{{{i}}} + c \\\\" for i in range(60))
    formula = f"\\[\n\\begin{{aligned}}\n{lines}\n\\end{{aligned}}\n\\]"
    text = "Intro sentence.\n\n" + formula + "\n\nAfter.\n"
    stream = MarkdownStream()
    blocks = []
    for char in text:
        stream.append(char)
        blocks += stream.render().new_blocks
    blocks += stream.finish().new_blocks
    holding = [b for b in blocks if "\\begin{aligned}" in b.source]
    assert len(holding) == 1 and formula in holding[0].source
    assert formulas_in("".join(b.html for b in blocks)) == [formula]


@pytest.mark.parametrize(
    ("line", "closer"),
    [
        ("$$", "$$"),
        ("\\[", "\\]"),
        ("  $$ x = 1", "$$"),
        ("```math", "```"),
        ("$$x$$", None),
        ("\\begin{aligned}", "\\end{aligned}"),
        ("\\begin{align*} x", "\\end{align*}"),
    ],
)
def test_the_splitter_knows_which_lines_open_a_display_formula(line, closer):
    assert display_closer(line) == closer


def test_the_whole_corpus_answer_has_every_formula_and_no_delimiter_left_over():
    source = answer()
    markup = "".join(b.html for b in _render_all(source))
    assert sorted(formulas_in(markup)) == sorted(INLINE + DISPLAY)
    text = re.sub(r"<[^>]+>", "", markup)
    for delimiter in ("\\(", "\\)", "\\[", "\\]", "$$", "```"):
        assert delimiter not in text
    assert text.count("$") == sum(source.count(s) * s.count("$") for s in CURRENCY) > 0


def _render_all(source: str) -> list:
    stream = MarkdownStream()
    stream.append(source)
    return stream.finish().new_blocks
