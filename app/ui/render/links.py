"""Which links SeekDesk opens: one rule, asked wherever a link is drawn or clicked.

Model output is untrusted, and a link is the one thing in an answer that can make SeekDesk hand
something to the system. So only web pages (``http``, ``https`` with a host) and e-mail
(``mailto`` with an address) are ever opened, by the system's own handler; any other scheme —
``file:``, ``javascript:``, ``data:``, a custom handler an installed program registered, or a
relative address — is refused, and the user is told (``app.ui.chat.link_gate``). The renderer
(:mod:`app.ui.render.markdown`) asks :func:`shown_url` for what a link shows on hover, so the
address a click would open is always visible, whatever the link's text says
("[bank.com](http://evil.example)").

Links are still drawn for every scheme: a refused one is clicked, refused and explained, which
tells the user more than Markdown source shown as text. Nothing here fetches or opens anything.

Pure Python, no Qt: the chat view passes the clicked ``QUrl`` as text and opens that same
``QUrl`` only when the verdict's scheme is the ``QUrl``'s own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = [
    "LINKIFIED_SCHEMES",
    "OPENED_SCHEMES",
    "SHOWN_CHARS",
    "LinkVerdict",
    "shown_url",
    "verdict_for",
]

#: The schemes a click opens (with the system's browser or mail program).
OPENED_SCHEMES = ("http", "https", "mailto")
#: Bare addresses in the text that become links: only those a click would open.
LINKIFIED_SCHEMES = ("http:", "https:", "mailto:")
#: Longer addresses are shown cut, with an ellipsis (a data: URL can be megabytes).
SHOWN_CHARS = 2_000

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_UNSAFE_CHARS = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069]")


@dataclass(frozen=True, slots=True)
class LinkVerdict:
    """What a click on ``url`` does: open it (``opens``) or refuse it.

    ``scheme`` is the lower-case scheme ("" for none); ``shown`` the address as the user is
    shown it (in a notice or on hover).
    """

    url: str
    scheme: str
    opens: bool

    @property
    def shown(self) -> str:
        return shown_url(self.url)


def verdict_for(url: str) -> LinkVerdict:
    """The verdict on a link's address, exactly as it would be opened (no trimming)."""
    match = _SCHEME.match(url)
    scheme = match.group(1).lower() if match else ""
    return LinkVerdict(url=url, scheme=scheme, opens=_opens(url, scheme))


def _opens(url: str, scheme: str) -> bool:
    if scheme not in OPENED_SCHEMES or _UNSAFE_CHARS.search(url):
        return False  # whitespace or invisible characters: not an address a person can check
    rest = url[len(scheme) + 1 :]
    if scheme == "mailto":
        return "@" in rest and not rest.startswith("/")
    try:
        host = urlsplit(url).hostname
    except ValueError:  # an invalid port or bracketed host
        return False
    return rest.startswith("//") and bool(host)


def shown_url(url: str) -> str:
    """``url`` as shown to the user: whole up to :data:`SHOWN_CHARS`, invisible characters made
    visible (a space or a right-to-left mark must not hide part of the address)."""
    shown = _UNSAFE_CHARS.sub(_visible, url[: SHOWN_CHARS + 1])
    if len(url) > SHOWN_CHARS:
        shown = shown[:SHOWN_CHARS] + "…"
    return shown


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"%{code:02X}" if code < 0x100 else f"<U+{code:04X}>"
