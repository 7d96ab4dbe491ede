"""The terminal is not the model's: what a model wrote is shown on a terminal, never obeyed.

A hostile answer, title or snippet carries escape sequences that would retitle the window,
write the clipboard, hide text, overwrite a line or forge a hyperlink. On a terminal SeekDesk
prints them as visible symbols; into a pipe or a file the answer stays byte-exact unless
``--safe`` is given; and a reader that goes away early (``| head``) ends the command quietly.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

from app.cli.terminal import StreamCleaner, inert
from tests.cli.seekdesk_cli import ROOT, TIMEOUT, ask, child_env, command, seekdesk
from tests.fakeserver import FakeServer, answer_only

HOSTILE = (
    "Hello\x1b]0;pwned title\x07 \x1b]52;c;ZWNobyBoaQ==\x07"
    "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\ \x1b[8mhidden\x1b[0m"
    " fake\rover\x9b31m \u202eevil\u202c\ttab\nline two\r\n"
)


@pytest.fixture
def fake():
    with FakeServer() as server:
        yield server


def test_every_escape_and_control_is_shown_as_a_visible_symbol():
    shown = inert(HOSTILE)
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
    assert "\r" not in shown and "\u202e" not in shown
    assert "␛]0;pwned title␇" in shown
    assert "fake␍over" in shown
    assert "<U+009B>31m" in shown and "<U+202E>evil<U+202C>" in shown
    # What a reader needs stays: the words, tabs and line ends (CR LF becomes LF).
    assert "\ttab\nline two\n" in shown


def test_plain_text_in_any_script_passes_untouched():
    text = "9.9 > 9.11 — 分布式数据库 ✓ 😀 עברית\tend\n"
    assert inert(text) == text


def test_a_cr_lf_split_across_two_deltas_is_one_line_end():
    cleaner = StreamCleaner()
    assert cleaner.feed("first\r") + cleaner.feed("\nsecond\r") + cleaner.flush() == (
        "first\nsecond␍"
    )


def _ask_on_a_terminal(fake: FakeServer, *args: str) -> tuple[int, bytes]:
    """``seekdesk ask`` with stdout on a pseudo-terminal; returns the bytes the terminal got."""
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen(
            command(*args),
            stdin=subprocess.DEVNULL,
            stdout=slave,
            stderr=subprocess.DEVNULL,
            cwd=ROOT,
            env=child_env(base_url=fake.base_url),
        )
        os.close(slave)
        slave = -1
        data = bytearray()
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
        return proc.wait(timeout=TIMEOUT), bytes(data)
    finally:
        if slave >= 0:
            os.close(slave)
        os.close(master)


def test_a_hostile_answer_on_a_terminal_changes_nothing_there(fake):
    fake.enqueue(answer_only(HOSTILE))
    status, terminal = _ask_on_a_terminal(fake, "hi")
    assert status == 0
    text = terminal.decode("utf-8")
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
    assert "␛]0;pwned title␇" in text and "hidden" in text


def test_piped_output_stays_byte_exact_and_safe_makes_it_inert(fake):
    fake.enqueue(answer_only(HOSTILE), answer_only(HOSTILE))
    exact = ask("--no-save", "hi", base_url=fake.base_url)
    assert exact.status == 0
    assert exact.stdout == HOSTILE.replace("\r\n", "\n") or exact.stdout == HOSTILE
    safe = ask("--no-save", "--safe", "hi", base_url=fake.base_url)
    assert safe.status == 0
    assert "\x1b" not in safe.stdout and "␛]52;c;" in safe.stdout


def test_json_lines_on_request_carry_no_raw_c1_or_bidi_controls(fake):
    fake.enqueue(answer_only("a\x9bb\u202ec"))
    result = ask("--no-save", "--json", "--safe", "hi", base_url=fake.base_url)
    assert result.status == 0
    assert "\x9b" not in result.stdout and "\u202e" not in result.stdout
    assert "<U+009B>" in result.stdout


def test_a_hostile_title_in_history_list_is_inert_with_safe(fake):
    fake.enqueue(answer_only("ok"))
    assert ask("\x1b]0;owned\x07 title", base_url=fake.base_url).status == 0
    listed = seekdesk("history", "list", "--safe")
    assert listed.status == 0
    assert "\x1b" not in listed.stdout and "␛]0;owned␇ title" in listed.stdout
    shown = seekdesk("history", "show", "1", "--safe")
    assert "\x1b" not in shown.stdout and "␛]0;owned␇" in shown.stdout


def test_a_reader_that_stops_early_ends_the_command_quietly(fake):
    answer = "".join(f"line {i} of a long answer\n" for i in range(4000))
    fake.enqueue(answer_only(answer))
    shell = f"{' '.join(_quote(a) for a in command('hi'))} | head -n 2"
    proc = subprocess.run(
        ["bash", "-c", shell],
        capture_output=True,
        cwd=ROOT,
        env=child_env(base_url=fake.base_url),
        timeout=TIMEOUT,
        check=False,
    )
    assert proc.stdout.decode() == "line 0 of a long answer\nline 1 of a long answer\n"
    stderr = proc.stderr.decode()
    assert "Traceback" not in stderr
    assert "closed" in stderr  # one note on stderr says why it stopped
    shown = seekdesk("history", "show", "1")
    assert "line 0 of a long answer" in shown.stdout


def _quote(arg: str) -> str:
    return "'" + arg.replace("'", "'\\''") + "'"


if sys.platform != "linux":  # pragma: no cover
    pytestmark = pytest.mark.skip("pseudo-terminals and bash pipes as on Linux")
