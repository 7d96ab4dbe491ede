"""The Markdown people expect beyond CommonMark: task lists, footnotes, bare URLs as links.

Installed on the renderer's parser by :func:`use_extras`. Each extra has to survive the way an
answer is rendered — in pieces cut by :mod:`.splitter`, each parsed on its own, never again —
so none of them may depend on another piece:

* **Task lists** (``- [ ]`` / ``- [x]``, mdit-py-plugins' ``tasklists``) show ☐ / ☑ in front of
  the item, without a bullet. They are text, not controls: nothing in an answer is editable.
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

Raw HTML is off in the parser, so the only HTML tokens are the ones these plugins make; they
are rendered here (the task boxes) or escaped, never passed through.

Pure Python, no Qt.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.footnote.index import footnote_def
from mdit_py_plugins.tasklists import tasklists_plugin

from app.ui.render.links import LINKIFIED_SCHEMES

__all__ = ["FUZZY_TLDS", "TASK_DONE", "TASK_OPEN", "use_extras"]

TASK_OPEN = "☐"
TASK_DONE = "☑"
#: Bare domains ("example.com") become links only with these endings (no file extensions).
FUZZY_TLDS = ("com", "org", "net", "edu", "gov", "io", "dev", "cn")
_NOTE_STYLE = "font-size: small;"


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
    tasklists_plugin(md)
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


def _mark_notes_and_tasks(state: StateCore) -> None:
    """Head each note's first line with its label; take the bullet off task lists."""
    tokens = state.tokens
    label: str | None = None
    for token in tokens:
        if token.type == "footnote_reference_open":
            label = str(token.meta.get("label", ""))
        elif token.type == "inline" and label is not None and token.children is not None:
            head = Token("footnote_label", "", 0)
            head.meta = {"label": label}
            space = Token("text", "", 0)
            space.content = " "
            token.children[:0] = [head, space]
            label = None
        elif token.type in ("bullet_list_open", "ordered_list_open") and (
            token.attrGet("class") == "contains-task-list"
        ):
            token.attrs = {"style": "list-style-type: none;"}
        elif token.type == "list_item_open" and token.attrGet("class"):
            token.attrs = {}


def _note_not_in_note(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A note never opens inside a note: ``[^a]: [^a]: …`` stays one flat note, not a
    nesting a hundred deep per piece (and its cost)."""
    if state.parentType == "footnote":
        return False
    return footnote_def(state, start, end, silent)


def _html_inline(tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    content = tokens[idx].content
    if content.startswith('<input class="task-list-item-checkbox"'):
        return TASK_DONE if 'checked="checked"' in content else TASK_OPEN
    return html.escape(content)  # raw HTML is off: only a plugin makes these; never pass it on


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
