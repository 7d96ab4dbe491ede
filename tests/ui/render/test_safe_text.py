"""A hostile answer cannot make SeekDesk touch the network or the file system.

A local HTTP server on 127.0.0.1 records every request it gets. An answer full of tricks aimed
at it — raw ``<img>``, ``<style>``, ``<a>``, ``<script>``, CSS ``url()``, HTML in table cells,
headings and link text, entity-encoded tags, Markdown images, ``file:``, ``javascript:``,
``data:`` and custom-scheme links, a formula with ``\\href`` — is shown in a real ChatView,
whole and streamed one character at a time; then every link in it is clicked. The server hears
nothing, the raw HTML shows as text, no document holds an image but a formula, the views are
asked for no resource but formulas (and give nothing for anything else), and only the web links
the user clicked reach the (recording) opener.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QApplication

from app.core.history.records import Message, MessageStatus
from app.ui.chat.chat_view import ChatView
from app.ui.render import rich_text
from app.ui.render.rich_text import AutoHeightBrowser
from tests.ui.windowkit import click_link

MATH_SCHEME = "seekdesk-math"

HOSTILE = """# Heading <img src="http://HOST/h1.png"> with <b>bold</b>

Inline <img src="http://HOST/inline.png"> and <a href="http://HOST/a">a raw anchor</a> \
and <script src="http://HOST/s.js">alert(1)</script>.

