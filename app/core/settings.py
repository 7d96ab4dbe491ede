"""Non-secret settings, declared once as data.

Each ``SettingSpec`` names a setting, its default, how a string from the command line becomes a
value, and how a value is validated. ``seekdesk config set``, the settings dialog and the loader
all go through the same declarations, so a value the dialog refuses is refused everywhere.
The API key is never a setting: it lives in the OS keyring (see ``secrets``).
"""

from __future__ import annotations

import enum
import json
import os
import tempfile
import threading
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import MISSING, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from app.core import catalog, paths, protocols, regions, untrusted

SETTINGS_FILE = "settings.json"
#: A settings file is a few hundred bytes; anything past this is not one (and is not read).
MAX_SETTINGS_BYTES = 1024 * 1024
#: Where a settings file that could not be used is kept when the user first saves over it.
BROKEN_SUFFIX = ".broken"


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


def _check_theme(value: Any) -> str:
    text = _text(value).strip().lower()
    if text not in THEMES:
        raise ValueError(f"Unknown theme {value!r}: use {', '.join(THEMES)}.")
    return text


def _check_ui(value: Any) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise ValueError("ui must be an object.")
    return dict(value)


class Editor(enum.StrEnum):
    """Where a setting is edited. The window's merge rule follows from it: when the settings
    dialog saves, the window takes what the dialog edits and keeps what it edits itself."""

    CLI = "cli"  # seekdesk config set
    DIALOG = "dialog"  # the settings dialog
    COMPOSER = "composer"  # the model picker, thinking toggle and effort box
    WINDOW = "window"  # window state (geometry, zoom…), saved as the user changes it


def _api_choices() -> tuple[str, ...]:
    return protocols.names()


def _effort_choices() -> tuple[str, ...]:
    return tuple(e.value for e in catalog.Effort)


def _region_choices() -> tuple[str, ...]:
    return tuple(r.id for r in regions.REGIONS)


@dataclass(frozen=True, slots=True)
class SettingSpec:
    """One setting's declaration; ``Settings`` holds one field per spec (see ``_setting``)."""

    name: str
    #: The value's type (str, bool, float, dict) and its default.
    type: type
    default: Any
    #: One line for ``seekdesk config set --help`` (English; the CLI is not translated).
    description: str
    #: The settings dialog's row label, marked for translation under ``Setting``.
    label: str
    check: Callable[[Any], Any]
    edited_in: frozenset[Editor]
    #: The values it may take, when they are a fixed list (computed: dialects may be added).
    choices: Callable[[], tuple[str, ...]] | None = None
    #: The label shown for a choice (marked for translation under ``Setting``).
    choice_label: Callable[[str], str] = str
    #: The dialog shows the choices as radio buttons rather than a drop-down list.
    radio: bool = False
    #: The dialog's section ("Connection", "Appearance"), marked for translation.
    section: str = ""

    @property
    def cli(self) -> bool:
        """Settable with ``seekdesk config set`` (structured settings are edited elsewhere)."""
        return Editor.CLI in self.edited_in


