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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="seekdesk",
        description="SeekDesk: chat with DeepSeek and Qwen models on Alibaba Cloud Model Studio. "
        "Run without arguments to open the window.",
    )
    parser.add_argument("--version", action="version", version=f"seekdesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"app.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"app.cli.{name}":
                raise
            continue  # a command not built yet
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(func(args))
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
