"""Colours and the style sheet of the conversation, derived from the current palette.

Nothing here hard-codes "light" or "dark": every colour is the palette's own or a blend of two
palette colours, so the chat view looks right in the Fusion light and dark palettes, in a
system palette, and after a live switch (the view rebuilds its theme on ``PaletteChange``).
Only the status colours (error red, warning amber) and the Pygments style are picked per
lightness, because a palette has no role for them.

Rows are styled through palettes (:func:`tinted`) and their own ``paintEvent``, not through a
style sheet: a sheet on the view would make Qt's style-sheet engine track every descendant
widget, the largest part of a message's memory. Only the scroll bar and the jump button carry
a (tiny) sheet of their own.

The window engineer may reuse :func:`theme_for` / :data:`Theme` for banners and the like.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QFontDatabase, QPainter, QPalette
from PySide6.QtWidgets import QWidget

from app.ui.render.style import MarkdownStyle

#: Widest a line of conversation gets: about 90 characters at the default font, easy to read.
MAX_CONTENT_WIDTH = 860
#: Vertical space between messages (px): between a prompt and its reply; a prompt's role line
#: adds ``role_header.TURN_GAP`` above it, so turns stand apart. And inner padding of cards.
MESSAGE_SPACING = 10
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

    def scrollbar_stylesheet(self) -> str:
        """The conversation's slim scroll bar; set on that one scroll bar, never on the view.

        A style sheet on a widget styles every descendant through ``QStyleSheetStyle``, which
        keeps per-widget rule caches, palettes and fonts: on the view it cost ~60 % of each
        message's memory. So the rows are styled with palettes and paint their own
        backgrounds, and only these two chrome widgets carry a sheet.
        """
        return f"""
QScrollBar:vertical {{
    background: transparent; width: 10px; margin: 2px 1px 2px 1px; border: none;
}}
QScrollBar::handle:vertical {{
    background: {self.scrollbar}; border-radius: 4px; min-height: 32px;
}}
QScrollBar::handle:vertical:hover {{ background: {self.muted}; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0px; border: none; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
"""

    def jump_button_stylesheet(self) -> str:
        """The floating "Jump to latest" button (set on the button alone)."""
        return f"""
QToolButton#jumpButton {{
    background: {self.accent}; color: #ffffff; border: none; border-radius: 12px;
    padding: 4px 14px; font-weight: 600;
}}
QToolButton#jumpButton:hover {{ background: {self.accent_hover}; }}
"""


def tinted(role: QPalette.ColorRole, color: str) -> QPalette:
    """A palette that pins only ``role`` to ``color``; every other role stays inherited.

    Only the pinned role is marked as set (the resolve mask), so a live light/dark switch
    still reaches the other roles; the view re-tints the pinned ones from the new theme.
    """
    palette = QPalette()
    palette.setResolveMask(0)  # inherit every role but this one, whatever the app palette says
    palette.setColor(role, QColor(color))
    return palette


def primary_button_palette(palette: QPalette) -> QPalette:
    """The palette of a window's primary button (Send): filled with the accent while enabled.

    A plain Fusion button differs from a disabled one only by its text colour, and in the dark
    palette that is grey on grey: an empty prompt's Send looked just like a ready one. Filled
    with the highlight colour, an enabled Send stands out in any palette, while the Disabled
    group is left unset, so a disabled Send keeps the palette's own flat, muted look. Only the
    Active and Inactive roles set here are marked as set (the resolve mask), so the rest still
    follows the application palette; re-apply it on ``PaletteChange`` with the new palette.
    """
    tint = QPalette()
    tint.setResolveMask(0)
    # Fusion paints a button lighter and 25 % less saturated than its Button colour; start
    # darker and more saturated, so the fill lands near the accent and white text on it stays
    # readable (about 4.5:1 or better in the Fusion light and dark palettes).
    accent = palette.color(QPalette.ColorRole.Highlight).darker(140)
    hue, saturation, value = accent.hsvHue(), accent.hsvSaturation(), accent.value()
    accent.setHsv(hue, min(255, round(saturation / 0.75)), value)
    on_accent = palette.color(QPalette.ColorRole.HighlightedText)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        tint.setColor(group, QPalette.ColorRole.Button, accent)
        tint.setColor(group, QPalette.ColorRole.ButtonText, on_accent)
    return tint


def paint_card(widget: QWidget, fill: str, radius: float, border: str | None = None) -> None:
    """A rounded background (and optional 1 px border) behind ``widget``'s children."""
    painter = QPainter(widget)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(border) if border else Qt.PenStyle.NoPen)
    painter.setBrush(QColor(fill))
    rect = QRectF(widget.rect())
    if border:
        rect.adjust(0.5, 0.5, -0.5, -0.5)
    painter.drawRoundedRect(rect, radius, radius)


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


class PaletteWatcher(QObject):
    """Calls ``on_change`` when the palette of the window it watches changes.

    For a widget that must restyle on a light/dark switch even when an ancestor pins its
    palette (then the change never propagates down to it). ``watch`` again after a re-parent.
    """

    def __init__(self, parent: QObject, on_change: Callable[[], None]) -> None:
        super().__init__(parent)
        self._on_change = on_change
        self._watched: QObject | None = None

    def watch(self, window: QObject) -> None:
        if window is self.parent() or window is self._watched:
            return
        if self._watched is not None:
            with contextlib.suppress(RuntimeError):  # it may already be gone
                self._watched.removeEventFilter(self)
        self._watched = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched and event.type() == QEvent.Type.PaletteChange:
            self._on_change()
        return False
