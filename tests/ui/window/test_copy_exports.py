"""An answer with a formula and a code block, streamed into the real window: the message's Copy
gives its Markdown source, a selection of it copies as source, and every export keeps the source
exactly as the model wrote it (File → Export conversation, File → Export all, `history
export`)."""

from __future__ import annotations

import json
import warnings

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from app.cli import main
from app.ui.chat.message_actions import MessageAction
from app.ui.render.math_tex import typeset
from tests import fakeserver as fs
from tests.ui.windowkit import type_and_enter, wait_reply_done

CODE = "def square(x):\n    return x ** 2\n"
ANSWER = (
    "The square is \\( x^2 \\), and in display form\n\n"
    "\\[ f(x) = x^2 \\,, \\quad x \\in \\mathbb{R} \\]\n\n"
    f"In code:\n\n```python\n{CODE}```\n\nThat is all.\n"
)


@pytest.fixture(autouse=True, scope="module")
def _typesetter_loaded() -> None:
    """ziamath reads its font through a deprecated importlib.resources call on import; load
    it here so that warning (an error in tests) does not fail these."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        typeset("x", False)


def clipboard() -> str:
    return QGuiApplication.clipboard().text()


def ask(qtbot, window, fake):
    fake.enqueue(fs.answer_only(ANSWER, chunk_size=3))
    type_and_enter(qtbot, window, "What is the square of x?")
    return wait_reply_done(qtbot, window)


def test_copy_on_the_message_gives_the_markdown_source_and_a_selection_the_text_as_source(
    qtbot, window, fake
):
    reply = ask(qtbot, window, fake)
    assert reply.answer_source() == ANSWER
    reply.request(MessageAction.COPY)
    assert clipboard() == ANSWER  # delimiters, \, and the fence all as written

    view = reply.answer.stable
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard() == (
        "The square is \\( x^2 \\), and in display form\n\n"
        "\\[ f(x) = x^2 \\,, \\quad x \\in \\mathbb{R} \\]\n\n"
        f"In code:\n\n{CODE.rstrip()}\n\nThat is all."
    )


def test_every_export_keeps_the_source(qtbot, window, fake, run_async, tmp_path, capsys):
    ask(qtbot, window, fake)
    conversation = window.conversations.current_id
    assert conversation is not None

    markdown = tmp_path / "one.md"
    run_async(window.menus.export_to(conversation, markdown, "md"))
    assert ANSWER.rstrip() in markdown.read_text(encoding="utf-8")

    everything = tmp_path / "all.json"
    run_async(window.history_files.export_all_to(everything))
    document = json.loads(everything.read_text(encoding="utf-8"))
    texts = [m["text"] for c in document["conversations"] for m in c["messages"]]
    assert ANSWER in texts

    # The command line reads the same history.
    capsys.readouterr()
    assert main(["history", "export", str(conversation), "--format", "md"]) == 0
    assert ANSWER.rstrip() in capsys.readouterr().out
    cli = tmp_path / "cli.json"
    assert main(["history", "export", "--all", "--format", "json", "-o", str(cli)]) == 0
    document = json.loads(cli.read_text(encoding="utf-8"))
    assert ANSWER in [m["text"] for c in document["conversations"] for m in c["messages"]]
