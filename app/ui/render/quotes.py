"""Block quotes: margins in the document, and a mark on each line for the view's side bars.

``QTextDocument`` has no left border for a block, and a table per quote level (the usual way
to draw one) doubles the layout work with every level of nesting. So a quote is a block
margin per level, as cheap at depth 8 as at depth 1, and every block inside a quote carries its
depth in Qt's ``-qt-user-state`` (:func:`depth_of` reads it back); the view paints one bar per
level beside those blocks (:mod:`app.ui.render.quote_bars`), only where it repaints. The mark
survives appending HTML piece by piece, so a long quote streamed in pieces gets the same
unbroken bars as the quote rendered whole. Pure Python, no Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from markdown_it.token import Token

__all__ = ["QUOTE_INDENT", "depth_of", "quote_rules"]

#: Left margin of one level of quote, in pixels; the bar sits in it.
QUOTE_INDENT = 16
#: A block's user state is this plus the depth of the quotes it is in.
_STATE_BASE = 0x5EE0
_MAX_STATE_DEPTH = 64

RenderRule = Callable[[Sequence[Token], int, Any, Any], str]


def depth_of(user_state: int) -> int:
    """The quote depth a block's user state marks (0: not in a quote)."""
    depth = user_state - _STATE_BASE
    return depth if 0 < depth <= _MAX_STATE_DEPTH else 0


def _mark(depth: int) -> str:
    return f"-qt-user-state: {_STATE_BASE + min(depth, _MAX_STATE_DEPTH)};"


def quote_rules(render_token: RenderRule, muted: str) -> dict[str, RenderRule]:
    """Render rules for quotes, and for the blocks inside one (marked with its depth);
    ``render_token`` is the renderer's own ``renderToken`` for everything else."""

    def quote_open(tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        depth = env["quote_depth"] = env.get("quote_depth", 0) + 1
        # Block margins, not a table per level: layout stays linear in depth.
        return (
            '<blockquote style="margin-top: 6px; margin-bottom: 6px; '
            f"margin-left: {QUOTE_INDENT}px; margin-right: 0px; color: {muted}; "
            f'{_mark(depth)}">\n'
        )

    def quote_close(tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        env["quote_depth"] = max(0, env.get("quote_depth", 0) - 1)
        return "</blockquote>\n"

    def marked(tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        depth = env.get("quote_depth", 0) if isinstance(env, dict) else 0
        token = tokens[idx]
        if depth and not token.hidden:
            style = str(token.attrGet("style") or "")
            token.attrSet("style", f"{style} {_mark(depth)}".strip())
        return render_token(tokens, idx, options, env)

    return {
        "blockquote_open": quote_open,
        "blockquote_close": quote_close,
        "paragraph_open": marked,
        "list_item_open": marked,
        "heading_open": marked,
    }
