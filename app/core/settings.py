"""Non-secret settings, each declared once: the ``Settings`` dataclass's field *is* the
declaration (``_setting(default, help line, dialog label, check, *where edited, choices…)``).

Everything else is derived from those fields: ``SPECS`` (name, type, default, label, choices,
editors), ``Settings.with_value`` (the check), ``seekdesk config set/show`` (the settings edited
in the CLI, with their help lines and choices), the settings dialog's rows (the settings edited
in the dialog, built by ``app.ui.settings.setting_rows``), the window's merge rule when the
dialog saves (``merge``: take what the dialog edits, keep the rest) and the loader. The file is
written in one place, ``save_settings`` (atomic; ``only=`` writes just the settings an editor
owns, keeping the others as the file has them). Checks, choices and labels live in
``setting_values``. The API key is never a setting: it lives in the OS keyring (``secrets``).

To add a setting: one field here (and its check in ``setting_values`` if none fits); it is then
validated, loaded, saved, shown by ``config show``, settable where declared and, if declared for
the dialog, offered there.
"""

from __future__ import annotations

import enum
import json
import os
import threading
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import MISSING, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from app.core import catalog, limits, paths, protocols, regions, untrusted
from app.core import setting_values as values
from app.core.sentences import Sentence, notice
from app.core.setting_values import QT_TRANSLATE_NOOP

SETTINGS_FILE = "settings.json"
#: A settings file is a few hundred bytes; anything past this is not one (and is not read).
MAX_SETTINGS_BYTES = 1024 * 1024
#: Where a settings file that could not be used is kept when the user first saves over it.
BROKEN_SUFFIX = ".broken"


class Editor(enum.StrEnum):
    """Where a setting is edited. The window's merge rule follows from it: when the settings
    dialog saves, the window takes what the dialog edits and keeps what it edits itself."""

    CLI = "cli"  # seekdesk config set
    DIALOG = "dialog"  # the settings dialog
    COMPOSER = "composer"  # the model picker, thinking toggle and effort box
    WINDOW = "window"  # window state (geometry, zoom…), saved as the user changes it


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


_CLI, _DIALOG = Editor.CLI, Editor.DIALOG


@dataclass(frozen=True, slots=True)
class Settings:
    """Every non-secret setting, each field declared once with ``_setting``: its default, its
    help line, its dialog label, its check, where it is edited and its choices. ``SPECS``,
    ``config set/show``, the dialog's rows and ``merge`` are derived from these fields."""

    region: str = _setting(
        regions.DEFAULT_REGION,
        "Model Studio region (id or city alias)",
        QT_TRANSLATE_NOOP("Setting", "&Region:"),
        values.check_region,
        _CLI,
        _DIALOG,
        choices=values.region_choices,
        choice_label=values.region_label,
        section=values.CONNECTION,
    )
    workspace: str = _setting(
        "",
        "Workspace ID (Singapore, Frankfurt, Tokyo; optional in Beijing)",
        QT_TRANSLATE_NOOP("Setting", "&Workspace ID:"),
        values.check_workspace,
        _CLI,
        _DIALOG,
        section=values.CONNECTION,
    )
    api: str = _setting(
        protocols.default_name(),  # (names only: the parsers load on first use)
        "API dialect",
        QT_TRANSLATE_NOOP("Setting", "API:"),
        values.check_api,
        _CLI,
        _DIALOG,
        choices=values.api_choices,
        choice_label=values.api_label,
        radio=True,
        section=values.CONNECTION,
    )
    model: str = _setting(
        catalog.DEFAULT_MODEL,
        "Model name",
        QT_TRANSLATE_NOOP("Setting", "Model:"),
        values.check_model,
        _CLI,
        Editor.COMPOSER,
    )
    thinking: bool = _setting(
        True,
        "Think before answering (hybrid models): on/off",
        QT_TRANSLATE_NOOP("Setting", "Thinking"),
        values.check_thinking,
        _CLI,
        Editor.COMPOSER,
    )
    effort: str = _setting(
        catalog.DEFAULT_EFFORT.value,
        "Reasoning effort",
        QT_TRANSLATE_NOOP("Setting", "Effort:"),
        values.check_effort,
        _CLI,
        Editor.COMPOSER,
        choices=values.effort_choices,
    )
    read_timeout: float = _setting(
        300.0,
        "Seconds to wait for the next byte of an answer",
        QT_TRANSLATE_NOOP("Setting", "Read timeout:"),
        values.check_timeout,
        _CLI,
    )
    #: A reply still streaming after this long ends as ``length`` (see ``limits``).
    max_minutes: float = _setting(
        limits.DEFAULT_MAX_REPLY_SECONDS / 60,
        "Longest reply in minutes; an answer still streaming then ends as cut off",
        "",
        limits.check_reply_minutes,
        _CLI,
    )
    theme: str = _setting(
        "system",
        "Window colours",
        QT_TRANSLATE_NOOP("Setting", "&Theme:"),
        values.check_theme,
        _CLI,
        _DIALOG,
        choices=lambda: values.THEMES,
        choice_label=values.theme_label,
        section=values.APPEARANCE,
    )
    #: Edited by hand in the file for now; every front end reads it.
    parameters: Mapping[str, float | int] = _setting(
        {}, "Sampling parameters", "", values.check_parameters
    )
    ui: Mapping[str, Any] = _setting({}, "Window preferences", "", values.check_ui, Editor.WINDOW)

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


_TYPES = typing.get_type_hints(Settings)  # once: it evaluates every annotation (a start-up cost)
SPECS: tuple[SettingSpec, ...] = tuple(_spec(f, _TYPES) for f in fields(Settings))
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
    where = {"path": str(path), "kept": f"{path}{BROKEN_SUFFIX}"}
    try:
        raw = _read_raw(path)
    except FileNotFoundError:
        return LoadedSettings(Settings())
    except (OSError, ValueError) as exc:
        return LoadedSettings(Settings(), notice(SETTINGS_UNREADABLE, error=str(exc), **where))
    if not isinstance(raw, dict):
        return LoadedSettings(Settings(), notice(SETTINGS_NOT_AN_OBJECT, **where))
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
    told: Sentence | None = None
    if problems:
        told = notice(SETTINGS_INVALID, problems="; ".join(problems), **where)
    return LoadedSettings(settings, told)


#: What ``load_settings`` tells the user about a file it could not use (``{path}``), kept as
#: ``{kept}`` when settings are next saved; the window says them in its language.
SETTINGS_UNREADABLE = QT_TRANSLATE_NOOP(
    "Notice",
    "Settings file {path} could not be read ({error}); using defaults. It is left as it is; "
    "when you save settings it is kept as {kept}.",
)
SETTINGS_NOT_AN_OBJECT = QT_TRANSLATE_NOOP(
    "Notice",
    "Settings file {path} is not a JSON object; using defaults. It is left as it is; when you "
    "save settings it is kept as {kept}.",
)
SETTINGS_INVALID = QT_TRANSLATE_NOOP(
    "Notice",
    "Some settings in {path} were invalid and reset to defaults: {problems}. It is left as it "
    "is; when you save settings it is kept as {kept}.",
)


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
    paths.write_atomic(path, data + "\n")
