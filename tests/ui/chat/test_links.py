"""Links in an answer, as a user meets them: the real address shows on hover whatever the link
says, web and mail links open on a click, every other kind is refused with a notice that says
where it went, and a click with no browser to start says so too.

A real ChatView, offscreen; the system opener is replaced by one that records (and can fail).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QUrl
from PySide6.QtGui import QGuiApplication, QHelpEvent
from PySide6.QtWidgets import QToolTip

from app.core.history.records import Message, MessageStatus
from app.ui.chat.chat_view import ChatView
from app.ui.render.links import verdict_for
from app.ui.render.rich_text import AutoHeightBrowser
from tests.ui.windowkit import anchor_point, click_link

WAIT = 20_000

ANSWER = """Sources:

- [bank.com](http://evil.example/login "https://bank.com") — the text says one thing
- [the docs](https://docs.python.org/3/) and <https://example.com/a?b=1>
- write to [support](mailto:help@example.com), or see https://example.org/page.
- [settings](ms-settings:privacy) [script](javascript:alert(1)) [passwd](file:///etc/passwd)
- [page](data:text/html,<b>x</b>) [relative](notes/todo.md) [anchor](#top) [ftp](ftp://f.example/x)
"""


def make_message(mid: int, text: str, status: MessageStatus) -> Message:
    return Message(
        id=mid, conversation_id=1, role="assistant", text=text, thinking="", status=status,
        model="deepseek-v4-pro", parameters={}, usage=None, request_id=None,
        created_at=1_750_000_000.0, started_at=None, first_token_at=None,
        answer_started_at=None, finished_at=None, failure_kind=None, failure_message=None,
        failure_code=None, failure_status=None,
    )  # fmt: skip


class Opener:
    """Records what it is asked to open; answers like QDesktopServices.openUrl."""

    def __init__(self) -> None:
        self.opened: list[str] = []
        self.works = True

    def __call__(self, url: QUrl) -> bool:
        self.opened.append(url.toString())
        return self.works


@pytest.fixture
def view(qtbot) -> ChatView:
    widget = ChatView()
    widget.link_opener = Opener()
    widget.resize(900, 700)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_messages([make_message(2, ANSWER, MessageStatus.COMPLETE)], False)
    return widget


def answer_browser(view: ChatView) -> AutoHeightBrowser:
    row = view.assistant(2)
    assert row is not None
    return row.answer.stable


def opener(view: ChatView) -> Opener:
    assert isinstance(view.link_opener, Opener)
    return view.link_opener


def hover_text(qtbot, browser: AutoHeightBrowser, href_prefix: str) -> str:
    """What the tooltip says with the mouse resting on the link."""
    QToolTip.hideText()
    point = anchor_point(browser, href_prefix)
    event = QHelpEvent(QEvent.Type.ToolTip, point, browser.viewport().mapToGlobal(point))
    QGuiApplication.sendEvent(browser.viewport(), event)
    return QToolTip.text()


def test_hovering_a_link_shows_the_address_it_opens_not_what_its_text_or_title_says(qtbot, view):
    browser = answer_browser(view)
    assert "bank.com" in browser.toPlainText()
    assert hover_text(qtbot, browser, "http://evil.example") == "http://evil.example/login"
    assert hover_text(qtbot, browser, "ms-settings:") == "ms-settings:privacy"
    assert hover_text(qtbot, browser, "https://example.org") == "https://example.org/page"


def test_a_look_alike_domain_shows_as_what_it_is_on_hover(qtbot, view):
    row = view.assistant(2)
    assert row is not None
    row.answer.set_text(
        "Log in at [apple.com](https://\u0430\u0440\u0440\u04cf\u0435.com/login).\n"
    )
    browser = answer_browser(view)
    assert hover_text(qtbot, browser, "https://") == "https://xn--80ak6aa92e.com/login"


def test_web_and_mail_links_open_on_a_click(qtbot, view):
    browser = answer_browser(view)
    for href in ("https://docs.python.org/3/", "https://example.com/a?b=1", "mailto:"):
        click_link(qtbot, browser, href)
    assert opener(view).opened == [
        "https://docs.python.org/3/",
        "https://example.com/a?b=1",
        "mailto:help@example.com",
    ]
    assert view.links.notice.isHidden()


def test_a_bare_url_opens_without_its_trailing_full_stop(qtbot, view):
    click_link(qtbot, answer_browser(view), "https://example.org")
    assert opener(view).opened == ["https://example.org/page"]


@pytest.mark.parametrize(
    ("href", "shown"),
    [
        ("ms-settings:", "ms-settings:privacy"),
        ("javascript:", "javascript:alert(1)"),
        ("file:", "file:///etc/passwd"),
        ("data:", "data:text/html,%3Cb%3Ex%3C/b%3E"),
        ("notes/", "notes/todo.md"),
        ("#", "#top"),
        ("ftp:", "ftp://f.example/x"),
    ],
)
def test_any_other_link_is_refused_with_a_notice_saying_where_it_went(qtbot, view, href, shown):
    click_link(qtbot, answer_browser(view), href)
    notice = view.links.notice
    qtbot.waitUntil(notice.isVisible, timeout=WAIT)
    assert opener(view).opened == []
    said = notice.text().replace("\u200b", "")
    assert "Not opened" in said and shown in said
    # The address can still be taken elsewhere on purpose.
    QGuiApplication.clipboard().setText("")
    notice.action.click()
    assert QGuiApplication.clipboard().text() == shown
    assert notice.isHidden()


def test_when_no_browser_can_be_started_the_user_is_told(qtbot, view):
    opener(view).works = False
    click_link(qtbot, answer_browser(view), "https://docs.python.org")
    notice = view.links.notice
    qtbot.waitUntil(notice.isVisible, timeout=WAIT)
    said = notice.text().replace("\u200b", "")
    assert "No browser" in said and "https://docs.python.org/3/" in said
    opener(view).works = True
    click_link(qtbot, answer_browser(view), "https://docs.python.org")
    assert notice.isHidden()  # a link that opens clears the old notice


def test_a_forged_click_on_a_web_looking_url_without_a_host_is_refused(qtbot, view):
    row = view.assistant(2)
    assert row is not None
    for forged in ("http:/etc/passwd", "https://", "HTTP:relative", "mailto:"):
        row.answer.link_activated.emit(QUrl(forged))
    assert opener(view).opened == []
    assert view.links.notice.isVisible()


def test_a_long_address_wraps_in_the_notice_instead_of_widening_the_window(qtbot, view):
    width = view.width()
    row = view.assistant(2)
    assert row is not None
    row.answer.link_activated.emit(QUrl("custom:" + "x" * 3_000))
    notice = view.links.notice
    qtbot.waitUntil(notice.isVisible, timeout=WAIT)
    assert notice.minimumSizeHint().width() <= width
    assert notice.text().replace("\u200b", "").endswith("…")  # cut, and said so
    notice.action.click()
    assert QGuiApplication.clipboard().text() == "custom:" + "x" * 3_000  # copied whole


def test_the_rule_itself_opens_only_web_pages_with_a_host_and_mail():
    opens = [
        "https://example.com", "HTTP://EXAMPLE.COM/x", "mailto:a@example.com",
    ]  # fmt: skip
    refused = [
        "http:/x", "https://", "mailto:", "javascript:alert(1)", "file:///etc/passwd",
        "data:text/plain,x", "ms-settings:", "seekdesk-copy:0", "x.png", "#top", "",
        "https://example.com/\u202egnp.exe", "https:// example.com", "http://[::1",
    ]  # fmt: skip
    assert [url for url in opens if not verdict_for(url).opens] == []
    assert [url for url in refused if verdict_for(url).opens] == []
    assert verdict_for("https://example.com/\u202ex").shown == "https://example.com/<U+202E>x"
