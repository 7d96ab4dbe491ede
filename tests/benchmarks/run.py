"""Every performance figure SeekDesk promises, measured in one run, with its baseline and verdict.

    python tests/benchmarks/run.py            # the table (about 15 minutes on 2 cores)
    python tests/benchmarks/run.py --json     # the same; the last line is one JSON object
    python tests/benchmarks/run.py --smoke    # tiny sizes, seconds: proves the runner works

Each group runs in a fresh process (``run.py --worker NAME``), so start-up and memory are a new
process's and one group's caches do not help another:

* ``shapes``: each answer shape of ``shapes.py`` streamed into a real chat view offscreen,
  100,000 characters at 500 and at 5,000 deltas a second: the longest event-loop stall, and
  the CPU time against the same shape's 10,000 characters (medians of ``--repeats`` runs, 3 by
  default, big and small interleaved after one throw-away run of the shape); then
  opening a stored answer of each shape against plain words of the same size;
* ``window`` / ``bare``: the real main window showing a history of 1,000 conversations against
  a bare PySide6 window with a list and a text view, process start to shown (medians of 7
  fresh processes each, alternating, after one uncounted start of each); then, in 3 more
  processes, the window's memory idle and with a 2,000-message conversation open, and the time
  to open a 5,000-message conversation to its newest messages painted (medians);
* ``history``: ``bench_history.py`` over 100,000 messages: search p99 and the newest page of
  a long conversation (``open_recent_ms``);
* ``parse``: ``seekdesk ask --json`` reading a 35,000-delta stream from the fake server, whole
  process, against the official ``openai`` SDK reading the same bytes and the ``dashscope``
  SDK on the native dialect (``pip install '.[bench]'``; a missing SDK is reported, not faked).

Timings on a shared machine are noisy: CPU times are this process's own, and stalls are the
worst seen, so a busy neighbour shows up in them. Figures only; nothing here asserts.
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
sys.path.insert(0, str(ROOT))

#: JSON keys, in the order the issue lists them.
KEYS = (
    "startup_ratio",
    "rss_idle_mb",
    "rss_long_mb",
    "max_stall_ms",
    "stall_by_shape",
    "cpu_ratio_100k_over_10k",
    "parse_ratio_vs_openai",
    "parse_ratio_vs_dashscope",
    "search_p99_ms",
    "open_recent_ms",
    "window_open_5000_ms",
)

#: (streamed, its baseline, opened stored) characters; the smoke run also streams faster.
SIZES = {"full": (100_000, 10_000, 100_000), "smoke": (1_500, 300, 1_500)}


def _env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["SEEKDESK_DATA_DIR"] = str(tmp / "data")
    env["SEEKDESK_CONFIG_DIR"] = str(tmp / "config")
    env["PYTHONPATH"] = str(ROOT)
    # Bytecode compiled once and reused, as in an installed SeekDesk (pip and PyInstaller ship
    # it) and in the SDKs compared with: a checkout run under PYTHONDONTWRITEBYTECODE would
    # compile every app module again in every process (~0.1 s of ask, ~0.2 s of the window).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    return env


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def worker(name: str, args: list[str], env: dict[str, str], timeout: float) -> dict[str, Any]:
    """Run one group in a fresh process; its last stdout line is a JSON object."""
    command = [sys.executable, str(Path(__file__)), "--worker", name, *args]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"worker {name} failed:\n{done.stderr[-3000:]}")
    return json.loads(lines[-1])


# --- shapes ---------------------------------------------------------------------------------


def work_shapes(smoke: bool, repeats: int) -> dict[str, Any]:
    from app.ui.render.highlight import warm_all
    from tests.benchmarks import shapes

    big, small, opened = SIZES["smoke" if smoke else "full"]
    repeats = 1 if smoke else repeats  # (the smoke run proves the runner works, in seconds)
    slow = 5000.0 if smoke else 500.0
    shapes.qt_app()
    # As in the app, where common lexers load while idle long before the first reply.
    warm_all()
    out: dict[str, Any] = {"stall": {}, "stall_fast": {}, "cpu_ratio": {}, "cpu_100k": {},
                           "open_ms": {}, "lag_ms": {}}  # fmt: skip
    for shape in (*shapes.HARD_SHAPES, "words", "mixed"):
        text_big, text_small = shapes.make(shape, big), shapes.make(shape, small)
        # The same warm-up for both sizes: one throw-away stream of the shape first (its
        # first-use costs land on neither figure), then big and small runs interleaved (a
        # busy spell of the machine hits both alike), the median of each.
        shapes.stream(shape, text_small, slow)
        runs, smalls = [], []
        for _ in range(repeats):
            smalls.append(shapes.stream(shape, text_small, slow))
            runs.append(shapes.stream(shape, text_big, slow))
        fast = [shapes.stream(shape, text_big, 5000.0) for _ in range(repeats)]
        cpu_big = statistics.median(r.cpu_s for r in runs)
        cpu_small = statistics.median(r.cpu_s for r in smalls)
        out["stall"][shape] = round(statistics.median(r.max_stall_ms for r in runs), 1)
        out["stall_fast"][shape] = round(statistics.median(r.max_stall_ms for r in fast), 1)
        out["lag_ms"][shape] = round(max(r.lag_ms for r in runs + fast), 1)
        out["cpu_100k"][shape] = round(cpu_big, 2)
        out["cpu_ratio"][shape] = round(cpu_big / max(cpu_small, 1e-6), 2)
        out["open_ms"][shape] = round(shapes.open_stored(shapes.make(shape, opened)), 1)
        # Until the whole answer is built (the rest fills in idle turns) and the longest stall.
        filling = shapes.open_stored_fill(shapes.make(shape, opened), repeats)
        whole = (round(filling.filled_ms, 1), round(filling.max_stall_ms, 1))
        out.setdefault("open_whole", {})[shape] = whole
        print(shape, out["stall"][shape], out["cpu_ratio"][shape], file=sys.stderr, flush=True)
    megabyte = 100_000 if smoke else 1_000_000
    out["open_1mb_longline_ms"] = round(shapes.open_stored(shapes.make("longline", megabyte)), 1)
    out["open_1mb_words_ms"] = round(shapes.open_stored(shapes.make("words", megabyte)), 1)
    return out


# --- window and bare window ------------------------------------------------------------------


def build_history(data: Path, conversations: int, long_ids: tuple[int, int]) -> dict[str, int]:
    """A history of ``conversations``; two of them ``long_ids`` messages long."""
    from app.core.events import Usage
    from app.core.history import HistoryStore, MessageStatus
    from tests.benchmarks.bench_memory import ANSWER

    data.mkdir(parents=True, exist_ok=True)
    store = HistoryStore.open(data / "history.sqlite3")
    ids: dict[str, int] = {}
    for c in range(conversations):
        size = {0: long_ids[0], 1: long_ids[1]}.get(c, 4)
        conv = store.create_conversation(f"Conversation {c}", "deepseek-v4-pro", "cn-beijing",
                                         "openai")  # fmt: skip
        if c < 2:
            ids[f"long{c}"] = conv.id
        for i in range(size // 2):
            store.add_user_message(conv.id, f"Question {i} about sorting things")
            reply = store.start_assistant_message(conv.id, model="deepseek-v4-pro")
            store.finish_message(reply.id, MessageStatus.COMPLETE, text=ANSWER, thinking="",
                                 usage=Usage(10, 300))  # fmt: skip
    store.close()
    return ids


def work_bare(conversations: int) -> dict[str, Any]:
    """A bare PySide6 window with a list of ``conversations`` and a text view (the baseline)."""
    from PySide6.QtWidgets import QApplication, QListWidget, QSplitter, QTextEdit

    app = QApplication(sys.argv[:1])
    window = QSplitter()
    items = QListWidget(window)
    items.addItems([f"Conversation {n}" for n in range(conversations)])
    QTextEdit(window)
    window.resize(1180, 820)
    window.show()
    app.processEvents()
    window.grab()
    print("ready", flush=True)
    return {"rss_mb": round(rss_mb(), 1)}


def work_window(ids: dict[str, int], conversations: int, start_only: bool) -> dict[str, Any]:
    """The real window's start; then, unless ``start_only``, its memory and the long opens."""
    import asyncio

    import app.ui  # noqa: F401  (the import-time guard, as in the app)
    from app.ui.app import install_asyncgen_hooks, start_window

    # The app's own start (the history opens on its thread while the window is imported).
    started = start_window(sys.argv[:1])
    loop, window = started.loop, started.window
    install_asyncgen_hooks(loop)
    out: dict[str, Any] = {}

    async def scenario() -> None:
        window.resize(1180, 820)
        shown = min(conversations, 100)
        while window.sidebar.list.count() < shown:
            await asyncio.sleep(0.005)
        window.grab()
        print("ready", flush=True)
        if start_only:
            window.close()  # (saves its place, as every start of a returning user's window)
            await window.shutdown()
            return
        await asyncio.sleep(3)  # idle
        out["rss_idle_mb"] = round(rss_mb(), 1)
        timings = []
        for _ in range(3):
            window.new_chat()
            await asyncio.sleep(0.3)
            t0 = time.perf_counter()
            await window.open_conversation(ids["long1"])
            window.chat_view.grab()  # its newest messages laid out and painted
            timings.append((time.perf_counter() - t0) * 1000)
        out["window_open_5000_ms"] = round(statistics.median(timings), 1)
        await window.open_conversation(ids["long0"])
        await asyncio.sleep(2)
        out["rss_long_mb"] = round(rss_mb(), 1)
        # Every start measured alike: the next one must not reopen (resume) the long
        # conversation, the baseline being a list and an empty text view.
        window.new_chat()
        window.close()
        await window.shutdown()

    loop.run_until_complete(scenario())
    return out


