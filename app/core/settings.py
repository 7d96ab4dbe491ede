"""Non-secret settings, declared once as data.

Each ``SettingSpec`` names a setting, its default, how a string from the command line becomes a
value, and how a value is validated. ``seekdesk config set``, the settings dialog and the loader
all go through the same declarations, so a value the dialog refuses is refused everywhere.
The API key is never a setting: it lives in the OS keyring (see ``secrets``).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from app.core import catalog, paths, protocols, regions

SETTINGS_FILE = "settings.json"


def _parse_bool(text: str) -> bool:
    value = text.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{text!r} is not on or off.")


def _text(value: Any) -> str:
    """Text settings must be strings: ``str(None)`` would otherwise become a workspace "None"."""
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value


def _check_region(value: Any) -> str:
    return regions.get_region(_text(value)).id


def _check_workspace(value: Any) -> str:
    value = _text(value).strip()
    return regions.validate_workspace_id(value) if value else ""


def _check_api(value: Any) -> str:
    return protocols.get(_text(value)).name


def _check_model(value: Any) -> str:
    value = _text(value).strip()
    if not value or any(c.isspace() for c in value):
        raise ValueError(f"{value!r} is not a model name.")
    return value


def _check_thinking(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return _parse_bool(str(value))


def _check_effort(value: Any) -> str:
    return catalog.normalize_effort(str(value)).value


def _check_timeout(value: Any) -> float:
    number = float(value)
    if not 10 <= number <= 3600:
        raise ValueError("The read timeout must be between 10 and 3600 seconds.")
    return number


def _check_parameters(value: Any) -> dict[str, float | int]:
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


def _check_ui(value: Any) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise ValueError("ui must be an object.")
    return dict(value)


@dataclass(frozen=True, slots=True)
class SettingSpec:
    name: str
    description: str
    check: Callable[[Any], Any]
    #: Settable with ``seekdesk config set`` (structured settings are edited elsewhere).
    cli: bool = True


SPECS: tuple[SettingSpec, ...] = (
    SettingSpec("region", "Model Studio region (id or city)", _check_region),
    SettingSpec(
        "workspace",
        "Workspace ID (Singapore, Frankfurt, Tokyo; optional in Beijing)",
        _check_workspace,
    ),
    SettingSpec("api", "openai (OpenAI-compatible) or dashscope (native)", _check_api),
    SettingSpec("model", "Model name", _check_model),
    SettingSpec("thinking", "Think before answering (hybrid models): on/off", _check_thinking),
    SettingSpec("effort", "Reasoning effort: high or max", _check_effort),
    SettingSpec("read_timeout", "Seconds to wait for the next byte of an answer", _check_timeout),
    SettingSpec("parameters", "Sampling parameters", _check_parameters, cli=False),
    SettingSpec("ui", "Window preferences", _check_ui, cli=False),
)
SPEC_BY_NAME = {s.name: s for s in SPECS}


@dataclass(frozen=True, slots=True)
class Settings:
    region: str = regions.DEFAULT_REGION
    workspace: str = ""
    api: str = protocols.default().name
    model: str = catalog.DEFAULT_MODEL
    thinking: bool = True
    effort: str = catalog.DEFAULT_EFFORT.value
    read_timeout: float = 300.0
    parameters: Mapping[str, float | int] = field(default_factory=dict)
    ui: Mapping[str, Any] = field(default_factory=dict)

    def with_value(self, name: str, value: Any) -> Settings:
        """A copy with one setting changed, validated by its declaration (raises ValueError)."""
        spec = SPEC_BY_NAME.get(name)
        if spec is None:
            raise ValueError(f"Unknown setting {name!r}. Known: {', '.join(SPEC_BY_NAME)}.")
        return replace(self, **{name: spec.check(value)})

    def to_json(self) -> dict[str, Any]:
        return {
            f.name: (dict(v) if isinstance(v := getattr(self, f.name), Mapping) else v)
            for f in fields(self)
        }


@dataclass(frozen=True, slots=True)
class LoadedSettings:
    settings: Settings
    #: Set when the file was unreadable or had invalid values: what happened, for the user.
    notice: str | None = None


def settings_path() -> Path:
    return paths.config_dir() / SETTINGS_FILE


def load_settings(path: Path | None = None) -> LoadedSettings:
    """Read settings; a missing file gives defaults, a broken one gives defaults and a notice."""
    path = path or settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return LoadedSettings(Settings())
    except (OSError, ValueError) as exc:
        return LoadedSettings(
            Settings(), f"Settings file {path} could not be read ({exc}); using defaults."
        )
    if not isinstance(raw, dict):
        return LoadedSettings(
            Settings(), f"Settings file {path} is not a JSON object; using defaults."
        )
    settings = Settings()
    problems: list[str] = []
    for name, value in raw.items():
        if name not in SPEC_BY_NAME:
            continue  # a newer version's setting: ignore, keep the file as it is
        try:
            settings = settings.with_value(name, value)
        except (ValueError, TypeError, regions.ConfigError) as exc:
            problems.append(f"{name}: {exc}")
    notice = None
    if problems:
        notice = f"Some settings in {path} were invalid and reset to defaults: " + "; ".join(
            problems
        )
    return LoadedSettings(settings, notice)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write atomically (temp file in the same directory, fsync, rename): never half a file."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(settings.to_json(), indent=2, ensure_ascii=False, sort_keys=True)
    fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(data + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
