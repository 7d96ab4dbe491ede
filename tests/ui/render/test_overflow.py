"""Nothing in a conversation is wider than its column: a hostile answer at 700 px, narrow, at 2x.

An answer with a 300-character URL, a 200-column code line, a twelve-column table, a long
heading, a hash with no break in a list nested five deep, and a footer with a long request id:
every visible widget of every message must lie inside the chat viewport, and every text view
must show all of its text (nothing clipped at its right edge). The code block keeps its long
line whole and scrolls sideways inside itself instead. The same again at
``QT_SCALE_FACTOR=2``, in a child process (the scale is read when the application starts).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QTextEdit, QWidget

from app.core.events import Usage
from app.core.history.records import MessageStatus
from app.ui.chat.chat_view import ChatView
from app.ui.render.code_view import CodeView
from tests.ui.chat.test_chat_view import make_message

URL = "https://example.com/" + "/".join(f"segment{n:03d}" for n in range(28))  # ~300 chars
CODE_LINE = "result = compute(" + ", ".join(f"argument_{n}" for n in range(16)) + ")"
HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" * 3
COLUMNS = [f"Column {n}" for n in range(12)]
TABLE = (
    "| " + " | ".join(COLUMNS) + " |\n"
    + "|" + "---|" * 12 + "\n"
    + "| " + " | ".join(f"value {n} with words" for n in range(12)) + " |\n"
)  # fmt: skip
HOSTILE = (
    "# A heading that goes on and on: " + "Supercalifragilistic" * 6 + "\n\n"
    f"See {URL} for the details.\n\n"
    f"```python\n{CODE_LINE}\nprint(result)\n```\n\n"
    f"{TABLE}\n"
    "- one\n  - two\n    - three\n      - four\n        - five " + HASH + "\n\n"
    "> A quote with " + HASH + "\n"
)
REQUEST_ID = "5b1e2f3a-9c8d-4e7f-a1b2-c3d4e5f60718"


def show_hostile_chat(qtbot, width: int) -> ChatView:
    view = ChatView()
    qtbot.addWidget(view)
    view.resize(width, 700)
    view.set_messages(
        [
            make_message(1, "user", f"Explain {URL} please, {HASH}"),
            make_message(2, "assistant", HOSTILE, status=MessageStatus.COMPLETE),
        ],
        False,
    )
    view.set_usage(2, Usage(input_tokens=812_345, output_tokens=1_530_222, reasoning_tokens=93))
    view.set_request_id(2, REQUEST_ID)
    view.show()
    qtbot.waitExposed(view)
    for _ in range(20):  # views fit their documents, then the layout places them
        QApplication.processEvents()
    return view


def overflows(view: ChatView) -> list[str]:
    """Every visible widget of the conversation that is wider than the viewport or sticks out
    of it, and every text view whose text is wider than the view (clipped)."""
    viewport = view.viewport()
    right = viewport.width()
    found = []
    for widget in viewport.findChildren(QWidget):
        if not widget.isVisible() or widget.width() == 0 or widget.height() == 0:
            continue
        left = widget.mapTo(viewport, QPoint(0, 0)).x()
        name = f"{type(widget).__name__}#{widget.objectName()}"
        if left < 0 or left + widget.width() > right:
            found.append(f"{name}: x {left}..{left + widget.width()} in 0..{right}")
        if isinstance(widget, QTextEdit) and not widget.horizontalScrollBar().isVisible():
            text_width = widget.document().size().width()  # all of it shows: nothing clipped
            if text_width > widget.viewport().width() + 1:
                found.append(f"{name}: text {text_width:.0f} px in {widget.viewport().width()}")
    return found


@pytest.mark.parametrize("width", [700, 420])
def test_a_hostile_answer_fits_the_column_and_its_code_scrolls_inside(qtbot, width):
    view = show_hostile_chat(qtbot, width)
    assert overflows(view) == []
    (code,) = view.findChildren(CodeView)
    assert CODE_LINE in code.text.toPlainText()  # the long line is whole, not wrapped…
    assert code.text.horizontalScrollBar().maximum() > 0  # …and scrolls inside its view
    assert code.text.horizontalScrollBar().isVisible()
    # The code view is as tall as its lines and its bar: nothing scrolls vertically in it.
    assert code.text.verticalScrollBar().maximum() == 0
    footer = view.assistant(2).footer
    assert REQUEST_ID in footer.text()
    if width < 500:  # no room for the whole line: the request id moved under the figures
        assert footer.request_label.y() > footer.info_label.y()


def run_at_twice_the_scale(test_file: str, name: str, timeout: float) -> None:
    """Run the test ``name`` of ``test_file`` in a child process started with
    QT_SCALE_FACTOR=2 (Qt reads the scale once, at start), and fail with its output if it fails."""
    env = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM="offscreen")
    root = Path(__file__).resolve().parents[3]
    test = f"{Path(test_file).resolve().relative_to(root)}::{name}"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]


def test_at_twice_the_scale_nothing_is_wider_than_the_column_either():
    """The same check in a child process started with QT_SCALE_FACTOR=2."""
    run_at_twice_the_scale(
        __file__, "test_a_hostile_answer_fits_the_column_and_its_code_scrolls_inside", 300
    )
