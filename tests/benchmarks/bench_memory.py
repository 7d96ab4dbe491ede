"""Memory of the real window, in figures (not a pass/fail test).

Run: ``QT_QPA_PLATFORM=offscreen python3 tests/benchmarks/bench_memory.py``

Builds a throwaway history (200 conversations, one of them 5,000 messages long, answers of
~1.5 kB Markdown with a code block), then reports the process's resident memory (VmRSS) at each
step a user takes: window open, the long conversation opened (newest page only), ten older pages
scrolled in, and a 100,000-character answer streamed from the fake server.
"""

from __future__ import annotations

import asyncio
import os
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
        conv = store.create_conversation(f"Conversation {c}", "deepseek-v4-pro", "cn-beijing",
                                         "openai")
        for i in range(n // 2):
            store.add_user_message(conv.id, f"Question {i} about sorting things")
            reply = store.start_assistant_message(conv.id, model="deepseek-v4-pro")
            store.finish_message(reply.id, MessageStatus.COMPLETE, text=ANSWER,
                                 thinking="Let me think about it. " * 20, daily_backup=False)
        long_id = conv.id
    store.close()
    return long_id


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
    from app.ui.main_window import MainWindow
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
                window._load_older()
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


if __name__ == "__main__":
    main()
