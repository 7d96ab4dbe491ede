"""Presets ("assistants"): a name for a system prompt with its model, thinking, effort and
sampling parameters, chosen for a new chat; one may be the default.

Stored in ``presets.json`` beside ``settings.json`` (never the key; nothing secret here), written
atomically (a temporary file, then a rename), so a crash leaves the old file or the new one. A
file that cannot be read is set aside as ``presets.json.broken`` and the user is told; the
presets then start empty rather than the app refusing to start.

Every value is checked when a preset is made (``make_preset``), with a sentence naming the field:
the model's parameters by the catalog (``catalog.validate_parameter``: a model that does not
take a parameter refuses it), the effort by its accepted spellings.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from app.core import catalog, paths, untrusted
from app.core.sentences import QT_TRANSLATE_NOOP, notice

FILE_NAME = "presets.json"
MAX_NAME = 80
MAX_SYSTEM = 64 * 1024


class PresetError(ValueError):
    """A preset value breaks a rule; the message names it."""


@dataclass(frozen=True, slots=True)
class Preset:
    name: str
    system: str = ""
    model: str | None = None
    thinking: bool | None = None
    effort: str | None = None
    parameters: Mapping[str, float | int] = field(default_factory=dict)
    default: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "system": self.system,
            "model": self.model,
            "thinking": self.thinking,
            "effort": self.effort,
            "parameters": dict(self.parameters),
            "default": self.default,
        }


def make_preset(
    name: str,
    *,
    system: str = "",
    model: str | None = None,
    thinking: bool | None = None,
    effort: str | None = None,
    parameters: Mapping[str, Any] | None = None,
    default: bool = False,
) -> Preset:
    """A checked preset (PresetError names the first bad value)."""
    name = " ".join(name.split())
    if not name:
        raise PresetError("A preset needs a name.")
    if len(name) > MAX_NAME:
        raise PresetError(f"A preset's name is at most {MAX_NAME} characters.")
    if len(system) > MAX_SYSTEM:
        raise PresetError(f"A system prompt is at most {MAX_SYSTEM:,} characters.")
    if model is not None and (not model.strip() or any(c.isspace() for c in model)):
        raise PresetError(f"{model!r} is not a model name.")
    if effort is not None:
        try:
            effort = catalog.normalize_effort(effort).value
        except ValueError as exc:
            raise PresetError(str(exc)) from None
    checked: dict[str, float | int] = {}
    entry = catalog.lookup(model or catalog.DEFAULT_MODEL)
    for key, value in (parameters or {}).items():
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise PresetError(f"{key} must be a number.")
        try:
            checked[key] = catalog.validate_parameter(entry, key, value)  # type: ignore[arg-type]
        except (TypeError, ValueError) as exc:
            raise PresetError(str(exc)) from None
    return Preset(name, system, model, thinking, effort, checked, default)


def _from_json(item: Mapping[str, Any]) -> Preset:
    def typed(name: str, kind: type) -> Any:
        value = item.get(name)
        return value if isinstance(value, kind) else None

    return make_preset(
        str(item.get("name", "")),
        system=typed("system", str) or "",
        model=typed("model", str),
        thinking=typed("thinking", bool),
        effort=typed("effort", str),
        parameters=typed("parameters", dict),
        default=item.get("default") is True,
    )


def presets_path() -> Path:
    return paths.config_dir() / FILE_NAME


@dataclass(frozen=True, slots=True)
class Loaded:
    presets: tuple[Preset, ...]
    notice: str | None = None


def load_presets(path: Path | None = None) -> Loaded:
    """The saved presets; a broken file is set aside and named in ``notice``."""
    path = path or presets_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Loaded(())
    except OSError as exc:
        return Loaded((), notice(PRESETS_UNREADABLE, error=str(exc)))
    try:
        data = untrusted.loads(raw)
        items = data.get("presets") if isinstance(data, dict) else None
        if not isinstance(items, list):
            raise ValueError("no list of presets")
        presets = tuple(_from_json(item) for item in items if isinstance(item, dict))
    except ValueError as exc:
        broken = path.with_name(path.name + ".broken")
        try:
            os.replace(path, broken)
        except OSError:
            return Loaded((), notice(PRESETS_DAMAGED_KEPT, path=str(path), error=str(exc)))
        return Loaded((), notice(PRESETS_DAMAGED_MOVED, error=str(exc), moved=str(broken)))
    return Loaded(presets)


#: What ``load_presets`` tells the user of a file it could not use (the window translates).
PRESETS_UNREADABLE = QT_TRANSLATE_NOOP("Notice", "The presets could not be read ({error}).")
PRESETS_DAMAGED_KEPT = QT_TRANSLATE_NOOP(
    "Notice", "The presets file {path} is damaged ({error}); it was left as is."
)
PRESETS_DAMAGED_MOVED = QT_TRANSLATE_NOOP(
    "Notice", "The presets file was damaged ({error}) and was moved to {moved}."
)


def save_presets(presets: tuple[Preset, ...] | list[Preset], path: Path | None = None) -> None:
    path = path or presets_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"presets": [p.to_json() for p in presets]}, ensure_ascii=False, indent=2)
    paths.write_atomic(path, text + "\n")


def find(presets: tuple[Preset, ...] | list[Preset], name: str) -> Preset | None:
    wanted = " ".join(name.split()).casefold()
    return next((p for p in presets if p.name.casefold() == wanted), None)


def default_preset(presets: tuple[Preset, ...] | list[Preset]) -> Preset | None:
    return next((p for p in presets if p.default), None)


def put(presets: tuple[Preset, ...] | list[Preset], preset: Preset) -> tuple[Preset, ...]:
    """``presets`` with ``preset`` added or replacing the one of its name; a default preset
    takes the mark from any other (there is at most one)."""
    kept = [p for p in presets if p.name.casefold() != preset.name.casefold()]
    if preset.default:
        kept = [replace(p, default=False) for p in kept]
    return (*kept, preset)


def remove(presets: tuple[Preset, ...] | list[Preset], name: str) -> tuple[Preset, ...]:
    found = find(presets, name)
    return tuple(p for p in presets if p is not found)


__all__ = [
    "Loaded",
    "Preset",
    "PresetError",
    "default_preset",
    "find",
    "load_presets",
    "make_preset",
    "presets_path",
    "put",
    "remove",
    "save_presets",
]
