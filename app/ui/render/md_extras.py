"""The Markdown people expect beyond CommonMark: task lists, footnotes, bare URLs as links.

Installed on the renderer's parser by :func:`use_extras`. Each extra has to survive the way an
answer is rendered — in pieces cut by :mod:`.splitter`, each parsed on its own, never again —
so none of them may depend on another piece:

* **Task lists** (``- [ ]`` / ``- [x]``, GitHub's rule) show ☐ / ☑ in front of the item,
  without a bullet. They are text, not controls: nothing in an answer is editable.
* **Footnotes** (mdit-py-plugins' ``footnote``, without its move-to-the-end pass): a reference
  ``[^1]`` shows as a superscript ``[1]`` whether or not its note is in the same piece (notes
  are at the end, the references far before them, in another piece); a note shows where it is
  written, as a small paragraph headed ``[1]`` (not raised: it would be too small to read).
  Nothing is numbered across the answer, and no note is dropped for having no reference in
  its piece (the plugin's end pass would drop it).
  Inline notes (``^[…]``) stay text.
* **Bare URLs** become links (markdown-it's ``linkify``, linkify-it-py) only for the schemes a
  click opens (:data:`.links.LINKIFIED_SCHEMES`); bare domains only for a few common top-level
  domains, so ``setup.py`` or ``README.md`` stay text. Trailing punctuation stays out of the
  link (linkify-it's rule).

Raw HTML is off in the parser, so no HTML token should exist; any that a plugin makes is
escaped, never passed through.

Pure Python, no Qt.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.footnote.index import footnote_def

from app.ui.render.links import LINKIFIED_SCHEMES

__all__ = ["FUZZY_TLDS", "TASK_DONE", "TASK_OPEN", "use_extras"]

TASK_OPEN = "☐"
TASK_DONE = "☑"
#: Bare domains ("example.com") become links only with these endings (no file extensions).
FUZZY_TLDS = ("com", "org", "net", "edu", "gov", "io", "dev", "cn")
_NOTE_STYLE = "font-size: small;"
#: A task item's start, as GitHub reads it: a box, then white space.
_TASK = re.compile(r"\[([ xX])\][ \t\n\v\f\r]")
_FUZZY_END = re.compile(r"\.(?:" + "|".join(FUZZY_TLDS) + r")\b", re.IGNORECASE)


def use_extras(md: MarkdownIt, muted: str) -> None:
    """Enable the extras on ``md`` (a ``commonmark`` parser with raw HTML off); ``muted`` is
    the colour of footnote markers."""
    md.options["linkify"] = True
    md.enable("linkify")
    linkify = md.linkify
    if linkify is not None:
        for schema in ("http:", "https:", "ftp:", "//", "mailto:"):  # linkify-it's defaults
            if schema not in LINKIFIED_SCHEMES:
                linkify.add(schema, None)  # not linked: a click would not open it
        linkify.tlds(list(FUZZY_TLDS), False)
        full_test = linkify.pretest
        # linkify-it's own pretest is one large regex (a third of a paragraph's render time);
        # text with none of these cannot hold a link, and most text has none.
        linkify.pretest = lambda text: _may_link(text) and full_test(text)
    footnote_plugin(md, inline=False, move_to_end=False, always_match_refs=True)
    md.block.ruler.at("footnote_def", _note_not_in_note, {"alt": ["paragraph", "reference"]})
    md.core.ruler.push("seekdesk_extras", _mark_notes_and_tasks)
    rules = {
        "html_inline": _html_inline,
        "html_block": _html_block,
        "footnote_ref": _reference(muted),
        "footnote_reference_open": _note_open,
        "footnote_reference_close": _note_close,
        "footnote_label": _note_head(muted),
    }
    md.renderer.rules.update(rules)  # type: ignore[attr-defined]  # (RendererHTML's)


def _may_link(text: str) -> bool:
    """Whether ``text`` may hold a link linkify finds (substring tests first: one regex with
    alternatives scans a 2,500-character line in ~130 µs, these in ~5 µs)."""
    return (
        "://" in text
        or "@" in text
        or "www." in text
        or ("." in text and _FUZZY_END.search(text) is not None)
    )


def _mark_notes_and_tasks(state: StateCore) -> None:
    """Head each note's first line with its label; a list item's ``[ ]`` / ``[x]`` becomes its
    box, and a list of tasks only loses its bullets (Qt has one marker style per list).

    One pass over the tokens (mdit-py-plugins' tasklists rule cost a tenth of a list's render
    time)."""
    tokens = state.tokens
    label: str | None = None
    lists: list[list[Any]] = []  # per open list: its opening token, items, task items
    for index, token in enumerate(tokens):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists.append([token, 0, 0])
        elif kind == "list_item_open" and lists:
            lists[-1][1] += 1
        elif kind in ("bullet_list_close", "ordered_list_close") and lists:
            opening, items, tasks = lists.pop()
            if tasks and tasks == items:
                opening.attrSet("style", "list-style-type: none;")
        elif kind == "footnote_reference_open":
            label = str(token.meta.get("label", ""))
        elif kind == "inline" and token.children:
            if label is not None:
                head = _token("footnote_label", "", label=label)
                token.children[:0] = [head, _token("text", " ")]
                label = None
            elif (
                lists
                and token.content.startswith("[")
                and tokens[index - 1].type == "paragraph_open"
                and tokens[index - 2].type == "list_item_open"
                and _make_task(token)
            ):
                lists[-1][2] += 1


def _make_task(inline: Token) -> bool:
    """Put the box in front of a task item's text; False if the item is not a task."""
    children = inline.children or []
    first = children[0]
    match = _TASK.match(first.content) if first.type == "text" else None
    if match is None:
        return False
    first.content = first.content[3:]  # the whitespace after the box stays: "☐ item"
    children.insert(0, _token("text", TASK_OPEN if match.group(1) == " " else TASK_DONE))
    return True


def _token(kind: str, content: str, **meta: str) -> Token:
    token = Token(kind, "", 0)
    token.content = content
    token.meta = dict(meta)
    return token


def _note_not_in_note(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A note never opens inside a note: ``[^a]: [^a]: …`` stays one flat note, not a
    nesting a hundred deep per piece (and its cost)."""
    if state.parentType == "footnote":
        return False
    return footnote_def(state, start, end, silent)


def _html_inline(tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return html.escape(tokens[idx].content)  # raw HTML is off: never pass any on


def _html_block(tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return f"<p>{html.escape(tokens[idx].content)}</p>\n"


def _reference(muted: str) -> Any:
    def render(tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        label = html.escape(str(tokens[idx].meta.get("label", "")))
        return f'<sup style="color: {muted};">[{label}]</sup>'

    return render


def _note_head(muted: str) -> Any:
    def render(tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        # Not raised: the note is small already, a superscript of it would not be legible.
        label = html.escape(str(tokens[idx].meta.get("label", "")))
        return f'<span style="color: {muted};">[{label}]</span>'

    return render


def _note_open(tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return f'<div style="{_NOTE_STYLE}">\n'


def _note_close(tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return "</div>\n"
