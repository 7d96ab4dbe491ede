"""The disk fills up while ``seekdesk ask`` streams: the user still gets the whole answer on
stdout, stderr says plainly that the answer is complete and only saving it failed (a full disk,
not a broken reply), and the history still lists what it holds afterwards."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.cli.seekdesk_cli import KEY, ROOT, TIMEOUT, child_env
from tests.fakeserver import FakeServer, thinking_answer

# The history's file reaches SQLite's page limit just after the reply's row is written: every
# later write fails with SQLITE_FULL, as on a full disk (tests run as root; see conditions.py).
CHILD = textwrap.dedent(
    """
    import runpy, sys
    from app.core.history import store as store_mod

    real = store_mod.HistoryStore.start_assistant_message

    def start_then_fill(self, *args, **kwargs):
        row = real(self, *args, **kwargs)
        pages = self._conn.execute("PRAGMA page_count").fetchone()[0]
        self._conn.execute(f"PRAGMA max_page_count = {pages}")
        return row

    store_mod.HistoryStore.start_assistant_message = start_then_fill
    sys.argv[0] = "seekdesk"
    runpy.run_module("app", run_name="__main__", alter_sys=True)
    """
)


def run(args: list[str], env: dict[str, str], child: bool = False) -> subprocess.CompletedProcess:
    argv = [sys.executable, "-c", CHILD, *args] if child else [sys.executable, "-m", "app", *args]
    return subprocess.run(argv, capture_output=True, cwd=ROOT, env=env, timeout=TIMEOUT)


def test_a_disk_that_fills_while_streaming_still_prints_the_whole_answer(isolated_dirs):
    data, config = isolated_dirs
    answer = "A long answer. " * 3000 + "THE END"
    with FakeServer() as fake:
        env = child_env(
            base_url=fake.base_url, SEEKDESK_DATA_DIR=str(data), SEEKDESK_CONFIG_DIR=str(config)
        )
        fake.enqueue(thinking_answer("", answer))
        result = run(["ask", "Tell me everything"], env, child=True)
        out, err = result.stdout.decode(), result.stderr.decode()
        assert result.returncode == 1
        assert out.rstrip("\n") == answer  # every word, on stdout
        assert "complete, but it could not be saved" in err
        assert "incomplete" not in err
        assert "disk" in err and "full" in err
        assert err.count("tokens:") == 1
        assert KEY not in out + err
        listed = run(["history", "list"], env)
        assert listed.returncode == 0 and "Tell me everything" in listed.stdout.decode()
