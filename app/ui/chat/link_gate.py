"""Between a clicked link in an answer and the system: open it, or refuse it and say why.

The rule is :func:`app.ui.render.links.verdict_for` (web and mail links only); this part applies
it to the ``QUrl`` a view reports, hands the link to the opener (the system's browser or mail
program through ``QDesktopServices``), and tells the user in a banner over the conversation
when a link is refused or when nothing could open it — with a button that copies the address, so
the user can still take it elsewhere on purpose. Nothing is opened without a click.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QWidget

from app.ui.common.banner import Banner, Tone
from app.ui.render.links import LinkVerdict, verdict_for

#: The notice goes away by itself after this long (or when dismissed, or a link opens).
NOTICE_MS = 15_000

_ZWSP = "\u200b"
_RUN = 24

#: Opens a URL; returns False when nothing could open it (as ``QDesktopServices.openUrl``).
Opener = Callable[[QUrl], object]


def open_link(url: QUrl) -> bool:
    """Hand ``url`` to the system (browser or mail program) if the link rule allows it."""
    if not _verdict(url).opens:
        return False
    return QDesktopServices.openUrl(url)


def _verdict(url: QUrl) -> LinkVerdict:
    verdict = verdict_for(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))
    if verdict.scheme != url.scheme().lower():  # the text and the QUrl disagree: refuse
        return LinkVerdict(url=verdict.url, scheme=verdict.scheme, opens=False)
    return verdict


def _breakable(address: str) -> str:
    """``address`` with invisible break chances after its separators and in long runs, so a
    long address wraps in the notice instead of widening the window (Copy gives it whole)."""
    out: list[str] = []
    run = 0
    for char in address:
        out.append(char)
        run += 1
        if char in "/.?&=-_#:@" or run >= _RUN:
            out.append(_ZWSP)
            run = 0
    return "".join(out)


class LinkGate(QObject):
    """Opens allowed links through ``opener()`` and explains every refusal in ``notice``.

    ``opener`` is asked at each click (the chat view's ``link_opener``, which tests replace).
    ``notice`` is a banner the owner places in its layout.
    """

    def __init__(self, parent: QWidget, opener: Callable[[], Opener]) -> None:
        super().__init__(parent)
        self._opener = opener
        self._address = ""
        self.notice = Banner(parent, Tone.WARNING)
        self.notice.setObjectName("linkNotice")
        self.notice.action_clicked.connect(self._copy_address)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NOTICE_MS)
        self._timer.timeout.connect(self.notice.hide)

    def open(self, url: QUrl) -> None:
        """A link was clicked: open it, or tell the user why not."""
        verdict = _verdict(url)
        if not verdict.opens:
            self._tell(
                verdict,
                self.tr(
                    "Not opened: SeekDesk opens only web (http, https) and e-mail (mailto) "
                    "links from an answer. This link goes to {url}"
                ),
            )
            return
        if self._opener()(url) is False:
            self._tell(
                verdict,
                self.tr("No browser or mail program could be started to open {url}"),
            )
            return
        self.notice.hide()

    def _tell(self, verdict: LinkVerdict, sentence: str) -> None:
        self._address = verdict.url
        shown = _breakable(verdict.shown)
        self.notice.show_message(sentence.format(url=shown), self.tr("Copy address"))
        self._timer.start()

    def _copy_address(self) -> None:
        QGuiApplication.clipboard().setText(self._address)
        self.notice.hide()
