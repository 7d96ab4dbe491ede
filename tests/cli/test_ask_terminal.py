"""``seekdesk ask`` in a real terminal (a pseudo-terminal): the thinking is dimmed only there,
a bare ``seekdesk ask`` at a prompt asks for a question instead of waiting on the keyboard, and
Ctrl-C stops the answer at once, keeps what was printed and exits 130."""

from __future__ import annotations

import json
import os
import pty
import signal
import subprocess

import pytest

from tests.cli.seekdesk_cli import KEY, ROOT, TIMEOUT, child_env, command, read_until
from tests.fakeserver import FakeServer, stall, thinking_answer

DIM = "\x1b[2m"
RESET = "\x1b[0m"


@pytest.fixture
def fake():
    with FakeServer() as server:
        yield server


def _read_all(fd: int) -> bytes:
    """Everything written to a pseudo-terminal whose other end is closed."""
    data = bytearray()
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        data += chunk
    return bytes(data)


def _run_with_tty(args: list[str], *, stderr_tty: bool, stdin_tty: bool, env: dict[str, str]):
    """Run seekdesk with stderr and/or stdin on a pseudo-terminal; stdout is always a pipe."""
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen(
            command(*args),
            stdin=slave if stdin_tty else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=slave if stderr_tty else subprocess.PIPE,
            cwd=ROOT,
            env=env,
        )
        os.close(slave)
        slave = -1
        stdout, stderr = proc.communicate(timeout=TIMEOUT)
        terminal = _read_all(master).decode("utf-8", "replace")
    finally:
        if slave != -1:
            os.close(slave)
        os.close(master)
    return proc.returncode, stdout.decode(), (stderr or b"").decode(), terminal


def test_thinking_is_dimmed_when_stderr_is_a_terminal(fake):
    fake.enqueue(thinking_answer("Thinking it over.", "Done."))
    status, stdout, _, terminal = _run_with_tty(
        ["hi"], stderr_tty=True, stdin_tty=False, env=child_env(base_url=fake.base_url)
    )

    assert status == 0
    assert stdout == "Done.\n"  # the answer is never styled
    assert f"{DIM}Thinking it over.{RESET}" in terminal.replace("\r\n", "\n")
    assert KEY not in terminal


def test_no_colour_when_the_user_asks_for_none(fake):
    fake.enqueue(thinking_answer("Thinking it over.", "Done."))
    env = child_env(base_url=fake.base_url, NO_COLOR="1")
    status, _, _, terminal = _run_with_tty(["hi"], stderr_tty=True, stdin_tty=False, env=env)

    assert status == 0
    assert "Thinking it over." in terminal
    assert "\x1b[" not in terminal


def test_without_a_question_at_a_terminal_it_says_how_to_ask(fake):
    status, stdout, stderr, _ = _run_with_tty(
        [], stderr_tty=False, stdin_tty=True, env=child_env(base_url=fake.base_url)
    )

    assert status == 2
    assert stdout == ""
    assert "No question given" in stderr
    assert fake.requests == []


PARTIAL = "The beginning of the answer"


def _answer_text(stdout: bytes, json_mode: bool) -> str:
    """The answer as a reader of stdout sees it so far (complete lines only, in JSON mode)."""
    text = stdout.decode("utf-8", "replace")
    if not json_mode:
        return text.rstrip("\n")
    lines = [json.loads(line) for line in text.splitlines(keepends=True) if line.endswith("\n")]
    return "".join(line["text"] for line in lines if line["type"] == "answer")


@pytest.mark.parametrize("json_mode", [False, True])
def test_ctrl_c_stops_the_answer_keeps_it_and_exits_130(fake, json_mode):
    fake.enqueue(stall(PARTIAL, 120))
    args = ["--json", "hi"] if json_mode else ["hi"]
    proc = subprocess.Popen(
        command(*args),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=child_env(base_url=fake.base_url),
    )
    try:
        # Wait for the partial answer to be on screen, as a user would, then press Ctrl-C.
        shown = read_until(proc, lambda shown: _answer_text(shown, json_mode) == PARTIAL)
        proc.send_signal(signal.SIGINT)
        rest, stderr = proc.communicate(timeout=TIMEOUT)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()

    assert proc.returncode == 130
    stdout = shown + rest
    assert _answer_text(stdout, json_mode) == PARTIAL
    if not json_mode:
        assert stdout.decode() == PARTIAL + "\n"
    assert "Interrupted" in stderr.decode()
    assert "Traceback" not in stderr.decode()
    # The connection was closed at once, long before the server's 120 s stall ended.
    assert fake.wait_for_disconnect(timeout=30)
