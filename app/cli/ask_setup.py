"""``ask --system TEXT``, ``ask --preset NAME`` and ``ask --temperature X …``: what the question
is asked with, beyond the model.

Precedence, per value: a flag on this command line, then the preset (``--preset NAME``, or for a
new conversation the preset marked default), then the saved settings, then the defaults. The
system prompt is saved with the conversation (``--continue`` keeps the stored one unless
``--system`` gives another) and sent first, in both APIs. Sampling parameters are checked
against the model by the catalog: one the model does not accept, or out of range, is a usage
error with the reason, and nothing is sent.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from app.cli.ask_config import AskConfig, UsageError
from app.cli.preset import add_parameter_flags, parameters_given
from app.core import catalog, presets

if TYPE_CHECKING:
    from app.core.history import HistoryStore


def add_arguments(group: Any) -> None:
    group.add_argument("--system", metavar="TEXT", help="system prompt (sent first)")
    group.add_argument("--preset", metavar="NAME", help="a preset: seekdesk preset list")
    add_parameter_flags(group)


def chosen_preset(args: argparse.Namespace, notes: list[str]) -> presets.Preset | None:
    """The preset named by ``--preset``, or the default one for a new conversation."""
    loaded = presets.load_presets()
    if loaded.notice:
        notes.append(loaded.notice)
    name = getattr(args, "preset", None)
    if name:
        found = presets.find(loaded.presets, name)
        if found is None:
            raise UsageError(f"There is no preset named {name!r} (seekdesk preset list).")
        return found
    if getattr(args, "continue_id", None) is None:
        return presets.default_preset(loaded.presets)
    return None


def apply_preset(args: argparse.Namespace, preset: presets.Preset | None) -> None:
    """Fill the flags left out from the preset (before the settings are merged in)."""
    if preset is None:
        return
    if args.model is None and preset.model:
        args.model = preset.model
    if args.thinking is None and preset.thinking is not None:
        args.thinking = preset.thinking
    if args.effort is None and preset.effort:
        args.effort = preset.effort


def finish(
    config: AskConfig, args: argparse.Namespace, preset: presets.Preset | None
) -> AskConfig:
    """The parameters (settings < preset < flags, each checked for the model) and the system
    prompt (flag < preset; None keeps a continued conversation's own)."""
    request = config.request
    model = catalog.lookup(request.model)
    given = parameters_given(args)
    merged: dict[str, float | int] = dict(request.parameters)
    if preset is not None:
        merged.update(preset.parameters)
    merged.update(given)
    checked: dict[str, float | int] = {}
    for name, value in merged.items():
        try:
            checked[name] = catalog.validate_parameter(model, name, value)
        except ValueError as exc:
            if name in given:  # asked for here: refused, nothing sent
                raise UsageError(f"{exc} Nothing was sent.") from None
            # (a saved or preset value the model does not take is left out, as the core does)
    system = args.system if getattr(args, "system", None) is not None else None
    if system is None and preset is not None and preset.system:
        system = preset.system
    own = {**(preset.parameters if preset is not None else {}), **given}
    return replace(
        config,
        request=replace(request, parameters=checked),
        system=system,
        conversation_parameters={k: v for k, v in checked.items() if k in own} or None,
        preset=preset.name if preset is not None else None,
    )


def with_conversation(
    config: AskConfig, args: argparse.Namespace, store: HistoryStore, conversation_id: int
) -> AskConfig:
    """A continued conversation's own parameters (saved with it, from the window's panel or
    the flags of the ask that began it) over the settings, the flags of this ask over them."""
    from app.core.history.setup import setup_of  # the history only when continuing

    stored = setup_of(store, conversation_id).parameters
    if not stored:
        return config
    request = config.request
    model = catalog.lookup(request.model)
    merged = dict(request.parameters)
    for name, value in stored.items():
        try:
            merged[name] = catalog.validate_parameter(model, name, value)
        except ValueError:
            continue  # the conversation's value does not fit this model: not sent
    merged.update(parameters_given(args))
    return replace(config, request=replace(request, parameters=merged))


__all__ = ["add_arguments", "apply_preset", "chosen_preset", "finish", "with_conversation"]
