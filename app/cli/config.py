"""``seekdesk config show|set`` and ``seekdesk key set|status|delete``.

Settings go through ``settings.SPECS`` (the same checks as the settings dialog); keys go
through ``secrets`` (the OS keyring, never a file). Exit codes follow ``app.cli``: 0 done,
1 the keyring or the disk failed, 2 bad usage or configuration. No output ever shows more than
the last 4 characters of a key.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

from app.core import catalog, regions, secrets, settings

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


def _err(message: str) -> None:
    print(f"seekdesk: {message}", file=sys.stderr)


def _load() -> settings.Settings:
    loaded = settings.load_settings()
    if loaded.notice:
        _err(loaded.notice)
    return loaded.settings


def _format(value: Any) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


# --- config -----------------------------------------------------------------------------


def _describe(spec: settings.SettingSpec) -> str:
    """A setting's help line, with its choices when it has a fixed list."""
    if spec.choices is None:
        return spec.description
    return f"{spec.description}: {', '.join(spec.choices())}"


def _config_show(args: argparse.Namespace) -> int:
    current = _load()
    values = current.to_json()
    if args.json:
        print(json.dumps(values, indent=2, ensure_ascii=False, sort_keys=True))
        return EXIT_OK
    width = max(len(spec.name) for spec in settings.SPECS)
    for spec in settings.SPECS:
        print(f"{spec.name:<{width}}  {_format(values[spec.name])}")
    region = regions.get_region(current.region)
    if region.needs_workspace and not current.workspace:
        _err(f"{region.name} needs a workspace ID: seekdesk config set workspace ws-…")
    print(f"# file: {settings.settings_path()}")
    return EXIT_OK


def _set_parameter(name: str, value: str) -> int:
    """A default sampling parameter (``config set temperature 0.7``; ``default`` removes it):
    kept in the ``parameters`` setting, sent only to models that accept it (the catalog)."""
    current = _load()
    parameters: dict[str, object] = dict(current.parameters)
    if value.strip().lower() in ("default", "unset", "none"):
        parameters.pop(name, None)
    else:
        parameters[name] = value  # typed and range-checked by the setting's declaration
    try:
        updated = current.with_value("parameters", parameters)
        settings.save_settings(updated, only=["parameters"])
    except (ValueError, TypeError) as exc:
        _err(f"invalid {name}: {exc}")
        return EXIT_USAGE
    except OSError as exc:
        _err(f"could not save the settings: {exc}")
        return EXIT_FAILURE
    shown = updated.parameters.get(name, "the model's default")
    print(f"{name} = {shown}")
    return EXIT_OK


def _config_set(args: argparse.Namespace) -> int:
    parameter = args.name.replace("-", "_")
    if parameter in catalog.PARAMETER_TYPES:
        return _set_parameter(parameter, args.value)
    spec = settings.SPEC_BY_NAME.get(args.name)
    if spec is None or not spec.cli:
        names = ", ".join(s.name for s in settings.SPECS if s.cli)
        names += ", " + ", ".join(catalog.PARAMETER_TYPES)
        _err(f"unknown setting {args.name!r}; settable: {names}.")
        return EXIT_USAGE
    current = _load()
    try:
        updated = current.with_value(spec.name, args.value)
    except (ValueError, TypeError) as exc:  # ConfigError is a ValueError
        _err(f"invalid {spec.name}: {exc}")
        return EXIT_USAGE
    try:
        settings.save_settings(updated, only=[spec.name])
    except OSError as exc:
        _err(f"could not save the settings: {exc}")
        return EXIT_FAILURE
    value = getattr(updated, spec.name)
    print(f"{spec.name} = {_format(value)}")
    region = regions.get_region(updated.region)
    if spec.name == "workspace" and value:
        warning = regions.workspace_warning(value)
        if warning:
            _err(warning)
        if not region.workspace_host:
            _err(f"{region.name} does not use a workspace ID; it is kept but not used there.")
    if spec.name == "region" and region.needs_workspace and not updated.workspace:
        _err(
            f"{region.name} needs a workspace ID: copy it from the Model Studio console and run "
            "'seekdesk config set workspace ws-…'."
        )
    return EXIT_OK


# --- key --------------------------------------------------------------------------------


def _region(args: argparse.Namespace) -> regions.Region:
    """--region, or the saved region (raises ConfigError for an unknown name)."""
    name = args.region or _load().region
    return regions.get_region(name)


def _read_key(region: regions.Region) -> str:
    """From a terminal without echo; otherwise everything on stdin (a pipe or a file)."""
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(f"API key for {region.name} (input hidden): ")
    return sys.stdin.read() if sys.stdin is not None else ""


