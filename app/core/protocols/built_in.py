"""The built-in dialects as users see them (name, label, summary), apart from their modules.

The window's start, its welcome line and settings validation need only these; the modules
(body builders, stream parsers and the parsing they stand on) load when a dialect is first
asked for (``dialect.defer``). Each module takes its texts from here, so they are written once.
"""

from __future__ import annotations

from app.core.protocols.dialect import QT_TRANSLATE_NOOP, Shown

OPENAI = Shown(
    name="openai",
    label=QT_TRANSLATE_NOOP("Setting", "OpenAI-compatible"),
    summary=QT_TRANSLATE_NOOP("Setting", "OpenAI-compatible (the default)"),
)
DASHSCOPE = Shown(
    name="dashscope",
    label=QT_TRANSLATE_NOOP("Setting", "DashScope native"),
    summary=QT_TRANSLATE_NOOP("Setting", "DashScope native"),
)

#: The default first: the one place an API is added. Its module is named as the dialect.
BUILT_IN: tuple[Shown, ...] = (OPENAI, DASHSCOPE)
