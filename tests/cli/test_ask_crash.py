"""A ``seekdesk ask`` that dies mid-answer (SIGKILL: no handler, no cleanup, like a power cut for
the process) loses at most the last second of the answer.

The story: a slow answer streams into a real ``seekdesk ask``; the user watches it appear on
stdout, then the process is killed outright. Afterwards ``seekdesk history list`` names the
conversation and ``seekdesk history show`` has the reply marked ``interrupted``, holding every
word that had been printed one second before the kill.

What "had arrived" means is measured, not computed from the scenario's timing: the test reads the
child's stdout as it is printed and notes when each piece came. Text the child printed was
received by it, so the text read by (kill − 1 s) is a lower bound of what had arrived by then;
the stored reply must start with it, and must itself be a prefix of the full answer. The kill
waits until that lower bound holds a good number of words, so on a loaded machine the test only
waits longer; it never gets weaker.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import time

from tests.cli.seekdesk_cli import KEY, ROOT, TIMEOUT, child_env, command, seekdesk
from tests.fakeserver import FakeServer, slow

THINKING = "Counting slowly, one number at a time."
#: About 1,800 characters in pieces of 4, one every 0.1 s: some 45 s in all, far more than needed.
ANSWER = " ".join(str(n) for n in range(1, 450)) + "."
#: The kill comes once at least this much answer had been printed a full second earlier.
AT_LEAST = 60


def watch_then_kill(proc: subprocess.Popen) -> tuple[str, str]:
    """Read the answer as it is printed; SIGKILL the child once AT_LEAST characters had been
    printed a second ago. Returns (text printed by kill − 1 s, text printed by the kill)."""
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    printed = b""
    seen: list[tuple[float, bytes]] = []  # (when read, everything read so far)
    deadline = time.monotonic() + TIMEOUT
    while True:
        now = time.monotonic()
        assert now < deadline, f"the answer did not stream: {printed!r}"
        settled = [text for when, text in seen if when <= now - 1.0]
        if settled and len(settled[-1]) >= AT_LEAST:
            proc.send_signal(signal.SIGKILL)
            return settled[-1].decode(), printed.decode()
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            chunk = os.read(fd, 4096)
            assert chunk, f"seekdesk ended before it was killed: {printed!r}"
            printed += chunk
            seen.append((time.monotonic(), printed))


def test_a_killed_ask_leaves_its_reply_interrupted_with_all_but_the_last_second(tmp_path):
    with FakeServer() as fake:
        fake.enqueue(slow(THINKING, ANSWER, delay=0.1))
        stderr_path = tmp_path / "stderr.txt"
        with stderr_path.open("wb") as stderr:
            proc = subprocess.Popen(
                command("Count to 450, slowly"),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=stderr,
                cwd=ROOT,
                env=child_env(base_url=fake.base_url),
            )
            try:
                arrived, printed = watch_then_kill(proc)
            finally:
                if proc.poll() is None:
                    proc.kill()
                proc.wait(TIMEOUT)  # reaped: no process of that id and start time is left
                proc.stdout.close()
        assert proc.returncode == -signal.SIGKILL, stderr_path.read_text()
        assert fake.wait_for_disconnect(timeout=30)

    # The user comes back and looks for the conversation.
    listed = seekdesk("history", "list", "--json")
    assert listed.status == 0, listed.stderr
    (conversation,) = listed.json_lines()
    assert conversation["title"] == "Count to 450, slowly"
    assert conversation["messages"] == 2

    shown = seekdesk("history", "show", str(conversation["id"]))
    assert shown.status == 0, shown.stderr
    assert "## Assistant · deepseek-v4-pro · (interrupted)" in shown.stdout
    assert arrived.strip() in shown.stdout
    assert THINKING in shown.stdout
    assert KEY not in shown.stdout

    exported = seekdesk("history", "export", str(conversation["id"]), "--format", "json")
    _, reply = json.loads(exported.stdout)["conversations"][0]["messages"]
    kept = reply["text"]
    print(
        f"\nprinted by kill-1s: {len(arrived)} chars; printed by kill: {len(printed)}; "
        f"kept: {len(kept)} of {len(ANSWER)}"
    )
    assert reply["status"] == "interrupted"
    assert kept.startswith(arrived)  # nothing that had arrived a second before the kill is lost
    assert ANSWER.startswith(kept)  # and nothing is garbled or made up
    assert len(kept) >= AT_LEAST
    assert reply["thinking"] == THINKING
    assert reply["finished_at"] is not None
