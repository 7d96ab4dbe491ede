"""Opening the 5,000-message conversation, per open, in several fresh window processes.

    python tests/benchmarks/bench_open.py                      # 4 processes, 5 opens each
    python tests/benchmarks/bench_open.py --processes 6 --opens 3
    python tests/benchmarks/bench_open.py --base /tmp/seekdesk-base  # interleaved with a
                                                               # checkout of another commit
    python tests/benchmarks/bench_open.py --profile /tmp/prof  # a cProfile per open

The quick loop for ``run.py``'s ``window_open_5000_ms``: the same history (``run.build_history``:
1,000 conversations, two of 2,000 and 5,000 messages), the same start (``start_window``), the
same 3 s idle, then each open as run.py times it: ``new_chat()``, 0.3 s, ``open_conversation``
and a grab of the chat view. run.py's figure is the median of a process's first 3 opens, so the
first (cold) open is shown apart from the others (warm), and each open's process CPU beside its
wall time: on a shared machine an open whose wall time is far above its CPU waited for a core.
``--base`` runs another checkout's processes in turn with this one's (a change in the
machine's load meets both). Figures only; nothing asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def child(opens: int, ids: dict[str, int], profile: str | None) -> list[tuple[float, float]]:
    """One window process: each open's (wall ms, CPU ms)."""
    import asyncio
    import cProfile

    import app.ui  # noqa: F401  (the import-time guard, as in the app)
    from app.ui.app import install_asyncgen_hooks, start_window

    started = start_window(sys.argv[:1])
    loop, window = started.loop, started.window
    install_asyncgen_hooks(loop)
    out: list[tuple[float, float]] = []

    async def scenario() -> None:
        window.resize(1180, 820)
        while window.sidebar.list.count() < 100:
            await asyncio.sleep(0.005)
        window.grab()
        await asyncio.sleep(3)  # idle, as run.py
        for n in range(opens):
            window.new_chat()
            await asyncio.sleep(0.3)
            profiler = cProfile.Profile() if profile else None
            wall, cpu = time.perf_counter(), time.process_time()
            if profiler is not None:
                profiler.enable()
            await window.open_conversation(ids["long1"])
            window.chat_view.grab()
            if profiler is not None:
                profiler.disable()
                profiler.dump_stats(f"{profile}/open-{os.getpid()}-{n}.prof")
            out.append(((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000))
        window.new_chat()
        window.close()
        await window.shutdown()

    loop.run_until_complete(scenario())
    return out


def environment(root: Path, tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["SEEKDESK_DATA_DIR"] = str(tmp / "data")
    env["SEEKDESK_CONFIG_DIR"] = str(tmp / f"config-{root.name}")
    env["PYTHONPATH"] = str(root)
    env["DASHSCOPE_API_KEY"] = "sk-benchmark-key-0000"
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode reused, as run.py does
    env["PYTHONPYCACHEPREFIX"] = str(tmp / f"pycache-{abs(hash(str(root)))}")
    return env


def run_process(root: Path, tmp: Path, opens: int, ids: dict[str, int], profile: str) -> Any:
    env = environment(root, tmp)
    script = root / "tests" / "benchmarks" / "bench_open.py"
    if not script.exists():  # a checkout from before this script: run ours against its code
        script = Path(__file__)
    command = [sys.executable, str(script), "--child", json.dumps(ids), str(opens), profile]
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=root)
    lines = [line for line in done.stdout.splitlines() if line.startswith("[")]
    if not lines:
        print(done.stderr[-2000:], file=sys.stderr)
        return None
    return json.loads(lines[-1])


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        sys.path.insert(0, os.getcwd())
        opens = child(int(sys.argv[3]), json.loads(sys.argv[2]), sys.argv[4] or None)
        print(json.dumps(opens), flush=True)
        os._exit(0)  # (as run.py: Qt's teardown of a live window is not measured)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--opens", type=int, default=5, help="opens per process (>= 3)")
    parser.add_argument("--base", type=Path, help="another checkout, run in turn with this one")
    parser.add_argument("--profile", default="", help="a directory for a cProfile per open")
    args = parser.parse_args()
    if args.profile:
        os.makedirs(args.profile, exist_ok=True)
    sys.path.insert(0, str(ROOT))
    from tests.benchmarks.run import build_history

    roots = [ROOT] + ([args.base.resolve()] if args.base else [])
    figures: dict[Path, list[list[tuple[float, float]]]] = {root: [] for root in roots}
    with tempfile.TemporaryDirectory(prefix="bench-open-") as name:
        tmp = Path(name)
        ids = build_history(tmp / "data", 1000, (2000, 5000))
        for root in roots:  # an uncounted process each: compiles the bytecode once, as run.py
            run_process(root, tmp, 1, ids, "")
        for _ in range(args.processes):
            for root in roots:
                opens = run_process(root, tmp, max(3, args.opens), ids, args.profile)
                if opens is None:
                    continue
                figures[root].append(opens)
                walls = " ".join(f"{wall:6.1f}" for wall, _ in opens)
                cpus = " ".join(f"{cpu:6.1f}" for _, cpu in opens)
                print(f"{root.name:>14}  wall {walls}  |  CPU {cpus}", flush=True)
    for root, runs in figures.items():
        if not runs:
            continue
        cold = [run[0][0] for run in runs]
        warm = [wall for run in runs for wall, _ in run[1:]]
        medians = [statistics.median(wall for wall, _ in run[:3]) for run in runs]
        print(f"{root.name}: cold {statistics.median(cold):.1f} ms (median of {len(cold)}), "
              f"warm median {statistics.median(warm):.1f} ms, max {max(warm):.1f}; "
              f"run.py's figure per process: {' '.join(f'{m:.1f}' for m in medians)}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
