"""Usage figures from the ledger equal the ones worked out by hand, in any time zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from app.core.events import Usage
from app.core.history import MessageStatus
from app.core.usage.report import (
    Cost,
    compute_overview,
    compute_usage,
    conversation_usage,
    day_start,
    local_day,
)
from tests.core.usage.conftest import HAND, add_reply, pro_prices, utc

UTC = dt.UTC
SHANGHAI = ZoneInfo("Asia/Shanghai")
NEW_YORK = ZoneInfo("America/New_York")


def _days(report):
    return {r.key: (r.tokens.requests, r.tokens.input, r.tokens.output) for r in report.by_day}


def test_the_totals_count_every_request_that_reached_the_service(fixture_store):
    store, _ = fixture_store
    report = compute_usage(store, tz=UTC, now=utc(25, 12))
    total = report.total.tokens
    assert (total.requests, total.input, total.output, total.reasoning, total.cached) == (
        HAND["requests"],
        HAND["input"],
        HAND["output"],
        HAND["reasoning"],
        HAND["cached"],
    )
    assert total.answer == HAND["output"] - HAND["reasoning"]
    assert total.cache_hit_rate == pytest.approx(HAND["cached"] / HAND["input"])
    assert report.since == dt.date(2026, 11, 20) and report.until == dt.date(2026, 11, 25)


def test_days_are_local_days_of_the_given_time_zone(fixture_store):
    store, _ = fixture_store
    assert _days(compute_usage(store, tz=UTC, now=utc(25, 12))) == HAND["utc_days"]
    assert _days(compute_usage(store, tz=SHANGHAI, now=utc(25, 12))) == HAND["shanghai_days"]


def test_a_day_is_cut_at_local_midnight_across_the_end_of_daylight_saving(store):
    """New York leaves daylight saving on 1 November 2026: that day is 25 hours long."""
    conv = store.create_conversation("DST", "deepseek-v4-pro", "us-east-1", "openai")
    add_reply(store, conv.id, utc(1, 3, 30), MessageStatus.COMPLETE, Usage(1, 1))  # 31 Oct 23:30
    add_reply(store, conv.id, utc(2, 4, 30), MessageStatus.COMPLETE, Usage(2, 2))  # 1 Nov 23:30
    add_reply(store, conv.id, utc(2, 5, 30), MessageStatus.COMPLETE, Usage(4, 4))  # 2 Nov 00:30
    report = compute_usage(store, dt.date(2026, 10, 31), dt.date(2026, 11, 2), tz=NEW_YORK)
    assert _days(report) == {
        "2026-10-31": (1, 1, 1),
        "2026-11-01": (1, 2, 2),
        "2026-11-02": (1, 4, 4),
    }
    assert day_start(dt.date(2026, 11, 2), NEW_YORK) - day_start(
        dt.date(2026, 11, 1), NEW_YORK
    ) == (25 * 3600)
    assert local_day(utc(2, 4, 30), NEW_YORK) == dt.date(2026, 11, 1)


def test_a_range_keeps_only_its_days_both_ends_included(fixture_store):
    store, _ = fixture_store
    report = compute_usage(store, dt.date(2026, 11, 21), dt.date(2026, 11, 21), tz=UTC)
    assert _days(report) == {"2026-11-21": HAND["utc_days"]["2026-11-21"]}
    assert report.total.tokens.requests == 4
    with pytest.raises(ValueError, match="starts"):
        compute_usage(store, dt.date(2026, 11, 22), dt.date(2026, 11, 21), tz=UTC)


def test_a_deleted_conversation_keeps_its_counts_and_says_it_is_gone(fixture_store):
    store, ids = fixture_store
    rows = {r.key: r for r in compute_usage(store, tz=UTC, now=utc(25, 12)).by_conversation}
    gone = rows[str(ids["gone"])]
    assert gone.deleted and gone.label == "Gone" and gone.conversation_id == ids["gone"]
    assert (gone.tokens.requests, gone.tokens.input, gone.tokens.output) == (1, 1000, 500)
    numbers = rows[str(ids["numbers"])]
    assert not numbers.deleted and numbers.label == "Numbers"
    # two replies, a 400 that reached the service, one retried attempt, the final reply
    assert (numbers.tokens.requests, numbers.tokens.input) == (5, 600)
    outside = rows[""]  # Test connection belongs to no conversation
    assert outside.conversation_id is None and outside.tokens.requests == 1


def test_by_model_region_and_api(fixture_store):
    store, _ = fixture_store
    report = compute_usage(store, tz=UTC, now=utc(25, 12))
    models = {r.key: (r.tokens.requests, r.tokens.total) for r in report.by_model}
    assert models == {"deepseek-v4-pro": (5, 760), "deepseek-v4-flash": (2, 1506)}
    assert [r.key for r in report.by_model] == ["deepseek-v4-flash", "deepseek-v4-pro"]
    regions = {r.key: r.tokens.requests for r in report.by_region}
    assert regions == {"cn-beijing": 6, "ap-southeast-1": 1}
    assert {r.key: r.tokens.requests for r in report.by_api} == {"openai": 6, "dashscope": 1}


def test_cost_is_computed_only_where_the_user_set_a_price(fixture_store):
    store, _ = fixture_store
    report = compute_usage(store, tz=UTC, prices=pro_prices(), now=utc(25, 12))
    models = {r.key: r.cost for r in report.by_model}
    assert models["deepseek-v4-pro"].amount("CNY") == pytest.approx(HAND["pro_cost"])
    assert models["deepseek-v4-flash"] == Cost((), 2)  # unknown, not zero
    assert report.total.cost.amount("CNY") == pytest.approx(HAND["pro_cost"])
    assert report.total.cost.unpriced == 2
    unpriced = compute_usage(store, tz=UTC, now=utc(25, 12))
    assert not unpriced.total.cost.known


def test_the_recent_totals_are_sums_of_the_last_days(fixture_store):
    store, _ = fixture_store
    report = compute_usage(store, tz=UTC, now=utc(22, 12), conversations=False)
    assert report.by_conversation == ()
    assert report.total_since(dt.date(2026, 11, 22)).tokens.requests == 1
    assert report.total_since(dt.date(2026, 11, 21)).tokens.requests == 5
    assert len(report.days()) == 3


def test_an_empty_ledger_gives_an_empty_report_for_today(store):
    report = compute_usage(store, tz=UTC, now=utc(22, 12))
    assert report.since == report.until == dt.date(2026, 11, 22)
    assert report.total.tokens.requests == 0 and report.by_day == ()


def test_a_reply_made_after_the_days_were_summed_is_added_exactly_once(fixture_store):
    """Past days are cached per time zone; what arrives later is folded in, once."""
    store, ids = fixture_store
    before = compute_usage(store, tz=UTC, now=utc(25, 12)).total.tokens
    compute_usage(store, tz=SHANGHAI, now=utc(25, 12))  # another zone's sums, apart
    add_reply(store, ids["numbers"], utc(21, 23), MessageStatus.COMPLETE, Usage(7, 3))
    for _ in range(2):
        after = compute_usage(store, tz=UTC, now=utc(25, 12))
        assert after.total.tokens.requests == before.requests + 1
        assert after.total.tokens.input == before.input + 7
        assert _days(after)["2026-11-21"] == (5, 1307, 603)
    shanghai = compute_usage(store, tz=SHANGHAI, now=utc(25, 12))
    assert _days(shanghai)["2026-11-22"] == (2, 12, 4)  # 07:00 on the 22nd there


def test_one_conversation_s_total_for_the_window(fixture_store):
    store, ids = fixture_store
    numbers = conversation_usage(store, ids["numbers"], pro_prices())
    assert (numbers.tokens.requests, numbers.tokens.input, numbers.tokens.output) == (5, 600, 160)
    assert numbers.cost.amount("CNY") == pytest.approx(HAND["pro_cost"])
    assert conversation_usage(store, 999).tokens.requests == 0


def test_the_view_s_overview_is_the_same_computation_as_the_report(fixture_store):
    store, _ = fixture_store
    prices = pro_prices()
    since, until = dt.date(2026, 11, 21), dt.date(2026, 11, 22)
    overall, chosen = compute_overview(store, since, until, tz=UTC, prices=prices, now=utc(25, 12))
    assert chosen == compute_usage(store, since, until, tz=UTC, prices=prices)
    alone = compute_usage(store, tz=UTC, prices=prices, now=utc(25, 12), conversations=False)
    assert (overall.total, overall.by_day, overall.since) == (
        alone.total,
        alone.by_day,
        alone.since,
    )
