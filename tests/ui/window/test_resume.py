"""Start where you left off: the last conversation reopens at the message that was at the top,
and a saved size and place come back only as far as they fit the screen of now (a window saved
on a big screen, or before the display went 2x, is never off screen)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QGuiApplication

from app.core.settings import Settings, load_settings, save_settings
from app.ui.window.main_window import MainWindow
from app.ui.window.resume import fit_rect, fit_splitter
from tests.ui.window.test_jump import seed_long
from tests.ui.windowkit import WAIT_MS


def open_plain(qtbot, run_async) -> MainWindow:
    """A window as ``app.run`` opens it: no size imposed by the test."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.start()
    qtbot.waitUntil(window.is_ready, timeout=WAIT_MS)
    return window


def close(window: MainWindow, run_async) -> None:
    window.close()
    run_async(window.shutdown())


def test_a_rect_from_a_bigger_or_unscaled_screen_is_fitted_inside():
    screen_at_2x = QRect(0, 0, 1280, 720)  # a 2560x1440 display at 200 %
    saved_at_1x = QRect(1200, 300, 1600, 1000)
    fitted = fit_rect(saved_at_1x, screen_at_2x)
    assert screen_at_2x.contains(fitted)
    assert fitted.size().width() == 1280 and fitted.size().height() == 720
    assert fit_rect(QRect(-5000, -5000, 400, 300), screen_at_2x).topLeft() == QPoint(0, 0)
    assert fit_rect(QRect(100, 100, 400, 300), screen_at_2x) == QRect(100, 100, 400, 300)
    assert fit_splitter([2000, 100], 900) == [450, 450]
    assert fit_splitter([260, 840], 1100) == [260, 840]


def test_a_window_saved_off_screen_and_too_big_comes_back_on_screen(qtbot, run_async, fake):
    window = open_plain(qtbot, run_async)
    window.resize(4000, 3000)
    window.move(9000, 7000)
    window.splitter.setSizes([3000, 1000])
    close(window, run_async)
    assert load_settings().settings.ui["geometry"]

    again = open_plain(qtbot, run_async)
    area = QGuiApplication.primaryScreen().availableGeometry()
    qtbot.waitUntil(lambda: area.contains(again.frameGeometry()), timeout=WAIT_MS)
    side, conversation = again.splitter.sizes()
    assert conversation >= 300 and side <= again.width() // 2
    close(again, run_async)


def test_the_last_conversation_reopens_where_it_was_read(qtbot, run_async, fake):
    cid, target = seed_long(pairs=150, marked=40)
    window = open_plain(qtbot, run_async)
    run_async(window.jump.open_at(cid, target), timeout=WAIT_MS / 1000)
    qtbot.wait(50)
    top = window.resume.top_message()
    assert top is not None and abs(top - target) <= 2
    close(window, run_async)

    again = open_plain(qtbot, run_async)
    qtbot.waitUntil(lambda: again.current_id == cid, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: again.chat_view.row(top) is not None, timeout=WAIT_MS)
    row = again.chat_view.row(top)
    assert 0 <= row.mapTo(again.chat_view.viewport(), QPoint(0, 0)).y() < 200
    close(again, run_async)


def test_a_chat_read_to_the_end_reopens_at_the_end(qtbot, run_async, fake):
    cid, _ = seed_long(pairs=30, marked=3)
    save_settings(Settings(ui={"last_conversation": cid, "last_message": None}))
    window = open_plain(qtbot, run_async)
    qtbot.waitUntil(lambda: window.current_id == cid, timeout=WAIT_MS)
    assert window.chat_view.rows()[-1].message_id == max(
        r.message_id for r in window.chat_view.rows()
    )
    assert window.chat_view.is_following_tail()
    close(window, run_async)
