"""Where the API key comes from. (Placeholder: environment only; the credentials issue adds the
OS keyring, per region.)"""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass

ENV_VAR = "DASHSCOPE_API_KEY"


class KeySource(enum.StrEnum):
    ENVIRONMENT = "environment"
    KEYRING = "keyring"
    SESSION = "session"  # held in memory only (no usable keyring)


@dataclass(frozen=True, slots=True)
class ResolvedKey:
    value: str
    source: KeySource

    def __repr__(self) -> str:  # never print the key by accident
        return f"ResolvedKey(value={mask(self.value)!r}, source={self.source.value!r})"


def mask(key: str) -> str:
    """Show at most the last 4 characters of a key."""
    return "…" + key[-4:] if len(key) > 8 else "…"


def resolve_key(region: str) -> ResolvedKey | None:
    """The key to use for ``region``: DASHSCOPE_API_KEY first, then the keyring."""
    value = os.environ.get(ENV_VAR, "").strip()
    if value:
        return ResolvedKey(value, KeySource.ENVIRONMENT)
    return None
