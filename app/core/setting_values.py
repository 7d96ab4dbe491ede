"""How each setting's value is checked, which values it offers, and how a value is labelled.

``app.core.settings`` declares the settings and points each at these; they are apart so that
the declaration reads as a table. A check takes any JSON or command-line value and returns the
typed value or raises ValueError/TypeError (ConfigError is a ValueError) saying what is wrong.
Labels are English, marked for translation under the ``Setting`` context (the core never imports
Qt; the settings dialog translates them).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.core import catalog, protocols, regions


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks a label for translation under ``context``; the dialog translates it when shown."""
    del context
    return text


THEMES = ("system", "light", "dark")
THEME_LABELS = {
    "system": QT_TRANSLATE_NOOP("Setting", "As the system"),
    "light": QT_TRANSLATE_NOOP("Setting", "Light"),
    "dark": QT_TRANSLATE_NOOP("Setting", "Dark"),
}
CONNECTION = QT_TRANSLATE_NOOP("Setting", "Connection")
APPEARANCE = QT_TRANSLATE_NOOP("Setting", "Appearance")


def region_label(region_id: str) -> str:
    return regions.get_region(region_id).name


def api_label(name: str) -> str:
    return protocols.shown(name).label


def theme_label(theme: str) -> str:
    return THEME_LABELS.get(theme, theme)


def parse_bool(text: str) -> bool:
    value = text.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{text!r} is not on or off.")


def as_text(value: Any) -> str:
    """Text settings must be strings: ``str(None)`` would otherwise become a workspace "None"."""
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value


def check_region(value: Any) -> str:
    return regions.get_region(as_text(value)).id


def check_workspace(value: Any) -> str:
    value = as_text(value).strip()
    return regions.validate_workspace_id(value) if value else ""


def check_api(value: Any) -> str:
    return protocols.canonical(as_text(value))


def check_model(value: Any) -> str:
    name = as_text(value).strip()
    if not name or any(c.isspace() for c in name):
        raise ValueError(f"{name!r} is not a model name.")
    return name


def check_thinking(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return parse_bool(str(value))


def check_effort(value: Any) -> str:
    return catalog.normalize_effort(str(value)).value


def check_timeout(value: Any) -> float:
    number = float(value)
    if not 10 <= number <= 3600:
        raise ValueError("The read timeout must be between 10 and 3600 seconds.")
    return number


def check_parameters(value: Any) -> dict[str, float | int]:
    if not isinstance(value, Mapping):
        raise ValueError("parameters must be an object.")
    checked: dict[str, float | int] = {}
    for name, raw in value.items():
        if name not in catalog.PARAMETER_TYPES:
            raise ValueError(f"Unknown parameter {name!r}.")
        typed = catalog.PARAMETER_TYPES[name](raw)
        lo, hi = catalog.PARAMETER_RANGES[name]
        if not lo <= typed <= hi:
            raise ValueError(f"{name} must be between {lo} and {hi}.")
        checked[name] = typed
    return checked


def check_theme(value: Any) -> str:
    text = as_text(value).strip().lower()
    if text not in THEMES:
        raise ValueError(f"Unknown theme {value!r}: use {', '.join(THEMES)}.")
    return text


def check_ui(value: Any) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise ValueError("ui must be an object.")
    return dict(value)


def api_choices() -> tuple[str, ...]:
    return protocols.names()


def effort_choices() -> tuple[str, ...]:
    return tuple(e.value for e in catalog.Effort)


def region_choices() -> tuple[str, ...]:
    return tuple(r.id for r in regions.REGIONS)
