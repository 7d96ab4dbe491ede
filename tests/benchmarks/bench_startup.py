"""Where the window's start-up goes: a timeline of the first frame, in figures (not a test).

    python tests/benchmarks/bench_startup.py [--conversations 1000] [--repeats 5] [--against DIR]

Each start is a fresh process (as a user's), with bytecode compiled once beforehand (as an
installed SeekDesk has it). It prints, per step, the wall time and the process's CPU time
since the interpreter started, and its resident memory, medians over the repeats:

    python + Qt imported → app modules imported → QApplication → MainWindow() → shown →
    history open (its own thread, started before the app's imports) → sidebar listed →
    first frame painted (grab)

The window is started by ``app.ui.app.start_window``, the function ``seekdesk`` itself starts
with (application style, palette, icon and translations included), so the figure is the app's
start. A checkout given with ``--against`` that has no ``start_window`` is started as its
``run()`` did.

then the same for a bare PySide6 window with a list and a text view (the issue's baseline),
a census of the window's first frame (app modules, PySide6 enum types, the dataclasses made
and their CPU), and the ten app imports that cost the most (``-X importtime``, cumulative). CPU
time is the steadier figure on a shared machine: wall time includes every other process's turns.
``--against DIR`` also starts the window of another checkout (say ``git worktree add DIR
<commit>``, or ``git archive <commit> | tar -x -C DIR``) as "before", its starts interleaved
with this one's and the bare window's, so all three meet the same load.
Nothing is resumed: the history's last conversation is not reopened, so the window shows the
list and an empty conversation, as the baseline shows a list and an empty text view.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

CHILD = r"""
import sys, time
T0 = time.perf_counter()
import asyncio, json, os, resource
def mark(name, out=[]):
    r = resource.getrusage(resource.RUSAGE_SELF)
    rss = int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) / 1024
    out.append((name, time.perf_counter() - T0, r.ru_utime + r.ru_stime, rss))
    return out
mark("interpreter")
bare = sys.argv[1] == "bare"
import qasync
from PySide6.QtWidgets import QApplication, QListWidget, QSplitter, QTextEdit
mark("Qt imported")
if bare:
    qapp = QApplication(sys.argv[:1])
    qapp.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    mark("QApplication")
else:
    import app.ui
    import app.ui.app as ui_app
    if hasattr(ui_app, "start_window"):
        started = ui_app.start_window(sys.argv[:1], progress=mark)
        loop, window = started.loop, started.window
    else:  # a checkout from before start_window: what its run() did
        from app.core.settings import load_settings
        from app.ui.window.main_window import MainWindow
        mark("app imported")
        loaded = load_settings()
        qapp = ui_app.create_application(sys.argv[:1], loaded.settings.theme)
        qapp.setQuitOnLastWindowClosed(False)
        loop = qasync.QEventLoop(qapp)
        asyncio.set_event_loop(loop)
        mark("QApplication")
        window = MainWindow(settings=loaded)
        mark("MainWindow()")
        window.show()
        window.start()
        mark("shown")
    if window.door.is_ready():
        mark("history open")
    else:
        window.door.opened.connect(lambda: mark("history open"))
conversations = int(sys.argv[2])

async def scenario():
    if bare:
        shown = QSplitter()
        items = QListWidget(shown)
        items.addItems([f"Conversation {n}" for n in range(conversations)])
        QTextEdit(shown)
        shown.resize(1180, 820)
        shown.show()
        mark("shown")
    else:
        shown = window
        while window.sidebar.list.count() < min(conversations, 100):
            await asyncio.sleep(0.005)
        mark("sidebar listed")
    shown.grab()
    return mark("painted")

marks = loop.run_until_complete(scenario())
print(json.dumps(marks), flush=True)
os._exit(0)
"""


def _env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    env["SEEKDESK_DATA_DIR"] = str(tmp / "data")
    env["SEEKDESK_CONFIG_DIR"] = str(tmp / "config")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    return env


def start(kind: str, conversations: int, env: dict[str, str], root: Path = ROOT) -> list:
    """One fresh process's marks: [name, wall s, CPU s, RSS MB] per step, with the app of the
    checkout at ``root`` (its directory first on the path, as ``-c`` puts the working one)."""
    done = subprocess.run([sys.executable, "-c", CHILD, kind, str(conversations)], cwd=root,
                          env={**env, "PYTHONPATH": str(root)}, capture_output=True, text=True,
                          timeout=300, check=False)  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"the {kind} start failed in {root}:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def medians(runs: list[list]) -> list[tuple]:
    """Per step: (name, wall ms, CPU ms, RSS MB), medians over the runs."""
    steps = []
    for i, (name, *_rest) in enumerate(runs[0]):
        if any(len(run) <= i or run[i][0] != name for run in runs):
            continue  # a step seen in another order (the history opened before "shown")
        wall, cpu, rss = (statistics.median(run[i][k] for run in runs) for k in (1, 2, 3))
        steps.append((name, wall * 1000, cpu * 1000, rss))
    return steps


CENSUS = r"""
import asyncio, dataclasses, enum, json, os, sys, time
made = []
process_class = dataclasses._process_class
def timed(cls, *args, **kwargs):
    start = time.process_time()
    try:
        return process_class(cls, *args, **kwargs)
    finally:
        made.append(time.process_time() - start)
