"""``seekdesk --self-test [--base-url URL] [--timeout S]``: is this installation whole?

One command a packager or a user runs to check a build, from source or frozen: it starts the
real window (offscreen when there is no display), types one message into the real composer,
sends it through the real client to an endpoint, waits until the answer is on screen, closes
the window, reopens the history from disk and finds the exchange saved. Exit 0 when every step
passed; otherwise exit 1 with the failed step and its reason on stderr:

    window   the window could not be created, shown, or its history opened
    request  the endpoint refused or failed the request (connection refused, HTTP 401 …)
    answer   no answer in time, or a different one than the endpoint sent
    saved    the answer is not in the history as shown

Nothing of the user's is touched: the data and config directories are throwaway (removed at
the end), the key is a dummy that lives in this process's environment only, and the keyring
is switched off for the process (``PYTHON_KEYRING_BACKEND`` = the null backend), so the user's
key is never read or written. Without ``--base-url`` the endpoint is a built-in one on
127.0.0.1 (``selftest_endpoint``): no network, no quota. ``--base-url`` follows the
``SEEKDESK_BASE_URL`` rule (https, or http to loopback only).

This module stays free of Qt; the window part is ``app.ui.selftest_driver``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from app.selftest_steps import PROMPT, STEPS, Shown, StepFailed

__all__ = ["PROMPT", "STEPS", "Shown", "StepFailed", "main"]

#: A key that can only ever be a dummy (never a real Model Studio key).
DUMMY_KEY = "sk-seekdesk-self-test-not-a-real-key"


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="seekdesk --self-test",
        description="Open the window, send one message to an endpoint, check that the answer "
        "is shown and saved, then exit 0 (or 1, naming the step that failed).",
    )
    parser.add_argument(
        "--base-url",
        help="endpoint root to send to (https, or http to loopback); default: a built-in "
        "endpoint on 127.0.0.1",
    )
    parser.add_argument(
        "--timeout", type=float, default=60.0, help="seconds to wait for each step (default 60)"
    )
    return parser.parse_args(argv)


@contextlib.contextmanager
def sandbox(base_url: str) -> Iterator[Path]:
    """Throwaway data/config dirs, the dummy key, no keyring, and the endpoint, for this
    process only; everything restored and removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="seekdesk-self-test-") as tmp:
        root = Path(tmp)
        wanted = {
            "SEEKDESK_DATA_DIR": str(root / "data"),
            "SEEKDESK_CONFIG_DIR": str(root / "config"),
            "SEEKDESK_BASE_URL": base_url,
            "DASHSCOPE_API_KEY": DUMMY_KEY,
            "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
            "SEEKDESK_THEME": os.environ.get("SEEKDESK_THEME", "light"),
        }
        saved = {name: os.environ.get(name) for name in wanted}
        os.environ.update(wanted)
        try:
            yield root
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def choose_platform() -> StepFailed | None:
    """Offscreen when there is no display at all; a display that is there but unusable is a
    failure of the window step (it is what the user would hit)."""
    from app.display_check import window_problem

    env = os.environ
    if not env.get("QT_QPA_PLATFORM") and not env.get("DISPLAY") and not env.get(
        "WAYLAND_DISPLAY"
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    problem = window_problem()
    return StepFailed("window", problem) if problem else None


def check_saved(shown: Shown) -> StepFailed | None:
    """Reopen the history from disk (a new connection, as the next start would) and find the
    prompt and the answer exactly as shown, marked complete."""
    from app.core.history import HistoryStore, MessageStatus

    try:
        store = HistoryStore.open()
    except Exception as exc:
        return StepFailed("saved", f"the history cannot be reopened: {exc}")
    try:
        message = store.get_message(shown.message_id)
        if message is None:
            return StepFailed("saved", "the reply is not in the history")
        if message.status is not MessageStatus.COMPLETE:
            return StepFailed("saved", f"the reply is saved as {message.status.value}")
        if message.text != shown.answer:
            return StepFailed("saved", "the saved answer differs from the one shown")
        prompts = [m.text for m in store.messages(message.conversation_id) if m.role == "user"]
        if PROMPT not in prompts:
            return StepFailed("saved", "the prompt is not in the history")
    finally:
        store.close()
    return None


def run(base_url: str | None, timeout: float) -> StepFailed | None:
    """Every step in order; the first failure, or None when all passed."""
    from app.selftest_endpoint import ANSWER, SelfTestEndpoint

    expected = None
    with contextlib.ExitStack() as stack:
        if base_url is None:
            base_url = stack.enter_context(SelfTestEndpoint()).base_url
            expected = ANSWER
        stack.enter_context(sandbox(base_url))
        failed = choose_platform()
        if failed:
            return failed
        try:
            from app.ui.selftest_driver import drive_window
        except ImportError as exc:
            return StepFailed("window", f"Qt could not be loaded ({exc})")
        result = drive_window(PROMPT, timeout, report=step_passed, expected=expected)
        if isinstance(result, StepFailed):
            return result
        step_passed("answer", f"{len(result.answer)} characters on screen")
        failed = check_saved(result)
        if failed:
            return failed
        step_passed("saved", "found in the history after reopening it")
    return None


def seconds_since_start() -> float | None:
    """How long this process has been running (Linux: from /proc, so a frozen program's
    unpacking and imports count too); None where that cannot be read."""
    try:
        stat = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - int(stat[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def step_passed(step: str, detail: str) -> None:
    since = seconds_since_start()
    at = f", {since:.2f} s after start" if since is not None else ""
    print(f"self-test: {step}: ok ({detail}{at})", file=sys.stderr, flush=True)


def main(argv: list[str]) -> int:
    args = parse(argv)
    base_url = args.base_url
    if base_url is not None:
        from app.core.regions import ConfigError, validate_base_url

        try:
            base_url = validate_base_url(base_url)
        except ConfigError as exc:
            print(f"seekdesk --self-test: {exc}", file=sys.stderr)
            return 2
    started = time.monotonic()
    failed = run(base_url, max(1.0, args.timeout))
    took = time.monotonic() - started
    if failed is not None:
        print(
            f"SeekDesk self-test FAILED at step '{failed.step}': {failed.reason}",
            file=sys.stderr,
            flush=True,
        )
        return 1
    print(f"SeekDesk self-test passed in {took:.1f} s", flush=True)
    return 0
