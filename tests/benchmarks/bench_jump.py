"""Benchmark of opening a search hit far back: prints figures, asserts nothing (not in the suite).

    QT_QPA_PLATFORM=offscreen python3 tests/benchmarks/bench_jump.py [--repeats 5]

Seeds a 5,000-message conversation in a temporary history, then in a real window measures, from
the request to the row pinned and painted: opening the conversation at a hit 4,000 messages
back (``MessageJump.open_at``, the search result / F3 / find bar path) and, for comparison,
opening the same conversation at its newest page. Target from issue 14: the jump < 300 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def seed(pairs: int = 2500, marked: int = 500) -> tuple[int, int]:
    from app.core.history import HistoryStore, MessageStatus

    target = 0
    with HistoryStore.open() as store:
        conv = store.create_conversation("Long", "deepseek-v4-pro", "cn-beijing", "openai")
        with store.transaction():
            for n in range(pairs):
                text = f"question {n} about a zebra" if n == marked else f"question {n} " * 20
                prompt = store.add_user_message(conv.id, text)
                target = prompt.id if n == marked else target
                reply = store.start_assistant_message(conv.id, model="deepseek-v4-pro")
                answer = f"Answer {n}: **bold**, `code`, and a list:\n\n- one\n- two\n" * 3
                store.finish_message(reply.id, MessageStatus.COMPLETE, text=answer, thinking="")
    return conv.id, target


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="seekdesk-bench-jump-")
    os.environ["SEEKDESK_DATA_DIR"] = os.path.join(scratch, "data")
    os.environ["SEEKDESK_CONFIG_DIR"] = os.path.join(scratch, "config")
    os.environ.setdefault("DASHSCOPE_API_KEY", "sk-bench-0123456789")
    cid, target = seed()

    import qasync
    from PySide6.QtWidgets import QApplication

    from app.ui.app import install_asyncgen_hooks
    from app.ui.window.main_window import MainWindow

    qapp = QApplication(sys.argv[:1])
    qapp.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    install_asyncgen_hooks(loop)
    figures: dict[str, list[float]] = {"jump_4000_back_ms": [], "open_newest_ms": []}

    async def scenario() -> None:
        window = MainWindow()
        window.resize(1180, 820)
        window.show()
        window.start()
        while not window.is_ready():
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.5)
        for _ in range(args.repeats):
            window.new_chat()
            await asyncio.sleep(0.2)
            t0 = time.perf_counter()
            await window.jump.open_at(cid, target, "zebra")
            window.chat_view.grab()
            figures["jump_4000_back_ms"].append((time.perf_counter() - t0) * 1000)
            window.new_chat()
            await asyncio.sleep(0.2)
            t0 = time.perf_counter()
            await window.open_conversation(cid)
            window.chat_view.grab()
            figures["open_newest_ms"].append((time.perf_counter() - t0) * 1000)
        window.close()
        await window.shutdown()

    loop.run_until_complete(scenario())
    for name, values in figures.items():
        print(f"{name}: median {statistics.median(values):.0f}, "
              f"min {min(values):.0f}, max {max(values):.0f}  (n={len(values)})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
