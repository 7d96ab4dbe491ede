"""The sidebar's marks are drawn, not typed: a streaming conversation shows a small dot in the
theme's accent left of its title, a reply that failed while I looked elsewhere a red one (its
sentence in the tooltip) until I open it; the title itself stays as it is for search, rename
and the quick switcher, and a screen reader hears the mark in words."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from app.core.history import Conversation, MessageStatus
from app.ui.app import dark_palette, light_palette
from app.ui.common.theme import theme_for
from app.ui.window.sidebar import ID_ROLE, Sidebar
from app.ui.window.sidebar_rows import GUTTER, RowMark
from tests import fakeserver as fs
from tests.ui.window.test_drafts import open_and_wait
from tests.ui.window.test_parallel_streams import start_streaming
from tests.ui.windowkit import WAIT_MS, last_reply, type_and_enter


def conversation(cid: int, title: str) -> Conversation:
    now = time.time()
    return Conversation(cid, title, "deepseek-v4-pro", "cn-beijing", "openai", now, now)


def row(sidebar: Sidebar, cid: int):
    for i in range(sidebar.list.count()):
        item = sidebar.list.item(i)
        if item.data(ID_ROLE) == cid:
            return item
    raise KeyError(cid)


def gutter_has(image: QImage, sidebar: Sidebar, cid: int, colour: str) -> bool:
    """A pixel near ``colour`` in the gutter left of the row's title (at any scale)."""
    rect = sidebar.list.visualItemRect(row(sidebar, cid))
    ratio = image.devicePixelRatio()
    want = QColor(colour)
    for y in range(int(rect.top() * ratio), int(rect.bottom() * ratio)):
        for x in range(0, int((rect.left() + GUTTER + 8) * ratio)):
            got = image.pixelColor(x, y)
            if max(abs(got.red() - want.red()), abs(got.green() - want.green()),
                   abs(got.blue() - want.blue())) <= 24:  # fmt: skip
                return True
    return False


@pytest.fixture(params=["light", "dark"])
def palette(request, qapp):
    before = qapp.palette()
    qapp.setPalette(light_palette() if request.param == "light" else dark_palette())
    yield qapp.palette()
    qapp.setPalette(before)


def test_marks_are_dots_beside_titles_that_stay_as_they_are(qtbot, palette):
    sidebar = Sidebar()
    qtbot.addWidget(sidebar)
    sidebar.resize(280, 300)
    sidebar.show()
    calm, busy, broken = 1, 2, 3
    sidebar.set_conversations(
        [conversation(calm, "Calm"), conversation(busy, "Busy"), conversation(broken, "Broken")]
    )
    sidebar.set_streaming({busy})
    sidebar.set_failed({broken: "The service had an internal error."})

    assert [sidebar.item_text(c) for c in (calm, busy, broken)] == ["Calm", "Busy", "Broken"]
    assert [sidebar.mark(c) for c in (calm, busy, broken)] == [
        RowMark.NONE, RowMark.STREAMING, RowMark.FAILED,
    ]  # fmt: skip
    assert row(sidebar, busy).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Busy (a reply is streaming)"
    )
    assert "Reply failed: The service had an internal error." in row(sidebar, broken).toolTip()
    assert "the reply failed" in row(sidebar, broken).data(Qt.ItemDataRole.AccessibleTextRole)
    assert row(sidebar, calm).data(Qt.ItemDataRole.AccessibleTextRole) is None

    theme = theme_for(sidebar.palette())
    image = sidebar.list.viewport().grab().toImage()
    assert gutter_has(image, sidebar, busy, theme.accent)
    assert gutter_has(image, sidebar, broken, theme.error)
    assert not gutter_has(image, sidebar, calm, theme.accent)
    assert not gutter_has(image, sidebar, calm, theme.error)

    sidebar.set_current(busy)  # selected: the dot is drawn on the accent, in its text colour
    image = sidebar.list.viewport().grab().toImage()
    on_accent = sidebar.palette().color(sidebar.palette().ColorRole.HighlightedText).name()
    assert gutter_has(image, sidebar, busy, on_accent)


def test_a_reply_that_fails_off_screen_marks_its_row_until_opened(qtbot, window, fake):
    fake.enqueue(fs.stall("The first words of an answer that will break ", 2.0))
    failing = start_streaming(qtbot, window, "This one will break")
    window.new_chat()  # look elsewhere while it breaks
    qtbot.waitUntil(lambda: window.sidebar.mark(failing) is RowMark.FAILED, timeout=WAIT_MS)
    tip = row(window.sidebar, failing).toolTip()
    assert "Reply failed: " in tip
    assert window.sidebar.item_text(failing) == "This one will break"

    open_and_wait(qtbot, window, failing)
    assert window.sidebar.mark(failing) is RowMark.NONE  # seen: the panel says it now
    reply = last_reply(window)
    assert reply.status is MessageStatus.FAILED and not reply.failure_panel.isHidden()


def test_a_failure_on_screen_needs_no_mark(qtbot, window, fake):
    fake.enqueue(fs.midstream_error("InternalError", "Broke.", status=500, after_answer="Hal"))
    type_and_enter(qtbot, window, "Break in front of me")
    qtbot.waitUntil(
        lambda: (
            window.current_id is not None and last_reply(window).status is MessageStatus.FAILED
        ),
        timeout=WAIT_MS,
    )
    assert window.sidebar.mark(window.current_id) is RowMark.NONE  # its panel is on screen
