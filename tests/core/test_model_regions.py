"""Models that fit the region: one table of restrictions (the seed's ``-us`` deployments), a
grouped picker, and a "not found"/"no access" sentence that names the region and the model."""

from __future__ import annotations

import asyncio
import datetime as dt

from app.core import model_regions
from app.core.errors import Action, ErrorKind, make_failure
from app.core.history import HistoryStore
from app.core.regions import resolve_endpoint
from app.core.session import ChatSession, SessionConfig
from tests.fakeserver import error

BEFORE_DELISTING = dt.date(2026, 7, 1)


def names(region: str, today: dt.date | None = None) -> list[tuple[str, list[str]]]:
    return [(g.label, [m.name for m in g.models]) for g in model_regions.picker(region, today)]


def test_the_us_models_are_offered_in_virginia_only_and_first_there():
    beijing = dict(names("cn-beijing"))
    assert "deepseek-v4-pro-us" not in beijing["DeepSeek"]
    virginia = dict(names("us-east-1"))
    assert virginia["DeepSeek"][:2] == ["deepseek-v4-pro-us", "deepseek-v4-flash-us"]
    assert "deepseek-v4-pro" in virginia["DeepSeek"]  # the seed says nothing against it


def test_the_picker_is_grouped_and_hides_delisted_models():
    groups = names("ap-southeast-1")
    assert [label for label, _ in groups] == ["DeepSeek", "Qwen"]
    assert "deepseek-r1" not in groups[0][1]
    before = dict(names("ap-southeast-1", BEFORE_DELISTING))
    assert "deepseek-r1" in before["DeepSeek"]  # listed until the day it goes


def test_restrictions_are_one_table_of_data():
    assert set(model_regions.REGION_ONLY) == {"deepseek-v4-pro-us", "deepseek-v4-flash-us"}
    assert model_regions.only_in("deepseek-v4-pro-us") == ("us-east-1",)
    assert model_regions.offered_in("qwen3.7-max", "eu-central-1")


def test_not_found_and_no_access_name_the_region_and_the_model_and_offer_the_picker():
    missing = model_regions.region_failure(
        make_failure(status=404, code="model_not_found", model="qwen3.7-max"),
        "qwen3.7-max",
        "eu-central-1",
    )
    assert "qwen3.7-max" in missing.hint and "Germany (Frankfurt)" in missing.hint
    assert Action.SWITCH_MODEL in missing.actions
    denied = model_regions.region_failure(
        make_failure(status=403, code="Model.AccessDenied"), "deepseek-v4-pro", "ap-northeast-1"
    )
    assert denied.kind is ErrorKind.NO_ACCESS
    assert "deepseek-v4-pro" in denied.hint and "Japan (Tokyo)" in denied.hint
    delisted = make_failure(status=404, code="ModelNotFound", model="deepseek-r1")
    assert model_regions.region_failure(delisted, "deepseek-r1", "cn-beijing") == delisted


def test_a_reply_refused_as_not_found_is_stored_with_that_sentence(isolated_dirs, fake_server):
    fake_server.enqueue(error(404, "model_not_found", "Model not exist."))
    endpoint = resolve_endpoint("cn-beijing", "openai", base_url=fake_server.base_url)
    config = SessionConfig(endpoint=endpoint, api_key="sk-test-regions", model="qwen3.6-flash")
    with HistoryStore.open() as store:
        session = ChatSession(store, config)

        async def run():
            return [event async for event in session.send("hi")]

        events = asyncio.run(run())
        failure = next(e for e in events if getattr(e, "kind", None) is ErrorKind.MODEL_NOT_FOUND)
        assert "China (Beijing)" in failure.hint and "qwen3.6-flash" in failure.hint