def _setting(
    default: Any,
    description: str,
    label: str,
    check: Callable[[Any], Any],
    *edited_in: Editor,
    choices: Callable[[], tuple[str, ...]] | None = None,
    choice_label: Callable[[str], str] = str,
    radio: bool = False,
    section: str = "",
) -> Any:
    """A ``Settings`` field carrying its declaration (name and type come from the field)."""
    meta = {
        "description": description,
        "label": label,
        "check": check,
        "edited_in": frozenset(edited_in),
        "choices": choices,
        "choice_label": choice_label,
        "radio": radio,
        "section": section,
    }
    if isinstance(default, dict):
        return field(default_factory=lambda: dict(default), metadata=meta)
    return field(default=default, metadata=meta)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks a label for translation under ``context``; the dialog translates it when shown."""
    del context
    return text


_CLI, _DIALOG = Editor.CLI, Editor.DIALOG
THEMES = ("system", "light", "dark")
_THEME_LABELS = {
    "system": QT_TRANSLATE_NOOP("Setting", "As the system"),
    "light": QT_TRANSLATE_NOOP("Setting", "Light"),
    "dark": QT_TRANSLATE_NOOP("Setting", "Dark"),
}
_CONNECTION = QT_TRANSLATE_NOOP("Setting", "Connection")
_APPEARANCE = QT_TRANSLATE_NOOP("Setting", "Appearance")


def _region_label(region_id: str) -> str:
    return regions.get_region(region_id).name


def _api_label(name: str) -> str:
    return protocols.get(name).label


def _theme_label(theme: str) -> str:
    return _THEME_LABELS.get(theme, theme)


@dataclass(frozen=True, slots=True)
class Settings:
    """Every non-secret setting, each field declared once with ``_setting``: its default, its
    help line, its dialog label, its check, where it is edited and its choices. ``SPECS``,
    ``config set/show``, the dialog's rows and ``merge`` are derived from these fields."""

    region: str = _setting(
        regions.DEFAULT_REGION,
        "Model Studio region (id or city alias)",
        QT_TRANSLATE_NOOP("Setting", "&Region:"),
        _check_region,
        _CLI,
        _DIALOG,
        choices=_region_choices,
        choice_label=_region_label,
        section=_CONNECTION,
    )
    workspace: str = _setting(
        "",
        "Workspace ID (Singapore, Frankfurt, Tokyo; optional in Beijing)",
        QT_TRANSLATE_NOOP("Setting", "&Workspace ID:"),
        _check_workspace,
        _CLI,
        _DIALOG,
        section=_CONNECTION,
    )
    api: str = _setting(
        protocols.default().name,
        "API dialect",
        QT_TRANSLATE_NOOP("Setting", "API:"),
        _check_api,
        _CLI,
        _DIALOG,
        choices=_api_choices,
        choice_label=_api_label,
        radio=True,
        section=_CONNECTION,
    )
    model: str = _setting(
        catalog.DEFAULT_MODEL,
        "Model name",
        QT_TRANSLATE_NOOP("Setting", "Model:"),
        _check_model,
        _CLI,
        Editor.COMPOSER,
    )
    thinking: bool = _setting(
        True,
        "Think before answering (hybrid models): on/off",
        QT_TRANSLATE_NOOP("Setting", "Thinking"),
        _check_thinking,
        _CLI,
        Editor.COMPOSER,
    )
    effort: str = _setting(
        catalog.DEFAULT_EFFORT.value,
        "Reasoning effort",
        QT_TRANSLATE_NOOP("Setting", "Effort:"),
        _check_effort,
        _CLI,
        Editor.COMPOSER,
        choices=_effort_choices,
    )
    read_timeout: float = _setting(
        300.0,
        "Seconds to wait for the next byte of an answer",
        QT_TRANSLATE_NOOP("Setting", "Read timeout:"),
        _check_timeout,
        _CLI,
    )
    theme: str = _setting(
        "system",
        "Window colours",
        QT_TRANSLATE_NOOP("Setting", "&Theme:"),
        _check_theme,
        _CLI,
        _DIALOG,
        choices=lambda: THEMES,
        choice_label=_theme_label,
        section=_APPEARANCE,
    )
    #: Edited by hand in the file for now; every front end reads it.
    parameters: Mapping[str, float | int] = _setting(
        {}, "Sampling parameters", "", _check_parameters
    )
    ui: Mapping[str, Any] = _setting({}, "Window preferences", "", _check_ui, Editor.WINDOW)

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


def _spec(f: Any, types: Mapping[str, Any]) -> SettingSpec:
    default = f.default_factory() if f.default_factory is not MISSING else f.default
    kind = types[f.name]
    return SettingSpec(f.name, getattr(kind, "__origin__", kind), default, **dict(f.metadata))


SPECS: tuple[SettingSpec, ...] = tuple(
    _spec(f, typing.get_type_hints(Settings)) for f in fields(Settings)
)
SPEC_BY_NAME = {s.name: s for s in SPECS}


def specs_edited_in(editor: Editor) -> tuple[SettingSpec, ...]:
    return tuple(s for s in SPECS if editor in s.edited_in)


def merge(current: Settings, edited: Settings, editor: Editor) -> Settings:
    """``current`` with the settings ``editor`` edits taken from ``edited``: what the window
    does when the dialog saves (the window keeps its model, thinking, effort, window state)."""
    return replace(current, **{s.name: getattr(edited, s.name) for s in specs_edited_in(editor)})


