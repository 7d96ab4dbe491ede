"""A small history whose usage was worked out by hand (see ``HAND``), for the core, CLI and view.

Times are UTC. The reply at 16:30 on 20 November is on the 21st in Shanghai (UTC+8), so the days
differ between time zones; a 429 that was then retried, a refused connection (never reached the
service), a stopped reply, a Test connection and a conversation deleted afterwards are all in it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from app.core.errors import make_failure
from app.core.events import Usage
from app.core.history import HistoryStore, MessageStatus
from app.core.usage import ledger
from app.core.usage.prices import PriceTable, make_price


def utc(day: int, hour: int, minute: int = 0, month: int = 11) -> float:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=dt.UTC).timestamp()


def add_reply(
    store: HistoryStore,
    conversation_id: int,
    at: float,
    status: MessageStatus,
    usage: Usage | None,
    *,
    model: str = "deepseek-v4-pro",
    failure_status: int | None = None,
    request_id: str | None = None,
) -> int:
    store.add_user_message(conversation_id, "prompt", created_at=at)
    row = store.start_assistant_message(conversation_id, model=model, started_at=at)
    failure = None
    if status is MessageStatus.FAILED:
        failure = make_failure(status=failure_status, message="failed", request_id=request_id)
    store.finish_message(
        row.id,
        status,
        text="answer",
        thinking="",
        usage=usage,
        request_id=request_id,
        finished_at=at + 5,
        failure=failure,
        daily_backup=False,
    )
    return row.id


#: What the fixture holds, summed by hand from the rows in ``build_fixture``.
HAND = {
    "requests": 7,
    "input": 100 + 200 + 300 + 1000 + 5,
    "output": 50 + 10 + 100 + 500 + 1,
    "reasoning": 30 + 60,
    "cached": 20 + 100,
    # (requests, input, output) per local day
    "utc_days": {"2026-11-20": (2, 300, 60), "2026-11-21": (4, 1300, 600), "2026-11-22": (1, 5, 1)},
    "shanghai_days": {
        "2026-11-20": (1, 100, 50),
        "2026-11-21": (5, 1500, 610),
        "2026-11-22": (1, 5, 1),
    },
    # deepseek-v4-pro at CNY 2 / 8 / 0.5 per million: fresh input 480, cached 120, output 160
    "pro_cost": (480 * 2 + 160 * 8 + 120 * 0.5) / 1_000_000,
}


def build_fixture(store: HistoryStore) -> dict[str, int]:
    numbers = store.create_conversation("Numbers", "deepseek-v4-pro", "cn-beijing", "openai")
    gone = store.create_conversation("Gone", "deepseek-v4-flash", "ap-southeast-1", "dashscope")
    complete = MessageStatus.COMPLETE
    add_reply(store, numbers.id, utc(20, 10), complete, Usage(100, 50, 30, 20), request_id="r1")
    add_reply(store, numbers.id, utc(20, 16, 30), MessageStatus.STOPPED, Usage(200, 10, 0, 0))
    add_reply(
        store,
        numbers.id,
        utc(21, 9),
        MessageStatus.FAILED,
        None,
        failure_status=400,
        request_id="r3",
    )
    add_reply(store, numbers.id, utc(21, 9, 5), MessageStatus.FAILED, None)  # never reached
    ledger.record_request(
        store,
        ledger.RequestRecord(
            kind=ledger.RequestKind.RETRY,
            status="retried",
            model="deepseek-v4-pro",
            region="cn-beijing",
            api="openai",
            at=utc(21, 9, 10),
            conversation_id=numbers.id,
        ),
    )
    add_reply(store, numbers.id, utc(21, 9, 10), complete, Usage(300, 100, 60, 100))
    add_reply(store, gone.id, utc(21, 12), complete, Usage(1000, 500), model="deepseek-v4-flash")
    ledger.record_connection_test(
        store,
        ok=True,
        model="deepseek-v4-flash",
        region="cn-beijing",
        api="openai",
        started_at=utc(22, 1),
        usage=Usage(5, 1),
    )
    store.delete_conversation(gone.id)
    return {"numbers": numbers.id, "gone": gone.id}


def pro_prices() -> PriceTable:
    return PriceTable([make_price("deepseek-v4-pro", "*", "CNY", 2, 8, 0.5, "2026-11-01")])


@pytest.fixture
def store(isolated_dirs) -> Iterator[HistoryStore]:
    opened = HistoryStore.open()
    yield opened
    opened.close()


@pytest.fixture
def fixture_store(store) -> tuple[HistoryStore, dict[str, int]]:
    return store, build_fixture(store)
