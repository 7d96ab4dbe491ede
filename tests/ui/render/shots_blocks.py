"""Screenshots of code blocks, tables and long tokens at 700 px, for a human to look at.

Run: ``QT_QPA_PLATFORM=offscreen python3 -m pytest tests/ui/render/shots_blocks.py`` and again
with ``QT_SCALE_FACTOR=2`` (not part of the suite: it only draws). PNGs go to
``$SEEKDESK_ARTIFACTS`` or ``/tmp/seekdesk-artifacts`` as ``blocks-<theme>-<scale>x.png``.
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import QApplication

from app.core.history.records import MessageStatus
from app.ui.app import dark_palette, light_palette
from app.ui.chat.chat_view import ChatView
from tests.ui.chat.test_chat_view import make_message
from tests.ui.render.test_overflow import CODE_LINE, HASH, TABLE, URL
from tests.ui.screenshots import artifacts_dir

ANSWER = (
    f"The endpoint is {URL}, and the build hash is {HASH[:64]}.\n\n"
    f"```python\nimport math\n\n{CODE_LINE}\nprint(math.sqrt(result))  # the square root\n```\n\n"
    f"{TABLE}\n"
    "| Name | Value |\n|---|---|\n| short | table |\n| stays | inline |\n\n"
    "That is all.\n"
)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_shots(qtbot, theme):
    app = QApplication.instance()
    original = app.palette()
    app.setPalette(light_palette() if theme == "light" else dark_palette())
    try:
        view = ChatView()
        qtbot.addWidget(view)
        view.resize(700, 760)
        view.set_messages(
            [
                make_message(1, "user", "Show me the wide things"),
                make_message(2, "assistant", ANSWER, status=MessageStatus.COMPLETE),
            ],
            False,
        )
        view.set_request_id(2, "5b1e2f3a-9c8d-4e7f-a1b2-c3d4e5f60718")
        view.show()
        qtbot.waitExposed(view)
        qtbot.wait(300)
        scale = os.environ.get("QT_SCALE_FACTOR", "1")
        view.grab().save(str(artifacts_dir() / f"blocks-{theme}-{scale}x.png"))
    finally:
        app.setPalette(original)
