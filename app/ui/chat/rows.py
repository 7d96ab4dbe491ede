"""The message row classes, by name, without importing them: they come with the first row made.

``message_widgets`` and what it stands on (the parts, the failure panel, the notice slot, the
role header, labels: a dozen modules) are needed only once a message is shown, but the chat
view and the window's parts ask "is this row an answer?" (``isinstance``) or make rows from the
start. Importing them here costs nothing: ``AssistantMessageWidget`` and ``UserMessageWidget``
are stand-ins that import the real class at their first use — making a row, ``isinstance``, or
reading a class attribute — and answer as it does. Type checkers see the real classes.

A part that only asks whether a widget is a row imports it from here, not from
``message_widgets``; ``tests/ui/window/test_startup_imports.py`` checks that an empty window
has not imported ``message_widgets``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

MODULE = "app.ui.chat.message_widgets"


class _OnFirstUse(type):
    """The type of a stand-in: each use is the real class's (imported then, on the UI thread)."""

    _name: str

    def real(cls) -> type:
        return getattr(importlib.import_module(MODULE), cls._name)  # type: ignore[no-any-return]

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        return cls.real()(*args, **kwargs)

    def __instancecheck__(cls, instance: Any) -> bool:
        return isinstance(instance, cls.real())

    def __subclasscheck__(cls, subclass: type) -> bool:
        return issubclass(subclass, cls.real())

    def __getattr__(cls, name: str) -> Any:
        return getattr(cls.real(), name)


def _stand_in(name: str) -> Any:
    return _OnFirstUse(name, (), {"_name": name, "__module__": __name__})


if TYPE_CHECKING:
    from app.ui.chat.message_widgets import AssistantMessageWidget, UserMessageWidget
else:
    AssistantMessageWidget = _stand_in("AssistantMessageWidget")
    UserMessageWidget = _stand_in("UserMessageWidget")

__all__ = ["AssistantMessageWidget", "UserMessageWidget"]
