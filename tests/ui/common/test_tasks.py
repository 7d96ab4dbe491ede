"""TaskOwner: work the user moved on from is cancelled, nothing is lost to the collector, and a
crash in the background is reported instead of vanishing."""

from __future__ import annotations

import asyncio
import logging

from app.ui.common.tasks import TaskOwner


async def forever(log: list[str], label: str) -> None:
    try:
        await asyncio.Event().wait()
    except asyncio.CancelledError:
        log.append(f"{label} cancelled")
        raise


def test_starting_a_name_again_cancels_the_stale_task_and_keeps_the_new_one() -> None:
    """Open conversation A, then B before A has loaded: A's loading is cancelled, not ignored."""

    async def story() -> list[str]:
        log: list[str] = []
        owner = TaskOwner()
        first = owner.start("open-conversation", forever(log, "A"))
        await asyncio.sleep(0)
        second = owner.start("open-conversation", forever(log, "B"))
        await asyncio.sleep(0)
        assert first.cancelled() and not second.done()
        assert owner.task("open-conversation") is second
        assert second.get_name() == "seekdesk-open-conversation"
        owner.cancel_all()
        await asyncio.sleep(0)
        return log

    assert asyncio.run(story()) == ["A cancelled", "B cancelled"]


def test_different_names_run_side_by_side_and_cancel_one_by_one() -> None:
    async def story() -> tuple[list[str], list[str]]:
        log: list[str] = []
        owner = TaskOwner()
        owner.start("search", forever(log, "search"))
        owner.start("turn", forever(log, "turn"))
        await asyncio.sleep(0)
        both = owner.names()
        assert owner.cancel("turn") and not owner.cancel("turn-that-never-ran")
        await asyncio.sleep(0)
        assert not owner.running("turn") and owner.running("search")
        owner.cancel_all()
        await asyncio.sleep(0)
        return both, log

    names, log = asyncio.run(story())
    assert names == ["search", "turn"]
    assert log == ["turn cancelled", "search cancelled"]


def test_a_task_nobody_keeps_still_finishes() -> None:
    """The owner holds the only reference: the task runs to its end."""

    async def story() -> list[str]:
        done: list[str] = []

        async def work() -> None:
            for _ in range(3):
                await asyncio.sleep(0)
            done.append("written")

        owner = TaskOwner()
        owner.start("save-settings", work())  # the returned task is dropped on purpose
        await owner.join(timeout=5)
        assert owner.pending() == []
        return done

    assert asyncio.run(story()) == ["written"]


def test_a_crash_is_logged_and_reported_but_a_cancel_is_not(caplog) -> None:
    async def story() -> list[tuple[str, str]]:
        reported: list[tuple[str, str]] = []
        owner = TaskOwner(on_error=lambda name, exc: reported.append((name, str(exc))))

        async def broken() -> None:
            raise OSError("disk full")

        owner.start("export", broken())
        owner.start("search", forever([], "search"))
        await asyncio.sleep(0)
        owner.cancel("search")
        await owner.join(timeout=5)
        return reported

    with caplog.at_level(logging.ERROR, logger="app.ui.common.tasks"):
        reported = asyncio.run(story())
    assert reported == [("export", "disk full")]
    assert "seekdesk-export failed" in caplog.text
    assert "disk full" in caplog.text  # the traceback is in the log


def test_joining_at_shutdown_waits_also_for_what_the_last_tasks_started() -> None:
    """A stopped stream sets off a refresh while the window waits to close: the refresh is
    waited for too, so it never reads a history that has closed meanwhile."""

    async def story() -> list[str]:
        log: list[str] = []
        owner = TaskOwner()

        async def refresh() -> None:
            await asyncio.sleep(0.01)
            log.append("refreshed")

        async def turn() -> None:
            await asyncio.sleep(0.01)
            log.append("stopped")
            owner.start("usage-refresh", refresh())

        owner.start("turn", turn())
        await owner.join(timeout=5)
        log.append("history closed")
        return log

    assert asyncio.run(story()) == ["stopped", "refreshed", "history closed"]


def test_a_closed_owner_runs_nothing_it_is_asked_to_start() -> None:
    """After the window shut down, a late signal's refresh is refused: it never runs."""

    async def story() -> tuple[list[str], asyncio.Task[None], int]:
        log: list[str] = []
        owner = TaskOwner()
        owner.close()

        async def read() -> None:
            log.append("read a closed history")

        task = owner.start("branch-positions", read())
        await asyncio.sleep(0)
        return log, task, owner.refused

    log, task, refused = asyncio.run(story())
    assert log == [] and task.cancelled() and refused == 1
