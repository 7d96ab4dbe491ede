"""Test connection is a request the service sees: it is counted in the ledger, once."""

from __future__ import annotations

import sqlite3

from app.core import paths
from app.ui.settings.connection_test import ConnectionTarget, ConnectionTest
from tests.fakeserver import answer_only, error

KEY = "sk-test-connection-0123456789"


def _rows() -> list[tuple]:
    db = paths.data_dir() / "history.sqlite3"
    if not db.exists():
        return []
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "SELECT kind, status, model, region, api, input_tokens, output_tokens FROM "
            "usage_ledger ORDER BY id"
        ).fetchall()
    except sqlite3.OperationalError:  # no ledger yet
        return []
    finally:
        conn.close()


def _run(qtbot, fake_server, target_model: str = "deepseek-v4-flash") -> object:
    test = ConnectionTest()
    target = ConnectionTarget(
        "cn-beijing", "openai", None, fake_server.base_url, target_model, key=KEY
    )
    with qtbot.waitSignal(test.result_ready, timeout=30_000) as result:
        test.start(target)
    return result.args[0]


def test_a_test_that_got_an_answer_or_an_http_error_is_counted(qtbot, qasync_loop, fake_server):
    fake_server.enqueue(answer_only("Hi!"))
    assert _run(qtbot, fake_server).ok
    qtbot.waitUntil(lambda: len(_rows()) == 1, timeout=30_000)
    kind, status, model, region, api, inp, out = _rows()[0]
    assert (kind, status, model, region, api) == (
        "connection_test",
        "complete",
        "deepseek-v4-flash",
        "cn-beijing",
        "openai",
    )
    assert inp > 0 and out > 0  # the usage the service reported
    fake_server.enqueue(error(401, "invalid_api_key", "Incorrect API key provided."))
    assert not _run(qtbot, fake_server).ok
    qtbot.waitUntil(lambda: len(_rows()) == 2, timeout=30_000)
    assert _rows()[1][:2] == ("connection_test", "failed")


def test_a_test_that_never_reached_the_service_is_not_counted(qtbot, qasync_loop, isolated_dirs):
    test = ConnectionTest()
    target = ConnectionTarget("cn-beijing", "openai", None, "http://127.0.0.1:9", "m", key=KEY)
    with qtbot.waitSignal(test.result_ready, timeout=30_000) as result:
        test.start(target)
    assert not result.args[0].ok
    with qtbot.waitSignal(test.ended, timeout=30_000, raising=False):
        pass
    assert _rows() == []