@dataclass(frozen=True, slots=True)
class LoadedSettings:
    settings: Settings
    #: Set when the file was unreadable or had invalid values: what happened, for the user.
    notice: str | None = None


def settings_path() -> Path:
    return paths.config_dir() / SETTINGS_FILE


def _read_raw(path: Path) -> Any:
    """The file's JSON value (untrusted: size and nesting bounded); OSError or ValueError."""
    if path.stat().st_size > MAX_SETTINGS_BYTES:
        raise ValueError(f"it is larger than {MAX_SETTINGS_BYTES // 1024} KB")
    return untrusted.loads(path.read_bytes(), max_depth=16)


def load_settings(path: Path | None = None) -> LoadedSettings:
    """Read settings; a missing file gives defaults, a broken one gives defaults and a notice.

    Nothing here writes: a file that cannot be used stays as it is until the user saves, and
    then ``save_settings`` keeps it aside (``settings.json.broken``) rather than losing it.
    """
    path = path or settings_path()
    kept = f"It is left as it is; when you save settings it is kept as {path}{BROKEN_SUFFIX}."
    try:
        raw = _read_raw(path)
    except FileNotFoundError:
        return LoadedSettings(Settings())
    except (OSError, ValueError) as exc:
        return LoadedSettings(
            Settings(), f"Settings file {path} could not be read ({exc}); using defaults. {kept}"
        )
    if not isinstance(raw, dict):
        return LoadedSettings(
            Settings(), f"Settings file {path} is not a JSON object; using defaults. {kept}"
        )
    settings = Settings()
    problems: list[str] = []
    for name, value in raw.items():
        if name not in SPEC_BY_NAME:
            continue  # a newer version's setting: ignore, keep the file as it is
        try:
            settings = settings.with_value(name, value)
        except (ValueError, TypeError, OverflowError, regions.ConfigError) as exc:
            problems.append(f"{name}: {exc}")
    settings = _legacy_theme(raw, settings)
    notice = None
    if problems:
        notice = (
            f"Some settings in {path} were invalid and reset to defaults: "
            + "; ".join(problems)
            + f". {kept}"
        )
    return LoadedSettings(settings, notice)


def _legacy_theme(raw: Mapping[str, Any], settings: Settings) -> Settings:
    """Honour ``ui.theme``, where earlier versions documented the theme, until ``theme`` is set."""
    ui = raw.get("ui")
    if "theme" in raw or not isinstance(ui, Mapping) or "theme" not in ui:
        return settings
    try:
        return settings.with_value("theme", ui["theme"])
    except (ValueError, TypeError):
        return settings


def save_settings(
    settings: Settings, path: Path | None = None, only: Iterable[str] | None = None
) -> None:
    """Write atomically (temp file in the same directory, fsync, rename): never half a file.
    The one place the settings file is written (the CLI, the dialog and the window call it).

    With ``only``, just those settings are taken from ``settings`` and the others are kept as
    the file has them, so an editor never writes back stale values of settings it does not
    edit (``seekdesk config set`` while the window is open, say).

    Keys this version does not know (a newer SeekDesk's) are carried over from the file. A file
    that could not be used (not JSON, or with invalid values) is first kept aside as
    ``settings.json.broken``, so a save never destroys what the user wrote by hand.
    """
    path = path or settings_path()
    with _WRITING:
        if only is not None:
            on_disk = load_settings(path).settings
            settings = replace(on_disk, **{name: getattr(settings, name) for name in only})
        _write(settings, path)


#: One writer at a time within the process (the window writes from worker threads).
_WRITING = threading.Lock()


def _write(settings: Settings, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    unknown: dict[str, Any] = {}
    if path.is_file():
        try:
            raw = _read_raw(path)
        except (OSError, ValueError):
            raw = None
        if isinstance(raw, dict):
            unknown = {k: v for k, v in raw.items() if k not in SPEC_BY_NAME}
        if raw is None or not isinstance(raw, dict) or load_settings(path).notice:
            os.replace(path, path.with_name(path.name + BROKEN_SUFFIX))
    data = json.dumps(
        {**unknown, **settings.to_json()}, indent=2, ensure_ascii=False, sort_keys=True
    )
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
