"""The colours and labels Markdown is rendered with, apart from the renderer.

The theme builds a :class:`MarkdownStyle` for every window, but the renderer (markdown-it,
Pygments, the math syntax) is needed only when a message is first shown; keeping the style here
lets the window paint its first frame without importing any of them.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["MarkdownStyle"]


@dataclass(frozen=True, slots=True)
class MarkdownStyle:
    """Colours and labels the HTML is rendered with (hex strings; derived from the palette)."""

    text: str = "#1f2328"
    muted: str = "#656d76"
    link: str = "#0969da"
    border: str = "#d0d7de"
    code_background: str = "#f6f8fa"
    code_header: str = "#eaeef2"
    inline_code_background: str = "#eff1f3"
    quote_bar: str = "#d0d7de"
    table_header: str = "#f6f8fa"
    pygments_style: str = "default"
    mono_family: str = "monospace"
    #: Text of the Copy link on each code block (translated by the view).
    copy_label: str = "Copy"
