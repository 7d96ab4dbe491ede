"""The ``seekdesk`` command line: a thin front end on the same core as the window.

Each subcommand lives in its own module exposing ``register(subparsers)``; the parser it adds
sets ``func`` to a callable taking the parsed namespace and returning the exit status:
0 success, 1 API or network failure, 2 bad usage or configuration (nothing was sent).
"""

from __future__ import annotations

import argparse
import importlib
import sys

from app import __version__

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2

#: Modules under app.cli that contribute subcommands, in --help order.
COMMAND_MODULES = ("ask", "history", "config", "preset", "usage")
#: Which module registers each command (``config`` also registers ``key``).
COMMANDS = {"ask": "ask", "history": "history", "config": "config", "key": "config",
            "preset": "preset", "usage": "usage"}  # fmt: skip


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or (``command`` named) one holding only the module of that command.

    ``seekdesk ask`` is a process whose start-up counts in every scripted call: it need not
    import the history exporter, the usage report or the keyring front end of the others.
    A command's own parser, its help and its errors are the same either way.
    """
    parser = argparse.ArgumentParser(
        prog="seekdesk",
        description="SeekDesk: chat with DeepSeek and Qwen models on Alibaba Cloud Model Studio. "
        "Run without arguments to open the window.",
    )
    parser.add_argument("--version", action="version", version=f"seekdesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    names = (COMMANDS[command],) if command and command in COMMANDS else COMMAND_MODULES
    for name in names:
        try:
            module = importlib.import_module(f"app.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"app.cli.{name}":
                raise
            continue  # a command not built yet
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv[0] if argv else None)
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(func(args))
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