def _key_set(args: argparse.Namespace) -> int:
    try:
        region = _region(args)
    except regions.ConfigError as exc:
        _err(str(exc))
        return EXIT_USAGE
    status = secrets.keyring_status()
    if not status.usable:
        _err(status.reason or "no usable keyring is available.")
        return EXIT_FAILURE
    try:
        raw = _read_key(region)
    except EOFError:
        raw = ""
    try:
        key = secrets.clean_key(raw)
    except secrets.InvalidKey as exc:
        _err(f"{exc} Nothing was stored.")
        return EXIT_USAGE
    try:
        secrets.store_key(region.id, key)
    except secrets.KeyringFailure as exc:
        _err(str(exc))
        return EXIT_FAILURE
    print(f"Stored the API key {secrets.mask(key)} for {region.name} ({region.id}) in the keyring.")
    if secrets.environment_key_set():
        _err(
            f"note: {secrets.ENV_VAR} is set in this environment and takes precedence over the "
            "stored key."
        )
    return EXIT_OK


def _key_status(args: argparse.Namespace) -> int:
    try:
        region = _region(args)
        resolved = secrets.resolve_key(region.id)
    except secrets.KeyringFailure as exc:
        _err(str(exc))
        return EXIT_FAILURE
    except regions.ConfigError as exc:  # unknown region, or a DASHSCOPE_API_KEY that is no key
        _err(str(exc))
        return EXIT_USAGE
    status = secrets.keyring_status()
    # Which keyring answered (or that none did): a frozen build that lost keyring's backends
    # shows it here, and a user sees where `key set` would store the key.
    keyring_line = (
        f"System keyring: {status.backend}."
        if status.usable
        else ("System keyring: none usable (a key cannot be stored).")
    )
    if resolved is None:
        print(f"{region.name} ({region.id}): no API key.")
        print(keyring_line, file=sys.stderr)
        _err(secrets.missing_key_message(region.id))
        if not status.usable:
            _err(status.reason or "")
        return EXIT_USAGE
    print(
        f"{region.name} ({region.id}): key {secrets.mask(resolved.value)} from "
        f"{secrets.describe_source(resolved.source)}."
    )
    print(keyring_line, file=sys.stderr)  # a note: stdout stays the one answer line
    return EXIT_OK


def _key_delete(args: argparse.Namespace) -> int:
    try:
        region = _region(args)
        removed = secrets.delete_key(region.id)
    except secrets.KeyringFailure as exc:
        _err(str(exc))
        return EXIT_FAILURE
    except regions.ConfigError as exc:
        _err(str(exc))
        return EXIT_USAGE
    if removed:
        print(f"Deleted the stored API key for {region.name} ({region.id}).")
    else:
        print(f"No API key was stored for {region.name} ({region.id}).")
    if secrets.environment_key_set():
        _err(f"note: {secrets.ENV_VAR} is still set in this environment and provides a key.")
    return EXIT_OK


# --- registration -----------------------------------------------------------------------


def register(subparsers: Any) -> None:
    """Add ``config`` and ``key`` (both live here: they share loading and messages)."""
    config = subparsers.add_parser(
        "config",
        help="show or change settings (region, workspace, API, model…)",
        description="Show or change SeekDesk's settings. The API key is not a setting: "
        "see 'seekdesk key'.",
    )
    config_sub = config.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    show = config_sub.add_parser("show", help="print the current settings")
    show.add_argument("--json", action="store_true", help="print them as JSON")
    show.set_defaults(func=_config_show)
    settable = [s for s in settings.SPECS if s.cli]
    epilog = "settings:\n" + "\n".join(f"  {s.name:<13} {_describe(s)}" for s in settable)
    set_ = config_sub.add_parser(
        "set",
        help="change one setting (validated as in the settings dialog)",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    set_.add_argument("name", metavar="NAME", help="setting name (see below)")
    set_.add_argument("value", metavar="VALUE", help="new value ('' clears the workspace)")
    set_.set_defaults(func=_config_set)

    key = subparsers.add_parser(
        "key",
        help="store, check or delete the API key (kept in the OS keyring)",
        description="Manage the Model Studio API key of a region. Keys are kept in the OS "
        f"keyring, one per region; {secrets.ENV_VAR} in the environment overrides them.",
    )
    key_sub = key.add_subparsers(dest="key_command", metavar="ACTION", required=True)
    region_help = "region id or city (default: the saved region)"
    key_set = key_sub.add_parser("set", help="store a key read from stdin (hidden on a terminal)")
    key_set.add_argument("--region", help=region_help)
    key_set.set_defaults(func=_key_set)
    key_status = key_sub.add_parser(
        "status", help="where the key comes from, masked to its last 4 characters"
    )
    key_status.add_argument("--region", help=region_help)
    key_status.set_defaults(func=_key_status)
    key_delete = key_sub.add_parser("delete", help="delete the stored key")
    key_delete.add_argument("--region", help=region_help)
    key_delete.set_defaults(func=_key_delete)
