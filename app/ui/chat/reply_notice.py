"""The quiet line under a finished reply: how it ended, and whether it is sent as context.

Two facts the core decides and this line only shows:

* the ending (``app.core.endings``): "Cut off at the length limit" with a Continue button, "The
  model returned no answer text" with its token counts, the content filter, a tool request, or
  any other finish reason by name — so a reply that stopped early never looks complete;
* "Not sent as context" (``app.core.context``) on a reply whose exchange the next request leaves
  out (no answer text), so the user knows the model will not see it.

Hidden when there is nothing to say (most replies). Continue asks the window's dispatcher, like
every message action (``MessageAction.CONTINUE``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from app.core.context import sent_as_context
from app.core.endings import Ending, EndingKind, ending_of_message
from app.core.history.records import Message, MessageStatus
from app.ui.common.theme import Theme, tinted


class ReplyNotice(QWidget):
    """How a reply ended and whether it is context (see the module docstring)."""

    continue_clicked = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("replyNotice")
        self._theme = theme
        self.ending: Ending | None = None
        self.ending_label = QLabel(self)
        self.ending_label.setObjectName("endingLabel")
        self.ending_label.setWordWrap(True)
        self.ending_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.continue_button = QPushButton(self.tr("Continue"), self)
        self.continue_button.setObjectName("continueButton")
        self.continue_button.setToolTip(
            self.tr('Send "continue" as a new prompt; the cut reply stays in the context.')
        )
        self.continue_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.continue_button.clicked.connect(self.continue_clicked)
        self.context_label = QLabel(self.tr("Not sent as context"), self)
        self.context_label.setObjectName("notContextLabel")
        self.context_label.setToolTip(
            self.tr(
                "This reply has no answer text, so it and its prompt are left out of what "
                "later prompts send to the model."
            )
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.ending_label, 1)
        layout.addWidget(self.continue_button)
        layout.addWidget(self.context_label)
        self.restyle(theme)
        self.show_for(None)

    def restyle(self, theme: Theme) -> None:
        self._theme = theme
        self.context_label.setPalette(tinted(QPalette.ColorRole.WindowText, theme.muted))
        self._tint_ending()

    def _tint_ending(self) -> None:
        loud = self.ending is not None and self.ending.kind in (
            EndingKind.LENGTH,
            EndingKind.CONTENT_FILTER,
        )
        colour = self._theme.warning if loud else self._theme.muted
        self.ending_label.setPalette(tinted(QPalette.ColorRole.WindowText, colour))

    def show_for(self, message: Message | None) -> None:
        """Show what there is to say about ``message`` (a finished reply), or hide."""
        ending = ending_of_message(message) if message is not None else None
        finished = message is not None and message.status is not MessageStatus.STREAMING
        left_out = finished and message is not None and not sent_as_context(message)
        self.ending = ending
        self.ending_label.setText(self.sentence(ending) if ending is not None else "")
        self.ending_label.setVisible(ending is not None)
        self.continue_button.setVisible(ending is not None and ending.can_continue)
        self.context_label.setVisible(left_out)
        self._tint_ending()
        self.setVisible(ending is not None or left_out)

    def sentence(self, ending: Ending) -> str:
        """The ending in the user's language (the CLI prints the core's English)."""
        tokens = ""
        if ending.output_tokens is not None:
            if ending.reasoning_tokens:
                tokens = self.tr(" ({output} output tokens, {thinking} of them thinking)").format(
                    output=f"{ending.output_tokens:,}", thinking=f"{ending.reasoning_tokens:,}"
                )
            else:
                tokens = self.tr(" ({output} output tokens)").format(
                    output=f"{ending.output_tokens:,}"
                )
        kind = ending.kind
        if kind is EndingKind.LENGTH:
            if ending.empty:
                text = self.tr("Cut off at the length limit before any answer text{tokens}.")
                return text.format(tokens=tokens)
            return self.tr("Cut off at the length limit.")
        if kind is EndingKind.EMPTY:
            return self.tr("The model returned no answer text{tokens}.").format(tokens=tokens)
        if kind is EndingKind.CONTENT_FILTER:
            return self.tr("Stopped by the service's content filter.")
        if kind is EndingKind.TOOL_CALLS:
            return self.tr("The model asked to call a tool; SeekDesk runs no tools.")
        return self.tr("The reply ended with finish reason “{reason}”.").format(
            reason=ending.finish_reason or ""
        )


def worth_showing(message: Message) -> bool:
    """Whether a finished reply has an ending to tell or is left out of the context."""
    if message.status is MessageStatus.STREAMING:
        return False
    return ending_of_message(message) is not None or not sent_as_context(message)


class NoticeSlot:
    """A reply card's place for its ``ReplyNotice``, made only when there is something to say
    (most replies never need one), just above ``footer`` in the card's layout."""

    def __init__(self, card: QWidget, footer: QWidget, on_continue: Callable[[], None]) -> None:
        self._card = card
        self._footer = footer
        self._on_continue = on_continue
        self.notice: ReplyNotice | None = None

    def show_for(self, message: Message, theme: Theme) -> None:
        if self.notice is None:
            if not worth_showing(message):
                return
            layout = self._card.layout()
            assert isinstance(layout, QBoxLayout)
            self.notice = ReplyNotice(theme, self._card)
            self.notice.continue_clicked.connect(self._on_continue)
            layout.insertWidget(layout.indexOf(self._footer), self.notice)
        self.notice.show_for(message)

    def restyle(self, theme: Theme) -> None:
        if self.notice is not None:
            self.notice.restyle(theme)


__all__ = ["NoticeSlot", "ReplyNotice", "worth_showing"]
