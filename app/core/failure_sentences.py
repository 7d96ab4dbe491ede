"""The failure sentences that name something (a host, a model, a region, a date, a wait): each a
catalogue template with placeholders, so a front end says it in its own language.

``app.core.errors.with_sentence`` fills a template in English for the command line (``hint``)
and keeps the template and its values on the Failure; the window translates the template under
``"Failure"`` and fills it with its own writing of each value (``Failure.sentence``): a date or a
number in its locale, a ``Term`` (a region's name, itself a catalogue string) translated under
its own context. Translations keep every placeholder; one that loses one shows the English.
These sit apart from ``failure_kinds`` (the one sentence per kind, and its ways out) only for size.
"""

from __future__ import annotations

from app.core.sentences import Sentence
from app.core.sentences import Term as Term
from app.core.sentences import Value as Value
from app.core.sentences import english as english


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # (the name lupdate looks for)
    """Mark ``text`` for pyside6-lupdate under ``context``; returns it unchanged (no Qt here)."""
    return text


#: The place a connection failure tried (issue 14 point 6): ``{host}`` is the host name, and
#: ``{workspace}`` the workspace ID a workspace host carries (a mistyped ID is a host that is
#: not there). Filled by ``with_sentence``; translations keep both placeholders.
UNREACHABLE = QT_TRANSLATE_NOOP(
    "Failure", "Could not reach {host}. Check your internet connection or proxy, then retry."
)
UNREACHABLE_WORKSPACE = QT_TRANSLATE_NOOP(
    "Failure",
    "Could not reach {host}. Check the workspace ID “{workspace}” in Settings (it is part of "
    "this host name), then your internet connection or proxy, then retry.",
)

#: A delisted model and its recommended replacement (with the others, when there are some).
DELISTED = QT_TRANSLATE_NOOP(
    "Failure",
    "{model} was delisted by Model Studio on {date}. Switch to {replacement} (or {alternatives}).",
)
DELISTED_ONE = QT_TRANSLATE_NOOP(
    "Failure", "{model} was delisted by Model Studio on {date}. Switch to {replacement}."
)
#: A model the service does not know, named (the region is not known here: see REGION_*).
MODEL_MISSING = QT_TRANSLATE_NOOP(
    "Failure", "The model {model} was not found in this region. Choose another model."
)
#: A throttle that said how long to wait (Retry-After); ``{seconds}`` is a number.
RETRY_AFTER = QT_TRANSLATE_NOOP(
    "Failure", "Too many requests right now. Wait {seconds} s, then retry."
)
#: "Not found" / "no access" with the region's name (``app.core.model_regions``).
REGION_MODEL_MISSING = QT_TRANSLATE_NOOP(
    "Failure",
    "The model {model} was not found in {region}. It may not be offered in this region or to "
    "this account: choose another model, or check the region in Settings.",
)
REGION_NO_ACCESS = QT_TRANSLATE_NOOP(
    "Failure",
    "No access to {model} in {region}: the account or workspace may not have it. Check the "
    "region and workspace in Settings, or choose another model.",
)

#: Every template with placeholders, for the catalogue's tests (each is also a HINT_CONTEXT
#: sentence that lupdate extracts from this file).
SENTENCES: tuple[str, ...] = (
    UNREACHABLE,
    UNREACHABLE_WORKSPACE,
    DELISTED,
    DELISTED_ONE,
    MODEL_MISSING,
    RETRY_AFTER,
    REGION_MODEL_MISSING,
    REGION_NO_ACCESS,
)


#: A failure's details in SeekDesk's own words (the transport's: what the connection did),
#: shown under the sentence; the service's own words stay as it wrote them.
CONNECT_TIMED_OUT = QT_TRANSLATE_NOOP("Failure", "Connecting to {server} timed out.")
PROXY_REFUSED = QT_TRANSLATE_NOOP("Failure", "The proxy refused the connection ({error}).")
CONNECT_FAILED = QT_TRANSLATE_NOOP("Failure", "Could not connect to {server} ({error}).")
READ_TIMED_OUT = QT_TRANSLATE_NOOP(
    "Failure", "The server sent nothing for too long (read timeout)."
)
POOL_TIMED_OUT = QT_TRANSLATE_NOOP("Failure", "No connection became free in time.")
SEND_TIMED_OUT = QT_TRANSLATE_NOOP("Failure", "Sending the request timed out.")
CLOSED_UNANSWERED = QT_TRANSLATE_NOOP(
    "Failure", "The server closed the connection without replying."
)
DROPPED = QT_TRANSLATE_NOOP("Failure", "The connection dropped before the answer was complete.")
UNDECODABLE = QT_TRANSLATE_NOOP("Failure", "The reply could not be decoded ({error}).")
KEEP_ALIVES_ONLY = QT_TRANSLATE_NOOP(
    "Failure", "The server sent no text for {seconds} seconds, only keep-alives (read timeout)."
)
#: ``{server}`` when the host is not known.
THE_SERVER = Term("Failure", QT_TRANSLATE_NOOP("Failure", "the server"))

#: Every details sentence, for the catalogue's tests.
DETAILS: tuple[str, ...] = (
    CONNECT_TIMED_OUT,
    PROXY_REFUSED,
    CONNECT_FAILED,
    READ_TIMED_OUT,
    POOL_TIMED_OUT,
    SEND_TIMED_OUT,
    CLOSED_UNANSWERED,
    DROPPED,
    UNDECODABLE,
    KEEP_ALIVES_ONLY,
    THE_SERVER.text,
)


def detail(template: str, **values: Value) -> Sentence:
    """A failure's details (``message``) from ``template``, a "Failure" catalogue template."""
    return Sentence("Failure", template, **values)


__all__ = [
    "DELISTED",
    "DELISTED_ONE",
    "DETAILS",
    "MODEL_MISSING",
    "REGION_MODEL_MISSING",
    "REGION_NO_ACCESS",
    "RETRY_AFTER",
    "SENTENCES",
    "UNREACHABLE",
    "UNREACHABLE_WORKSPACE",
    "Term",
    "Value",
    "detail",
    "english",
]
