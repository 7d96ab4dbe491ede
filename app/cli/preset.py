"""``seekdesk preset list|show NAME|delete NAME|set NAME [...]``: the presets ("assistants").

A preset names a system prompt with its model, thinking, effort and sampling parameters; ``ask
--preset NAME`` uses one, and the one marked ``--default`` is used for a new conversation when
no preset is named. The checks are the core's (``app.core.presets``): a parameter the model does
not take, or one out of range, is refused with the reason, and nothing is saved.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from typing import Any

from app.core import presets

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2

#: The sampling flags shared with ``seekdesk ask``: (flag, parameter, type).
PARAMETER_FLAGS: tuple[tuple[str, str, type], ...] = (
    ("--temperature", "temperature", float),
    ("--top-p", "top_p", float),
    ("--presence-penalty", "presence_penalty", float),
    ("--repetition-penalty", "repetition_penalty", float),
    ("--max-tokens", "max_tokens", int),
    ("--thinking-budget", "thinking_budget", int),
)


def add_parameter_flags(group: Any) -> None:
    """The ``--temperature X`` … flags (checked against the model by the catalog)."""
    for flag, name, kind in PARAMETER_FLAGS:
        group.add_argument(
            flag,
            dest=f"param_{name}",
            type=kind,
            metavar="N" if kind is int else "X",
            help=f"{name} for this model (refused if the model does not accept it)",
        )


def parameters_given(args: argparse.Namespace) -> dict[str, float | int]:
    return {
        name: value
        for _, name, _ in PARAMETER_FLAGS
        if (value := getattr(args, f"param_{name}", None)) is not None
    }


def _err(message: str) -> None:
    print(f"seekdesk preset: {message}", file=sys.stderr)


def _load() -> tuple[presets.Preset, ...]:
    loaded = presets.load_presets()
    if loaded.notice:
        _err(loaded.notice)
    return loaded.presets


def _list(args: argparse.Namespace) -> int:
    found = _load()
    if args.json:
        print(json.dumps([p.to_json() for p in found], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not found:
        print("No presets yet (seekdesk preset set NAME --system TEXT …).", file=sys.stderr)
    for preset in found:
        mark = " (default)" if preset.default else ""
        first = preset.system.strip().splitlines()[0][:60] if preset.system.strip() else ""
        print(f"{preset.name}{mark}\t{preset.model or '-'}\t{first}")
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    preset = presets.find(_load(), args.name)
    if preset is None:
        _err(f"There is no preset named {args.name!r} (seekdesk preset list).")
        return EXIT_USAGE
    print(json.dumps(preset.to_json(), ensure_ascii=False, indent=2))
    return EXIT_OK


def _delete(args: argparse.Namespace) -> int:
    current = _load()
    if presets.find(current, args.name) is None:
        _err(f"There is no preset named {args.name!r} (seekdesk preset list).")
        return EXIT_USAGE
    try:
        presets.save_presets(presets.remove(current, args.name))
    except OSError as exc:
        _err(f"The presets could not be saved: {exc}")
        return EXIT_FAILURE
    print(f"Deleted preset {args.name!r}.", file=sys.stderr)
    return EXIT_OK


def _set(args: argparse.Namespace) -> int:
    current = _load()
    old = presets.find(current, args.name)
    base = old or presets.Preset(args.name)
    try:
        preset = presets.make_preset(
            old.name if old else args.name,
            system=args.system if args.system is not None else base.system,
            model=args.model if args.model is not None else base.model,
            thinking=args.thinking if args.thinking is not None else base.thinking,
            effort=args.effort if args.effort is not None else base.effort,
            parameters={**base.parameters, **parameters_given(args)},
            default=args.default or base.default,
        )
    except presets.PresetError as exc:
        _err(f"{exc} Nothing was saved.")
        return EXIT_USAGE
    if args.no_default:
        preset = replace(preset, default=False)
    try:
        presets.save_presets(presets.put(current, preset))
    except OSError as exc:
        _err(f"The presets could not be saved: {exc}")
        return EXIT_FAILURE
    print(f"{'Updated' if old else 'Saved'} preset {preset.name!r}.", file=sys.stderr)
    return EXIT_OK


def register(sub: Any) -> None:
    parser = sub.add_parser("preset", help="presets: a system prompt with its model and settings")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    listing = verbs.add_parser("list", help="the presets, the default marked")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=_list)
    show = verbs.add_parser("show", help="one preset, as JSON")
    show.add_argument("name")
    show.set_defaults(func=_show)
    delete = verbs.add_parser("delete", help="delete a preset")
    delete.add_argument("name")
    delete.set_defaults(func=_delete)
    put = verbs.add_parser("set", help="create or change a preset (unnamed options are kept)")
    put.add_argument("name")
    put.add_argument("--system", metavar="TEXT", help="the system prompt")
    put.add_argument("--model", help="the model")
    put.add_argument("--thinking", action=argparse.BooleanOptionalAction, default=None)
    put.add_argument("--effort", type=str.lower, help="reasoning effort: high or max")
    add_parameter_flags(put)
    marks = put.add_mutually_exclusive_group()
    marks.add_argument("--default", action="store_true", help="use it for new conversations")
    marks.add_argument("--no-default", action="store_true", help="no longer the default")
    put.set_defaults(func=_set)


__all__ = ["PARAMETER_FLAGS", "add_parameter_flags", "parameters_given", "register"]
