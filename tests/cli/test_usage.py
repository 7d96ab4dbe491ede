"""``seekdesk usage`` as a user types it: the hand-computed figures, in any time zone."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys

import pytest

from app.cli import main
from app.core.history import HistoryStore
from tests.cli.seekdesk_cli import ROOT, TIMEOUT, child_env, seekdesk
from tests.core.usage.conftest import HAND, build_fixture, pro_prices


@pytest.fixture
def fixture_ids(isolated_dirs):
    with HistoryStore.open() as store:
        ids = build_fixture(store)
    pro_prices().save()
    return ids


def _json(capsys, *args: str) -> dict:
    assert main(["usage", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_totals_are_the_hand_computed_ones(fixture_ids, capsys):
    data = _json(capsys, "--since", "2026-11-01", "--until", "2026-11-30")
    total = data["total"]
    assert (total["requests"], total["input_tokens"], total["output_tokens"]) == (
        HAND["requests"],
        HAND["input"],
        HAND["output"],
    )
    assert (total["reasoning_tokens"], total["cached_tokens"]) == (
        HAND["reasoning"],
        HAND["cached"],
    )
    assert total["cost"]["CNY"] == pytest.approx(HAND["pro_cost"])
    assert total["unpriced_requests"] == 2
    assert (data["since"], data["until"], data["by"]) == ("2026-11-01", "2026-11-30", "day")


def test_by_conversation_lists_a_deleted_one_with_its_counts(fixture_ids, capsys):
    data = _json(capsys, "--since", "2026-11-01", "--until", "2026-11-30", "--by", "conversation")
    rows = {r["key"]: r for r in data["rows"]}
    gone = rows[str(fixture_ids["gone"])]
    assert gone["deleted"] and gone["label"] == "Gone" and gone["requests"] == 1
    assert gone["cost"] is None and gone["unpriced_requests"] == 1  # no price: unknown, not 0


def test_the_plain_table_marks_unknown_costs_and_the_cache_rate(fixture_ids, capsys):
    assert main(["usage", "--since", "2026-11-01", "--until", "2026-11-30", "--by", "model"]) == 0
    out = capsys.readouterr().out
    flash = next(line for line in out.splitlines() if line.startswith("deepseek-v4-flash"))
    assert flash.rstrip().endswith("—")
    assert f"Cache hit rate: {HAND['cached'] / HAND['input']:.1%}" in out
    assert "2 request(s) have no price" in out


def test_csv_has_a_header_a_line_per_day_and_a_total(fixture_ids, capsys):
    assert main(["usage", "--csv", "--since", "2026-11-20", "--until", "2026-11-22"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["day"] for r in rows] == ["2026-11-20", "2026-11-21", "2026-11-22", "TOTAL"]
    assert int(rows[-1]["input_tokens"]) == HAND["input"]
    assert float(rows[-1]["cost_CNY"]) == pytest.approx(HAND["pro_cost"], abs=1e-4)


@pytest.mark.parametrize(("tz", "days"), [("UTC", "utc_days"), ("Asia/Shanghai", "shanghai_days")])
def test_days_follow_the_time_zone_of_the_process(fixture_ids, tz, days):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "usage",
            "--json",
            "--since",
            "2026-11-20",
            "--until",
            "2026-11-22",
        ],
        capture_output=True,
        cwd=ROOT,
        env=child_env(TZ=tz),
        timeout=TIMEOUT,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)["rows"]
    assert {r["key"]: (r["requests"], r["input_tokens"], r["output_tokens"]) for r in rows} == (
        HAND[days]
    )


def test_a_bad_date_or_range_is_a_usage_error_and_changes_nothing(isolated_dirs):
    bad = seekdesk("usage", "--since", "last tuesday")
    assert bad.status == 2 and "is not a date" in bad.stderr
    result = seekdesk("usage", "--since", "2026-11-22", "--until", "2026-11-21")
    assert result.status == 2 and "starts" in result.stderr


def test_a_history_that_cannot_be_read_is_a_sentence_not_a_traceback(isolated_dirs, capsys):
    with HistoryStore.open() as store:
        path = store.path
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE usage_ledger")  # a hand-edited file
    conn.commit()
    conn.close()
    assert main(["usage"]) == 2
    err = capsys.readouterr().err
    assert "The usage could not be read from the history" in err and "Traceback" not in err


def test_history_delete_says_the_usage_stays_and_it_does(fixture_ids, capsys):
    assert main(["history", "delete", str(fixture_ids["numbers"])]) == 0
    assert "stay counted in 'seekdesk usage'" in capsys.readouterr().out
    data = _json(capsys, "--since", "2026-11-01", "--until", "2026-11-30")
    assert data["total"]["requests"] == HAND["requests"]
