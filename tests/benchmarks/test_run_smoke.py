"""The benchmark runner works: ``run.py --smoke`` measures every figure at tiny sizes and ends
with one JSON object holding exactly the documented keys (the figures themselves are for the
full run; a smoke run on a busy machine proves nothing about speed, so none is checked)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

RUN = Path(__file__).with_name("run.py")


@pytest.mark.timeout(300)
def test_the_benchmark_runner_measures_every_figure_in_smoke_mode(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, str(RUN), "--smoke", "--json"],
        env=env, capture_output=True, text=True, timeout=280,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
    figures = json.loads(lines[-1])
    from tests.benchmarks.run import KEYS

    assert tuple(figures) == KEYS
    assert set(figures["stall_by_shape"]) >= {"code", "table", "paragraph", "deep10000"}
    assert all(isinstance(figures[key], (int, float)) for key in KEYS if key != "stall_by_shape"
               and not key.startswith("parse_ratio"))  # fmt: skip
    table = "\n".join(lines[:-1])
    assert "figure" in table and "verdict" in table and "stall 500/s: code" in table
