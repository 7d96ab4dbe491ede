"""Screenshots of hostile titles and answers, for a human (not part of the suite: it draws).

Run: ``QT_QPA_PLATFORM=offscreen python3 -m pytest tests/ui/window/shots_hostile.py`` (and
with ``QT_SCALE_FACTOR=2``). PNGs go to ``$SEEKDESK_ARTIFACTS`` or ``/tmp/seekdesk-artifacts``:
the window at its minimum width with a zalgo title, a right-to-left title, a bidi override and
a 300-character title in the sidebar, and an answer of odd Unicode.
"""

from __future__ import annotations

import os

from app.core.history import HistoryStore, MessageStatus
from tests.ui import windowkit
from tests.ui.screenshots import artifacts_dir

TITLES = [
    "Z" + "\u0301" * 400 + "algo title",
    "שלום עולם مرحبا بالعالم",
    "\u202eevil title\u202c and after",
    "A very long title " * 17,
]
ANSWER = (
    "Hebrew שלום עולם and Arabic مرحبا بالعالم in one line.\n\n"
    "Z" + "\u0301" * 300 + " zalgo in a paragraph.\n\n"
    "Family 👨\u200d👩\u200d👧\u200d👦 and flags 🇫🇷🇨🇳.\n\n"
    "\u202eoverride inside an answer\u202c then normal.\n\n"
    "a\u0000b NUL and line\u2028separator.\n"
)


def test_shots(qtbot, qasync_loop, run_async, fake):
    with HistoryStore.open() as store:
        for title in TITLES:
            conv = store.create_conversation(title, "deepseek-v4-pro", "cn-beijing", "openai")
            store.add_user_message(conv.id, title)
            reply = store.start_assistant_message(conv.id, model="deepseek-v4-pro")
            store.finish_message(reply.id, MessageStatus.COMPLETE, text=ANSWER, thinking="")
    gen = windowkit.open_window(qtbot, run_async)
    window = next(gen)
    try:
        window.resize(1, 1)
        task = window.open_conversation(conv.id)
        qtbot.waitUntil(task.done, timeout=windowkit.WAIT_MS)
        task = window.open_conversation(1)
        qtbot.waitUntil(task.done, timeout=windowkit.WAIT_MS)
        scale = os.environ.get("QT_SCALE_FACTOR", "1")
        windowkit.settled_grab(qtbot, window).save(
            str(artifacts_dir() / f"hostile-unicode-{scale}x.png")
        )
        print(repr(window.windowTitle()[:80]), window.width(), window.height())
    finally:
        next(gen, None)
