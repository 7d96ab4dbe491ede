"""Usage in the window: a reply's cached tokens and cost, the conversation's total, View → Usage,
the context meter, and a spent budget asked about before sending."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.core.settings import Settings
from app.core.usage.budgets import make_budget, save_budgets
from app.core.usage.prices import PriceTable, make_price
from tests.fakeserver import thinking_answer
from tests.ui.windowkit import WAIT_MS, type_and_enter, wait_reply_done


def _send(qtbot, window, fake, text: str, cached: int | None = 6):
    fake.enqueue(
        thinking_answer("Compare 0.90 with 0.11.", "9.9 is greater.", cached_tokens=cached)
    )
    type_and_enter(qtbot, window, text)
    return wait_reply_done(qtbot, window)


def _usage_refreshed(qtbot, window, check) -> None:
    qtbot.waitUntil(
        lambda: window.usage.snapshot is not None and check(window.usage), timeout=WAIT_MS
    )


def test_a_reply_shows_cached_tokens_and_cost_and_the_conversation_its_total(
    qtbot, qasync_loop, run_async, fake
):
    model = Settings().model  # what the window sends with
    PriceTable([make_price(model, "*", "CNY", 2, 8, 0.5, "2026-11-01")]).save()
    from tests.ui import windowkit

    gen = windowkit.open_window(qtbot, run_async)
    window = next(gen)
    try:
        reply = _send(qtbot, window, fake, "Which is greater?")
        stored = window.store.messages(window.current_id)[-1]
        usage = stored.usage
        assert usage.cached_tokens == 6
        _usage_refreshed(qtbot, window, lambda u: u.total_label.text() != "")
        footer = reply.footer.text()
        assert "6 cached" in footer
        assert stored.model == model
        fresh = usage.input_tokens - 6
        cost = (fresh * 2 + 6 * 0.5 + usage.output_tokens * 8) / 1_000_000
        assert f"Cost CNY {cost:.4f}" in footer
        total = usage.input_tokens + usage.output_tokens
        assert window.usage.total_label.text().startswith(f"This conversation: {total:,} tokens")
        window.composer.edit.insertPlainText("a" * 100)
        qtbot.waitUntil(lambda: "estimate" in window.usage.meter_label.text(), timeout=WAIT_MS)
        answer = usage.output_tokens - (usage.reasoning_tokens or 0)
        expected = usage.input_tokens + answer + 30
        assert window.usage.meter_label.text() == f"Context: ≈ {expected:,} tokens (estimate)"
    finally:
        next(gen, None)


def test_view_usage_opens_the_view_and_a_double_click_opens_the_conversation(window, qtbot, fake):
    _send(qtbot, window, fake, "First conversation")
    first = window.current_id
    window.new_chat()
    _send(qtbot, window, fake, "Second conversation")
    assert window.current_id != first
    assert (
        window.usage.action in window.menus.view_menu.actions()
        if hasattr(window, "menus")
        else True
    )
    window.usage.action.trigger()
    view = window.usage.view
    qtbot.waitUntil(
        lambda: view.figures is not None and view.figures.chosen.total.tokens.requests == 2,
        timeout=WAIT_MS,
    )
    proxy = view.conversation_view.model()
    row = next(
        r for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == "First conversation"
    )
    view.conversation_view.doubleClicked.emit(proxy.index(row, 0))
    qtbot.waitUntil(lambda: window.current_id == first, timeout=WAIT_MS)
    _send(qtbot, window, fake, "A third reply, while the view is open")
    qtbot.waitUntil(lambda: view.figures.chosen.total.tokens.requests == 3, timeout=WAIT_MS)


def test_a_spent_budget_asks_before_sending_and_cancel_sends_nothing(window, qtbot, fake):
    _send(qtbot, window, fake, "Use some tokens")
    save_budgets([make_budget("day", "tokens", 10)])
    window.usage.refresh()
    _usage_refreshed(qtbot, window, lambda u: "of today's budget" in u.budget_label.text())
    assert "% of today's budget" in window.usage.budget_label.text()
    sent = len(fake.requests)
    asked = []

    def answer(button: str) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox), box
        asked.append(box.text())
        if button == "cancel":
            box.button(QMessageBox.StandardButton.Cancel).click()
        else:
            next(b for b in box.buttons() if b.text() == "Send anyway").click()

    QTimer.singleShot(0, lambda: answer("cancel"))
    type_and_enter(qtbot, window, "Over budget?")
    assert asked and "today's budget" in asked[0]
    assert len(fake.requests) == sent  # nothing went out
    assert window.composer.edit.toPlainText() == "Over budget?"  # and nothing was lost
    fake.enqueue(thinking_answer("", "Yes."))
    QTimer.singleShot(0, lambda: answer("send"))
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(fake.requests) == sent + 1, timeout=WAIT_MS)
    wait_reply_done(qtbot, window)


def test_deleting_a_conversation_says_its_usage_stays_and_it_does(window, qtbot, fake, monkeypatch):
    _send(qtbot, window, fake, "Soon gone")
    doomed = window.current_id
    asked = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    window.sidebar.ask_delete(doomed)
    qtbot.waitUntil(lambda: window.store.get_conversation(doomed) is None, timeout=WAIT_MS)
    assert "stay counted in View → Usage" in asked[0]
    window.usage.action.trigger()
    view = window.usage.view
    qtbot.waitUntil(lambda: view.figures is not None, timeout=WAIT_MS)
    [row] = view.figures.chosen.by_conversation
    assert row.deleted and row.label == "Soon gone" and row.tokens.requests == 1


def test_a_reply_is_priced_at_its_conversation_s_region_when_only_regions_have_prices(
    qtbot, qasync_loop, run_async, fake
):
    model = Settings().model
    region = Settings().region  # where the window sends
    PriceTable(
        [
            make_price(model, region, "CNY", 2, 8, 0.5, "2026-11-01"),
            make_price(model, "us-east-1", "USD", 100, 100, 100, "2026-11-01"),
        ]
    ).save()
    from tests.ui import windowkit

    gen = windowkit.open_window(qtbot, run_async)
    window = next(gen)
    try:
        reply = _send(qtbot, window, fake, "Which is greater?")
        usage = window.store.messages(window.current_id)[-1].usage
        fresh = usage.input_tokens - 6
        cost = (fresh * 2 + 6 * 0.5 + usage.output_tokens * 8) / 1_000_000
        assert f"Cost CNY {cost:.4f}" in reply.footer.text()
        assert "USD" not in reply.footer.text()
    finally:
        next(gen, None)
