"""A sentence of the core in the user's language: the one place the window turns a core
``Sentence`` (``app.core.sentences``) or a failure's template values into what it shows.

The core keeps its sentences as English text that remembers its ``QT_TRANSLATE_NOOP`` template
and values; ``said`` translates the template and fills it, each value written the window's way
(``written_here``): a date or a number in the user's locale, a catalogue ``Term`` (a region's
name) translated under its own context, a Sentence said in turn, a path or an ID as it is.
Plain text passes unchanged.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from app.core.sentences import Sentence, Term, Value


def said(text: str | BaseException) -> str:
    """``text`` in the user's language when the core kept its template; else as it is. An
    exception raised with a ``Sentence`` (a ``ConfigError``: a bad key, a locked keyring) is
    said as that Sentence; any other exception as ``str(exc)``."""
    if isinstance(text, BaseException):
        args = text.args
        text = args[0] if len(args) == 1 and isinstance(args[0], Sentence) else str(text)
    if isinstance(text, Sentence):
        return text.told(QCoreApplication.translate, written_here)
    return text


def written_here(value: Value) -> str:
    """A sentence's value as the window writes it: a date or a number in the user's locale, a
    catalogue name (a region's) in the user's language, any other words as they are."""
    locale = QLocale()
    if isinstance(value, Sentence):  # a sentence inside another ("Line 3: …")
        return said(value)
    if isinstance(value, Term):
        return QCoreApplication.translate(value.context, value.text)
    if isinstance(value, dt.date):  # the long date without its weekday: "March 5, 2026"
        layout = locale.dateFormat(QLocale.FormatType.LongFormat).replace("dddd", "").strip(" ,")
        return locale.toString(QDate(value.year, value.month, value.day), layout)
    if isinstance(value, float):
        return locale.toString(value, "g", 6)
    if isinstance(value, int):
        return locale.toString(value)
    return value


__all__ = ["said", "written_here"]