def start_once(name: str, args: list[str], env: dict[str, str]) -> tuple[float, dict]:
    """Ms from a fresh process's start to its window shown, and the figures it printed."""
    command = [sys.executable, str(Path(__file__)), "--worker", name, *args]
    shown, figures = float("nan"), {}
    t0 = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    for line in child.stdout:
        if line.strip() == "ready":
            shown = (time.perf_counter() - t0) * 1000
        elif line.startswith("{"):
            figures = json.loads(line)
    if child.wait(600) != 0:
        raise RuntimeError(f"worker {name} failed")
    return shown, figures


def startups(
    ids: dict[str, int], conversations: int, env: dict[str, str], repeats: int, scenarios: int
) -> tuple[float, float, dict[str, Any]]:
    """Median start-up ms of the bare window and of SeekDesk's, and the window's other figures.

    One start of each first, not counted: it compiles the runner's own modules, and SeekDesk's
    first start on a history makes the day's backup and saves the window's place (every later
    start, a returning user's, restores it, as the bare window is sized before it is shown).
    Then the two alternate, so a busy spell of the machine hits both alike. The window's memory
    and its 5,000-message opens are then measured in ``scenarios`` more fresh processes (their
    medians; each process's open figure is already the median of its three opens)."""
    bare_args = [str(conversations)]
    window_args = [json.dumps(ids), str(conversations)]
    start_once("bare", bare_args, env)
    start_once("window", [*window_args, "--start-only"], env)
    bare, window, bare_figures = [], [], {}
    for _ in range(repeats):
        shown, bare_figures = start_once("bare", bare_args, env)
        bare.append(shown)
        window.append(start_once("window", [*window_args, "--start-only"], env)[0])
    runs = [start_once("window", window_args, env)[1] for _ in range(scenarios)]
    figures = {key: round(statistics.median(run[key] for run in runs), 1) for key in runs[0]}
    figures["opens"] = [run["window_open_5000_ms"] for run in runs]
    figures["bare_rss_mb"] = bare_figures["rss_mb"]
    return statistics.median(bare), statistics.median(window), figures


