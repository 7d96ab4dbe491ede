"""Sentences the core tells a person, kept as catalogue templates so the window can say them in
the user's language while the command line prints the English.

A ``Sentence`` is the English text itself (a ``str``: the CLI prints it, a log keeps it, tests
compare it) that also remembers the ``QT_TRANSLATE_NOOP`` template it was filled from, that
template's context and the values. The window says it with ``app.ui.common.said``: the template
translated, then filled with each value written its way (a date or a number in its locale, a
``Term`` translated under its own context). A translation that lost a placeholder shows the
English. Joining a Sentence into a longer string makes plain English of it: hand the window the
Sentence itself. Failures carry their template on the ``Failure`` (``errors.with_sentence``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # (the name lupdate looks for)
    """Mark ``text`` for pyside6-lupdate under ``context``; returns it unchanged (no Qt here)."""
    return text


#: The catalogue context of the notices the core gives (settings, presets, history files).
NOTICE = "Notice"


@dataclass(frozen=True, slots=True)
class Term:
    """A template value that is itself a catalogue string (a region's name): the CLI shows
    ``text``, the window its translation under ``context``."""

    context: str
    text: str


#: What a template's placeholder holds: words as they are (a host, a model ID), a number or a
#: date the front end writes in its locale, or a catalogue ``Term``.
Value = str | int | float | dt.date | Term


def english(value: Value) -> str:
    """``value`` as the command line writes it (the ``hint``): "March 5, 2026", "7", "2.5"."""
    if isinstance(value, Term):
        return value.text
    if isinstance(value, dt.date):
        return f"{value:%B} {value.day}, {value.year}"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


class Sentence(str):
    """English text that remembers its catalogue template (see the module docstring)."""

    context: str
    template: str
    values: tuple[tuple[str, Value], ...]

    def __new__(cls, context: str, template: str, **values: Value) -> Sentence:
        self = super().__new__(cls, template.format_map({k: english(v) for k, v in values.items()}))
        self.context, self.template, self.values = context, template, tuple(values.items())
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # (copy and pickle: not the str constructor)
        return (_rebuilt, (self.context, self.template, self.values))

    def told(
        self, translate: Callable[[str, str], str], render: Callable[[Value], str] = english
    ) -> str:
        """In a front end's language: ``translate(context, template)``, filled by ``render``."""
        try:
            filled = {name: render(value) for name, value in self.values}
            return translate(self.context, self.template).format_map(filled)
        except (KeyError, IndexError, ValueError):
            return str(self)


def _rebuilt(context: str, template: str, values: tuple[tuple[str, Value], ...]) -> Sentence:
    return Sentence(context, template, **dict(values))


def notice(template: str, **values: Value) -> Sentence:
    """A notice (``NOTICE`` context) from ``template``, a ``QT_TRANSLATE_NOOP("Notice", …)``."""
    return Sentence(NOTICE, template, **values)


__all__ = ["NOTICE", "QT_TRANSLATE_NOOP", "Sentence", "Term", "Value", "english", "notice"]
