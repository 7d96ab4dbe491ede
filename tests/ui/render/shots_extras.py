"""Screenshots of an answer with the Markdown extras and of a refused link, for a human.

Run: ``QT_QPA_PLATFORM=offscreen python3 -m pytest tests/ui/render/shots_extras.py`` (and again
with ``QT_SCALE_FACTOR=2`` for 2x; not part of the suite: it only draws). PNGs go to
``$SEEKDESK_ARTIFACTS`` or ``/tmp/seekdesk-artifacts``: ``extras-<theme>-<scale>x.png`` (task
list, strikethrough, footnotes, bare URLs, a link whose text is not its address) and
``link-refused-<theme>-<scale>x.png`` (the notice after clicking a custom-scheme link).
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication

from app.core.history.records import Message, MessageStatus
from app.ui.app import dark_palette, light_palette
from app.ui.chat.chat_view import ChatView
from tests.ui.screenshots import artifacts_dir

ANSWER = """## Release checklist

- [x] Tag the release
- [x] ~~Email the changelog~~ post it on the forum instead
- [ ] Update the docs
  - [ ] the install page

Details are at https://example.com/releases/2.0. (the notes[^1]) or mail \
help@example.com; the mirror is [download.example.org](http://mirror.example.net/files).

[^1]: Written by the release team, reviewed twice.
"""


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_shots(qtbot, theme):
    app = QApplication.instance()
    app.setPalette(light_palette() if theme == "light" else dark_palette())
    view = ChatView()
    view.link_opener = lambda url: True
    view.resize(760, 560)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    reply = Message(
        id=2, conversation_id=1, role="assistant", text=ANSWER, thinking="",
        status=MessageStatus.COMPLETE, model="deepseek-v4-pro", parameters={}, usage=None,
        request_id=None, created_at=1_750_000_000.0, started_at=None, first_token_at=None,
        answer_started_at=None, finished_at=None, failure_kind=None, failure_message=None,
        failure_code=None, failure_status=None,
    )  # fmt: skip
    view.set_messages([reply], False)
    scale = os.environ.get("QT_SCALE_FACTOR", "1")
    out = artifacts_dir()
    qtbot.wait(200)
    view.grab().save(str(out / f"extras-{theme}-{scale}x.png"))
    row = view.assistant(2)
    assert row is not None
    row.answer.link_activated.emit(QUrl("ms-settings:privacy"))
    qtbot.wait(200)
    view.grab().save(str(out / f"link-refused-{theme}-{scale}x.png"))
