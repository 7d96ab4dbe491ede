"""The one dispatcher of message actions: every ``MessageActionRequest`` ends here.

A message widget only *asks* (``action_requested``; the chat view forwards it unchanged); what
an action does is decided in :meth:`MessageDispatcher.dispatch`, one branch per
:class:`~app.ui.chat.message_actions.MessageAction`. Adding an action means: the enum member,
a way to ask for it in the widget, and its branch here.

Working today: Retry and Regenerate (a new reply beside the old one, which is kept as another
version), Continue after a length cut, Open settings and Switch model (a failure's ways out),
the copies — a code block, the answer's Markdown source, its plain text, the thinking, and
diagnostics (model, region, API, status, service code, request id, timings, tokens; never the
key) — and, through the window's ``BranchRoom``, Edit (a new version of a prompt), Delete (with
confirmation and Undo) and the ``‹ 2 / 3 ›`` version switch.

Copies go to the system clipboard and the reply says "Copied" in its footer for a moment, so
the click visibly had an effect. Requests about a message no longer on screen are dropped.

(For the rendering side: ``AnswerPart`` in ``app.ui.render.rich_text`` still writes the
clipboard itself before emitting ``code_copied``; the copy this route relies on is the one
here, so that write can go — and ``code_copied`` then only means "asked to copy".)
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication

from app.core.endings import CONTINUE_PROMPT
from app.core.history import Conversation
from app.ui.chat.chat_view import ChatView
from app.ui.chat.message_actions import MessageAction, MessageActionRequest
from app.ui.chat.message_widgets import AssistantMessageWidget
from app.ui.window.diagnostics import diagnostics_text
from app.ui.window.state import Notices

log = logging.getLogger(__name__)


#: The actions that change which messages exist or are shown (handed to ``versions``).
_VERSIONS = (MessageAction.EDIT, MessageAction.DELETE, MessageAction.SWITCH_BRANCH)


def _set_clipboard(text: str) -> None:
    QGuiApplication.clipboard().setText(text)


class MessageDispatcher(QObject):
    """Carries out the actions asked for on messages (see the module docstring)."""

    def __init__(
        self,
        chat_view: ChatView,
        notices: Notices,
        retry: Callable[[int], bool],
        open_settings: Callable[[], None],
        switch_model: Callable[[str], None],
        conversation: Callable[[int], Conversation | None],
        parent: QObject | None = None,
        *,
        send_prompt: Callable[[str], bool] | None = None,
        save_again: Callable[[int], object] | None = None,
        save_to_file: Callable[[AssistantMessageWidget], object] | None = None,
        versions: Callable[[MessageActionRequest], None] | None = None,
    ) -> None:
        """``retry(reply_id)`` starts a new reply in place of one; ``conversation(id)`` gives
        its record (region and API, for diagnostics); ``send_prompt(text)`` sends a prompt in
        the conversation on screen (Continue)."""
        super().__init__(parent)
        self._view = chat_view
        self._notices = notices
        self._retry = retry
        self._open_settings = open_settings
        self._switch_model = switch_model
        self._conversation = conversation
        self._send_prompt = send_prompt
        self._save_again = save_again
        self._save_to_file = save_to_file
        #: Edit, Delete and the version switch (``app.ui.window.branch_room``).
        self._versions = versions
        #: Where copies go; tests may replace it.
        self.clipboard: Callable[[str], None] = _set_clipboard

    def dispatch(self, request: MessageActionRequest) -> None:
        action = request.action
        if action is MessageAction.OPEN_SETTINGS:
            self._open_settings()
            return
        if action is MessageAction.SWITCH_MODEL:
            self._switch_model(request.value)
            return
        row = self._view.row(request.message_id)
        if row is None:
            log.debug("dropping %s: message %s is not on screen", action, request.message_id)
            return
        if action in (MessageAction.RETRY, MessageAction.REGENERATE):
            self._retry(request.message_id)
        elif action in _VERSIONS and self._versions is not None:
            self._versions(request)
        elif action is MessageAction.CONTINUE and self._send_prompt is not None:
            self._send_prompt(CONTINUE_PROMPT)  # a plain new turn: see app.core.endings
        elif action is MessageAction.SAVE_AGAIN and self._save_again is not None:
            self._save_again(request.message_id)  # the history refused it: see window.unsaved
        elif (
            action is MessageAction.SAVE_TO_FILE
            and self._save_to_file is not None
            and isinstance(row, AssistantMessageWidget)
        ):
            self._save_to_file(row)
        elif action is MessageAction.COPY_CODE:
            self._copy(row, request.value, self.tr("Code copied"))
        elif action is MessageAction.COPY:
            text = row.answer_source() if isinstance(row, AssistantMessageWidget) else row.text()
            self._copy(row, text, self.tr("Copied"))
        elif action is MessageAction.COPY_PLAIN:
            if isinstance(row, AssistantMessageWidget):
                self._copy(row, row.answer_plain_text(), self.tr("Copied"))
            else:
                self._copy(row, row.text(), self.tr("Copied"))
        elif action is MessageAction.COPY_THINKING and isinstance(row, AssistantMessageWidget):
            self._copy(row, row.thinking_text(), self.tr("Thinking copied"))
        elif action is MessageAction.COPY_DIAGNOSTICS and isinstance(row, AssistantMessageWidget):
            self._copy(row, self.diagnostics(row), self.tr("Diagnostics copied"))
        else:  # an action this window was built without
            self._notices.status(self.tr("This action is not available yet."))

    def diagnostics(self, row: AssistantMessageWidget) -> str:
        """The reply's diagnostics (``diagnostics``), region and API from its conversation."""
        return diagnostics_text(row, self._conversation(row.conversation_id))

    def _copy(self, row: object, text: str, done: str) -> None:
        self.clipboard(text)
        if isinstance(row, AssistantMessageWidget):
            row.show_notice(done)
        else:
            self._notices.status(done, 3000)


__all__ = ["MessageDispatcher"]