# --- parse: seekdesk ask --json against the official SDKs ---------------------------------------

OPENAI_CLIENT = """
import json, sys
from openai import OpenAI
client = OpenAI(base_url=sys.argv[1] + "/compatible-mode/v1", api_key="sk-benchmark-key-0000")
stream = client.chat.completions.create(model="deepseek-v4-pro", stream=True,
    messages=[{"role": "user", "content": "hi"}])
for chunk in stream:
    for choice in chunk.choices:
        if choice.delta.content:
            print(json.dumps({"type": "answer", "text": choice.delta.content}))
"""

DASHSCOPE_CLIENT = """
import json, sys
import dashscope
dashscope.base_http_api_url = sys.argv[1] + "/api/v1"
responses = dashscope.Generation.call(model="deepseek-v4-pro", api_key="sk-benchmark-key-0000",
    messages=[{"role": "user", "content": "hi"}], result_format="message", stream=True,
    incremental_output=True)
for response in responses:
    text = response.output.choices[0].message.content if response.output else ""
    if text:
        print(json.dumps({"type": "answer", "text": text}))
"""


def work_parse(deltas: int, repeats: int, tmp: Path) -> dict[str, Any]:
    from tests import fakeserver as fs

    answer = ("Streaming 流式 🙂 ok " * (deltas * 8 // 19 + 1))[: deltas * 8]
    env = _env(tmp)
    env["DASHSCOPE_API_KEY"] = "sk-benchmark-key-0000"
    out: dict[str, Any] = {}
    with fs.FakeServer() as fake:
        env["SEEKDESK_BASE_URL"] = fake.base_url

        def timed(command: list[str]) -> float | None:
            runs = []
            for _ in range(repeats):
                fake.enqueue(fs.answer_only(answer, chunk_size=8))
                t0 = time.perf_counter()
                done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.PIPE, text=True, timeout=600)  # fmt: skip
                if done.returncode != 0:
                    print(done.stderr[-2000:], file=sys.stderr)
                    return None
                runs.append(time.perf_counter() - t0)
            return statistics.median(runs)

        ask = [sys.executable, "-m", "app", "ask", "--json", "--no-save", "--no-thinking"]
        out["seekdesk_openai_s"] = timed([*ask, "--api", "openai", "hi"])
        out["seekdesk_dashscope_s"] = timed([*ask, "--api", "dashscope", "hi"])
        out["openai_sdk_s"] = timed([sys.executable, "-c", OPENAI_CLIENT, fake.base_url])
        out["dashscope_sdk_s"] = timed([sys.executable, "-c", DASHSCOPE_CLIENT, fake.base_url])
    for mine, theirs, key in (
        ("seekdesk_openai_s", "openai_sdk_s", "parse_ratio_vs_openai"),
        ("seekdesk_dashscope_s", "dashscope_sdk_s", "parse_ratio_vs_dashscope"),
    ):
        ok = out[mine] and out[theirs]
        out[key] = round(out[theirs] / out[mine], 2) if ok else None
    return out


# --- the run ----------------------------------------------------------------------------------


def measure(smoke: bool, repeats: int) -> tuple[dict[str, Any], list[tuple]]:
    """All figures: (the JSON object, table rows of figure/target/measured/baseline/verdict)."""
    rows: list[tuple] = []
    with tempfile.TemporaryDirectory(prefix="seekdesk-bench-") as name:
        tmp = Path(name)
        env = _env(tmp)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "app")], env=env,
                       check=True)  # fmt: skip
        conversations = 50 if smoke else 1_000
        longs = (40, 100) if smoke else (2_000, 5_000)
        ids = build_history(tmp / "data", conversations, longs)
        shape_figs = worker("shapes", ["--repeats", str(repeats)] + (["--smoke"] if smoke else []),
                            env, 3000)  # fmt: skip
        bare_ms, window_ms, window = startups(
            ids, conversations, env, repeats=1 if smoke else 7, scenarios=1 if smoke else 3
        )
        history_args = ["--messages", "2000", "--long", "200"] if smoke else []
        done = subprocess.run([sys.executable, str(ROOT / "tests/benchmarks/bench_history.py"),
                               *history_args], env=env, capture_output=True, text=True,
                              timeout=1800)  # fmt: skip
        history = json.loads(done.stdout[done.stdout.index("{") :])
        parse = work_parse(500 if smoke else 35_000, 1 if smoke else 3, tmp)

    stall = shape_figs["stall"]
    hard = {k: v for k, v in stall.items() if k not in ("words", "mixed")}
    worst = max(hard, key=hard.get)
    ratios = {k: v for k, v in shape_figs["cpu_ratio"].items() if k not in ("words", "mixed")}
    worst_ratio = max(ratios, key=ratios.get)
    fast = {k: v for k, v in shape_figs["stall_fast"].items() if k not in ("words", "mixed")}
    figures = {
        "startup_ratio": round(window_ms / bare_ms, 2),
        "rss_idle_mb": window["rss_idle_mb"],
        "rss_long_mb": window["rss_long_mb"],
        "max_stall_ms": hard[worst],
        "stall_by_shape": hard,
        "cpu_ratio_100k_over_10k": ratios[worst_ratio],
        "parse_ratio_vs_openai": parse["parse_ratio_vs_openai"],
        "parse_ratio_vs_dashscope": parse["parse_ratio_vs_dashscope"],
        "search_p99_ms": history["search_fts_p99_ms"],
        "open_recent_ms": history["open_newest_50_p99_ms"],
        "window_open_5000_ms": window["window_open_5000_ms"],
    }

    def verdict(ok: bool | None) -> str:
        return "n/a" if ok is None else ("met" if ok else "MISSED")

    def row(figure: str, target: str, value: Any, baseline: str, ok: bool | None) -> None:
        rows.append((figure, target, str(value), baseline, verdict(ok)))

    words = f"words {stall['words']} ms"
    for shape, value in hard.items():
        row(f"stall 500/s: {shape}", "<= 50 ms", f"{value} ms", words, value <= 50)
    for shape, value in fast.items():
        row(f"stall 5000/s: {shape}", "<= 100 ms", f"{value} ms",
            f"words {shape_figs['stall_fast']['words']} ms", value <= 100)  # fmt: skip
    for shape, value in ratios.items():
        row(f"CPU 100k/10k: {shape}", "<= 12x", f"{value}x ({shape_figs['cpu_100k'][shape]} s)",
            f"words {shape_figs['cpu_ratio']['words']}x", value <= 12)  # fmt: skip
    plain = shape_figs["open_ms"]["words"]
    for shape, value in shape_figs["open_ms"].items():
        if shape != "words":
            whole, stall = shape_figs.get("open_whole", {}).get(shape, ("?", "?"))
            row(f"open stored: {shape}", "~ plain words",
                f"{value} ms (whole {whole} ms, stall {stall} ms)", f"words {plain} ms",
                value <= 2 * plain + 20)  # fmt: skip
    row("open stored 1 MB, no break", "~ plain words", f"{shape_figs['open_1mb_longline_ms']} ms",
        f"words {shape_figs['open_1mb_words_ms']} ms",
        shape_figs["open_1mb_longline_ms"] <= 2 * shape_figs["open_1mb_words_ms"] + 20)  # fmt: skip
    row("startup_ratio", "<= 2x", f"{figures['startup_ratio']}x ({window_ms:.0f} ms)",
        f"bare {bare_ms:.0f} ms", figures["startup_ratio"] <= 2)  # fmt: skip
    row("rss_idle_mb", "<= 110 MB", figures["rss_idle_mb"], f"bare {window['bare_rss_mb']} MB",
        figures["rss_idle_mb"] <= 110)  # fmt: skip
    row("rss_long_mb", "<= 180 MB", figures["rss_long_mb"], "", figures["rss_long_mb"] <= 180)
    row("window_open_5000_ms", "<= 150 ms", figures["window_open_5000_ms"],
        f"per process {window['opens']}",
        figures["window_open_5000_ms"] <= 150)  # fmt: skip
    row("search_p99_ms", "<= 50 ms", figures["search_p99_ms"], "", figures["search_p99_ms"] <= 50)
    row("open_recent_ms (newest 50, p99)", "<= 50 ms", figures["open_recent_ms"], "",
        figures["open_recent_ms"] <= 50)  # fmt: skip
    for key, sdk, mine in (
        ("parse_ratio_vs_openai", "openai_sdk_s", "seekdesk_openai_s"),
        ("parse_ratio_vs_dashscope", "dashscope_sdk_s", "seekdesk_dashscope_s"),
    ):
        value = figures[key]
        base = f"SDK {parse[sdk]:.2f} s, ours {parse[mine]:.2f} s" if value else "SDK missing"
        row(
            key, ">= 1.5x", f"{value}x" if value else "-", base, None if not value else value >= 1.5
        )
    return figures, rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="end with one JSON object")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: seconds, not minutes")
    parser.add_argument("--repeats", type=int, default=3, help="runs per streamed figure")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args()
    if args.worker:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        if args.worker == "shapes":
            result = work_shapes(args.smoke, args.repeats)
        elif args.worker == "bare":
            result = work_bare(int(rest[0]))
        elif args.worker == "window":
            result = work_window(json.loads(rest[0]), int(rest[1]), "--start-only" in rest)
        else:
            raise SystemExit(f"unknown worker {args.worker}")
        print(json.dumps(result), flush=True)
        sys.stderr.flush()
        os._exit(0)  # the figures are out; Qt's teardown of a live window is not measured
    started = time.perf_counter()
    figures, rows = measure(args.smoke, args.repeats)
    header = ("figure", "target", "measured", "baseline", "verdict")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(5)]
    for line in (header, *rows):
        print("  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)))
    print(f"({time.perf_counter() - started:.0f} s, {os.cpu_count()} CPUs)")
    if args.json:
        print(json.dumps({key: figures[key] for key in KEYS}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
