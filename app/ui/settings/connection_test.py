"""The settings dialog's "Test connection": one tiny real request, timed, and its verdict in words.

Why this is apart from ``settings_dialog``: the dialog is about a form (what is typed, what
is refused, what Save writes), while a test is an asyncio task with a lifetime of its own. It is
started by the button, cancelled by the button or by closing the dialog, and it must close its
HTTP connection the moment it has an answer or is cancelled. It also builds a request of its own
(the cheapest the model allows) and words every outcome from the error taxonomy. Kept here, the
dialog only reads the form into a ``ConnectionTarget``, shows the text it is given and flips its
button back when the test has ended.

``ConnectionTest`` runs one test at a time as a named task on the running (qasync) loop, so the
window never blocks. It emits ``result_ready`` with a ``ConnectionTestResult`` once (success,
failure or cancel), from inside the task, and ``ended`` after the task is gone; a test cancelled
before its task ever ran emits only ``ended``.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from app.core import regions
from app.core.errors import Failure
from app.core.events import AnswerDelta, Finished, ThinkingDelta
from app.core.request import ChatRequest, Turn
from app.core.usage.ledger import counted_connection_test
from app.ui.chat.failure_panel import failure_sentence
from app.ui.common.said import said
from app.ui.common.tasks import TaskOwner


@dataclass(frozen=True, slots=True)
class ConnectionTestResult:
    """How "Test connection" ended; ``message`` is exactly what the dialog shows."""

    ok: bool
    message: str
    cancelled: bool = False
    #: Seconds from sending to the end of the reply, and to its first token.
    latency: float | None = None
    first_token: float | None = None
    request_id: str | None = None
    failure: Failure | None = None


@dataclass(frozen=True, slots=True)
class ConnectionTarget:
    """What a test talks to, as the form stood when the test was started.

    The endpoint is resolved inside the test, so a region or workspace the core refuses becomes
    the test's (failed) result rather than an exception in the dialog.
    """

    region: str
    #: The name of the API dialect.
    api: str
    workspace: str | None
    base_url: str | None
    model: str
    #: The key typed in the form, else the region's current one; None when there is neither.
    key: str | None = field(default=None, repr=False)


#: The one-word prompt of "Test connection", and the answer budget where the model allows one.
TEST_PROMPT = "Hi"
TEST_MAX_TOKENS = 8
#: Generous: a loaded service may take a while to say its first word.
TEST_READ_TIMEOUT = 60.0


class ConnectionTest(QObject):
    """One "Test connection" at a time, as a named asyncio task the dialog can cancel."""

    #: A ConnectionTestResult, once per test that got to run (success, failure or cancel).
    result_ready = Signal(ConnectionTestResult)
    #: The test's task is over; ``running`` is False again.
    ended = Signal()

    def __init__(self, parent: QObject | None = None, tasks: TaskOwner | None = None) -> None:
        super().__init__(parent)
        #: Starts, names and cancels the test's task (``app.ui.common.tasks``).
        self._tasks = tasks if tasks is not None else TaskOwner(prefix="seekdesk-settings")
        self._task: asyncio.Task[None] | None = None

    @property
    def running(self) -> bool:
        return self._task is not None

    def start(self, target: ConnectionTarget) -> None:
        """Start a test on the running asyncio (qasync) loop; nothing happens while one runs."""
        if self._task is not None:
            return
        self._task = self._tasks.start("test-connection", self._run(target))
        self._task.add_done_callback(self._done)

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def _done(self, task: asyncio.Task[None]) -> None:
        if task is self._task:
            self._task = None
        self.ended.emit()

    async def _run(self, target: ConnectionTarget) -> None:
        try:
            result = await self._test(target)
        except asyncio.CancelledError:
            self.result_ready.emit(ConnectionTestResult(False, self.tr("Test cancelled."), True))
            raise
        self.result_ready.emit(result)

    async def _test(self, target: ConnectionTarget) -> ConnectionTestResult:
        from app.core.client import ClientOptions, stream_chat

        key = target.key
        if key is None:
            return ConnectionTestResult(False, self.tr("Enter an API key first."))
        try:
            endpoint = regions.resolve_endpoint(
                target.region, target.api, target.workspace, target.base_url
            )
        except regions.ConfigError as exc:
            return ConnectionTestResult(False, said(exc))
        model = target.model
        # The cheapest reply: no thinking, a few tokens. Whatever of this the model does not
        # accept is left out by the catalog's rules, as for every request.
        request = ChatRequest(
            model,
            (Turn("user", TEST_PROMPT),),
            thinking=False,
            parameters={"max_tokens": TEST_MAX_TOKENS},
        )
        options = ClientOptions(read_timeout=TEST_READ_TIMEOUT, max_retries=0)
        started = time.monotonic()
        first: float | None = None
        # aclosing: the stream (and its HTTP connection) is closed as soon as the test has its
        # answer, not whenever the garbage collector finds the generator.
        async with contextlib.aclosing(
            counted_connection_test(  # the request is counted in View → Usage
                stream_chat(request, endpoint, key, options=options),
                model=model,
                region=target.region,
                api=str(target.api),
            )
        ) as events:
            async for event in events:
                if isinstance(event, ThinkingDelta | AnswerDelta) and first is None:
                    first = time.monotonic() - started
                elif isinstance(event, Finished):
                    latency = time.monotonic() - started
                    return ConnectionTestResult(
                        True,
                        self.success_text(model, latency, first, event.request_id),
                        latency=latency,
                        first_token=first,
                        request_id=event.request_id,
                    )
                elif isinstance(event, Failure):
                    return ConnectionTestResult(
                        False,
                        self.failure_text(event),
                        request_id=event.request_id,
                        failure=event,
                    )
        return ConnectionTestResult(False, self.tr("The connection ended without an answer."))

    def success_text(
        self, model: str, latency: float, first: float | None, request_id: str | None
    ) -> str:
        """The lines the dialog shows for a test that got its answer."""
        text = self.tr("Connected: {model} answered in {seconds:.2f} s.").format(
            model=model, seconds=latency
        )
        if first is not None:
            text += " " + self.tr("First token after {seconds:.2f} s.").format(seconds=first)
        text += "\n" + self.tr("Request ID: {id}").format(id=request_id or self.tr("none"))
        return text

    def failure_text(self, failure: Failure) -> str:
        """The taxonomy's hint, the server's own message, then HTTP status, code and request ID."""
        details = [
            self.tr("HTTP {status}").format(status=failure.status) if failure.status else None,
            self.tr("code {code}").format(code=failure.code) if failure.code else None,
            self.tr("request ID {id}").format(id=failure.request_id)
            if failure.request_id
            else None,
        ]
        lines = [failure_sentence(failure)]  # translated, as on a reply's failure panel
        if failure.message and failure.message != failure.hint:
            lines.append(failure.message)
        shown = [d for d in details if d]
        if shown:
            lines.append(" · ".join(shown))
        return "\n".join(lines)
