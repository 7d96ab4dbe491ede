"""A conversation whose title carries a right-to-left override (U+202E), as a prompt pasted from
a hostile page or an imported file may: the title is shown in its own span everywhere, so it
cannot turn " — SeekDesk" into "kseDkeeS — " or flip a sidebar row, and it is stored untouched.
"""

from __future__ import annotations

from app.core.titles import FSI, PDF, PDI, RLO
from tests.ui.window.test_search_results import search, seed
from tests.ui.windowkit import WAIT_MS

EVIL = f"{RLO}txt.exe holiday photos"
FENCED = f"{FSI}{RLO}txt.exe holiday photos{PDF}{PDI}"


def open_evil(qtbot, window) -> int:
    (cid,) = seed([(EVIL, [("holiday plans", "Pack light.")])])
    window.conversations.refresh()
    qtbot.waitUntil(lambda: cid in window.sidebar.conversation_ids(), timeout=WAIT_MS)
    window.open_conversation(cid)
    qtbot.waitUntil(lambda: window.current_id == cid, timeout=WAIT_MS)
    return cid


def test_an_override_in_a_title_stays_inside_the_window_title_and_the_sidebar_row(
    qtbot, window
):
    cid = open_evil(qtbot, window)
    qtbot.waitUntil(lambda: window.windowTitle().startswith(FSI), timeout=WAIT_MS)
    assert window.windowTitle() == f"{FENCED} — SeekDesk"  # the override closed before the name
    assert window.sidebar.item_text(cid) == FENCED
    assert window.store.get_conversation(cid).title == EVIL  # stored as it came


def test_the_quick_switcher_and_the_search_results_fence_it_in_too(qtbot, window):
    cid = open_evil(qtbot, window)
    switcher = window.keys.switcher
    switcher.start()
    qtbot.waitUntil(lambda: switcher.list.count() > 0, timeout=WAIT_MS)
    assert switcher.list.item(0).text() == FENCED
    switcher.field.setText("holiday")  # still found by what it says
    assert switcher.list.count() == 1 and switcher.list.item(0).text() == FENCED
    switcher.close()

    search(qtbot, window, "holiday", 1)
    shown = window.sidebar.item_text(cid)
    assert FENCED in shown and f"{EVIL}<" not in shown
