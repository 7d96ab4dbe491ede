"""Prices the user typed, budgets against them, and the context meter's estimate."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core import paths
from app.core.usage.budgets import (
    BudgetError,
    Level,
    budget_states,
    load_budgets,
    make_budget,
    over_budget,
    save_budgets,
)
from app.core.usage.context import context_limit, estimate_tokens, next_request
from app.core.usage.prices import PriceError, PriceTable, make_price
from tests.core.usage.conftest import HAND, pro_prices, utc

UTC = dt.UTC


def test_prices_survive_a_save_and_a_csv_round_trip():
    table = PriceTable(
        [
            make_price("deepseek-v4-pro", "", "cny", "2", "8", "0.5", "2026-11-01"),
            make_price("deepseek-v4-flash", "ap-southeast-1", "USD", 0.1, 0.4, None, "2026-10-02"),
        ]
    )
    path = table.save()
    assert path == paths.config_dir() / "prices.json"
    assert PriceTable.load() == table
    text = table.to_csv()
    assert text.splitlines()[0] == (
        "model,region,currency,input_per_million,output_per_million,cached_input_per_million,as_of"
    )
    assert PriceTable.from_csv(text) == table
    pro = table.find("deepseek-v4-pro", "cn-beijing")  # region "*" applies everywhere
    assert pro is not None and pro.currency == "CNY" and pro.region == "*"
    assert table.find("deepseek-v4-flash", "cn-beijing") is None


def test_a_bad_csv_line_is_named_and_nothing_is_taken():
    text = (
        "model,region,currency,input_per_million,output_per_million,as_of\n"
        "deepseek-v4-pro,*,CNY,2,8,2026-11-01\n"
        "deepseek-v4-flash,*,CNY,cheap,8,2026-11-01\n"
    )
    with pytest.raises(PriceError, match=r"Line 3: .*not a number"):
        PriceTable.from_csv(text)
    with pytest.raises(PriceError, match="lacks the column"):
        PriceTable.from_csv("model,price\nx,1\n")
    with pytest.raises(PriceError, match="not a date"):
        make_price("m", "*", "CNY", 1, 1, None, "yesterday")
    with pytest.raises(PriceError, match="zero or more"):
        make_price("m", "*", "CNY", -1, 1, None, "2026-11-01")


def test_cached_tokens_without_a_cached_price_make_the_cost_unknown():
    no_cached = make_price("m", "*", "CNY", 2, 8, None, "2026-11-01")
    assert no_cached.cost(1_000_000, 0, 0) == 2.0
    assert no_cached.cost(1_000_000, 0, 10) is None
    assert make_price("m", "*", "CNY", 2, 8, 0.5, "2026-11-01").cost(
        1_000_000, 1_000_000, 500_000
    ) == (pytest.approx(1.0 + 0.25 + 8.0))


def test_budgets_warn_at_80_percent_and_are_over_at_100(fixture_store):
    store, _ = fixture_store
    day_tokens = 1300 + 600  # 21 November, UTC
    budgets = [
        make_budget("day", "tokens", day_tokens / 0.85),
        make_budget("month", "tokens", HAND["input"] + HAND["output"]),
        make_budget("month", "cost", HAND["pro_cost"] * 10, "cny"),
    ]
    save_budgets(budgets)
    assert load_budgets() == budgets
    states = budget_states(store, budgets, pro_prices(), tz=UTC, now=utc(21, 23))
    assert [s.level for s in states] == [Level.NOTICE, Level.NOTICE, Level.OK]  # 85 %, 99.7 %
    later = budget_states(store, budgets, pro_prices(), tz=UTC, now=utc(22, 23))
    assert [s.level for s in later] == [Level.OK, Level.OVER, Level.OK]
    assert over_budget(later) == [later[1]]
    money = later[2]
    assert money.used == pytest.approx(HAND["pro_cost"]) and money.partial  # flash unpriced
    assert budget_states(store, [], tz=UTC) == []


def test_a_budget_that_makes_no_sense_is_refused():
    with pytest.raises(BudgetError, match="more than zero"):
        make_budget("day", "tokens", 0)
    with pytest.raises(BudgetError, match="currency"):
        make_budget("month", "cost", 10)
    with pytest.raises(BudgetError, match="Unknown"):
        make_budget("week", "tokens", 10)


def test_the_context_estimate_adds_new_text_to_what_the_service_reported():
    assert estimate_tokens("") == 0
    assert estimate_tokens("a" * 10) == 3
    assert estimate_tokens("数据库" * 10) == 18
    exact = next_request("deepseek-v4-pro", last_input=1000, last_answer=200, new_text="")
    assert (exact.tokens, exact.estimated) == (1200, False)
    typed = next_request("deepseek-v4-pro", last_input=1000, last_answer=200, new_text="a" * 10)
    assert (typed.tokens, typed.estimated) == (1203, True)
    first = next_request("deepseek-v4-pro", last_input=None, last_answer=None, new_text="")
    assert first.estimated and first.tokens == 0


def test_no_limit_is_invented_where_the_seed_gives_none():
    assert context_limit("deepseek-v4-pro") is None
    meter = next_request("deepseek-v4-pro", last_input=10**9, last_answer=0, new_text="")
    assert meter.limit is None and meter.fraction is None and not meter.warn
