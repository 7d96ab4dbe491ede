"""Opening a stored wide table lays each table view out at the column's width only: not
first at a new widget's starting width (100 px: narrow cells, the costliest layout) and then
again at the real one (issue #9: a stored 8-column table of 100 kB took ~2 s so, against
~50 ms for plain words). A real change of width (the conversation's scroll bar showing up)
still lays it out anew, once."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QApplication

from app.core.history.records import MessageStatus
from app.ui.chat.chat_view import ChatView
from app.ui.render.code_view import TableText
from tests.ui.chat.test_chat_view import make_message


def wide_table(rows: int) -> str:
    head = "| a | b | c | d | e | f | g | h |\n|---|---|---|---|---|---|---|---|\n"
    return head + "".join(f"| {n} | item {n} | {n * 37} | x | y | `{n}` | z | ok |\n"
                          for n in range(rows))  # fmt: skip


def test_each_stored_table_view_is_laid_out_at_one_width_only(qtbot, monkeypatch):
    wasted: list[tuple[float, int]] = []  # (width laid out at, width the view had)
    resized = TableText.resizeEvent

    def count(view: TableText, event: QResizeEvent) -> None:
        if event.oldSize().width() != event.size().width():  # QTextEdit lays it out anew
            laid_out_at = view.document().pageSize().width()  # (0: not laid out yet)
            if laid_out_at > 0 and laid_out_at != event.oldSize().width():
                wasted.append((laid_out_at, event.oldSize().width()))
        resized(view, event)

    monkeypatch.setattr(TableText, "resizeEvent", count)
    view = ChatView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    view.set_messages(
        [
            make_message(1, "user", "A wide table, please"),
            make_message(2, "assistant", wide_table(900), status=MessageStatus.COMPLETE),
        ],
        False,
    )
    for _ in range(20):  # views fit their documents, then the layout places them
        QApplication.processEvents()
    tables = view.viewport().findChildren(TableText)
    assert len(tables) >= 2  # a long table: several views
    assert all(table.isVisible() and table.height() > 0 for table in tables)
    assert wasted == []
