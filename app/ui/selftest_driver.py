"""The window half of ``seekdesk --self-test``: drive the real MainWindow as a user would.

Only the window's public surface is used (construct, show, ``start()``, ``is_ready()``, the
composer's text box and Send button, the chat view's rows, ``close()`` and ``shutdown()``),
and every wait is a poll of what a user would see, so the window's insides can change freely.
The event loop is the one ``app.ui.app.run`` uses (qasync on the QApplication), so this is the
program's real start path minus the human.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable
from typing import Any

from app.selftest_steps import Shown, StepFailed

POLL_S = 0.05


async def _until(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() >= deadline:
            return False
        await asyncio.sleep(POLL_S)
    return True


def _assistant_rows(window: Any) -> list[Any]:
    from app.ui.chat.message_widgets import AssistantMessageWidget

    return [r for r in window.chat_view.rows() if isinstance(r, AssistantMessageWidget)]


def _failure_reason(window: Any, message_id: int, shown_status: str) -> str:
    """The stored failure in words: kind, HTTP status, service code and message."""
    try:
        message = window.store.get_message(message_id)
    except Exception:
        message = None
    if message is None or not message.failure_kind:
        return f"the reply ended as {shown_status}"
    parts = [message.failure_kind]
    if message.failure_status:
        parts.append(f"HTTP {message.failure_status}")
    if message.failure_code:
        parts.append(message.failure_code)
    detail = f" - {message.failure_message}" if message.failure_message else ""
    return f"the reply failed ({', '.join(parts)}){detail}"


async def _drive(
    prompt: str, timeout: float, expected: str | None, report: Callable[[str, str], None]
) -> Shown | StepFailed:
    from PySide6.QtGui import QGuiApplication

    from app.core.history import MessageStatus
    from app.ui.window.main_window import MainWindow

    try:
        window = MainWindow()
        window.resize(900, 640)
        window.show()
        window.start()
    except Exception as exc:  # any failure to build the window is this step's
        return StepFailed("window", f"the window could not be created: {exc}")
    try:
        ready = await _until(lambda: window.is_ready() or window.exit_status != 0, timeout)
        if not ready or window.exit_status != 0:
            return StepFailed("window", "the history did not open (the window says why)")
        if not window.isVisible():
            return StepFailed("window", "the window is not shown")
        report("window", f"shown on the '{QGuiApplication.platformName()}' platform")

        composer = window.composer
        composer.edit.setPlainText(prompt)
        if not await _until(composer.send_button.isEnabled, timeout):
            return StepFailed("request", "the Send button never became available")
        before = len(_assistant_rows(window))
        composer.send_button.click()
        if not await _until(lambda: len(_assistant_rows(window)) > before, timeout):
            return StepFailed("request", "sending the message showed no reply")
        row = _assistant_rows(window)[-1]

        def ended() -> bool:
            return not row.is_streaming() and not window.worker.is_busy()

        if not await _until(ended, timeout):
            return StepFailed("answer", f"no complete answer within {timeout:.0f} s (timeout)")
        if row.status is not MessageStatus.COMPLETE:
            return StepFailed("request", _failure_reason(window, row.message_id, row.status.value))
        report("request", "answered by the endpoint")
        syncing = getattr(window, "is_syncing", None)
        if syncing is not None:
            await _until(lambda: not syncing(), timeout)
        answer = row.answer.source()
        if not answer.strip():
            return StepFailed("answer", "the reply is empty on screen")
        if expected is not None and answer != expected:
            return StepFailed("answer", "the answer on screen differs from the one sent")
        return Shown(row.message_id, answer)
    finally:
        window.close()
        await window.shutdown()


def _quiet_offscreen_noise() -> None:
    """The offscreen plugin warns "does not support propagateSizeHints()" for every window;
    that line says nothing about the installation and would bury the report."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, _context: Any, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def drive_window(
    prompt: str,
    timeout: float,
    report: Callable[[str, str], None],
    expected: str | None = None,
) -> Shown | StepFailed:
    """Run the window on a qasync loop until the reply is shown (or a step failed)."""
    import qasync

    from app.ui.app import create_application, install_asyncgen_hooks

    _quiet_offscreen_noise()
    try:
        app = create_application(["seekdesk"])
    except Exception as exc:
        return StepFailed("window", f"Qt could not start: {exc}")
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    old_hooks = install_asyncgen_hooks(loop)
    try:
        with loop:
            result = loop.run_until_complete(_drive(prompt, timeout, expected, report))
            loop.run_until_complete(loop.shutdown_asyncgens())
            return result
    finally:
        sys.set_asyncgen_hooks(*old_hooks)
        asyncio.set_event_loop(None)
