"""The sentences that name something (a delisted model and its replacement with the date, a
Retry-After wait, a model missing from a region) read in English on the command line, and keep
their template and values so the window can say them in its own language."""

from __future__ import annotations

import datetime as dt

from app.core.catalog import DELISTING_DATE
from app.core.errors import ErrorKind, make_failure
from app.core.failure_sentences import (
    DELISTED,
    MODEL_MISSING,
    REGION_MODEL_MISSING,
    REGION_NO_ACCESS,
    RETRY_AFTER,
    Term,
    english,
)
from app.core.model_regions import region_failure


def test_a_delisted_model_names_the_day_and_its_replacements_in_english():
    failure = make_failure(kind=ErrorKind.MODEL_NOT_FOUND, model="deepseek-v3")
    day = f"{DELISTING_DATE:%B} {DELISTING_DATE.day}, {DELISTING_DATE.year}"
    assert failure.hint == (
        f"deepseek-v3 was delisted by Model Studio on {day}. "
        "Switch to qwen3.7-plus (or qwen3.7-max, qwen3.6-flash)."
    )
    assert failure.template == DELISTED and dict(failure.values)["date"] == DELISTING_DATE
    assert failure.replacement == "qwen3.7-plus"
    assert failure.message == failure.hint  # no words from the service: nothing else to show


def test_an_unknown_model_is_named():
    failure = make_failure(kind=ErrorKind.MODEL_NOT_FOUND, model="no-such-model")
    assert failure.template == MODEL_MISSING
    assert failure.hint == (
        "The model no-such-model was not found in this region. Choose another model."
    )
    assert failure.replacement is None


def test_a_retry_after_wait_is_a_number_the_window_can_write_its_own_way():
    failure = make_failure(kind=ErrorKind.RATE_LIMITED, retry_after=2.5)
    assert failure.hint == "Too many requests right now. Wait 2.5 s, then retry."
    assert failure.template == RETRY_AFTER and dict(failure.values) == {"seconds": 2.5}
    assert make_failure(kind=ErrorKind.RATE_LIMITED, retry_after=7).hint.endswith(
        "Wait 7 s, then retry."
    )


def test_a_region_failure_names_the_region_by_its_catalogue_name():
    missing = region_failure(
        make_failure(kind=ErrorKind.MODEL_NOT_FOUND), "qwen-special", "ap-southeast-1"
    )
    assert missing.template == REGION_MODEL_MISSING
    assert missing.hint.startswith("The model qwen-special was not found in Singapore.")
    assert dict(missing.values)["region"] == Term("Setting", "Singapore")
    refused = region_failure(make_failure(kind=ErrorKind.NO_ACCESS), "qwen-special", "mars-1")
    assert refused.template == REGION_NO_ACCESS
    assert refused.hint.startswith("No access to qwen-special in mars-1:")  # unknown: its ID


def test_a_translation_that_lost_a_placeholder_shows_the_english():
    failure = make_failure(kind=ErrorKind.RATE_LIMITED, retry_after=7)
    assert failure.sentence(lambda _: "请等待后重试。") == "请等待后重试。"
    assert failure.sentence(lambda _: "请等待 {secs} 秒。") == failure.hint


def test_values_in_english():
    assert english(dt.date(2026, 3, 5)) == "March 5, 2026"
    assert english(3600.0) == "3600"
    assert english(Term("Setting", "US (Virginia)")) == "US (Virginia)"
