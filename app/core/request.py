"""The neutral chat request both API dialects are built from.

A ``Turn`` has no thinking field at all: reasoning of earlier replies can never be sent back
(Model Studio's DeepSeek guide says to append only the assistant's ``content``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from app.core import catalog

Role = Literal["system", "user", "assistant"]


@dataclass(frozen=True, slots=True)
class Turn:
    role: Role
    text: str


@dataclass(frozen=True, slots=True)
class ChatRequest:
    model: str
    turns: tuple[Turn, ...]
    #: None = the model's default; ignored for thinking-only and non-thinking models.
    thinking: bool | None = None
    #: Any accepted spelling (high, max, low, medium, xhigh); sent only to models that take it.
    effort: str | None = None
    #: Sampling parameters; each is sent only where the catalog says the model accepts it.
    parameters: Mapping[str, float | int] = field(default_factory=dict)

    def rules(self) -> catalog.RequestRules:
        """What of this request is actually sent to its model (the catalog decides)."""
        return catalog.request_rules(self.model, self.thinking, self.effort, self.parameters)