dataclasses._process_class = timed
import qasync
import app.ui
from app.ui.app import start_window
started = start_window(sys.argv[:1])
loop, window = started.loop, started.window
def pyside_enums():
    found, todo = set(), [enum.Enum]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return [e for e in found if e.__module__.startswith("PySide6")]
async def first_frame():
    while window.sidebar.list.count() < min(int(sys.argv[1]), 100):
        await asyncio.sleep(0.005)
    window.grab()
    enums = pyside_enums()
    return {"app modules": sum(1 for m in sys.modules if m.startswith("app.")),
            "enum types": len(enums), "enum members": sum(len(e.__members__) for e in enums),
            "Qt namespace": "Qt" in sys.modules["PySide6.QtCore"].__dict__,
            "dataclasses": len(made), "dataclass ms": round(sum(made) * 1000, 1)}
print(json.dumps(loop.run_until_complete(first_frame())), flush=True)
os._exit(0)
"""


def census(conversations: int, env: dict[str, str]) -> dict[str, object]:
    """What the window's first frame made (one run, its own process): app modules, PySide6 enum
    types and their members, whether the ``Qt`` namespace was built (93 enum types, ~16 ms),
    and the dataclasses made, with the CPU their making took (timed: slower than unwatched)."""
    done = subprocess.run([sys.executable, "-c", CENSUS, str(conversations)], env=env,
                          capture_output=True, text=True, timeout=300, check=True)  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def top_imports(env: dict[str, str], count: int = 10) -> list[tuple[str, float]]:
    code = "import qasync, PySide6.QtWidgets, app.ui; import app.ui.window.main_window"
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", code], env=env,
                          capture_output=True, text=True, check=True)  # fmt: skip
    found = re.findall(r"^import time:\s+\d+ \|\s+(\d+) \| (\s*)(\S+)$", done.stderr, re.M)
    # Direct imports of the window module and of the packages it pulls, cumulative.
    rows = [(name, int(cum) / 1000) for cum, indent, name in found
            if name.startswith("app.") and len(indent) <= 6]  # fmt: skip
    return sorted(rows, key=lambda row: -row[1])[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conversations", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--against", metavar="DIR", help="another checkout, started as before")
    args = parser.parse_args()
    from tests.benchmarks.run import build_history

    with tempfile.TemporaryDirectory(prefix="seekdesk-startup-") as name:
        tmp = Path(name)
        env = _env(tmp)
        build_history(tmp / "data", args.conversations, (4, 4))
        trees = {"bare": ROOT, "window": ROOT}
        if args.against:
            trees["before"] = Path(args.against).resolve()
        for root in set(trees.values()):
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(root / "app")], env=env,
                           check=True)  # fmt: skip
        runs: dict[str, list[list]] = {kind: [] for kind in trees}
        for _ in range(args.repeats):  # interleaved: each round meets the same load
            for kind, root in trees.items():
                child = "bare" if kind == "bare" else "window"
                runs[kind].append(start(child, args.conversations, env, root))
        figures = {kind: medians(kind_runs) for kind, kind_runs in runs.items()}
        for kind, steps in figures.items():
            print(f"{kind} ({args.conversations} conversations, median of {args.repeats})")
            print(f"  {'step':<16} {'wall ms':>8} {'CPU ms':>8} {'RSS MB':>7}")
            for step, wall, cpu, rss in steps:
                print(f"  {step:<16} {wall:8.0f} {cpu:8.0f} {rss:7.1f}")
        bare = figures["bare"][-1]
        for kind in figures:
            if kind != "bare":
                end = figures[kind][-1]
                print(f"painted: {kind} / bare = {end[1] / bare[1]:.2f}x wall, "
                      f"{end[2] / bare[2]:.2f}x CPU")  # fmt: skip
        found = ", ".join(f"{k} {v}" for k, v in census(args.conversations, env).items())
        print(f"the window's first frame (one run): {found}")
        print("heaviest app imports (cumulative ms, one run):")
        for module, ms in top_imports(env):
            print(f"  {ms:7.1f}  {module}")


if __name__ == "__main__":
    main()
