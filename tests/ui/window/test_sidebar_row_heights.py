"""Every sidebar row is as tall as its title needs, however the list got there: a plain title, a
Chinese one (which may take a taller fallback font), a title with a line break; and when the
user's font grows, so do the rows. (The list asks each row's height as it fills; a plain ASCII
title's is asked of the style once per font, the others every time.)"""

from __future__ import annotations

import time

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from app.core.history import Conversation
from app.ui.window.date_groups import HEADER_ROLE
from app.ui.window.sidebar import Sidebar

TITLES = ["Sorting things", "Another plain one", "中文的标题：排序", "two\nlines", "Plain again"]


def conversations() -> list[Conversation]:
    now = time.time()
    return [
        Conversation(n + 1, title, "deepseek-v4-pro", "cn-beijing", "openai", now - n, now - n)
        for n, title in enumerate(TITLES)
    ]


def heights(sidebar: Sidebar) -> list[int]:
    return [sidebar.list.visualItemRect(sidebar.list.item(n)).height() for n in range(len(TITLES))]


def style_heights(sidebar: Sidebar) -> list[int]:
    """What the style itself gives each row (no remembered heights), plus the row's air and
    its date group's header, as the sidebar's delegate adds them."""
    listing = sidebar.list
    delegate = listing.itemDelegate()
    found = []
    for n in range(listing.count()):
        option = QStyleOptionViewItem()
        listing.initViewItemOption(option)
        index = listing.model().index(n, 0)
        header = delegate.sizeHint(option, index).height() - delegate._text_height(option, index)
        found.append(QStyledItemDelegate.sizeHint(delegate, option, index).height() + header)
    return found


def listed_sidebar(qtbot) -> Sidebar:
    """A shown sidebar listing ``conversations()``, its rows sized."""
    sidebar = Sidebar()
    qtbot.addWidget(sidebar)
    sidebar.resize(300, 600)
    sidebar.show()
    sidebar.set_conversations(conversations())
    qtbot.waitUntil(lambda: heights(sidebar)[0] > 0)
    return sidebar


def test_each_row_is_as_tall_as_its_title_needs_and_follows_a_bigger_font(qtbot):
    sidebar = listed_sidebar(qtbot)
    assert sidebar.list.item(0).data(HEADER_ROLE)  # the first row carries "Today" above it
    before = heights(sidebar)
    assert before == style_heights(sidebar)
    assert before[3] > before[1]  # the line break makes two lines
    assert before[1] == before[4]  # two plain titles inside the group: the same height

    bigger = QFont(sidebar.list.font())
    bigger.setPointSizeF(bigger.pointSizeF() * 2)
    sidebar.list.setFont(bigger)
    sidebar.set_conversations(conversations())
    qtbot.waitUntil(lambda: heights(sidebar)[1] > before[1])
    assert heights(sidebar) == style_heights(sidebar)
