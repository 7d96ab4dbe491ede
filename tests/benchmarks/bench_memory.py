"""Memory of the real window, in figures (not a pass/fail test).

Run: ``QT_QPA_PLATFORM=offscreen python3 tests/benchmarks/bench_memory.py``

Builds a throwaway history (200 conversations, one of them 5,000 messages long, answers of
~1.5 kB Markdown with a code block), then reports the process's resident memory (VmRSS) at each
step a user takes: window open, the long conversation opened (newest page only), ten older pages
scrolled in, and a 100,000-character answer streamed from the fake server.

Then the cost of one row of each kind: RSS grown by 100 rows (five pages of 20) in a chat
view of the window's size, each figure in a fresh process, awake (every answer laid out) and
as in a long history (answers far off screen asleep). ``tracemalloc`` cannot see Qt's C++
heap, hence RSS deltas over many rows. A sleeping answer was laid out once and freed its
document; glibc keeps some of that memory, so the "asleep" figures are upper bounds.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

ANSWER = (
    "Here is **one way** to do it:\n\n```python\ndef f(xs):\n    return sorted(set(xs))\n```\n\n"
    + "- a point about the approach that takes a line or so to say\n" * 8
    + "\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
    + "A closing paragraph with `inline code` and a [link](https://example.com). " * 6
)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def build_history(data: Path) -> int:
    from app.core.history import HistoryStore, MessageStatus

    store = HistoryStore.open(data / "history.sqlite3")
    long_id = 0
    for c in range(200):
        n = 5_000 if c == 199 else 20
        conv = store.create_conversation(
            f"Conversation {c}", "deepseek-v4-pro", "cn-beijing", "openai"
        )
        for i in range(n // 2):
            store.add_user_message(conv.id, f"Question {i} about sorting things")
            reply = store.start_assistant_message(conv.id, model="deepseek-v4-pro")
            store.finish_message(
                reply.id,
                MessageStatus.COMPLETE,
                text=ANSWER,
                thinking="Let me think about it. " * 20,
                daily_backup=False,
            )
        long_id = conv.id
    store.close()
    return long_id


def history_message(mid: int, kind: str) -> object:
    from app.core.events import Usage
    from app.core.history.records import Message, MessageStatus

    text = {"user": f"Question {mid} about sorting things", "short": "Yes: sorted(set(xs))."}
    return Message(
        id=mid,
        conversation_id=1,
        role="user" if kind == "user" else "assistant",
        text=text.get(kind, ANSWER if kind != "failed" else ""),
        thinking="Let me think about it. " * 20 if kind == "answer" else "",
        status=MessageStatus.FAILED if kind == "failed" else MessageStatus.COMPLETE,
        model=None if kind == "user" else "deepseek-v4-pro",
        parameters={},
        usage=None if kind == "user" else Usage(812, 1530, 93),
        request_id=None if kind == "user" else "5b1e2f3a-9c8d-4e7f-a1b2-c3d4e5f60718",
        created_at=0.0,
        started_at=0.0,
        first_token_at=0.8,
        answer_started_at=1.0,
        finished_at=3.0,
        failure_kind="rate_limited" if kind == "failed" else None,
        failure_message=None,
        failure_code=None,
        failure_status=429 if kind == "failed" else None,
    )


KINDS = {
    "user": "user bubble",
    "short": "reply, one line",
    "answer": "reply, ~1.5 kB Markdown + folded thinking",
    "failed": "failed reply (failure panel)",
}


def row_cost(kind: str, sleeping: bool) -> float:
    """KB of RSS per row: 100 rows of ``kind`` in a fresh process (a heap with no holes)."""
    from PySide6.QtWidgets import QApplication

    import app.ui  # noqa: F401
    from app.ui.chat.chat_view import ChatView

    qapp = QApplication([])

    def settle() -> None:
        deadline = time.monotonic() + 0.6
        while time.monotonic() < deadline:
            qapp.processEvents()
            time.sleep(0.01)

    view = ChatView()
    view.sleeping = sleeping
    view.resize(1180, 740)
    view.show()
    view.set_messages([history_message(n, kind) for n in range(1, 5)], False)  # warm-up
    settle()
    view.clear()
    settle()
    before = rss_mb()
    # Five pages of 20, newest first, as a user scrolling back meets them: what sleeps between
    # pages frees memory the next page reuses.
    view.set_messages([history_message(n, kind) for n in range(81, 101)], True)
    settle()
    for page in range(3, -1, -1):
        view.prepend_messages(
            [history_message(n, kind) for n in range(page * 20 + 1, page * 20 + 21)], page > 0
        )
        settle()
    return (rss_mb() - before) * 1024 / 100


def per_row_costs() -> None:
    print(f"{'per row (100 rows)':<44} {'awake':>8} {'asleep':>8}")
    for kind, label in KINDS.items():
        figures = []
        for sleeping in ("0", "1"):
            out = subprocess.run(
                [sys.executable, __file__, "--row", kind, sleeping],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            figures.append(float(out.strip().splitlines()[-1]))
        print(f"  {label:<42} {figures[0]:6.1f}KB {figures[1]:6.1f}KB")


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="seekdesk-mem-"))
    os.environ["SEEKDESK_DATA_DIR"] = str(tmp / "data")
    os.environ["SEEKDESK_CONFIG_DIR"] = str(tmp / "config")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    t0 = time.perf_counter()
    long_id = build_history(tmp / "data")
    print(f"history built in {time.perf_counter() - t0:.1f} s")

    import qasync
    from PySide6.QtWidgets import QApplication

    import app.ui  # noqa: F401  (the import-time guard, as in the app)
    from app.ui.app import install_asyncgen_hooks
    from app.ui.window.main_window import MainWindow
    from tests import fakeserver as fs

    qapp = QApplication([])
    qapp.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    install_asyncgen_hooks(loop)  # as app.run() does
    print(f"{'Qt loaded':<40} {rss_mb():7.1f} MB")

    async def scenario() -> None:
        with fs.FakeServer() as fake:
            os.environ["SEEKDESK_BASE_URL"] = fake.base_url
            os.environ["DASHSCOPE_API_KEY"] = "sk-benchmark-key-0000"
            window = MainWindow()
            window.resize(1180, 820)
            window.show()
            window.start()
            await asyncio.sleep(0.5)
            print(f"{'window open (200 conversations)':<40} {rss_mb():7.1f} MB")
            await window.open_conversation(long_id)
            await asyncio.sleep(0.5)
            print(f"{'5,000-message conversation opened':<40} {rss_mb():7.1f} MB")
            for _ in range(10):
                window.conversations.load_older()
                await asyncio.sleep(0.3)
            print(f"{'+10 older pages scrolled in':<40} {rss_mb():7.1f} MB")
            window.new_chat()
            fake.enqueue(fs.answer_only("word " * 20_000, chunk_size=40))
            window.send("Write a very long answer")
            while window.worker.is_busy() or window.live is not None:
                await asyncio.sleep(0.2)
            print(f"{'100,000-character answer streamed':<40} {rss_mb():7.1f} MB")
            window.close()
            await window.shutdown()

    loop.run_until_complete(scenario())
    per_row_costs()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--row"]:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        print(f"{row_cost(sys.argv[2], sys.argv[3] == '1'):.1f}")
    else:
        main()
