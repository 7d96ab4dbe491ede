"""The Markdown people expect, in a real answer view, whole and streamed a character at a time:
task lists show ☐/☑ (text, not controls, no bullet), strikethrough strikes, footnote references
and their notes both show wherever the answer was cut, bare URLs are links without the
punctuation after them (file names stay text), and nesting ten thousand deep shows flat text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtGui import QTextCharFormat, QTextDocument, QTextListFormat
from PySide6.QtWidgets import QScrollArea

from app.ui.render.markdown import MarkdownStyle
from app.ui.render.rich_text import AnswerPart

EXTRAS = """## Plan

- [ ] write the tests
- [x] read the brief
  - [ ] a nested task

Nothing ~~old~~ stays; see https://example.com/guide. or (https://example.org/a?b=1), mail \
help@example.com — but setup.py and README.md stay text.

The claim[^1] has a source, and so does another[^note].

> quoted, with a task:
>
> - [x] done inside a quote

[^1]: The first note, with a link https://example.net/n.
[^note]: A **named** note.
"""
LINKS = {
    "https://example.com/guide",
    "https://example.org/a?b=1",
    "mailto:help@example.com",
    "https://example.net/n",
}


def make_part(qtbot) -> AnswerPart:
    part = AnswerPart(MarkdownStyle())
    page = QScrollArea()
    page.setWidgetResizable(True)
    page.setWidget(part)
    qtbot.addWidget(page)
    page.resize(700, 500)
    page.show()
    part.page = page  # type: ignore[attr-defined]  # keep the page alive with the part
    return part


def streamed(qtbot, text: str, chunk: int = 1) -> AnswerPart:
    """``text`` streamed into a part ``chunk`` characters at a time, drawn after each."""
    part = make_part(qtbot)
    for start in range(0, len(text), chunk):
        part.append(text[start : start + chunk])
        part.render()
    part.finish()
    return part


def whole(qtbot, text: str) -> AnswerPart:
    part = make_part(qtbot)
    part.set_text(text)
    return part


def fragments(part: AnswerPart) -> Iterator[tuple[str, QTextCharFormat]]:
    for browser in part.browsers():
        block = browser.document().begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                yield fragment.text(), fragment.charFormat()
                iterator += 1
            block = block.next()


def documents(part: AnswerPart) -> list[QTextDocument]:
    return [browser.document() for browser in part.browsers()]


def check_extras(part: AnswerPart) -> None:
    text = part.plain_text()
    # Task lists: boxes, not Markdown, and no bullet in front of them.
    for item in ("☐ write the tests", "☑ read the brief", "☐ a nested task"):
        assert item in text
    assert "☑ done inside a quote" in text
    assert "[ ]" not in text and "[x]" not in text
    for document in documents(part):
        block = document.begin()
        while block.isValid():
            if block.text().startswith(("☐", "☑")) and block.textList() is not None:
                style = block.textList().format().style()
                assert style == QTextListFormat.Style.ListStyleUndefined, block.text()
            block = block.next()
    assert all(browser.isReadOnly() for browser in part.browsers())
    # Strikethrough.
    struck = [t for t, f in fragments(part) if f.fontStrikeOut()]
    assert struck == ["old"]
    # Footnotes: each reference raised; each note headed by its label.
    up = QTextCharFormat.VerticalAlignment.AlignSuperScript
    raised = [t for t, f in fragments(part) if f.verticalAlignment() == up]
    assert raised == ["[1]", "[note]"]
    assert "[1] The first note, with a link" in text and "[note] A named note." in text
    assert "[^" not in text
    # Bare URLs: linked without the punctuation after them; file names are not domains.
    hrefs = {f.anchorHref() for _, f in fragments(part) if f.anchorHref()}
    assert hrefs == LINKS
    assert re.search(r"guide\. or \(https://example\.org/a\?b=1\),", text)


def test_task_lists_strikethrough_footnotes_and_bare_urls_show_in_a_whole_answer(qtbot):
    check_extras(whole(qtbot, EXTRAS))


def test_the_extras_survive_streaming_one_character_at_a_time(qtbot):
    part = streamed(qtbot, EXTRAS)
    check_extras(part)
    assert part.plain_text() == whole(qtbot, EXTRAS).plain_text()


def test_a_note_far_from_its_reference_still_shows_both(qtbot):
    filler = "".join(f"Paragraph {n} says little of use.\n\n" for n in range(300))
    text = f"A claim.[^src]\n\n{filler}[^src]: Where it comes from.\n"
    for part in (whole(qtbot, text), streamed(qtbot, text, chunk=7)):
        shown = part.plain_text()
        assert "A claim.[src]" in shown and "[src] Where it comes from." in shown
        assert len(part.browsers()) > 1  # the reference and the note are in different views


def test_a_web_address_without_scheme_links_but_file_names_stay_text(qtbot):
    part = whole(qtbot, "Edit setup.py, main.rs, app.ai and notes.md, or www.example.com/page.\n")
    hrefs = [f.anchorHref() for _, f in fragments(part) if f.anchorHref()]
    assert hrefs == ["http://www.example.com/page"]


def test_nesting_ten_thousand_deep_streams_as_flat_text(qtbot):
    text = "> - " * 10_000 + "the deepest words\n\nafter\n"
    part = streamed(qtbot, text, chunk=97)
    assert "the deepest words" in part.plain_text() and "after" in part.plain_text()
    assert "»20000" in part.plain_text()  # flattened, with its depth (a quote and a list a level)


def test_notes_and_tasks_nested_ten_thousand_deep_show_their_text(qtbot):
    for text, words in (
        ("[^a]: " * 10_000 + "a deep note\n", "a deep note"),
        ("- [ ] " * 10_000 + "a deep task\n", "a deep task"),
    ):
        assert whole(qtbot, text).plain_text().count(words) == 1
        assert streamed(qtbot, text, chunk=1_000).plain_text().count(words) == 1


def test_a_list_with_a_task_among_plain_items_keeps_its_bullets(qtbot):
    part = whole(qtbot, "- [ ] a task\n- a plain item\n- [x]no space: not a task\n")
    document = part.stable.document()
    styles = set()
    block = document.begin()
    while block.isValid():
        if block.textList() is not None:
            styles.add(block.textList().format().style())
        block = block.next()
    assert styles == {QTextListFormat.Style.ListDisc}
    assert "☐ a task" in part.plain_text() and "[x]no space" in part.plain_text()
