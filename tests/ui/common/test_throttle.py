"""A burst of repaint requests costs one repaint now and at most one more later."""

from __future__ import annotations

import pytest

from app.ui.common.throttle import Throttle


@pytest.fixture
def calls():
    return []


def test_the_first_call_runs_at_once(qtbot, calls):
    throttle = Throttle(lambda: calls.append("run"), interval_ms=1000)
    throttle()
    assert calls == ["run"]
    assert not throttle.is_pending()


def test_a_burst_within_the_interval_collapses_into_one_later_call(qtbot, calls):
    throttle = Throttle(lambda: calls.append("run"), interval_ms=300)
    for _ in range(100):
        throttle()  # no event loop in between: none of these can run yet
    assert calls == ["run"]
    assert throttle.is_pending()
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=10_000)
    assert not throttle.is_pending()
    assert throttle.runs == 2


def test_flush_runs_the_pending_call_now(qtbot, calls):
    throttle = Throttle(lambda: calls.append("run"), interval_ms=60_000)
    throttle()
    throttle()
    assert calls == ["run"]
    throttle.flush()
    assert calls == ["run", "run"]
    throttle.flush()  # nothing pending: nothing runs
    assert calls == ["run", "run"]


def test_cancel_drops_the_pending_call(qtbot, calls):
    throttle = Throttle(lambda: calls.append("run"), interval_ms=20)
    throttle()
    throttle()
    throttle.cancel()
    assert not throttle.is_pending()
    assert calls == ["run"]
    # A later call after the interval runs at once again; the cancelled one never ran.
    qtbot.waitUntil(lambda: (throttle(), len(calls) == 2)[1], timeout=10_000)
    assert throttle.runs == 2


def test_the_default_pace_is_at_most_sixty_per_second(qtbot):
    assert 1000 / Throttle(lambda: None).interval_ms <= 60


def test_a_negative_interval_is_refused(qtbot):
    with pytest.raises(ValueError):
        Throttle(lambda: None, interval_ms=-1)
