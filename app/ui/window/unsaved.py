"""Replies the history could not take (a full disk, a read-only or locked history): kept whole
on screen, written to the history once it can take them, or saved to a file right away.

When the final write of a reply fails, the session keeps the whole reply (``unsaved_reply_id``,
``save_unsaved``); the window marks the reply failed with the storage failure named, and its
panel offers "Save to history again" and "Save to a file…" instead of Retry (asking again would
bill the reply again and could not be saved either). This part holds those sessions and does
both, off the UI thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from app.core.errors import failure_for
from app.core.history import HistoryError, Message
from app.core.session import ChatSession
from app.ui.chat.chat_view import ChatView
from app.ui.chat.message_widgets import AssistantMessageWidget
from app.ui.common.tasks import TaskOwner
from app.ui.window.state import Notices


def reply_markdown(thinking: str, answer: str) -> str:
    """The reply as a Markdown file: the thinking in a details block, then the answer."""
    parts = []
    if thinking.strip():
        parts += ["<details><summary>Thinking</summary>", "", thinking.rstrip(), "", "</details>"]
        parts.append("")
    parts.append(answer.rstrip())
    return "\n".join(parts) + "\n"


def _ask_for_path(parent: QWidget | None, title: str, suggested: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, "Markdown (*.md)")
    return path or None


class UnsavedReplies(QObject):
    """Holds the sessions whose reply is unsaved; saves a reply again or to a file."""

    def __init__(
        self,
        tasks: TaskOwner,
        chat_view: ChatView,
        notices: Notices,
        refresh: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._view = chat_view
        self._notices = notices
        self._refresh = refresh
        self._sessions: dict[int, ChatSession] = {}
        #: Asks where to save (tests replace it): a title and a suggested name, None to cancel.
        self.choose_path: Callable[[str, str], str | None] = lambda title, name: _ask_for_path(
            self._view.window(), title, name
        )

    def keep(self, session: ChatSession) -> None:
        """A turn ended with its reply unsaved: keep the session until the reply is written."""
        message_id = session.unsaved_reply_id
        if message_id is not None:
            self._sessions[message_id] = session

    def is_unsaved(self, message_id: int) -> bool:
        return message_id in self._sessions

    def record(self, message_id: int) -> Message | None:
        """The unsaved reply ``message_id`` as it is to be shown (the history holds only its
        last flush): its whole text, failed with the storage failure named; None if saved."""
        session = self._sessions.get(message_id)
        return session.unsaved_record if session is not None else None

    def save_again(self, message_id: int) -> asyncio.Task[None] | None:
        session = self._sessions.get(message_id)
        if session is None:
            self._notices.status(self.tr("This reply is no longer waiting to be saved."))
            return None
        return self._tasks.start(f"save-again-{message_id}", self._save_again(message_id, session))

    async def _save_again(self, message_id: int, session: ChatSession) -> None:
        try:
            record = await asyncio.to_thread(session.save_unsaved)
        except HistoryError as exc:
            failure = await asyncio.to_thread(failure_for, exc)
            self._view.show_failure(message_id, failure)
            self._notices.status(self.tr("The history still cannot take the reply."))
            return
        self._sessions.pop(message_id, None)
        self._view.sync_reply(record)
        self._refresh()
        self._notices.status(self.tr("The reply was saved to the history."), 4000)

    def save_to_file(self, row: AssistantMessageWidget) -> asyncio.Task[None] | None:
        path = self.choose_path(self.tr("Save the reply"), "reply.md")
        if path is None:
            return None
        text = reply_markdown(row.thinking_text(), row.answer_source())
        return self._tasks.start(f"save-reply-{row.message_id}", self._write(Path(path), text))

    async def _write(self, path: Path, text: str) -> None:
        try:
            await asyncio.to_thread(path.write_text, text, encoding="utf-8")
        except OSError as exc:
            self._notices.show_notice(
                self.tr("The reply could not be saved to {path}: {error}").format(
                    path=path, error=exc.strerror or exc
                )
            )
            return
        self._notices.status(self.tr("The reply was saved to {path}.").format(path=path), 5000)


__all__ = ["UnsavedReplies", "reply_markdown"]