<style>p { background: url(http://HOST/css.png) }</style>

<div style="background-image: url('http://HOST/div.png')">a styled div</div>

<img src=x onerror="fetch('http://HOST/onerror')">

Entities &lt;img src="http://HOST/ent.png"&gt; and &#60;img src="http://HOST/num.png"&#62;.

| cell <img src="http://HOST/cell.png"> | <style>td{background:url(http://HOST/td.png)}</style> |
|---|---|
| <a href="file:///etc/passwd">cell anchor</a> | ![cell image](http://HOST/cell-md.png) |

![markdown image](http://HOST/md.png) ![relative image](pixel.png) ![](file:///etc/passwd)

[<img src="http://HOST/linktext.png"> link text](https://example.com/ok)

[passwd](file:///etc/passwd) [script](javascript:fetch('http://HOST/js')) \
[data](data:text/html;base64,PGltZyBzcmM9eD4=) [custom](seekdesk-test://run?cmd=rm)

<http://HOST/autolink> and bare http://HOST/bare and <file:///etc/hosts>

Math $x^2$ and $\\href{http://HOST/math}{y}$ and $\\includegraphics{http://HOST/tex.png}$

```html
<img src="http://HOST/code.png">
```
"""

#: Raw HTML the user must see as text.
SHOWN_AS_TEXT = [
    '<img src="http://HOST/h1.png"> with <b>bold</b>',  # in a heading
    '<img src="http://HOST/cell.png">',  # in table cells
    "<style>td{background:url(http://HOST/td.png)}</style>",
    '<a href="file:///etc/passwd">cell anchor</a>',
    '<img src="http://HOST/inline.png">',
    '<a href="http://HOST/a">',
    '<script src="http://HOST/s.js">',
    "<style>p { background: url(http://HOST/css.png) }</style>",
    "<div style=",
    '<img src="http://HOST/ent.png">',
    '<img src="http://HOST/num.png">',
    '<img src="http://HOST/linktext.png">',
    '<img src="http://HOST/code.png">',
]


class Recorder(BaseHTTPRequestHandler):
    """Answers everything with a 1x1 PNG and writes the request down."""

    seen: ClassVar[list[str]] = []

    def _any(self) -> None:
        Recorder.seen.append(f"{self.command} {self.path}")
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    do_GET = do_POST = do_HEAD = do_OPTIONS = _any

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    Recorder.seen = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture
def resources(monkeypatch) -> list[tuple[str, bool]]:
    """Every resource a view is asked for: (URL, whether it gave something back)."""
    asked: list[tuple[str, bool]] = []
    load = AutoHeightBrowser.loadResource

    def recording(self: AutoHeightBrowser, kind: int, name: QUrl) -> object:
        result = load(self, kind, name)
        asked.append((name.toString(), isinstance(result, QImage) and not result.isNull()))
        return result

    monkeypatch.setattr(rich_text.AutoHeightBrowser, "loadResource", recording)
    return asked


class Opener:
    def __init__(self) -> None:
        self.opened: list[str] = []

    def __call__(self, url: QUrl) -> bool:
        self.opened.append(url.toString())
        return True


@pytest.fixture
def view(qtbot, tmp_path: Path, monkeypatch) -> ChatView:
    # A file a relative image would name, were it ever resolved against the working directory.
    QImage(40, 40, QImage.Format.Format_ARGB32).save(str(tmp_path / "pixel.png"))
    monkeypatch.chdir(tmp_path)
    widget = ChatView()
    widget.link_opener = Opener()
    widget.resize(900, 700)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def message(text: str, status: MessageStatus) -> Message:
    return Message(
        id=2, conversation_id=1, role="assistant", text=text, thinking="", status=status,
        model="deepseek-v4-pro", parameters={}, usage=None, request_id=None,
        created_at=1_750_000_000.0, started_at=None, first_token_at=None,
        answer_started_at=None, finished_at=None, failure_kind=None, failure_message=None,
        failure_code=None, failure_status=None,
    )  # fmt: skip


def documents(view: ChatView) -> list[QTextDocument]:
    row = view.assistant(2)
    assert row is not None
    return [browser.document() for browser in row.answer.browsers()]


def fragments(document: QTextDocument) -> Iterator[tuple[str, str, str]]:
    """(text, link target, image name) of each fragment."""
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            fmt = fragment.charFormat()
            image = fmt.toImageFormat().name() if fmt.isImageFormat() else ""
            yield fragment.text(), fmt.anchorHref(), image
            iterator += 1
        block = block.next()


def check_nothing_fetched(view: ChatView, host: str, asked: list[tuple[str, bool]]) -> None:
    QApplication.processEvents()
    assert Recorder.seen == []
    row = view.assistant(2)
    assert row is not None
    text = row.answer.plain_text()
    for raw in SHOWN_AS_TEXT:
        assert raw.replace("HOST", host) in text
    images = [name for doc in documents(view) for _, _, name in fragments(doc) if name]
    assert images and all(name.startswith(f"{MATH_SCHEME}:") for name in images)
    assert [url for url, _ in asked if not url.startswith(f"{MATH_SCHEME}:")] == []
    assert any(given for _, given in asked)  # the formula did load: the recorder is live


def test_a_hostile_answer_shown_whole_fetches_nothing(qtbot, server, resources, view):
    view.set_messages([message(HOSTILE.replace("HOST", server), MessageStatus.COMPLETE)], False)
    check_nothing_fetched(view, server, resources)


def test_a_hostile_answer_streamed_a_character_at_a_time_fetches_nothing(
    qtbot, server, resources, view
):
    view.begin_reply(message("", MessageStatus.STREAMING))
    row = view.assistant(2)
    assert row is not None
    for char in HOSTILE.replace("HOST", server):
        view.append_answer(2, char)
        row.answer.render()  # what each repaint does: every intermediate state is drawn
    view.end_reply(2, MessageStatus.COMPLETE)
    check_nothing_fetched(view, server, resources)


def test_clicking_every_link_of_a_hostile_answer_opens_only_web_links(
    qtbot, server, resources, view
):
    view.set_messages([message(HOSTILE.replace("HOST", server), MessageStatus.COMPLETE)], False)
    row = view.assistant(2)
    assert row is not None
    links = [
        (browser, href)
        for browser in row.answer.browsers()
        for _, href, _ in fragments(browser.document())
        if href
    ]
    hrefs = [href for _, href in links]
    for scheme in ("file:", "javascript:", "data:", "seekdesk-test:", "pixel.png"):
        assert any(href.startswith(scheme) for href in hrefs), scheme  # drawn as links
    for browser, href in links:
        click_link(qtbot, browser, href)
    assert isinstance(view.link_opener, Opener)
    opened = view.link_opener.opened
    assert opened and all(url.split(":")[0] in ("http", "https", "mailto") for url in opened)
    assert not any(url.startswith(("file:", "javascript:", "data:", "seekdesk")) for url in opened)
    assert view.links.notice.isVisible()  # the last refusal is still being explained
    QApplication.processEvents()
    assert Recorder.seen == []  # a click hands a web link to the browser; SeekDesk fetches nothing


def test_a_view_gives_nothing_for_any_resource_but_a_formula(qtbot, server, view):
    browser = AutoHeightBrowser("answer")
    qtbot.addWidget(browser)
    image = QTextDocument.ResourceType.ImageResource.value
    for name in (
        f"http://{server}/direct.png",
        "file:///etc/passwd",
        "pixel.png",  # exists in the working directory
        "data:image/png;base64,iVBORw0KGgo=",
        f"{MATH_SCHEME}:unknown-key",
    ):
        result = browser.loadResource(image, QUrl(name))
        assert isinstance(result, QImage) and result.isNull(), name
    # And a document holding such images (never made from an answer) still loads none of them.
    browser.setHtml(f'<img src="http://{server}/x.png"><img src="pixel.png"><img src="file:a.png">')
    browser.resize(400, 400)
    browser.show()
    QApplication.processEvents()
    assert browser.document().size().height() < 40  # the 40 px pixel.png was not read
    assert Recorder.seen == []
