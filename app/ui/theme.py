"""Colours and the style sheet of the conversation, derived from the current palette.

Nothing here hard-codes "light" or "dark": every colour is the palette's own or a blend of two
palette colours, so the chat view looks right in the Fusion light and dark palettes, in a
system palette, and after a live switch (the view rebuilds its theme on ``PaletteChange``).
Only the status colours (error red, warning amber) and the Pygments style are picked per
lightness, because a palette has no role for them.

The window engineer may reuse :func:`theme_for` / :data:`Theme` for banners and the like.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFontDatabase, QPalette

from app.ui.markdown import MarkdownStyle

#: Widest a line of conversation gets: about 90 characters at the default font, easy to read.
MAX_CONTENT_WIDTH = 860
#: Vertical space between messages and inner padding of cards (px).
MESSAGE_SPACING = 18
CARD_PADDING = 10


def blend(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved towards ``b`` by ``t`` (0 → a, 1 → b), in RGB."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


@dataclass(frozen=True, slots=True)
class Theme:
    """Every colour the conversation uses, as ``#rrggbb`` strings."""

    dark: bool
    window: str
    text: str
    muted: str
    link: str
    border: str
    accent: str
    user_bubble: str
    user_text: str
    thinking_background: str
    thinking_text: str
    code_background: str
    code_header: str
    inline_code_background: str
    error: str
    error_background: str
    error_border: str
    warning: str
    pygments_style: str
    mono_family: str

    @property
    def scrollbar(self) -> str:
        return blend(QColor(self.border), QColor(self.muted), 0.35).name()

    @property
    def accent_hover(self) -> str:
        return blend(QColor(self.accent), QColor("#ffffff"), 0.15).name()

    def markdown_style(self, copy_label: str) -> MarkdownStyle:
        return MarkdownStyle(
            text=self.text,
            muted=self.muted,
            link=self.link,
            border=self.border,
            code_background=self.code_background,
            code_header=self.code_header,
            inline_code_background=self.inline_code_background,
            quote_bar=self.border,
            table_header=self.code_background,
            pygments_style=self.pygments_style,
            mono_family=self.mono_family,
            copy_label=copy_label,
        )

    def stylesheet(self) -> str:
        """The chat view's style sheet (object names are set by the message widgets)."""
        return f"""
#chatContent, #chatColumn {{ background: {self.window}; }}
QScrollArea#chatScroll {{ background: {self.window}; border: none; }}
QTextBrowser {{ background: transparent; border: none; color: {self.text}; }}
#userBubble {{
    background: {self.user_bubble}; border-radius: 14px;
}}
#userText {{ color: {self.user_text}; background: transparent; }}
#thinkingPart {{
    background: {self.thinking_background}; border-radius: 8px;
}}
#thinkingHeader {{
    color: {self.thinking_text}; border: none; background: transparent;
    padding: 2px 4px; text-align: left;
}}
#thinkingHeader:hover {{ color: {self.text}; }}
QTextBrowser#thinkingText {{ color: {self.thinking_text}; }}
#footer QLabel {{ color: {self.muted}; }}
#statusLabel {{ font-weight: 600; }}
#statusLabel[severity="error"] {{ color: {self.error}; }}
#statusLabel[severity="warning"] {{ color: {self.warning}; }}
#statusLabel[severity="info"] {{ color: {self.muted}; }}
#failurePanel {{
    background: {self.error_background}; border: 1px solid {self.error_border};
    border-radius: 8px;
}}
#failurePanel QLabel {{ background: transparent; }}
#failureHint {{ color: {self.text}; font-weight: 600; }}
#failureDetails {{ color: {self.muted}; }}
#waitingLabel {{ color: {self.muted}; }}
QScrollBar:vertical {{
    background: transparent; width: 10px; margin: 2px 1px 2px 1px; border: none;
}}
QScrollBar::handle:vertical {{
    background: {self.scrollbar}; border-radius: 4px; min-height: 32px;
}}
QScrollBar::handle:vertical:hover {{ background: {self.muted}; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0px; border: none; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
#olderLabel {{ color: {self.muted}; }}
QToolButton#jumpButton {{
    background: {self.accent}; color: #ffffff; border: none; border-radius: 12px;
    padding: 4px 14px; font-weight: 600;
}}
QToolButton#jumpButton:hover {{ background: {self.accent_hover}; }}
"""


def is_dark_palette(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def theme_for(palette: QPalette) -> Theme:
    """The conversation's colours for ``palette``."""
    dark = is_dark_palette(palette)
    role = QPalette.ColorRole
    window = palette.color(role.Window)
    base = palette.color(role.Base)
    text = palette.color(role.Text)
    highlight = palette.color(role.Highlight)
    link = palette.color(role.Link)
    muted = blend(text, window, 0.38)
    border = blend(text, window, 0.78 if dark else 0.82)
    if dark:
        user_bubble = blend(window, highlight, 0.35)
        thinking_background = blend(window, text, 0.06)
        code_background = blend(base, window, 0.5)
        code_header = blend(window, text, 0.1)
        inline_code = blend(window, text, 0.12)
        error, warning = QColor("#f28b82"), QColor("#fdd663")
        error_background = blend(window, error, 0.12)
    else:
        user_bubble = blend(window, highlight, 0.14)
        thinking_background = blend(window, text, 0.04)
        code_background = blend(base, window, 0.6)
        code_header = blend(window, text, 0.07)
        inline_code = blend(window, text, 0.08)
        error, warning = QColor("#b3261e"), QColor("#8a5a00")
        error_background = blend(window, error, 0.07)
    mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
    return Theme(
        dark=dark,
        window=window.name(),
        text=text.name(),
        muted=muted.name(),
        link=link.name(),
        border=border.name(),
        accent=highlight.name(),
        user_bubble=user_bubble.name(),
        user_text=text.name(),
        thinking_background=thinking_background.name(),
        thinking_text=blend(text, window, 0.3).name(),
        code_background=code_background.name(),
        code_header=code_header.name(),
        inline_code_background=inline_code.name(),
        error=error.name(),
        error_background=error_background.name(),
        error_border=blend(window, error, 0.45).name(),
        warning=warning.name(),
        pygments_style="github-dark" if dark else "default",
        mono_family=mono,
    )
