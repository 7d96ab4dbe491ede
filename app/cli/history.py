"""``seekdesk history …``: list, search, show, export, import, delete, backups, restore.

Every subcommand opens the same HistoryStore as the window, prints the store's notices (file
moved aside, read-only, backup taken) on stderr, and returns 0 on success or 2 when the user
asked for something that does not exist or cannot be done (nothing was changed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path

from app.cli import EXIT_OK, EXIT_USAGE
from app.cli.terminal import inert, wants_inert
from app.core.errors import failure_for
from app.core.history import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    HistoryError,
    HistoryReadOnlyError,
    HistoryStore,
)
from app.core.history.backup import BackupError
from app.core.history.exchange import (
    ImportFormatError,
    export_json,
    export_markdown,
    import_file,
)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "history",
        help="list, search, show, export and import saved conversations",
        description="Your conversations are kept locally in SQLite; these commands read and "
        "manage them.",
    )
    parser.set_defaults(func=lambda args: _usage(parser))
    sub = parser.add_subparsers(dest="history_command", metavar="ACTION")

    p = sub.add_parser("list", help="conversations, most recent first")
    p.add_argument("--limit", type=int, default=50, help="how many to show (default 50)")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    _add_safe(p)
    p.set_defaults(func=_list)

    p = sub.add_parser("search", help="find text in titles, prompts, answers and thinking")
    p.add_argument("query", nargs="+", help="words that must all appear (any language)")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    _add_safe(p)
    p.set_defaults(func=_search)

    p = sub.add_parser("show", help="print one conversation as Markdown")
    p.add_argument("id", type=int)
    _add_safe(p)
    p.set_defaults(func=_show)

    p = sub.add_parser("export", help="export one conversation or all, as Markdown or JSON")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("id", type=int, nargs="?", help="conversation to export")
    which.add_argument("--all", action="store_true", help="export every conversation")
    p.add_argument("--format", choices=("md", "json"), default="md")
    p.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    p.set_defaults(func=_export)

    p = sub.add_parser(
        "import", help="import a SeekDesk JSON export or a ChatGPT conversations.json"
    )
    p.add_argument("file", type=Path)
    p.set_defaults(func=_import)

    p = sub.add_parser("delete", help="delete a conversation")
    p.add_argument("id", type=int)
    p.set_defaults(func=_delete)

    p = sub.add_parser("backups", help="list the automatic backups of the history")
    p.set_defaults(func=_backups)

    p = sub.add_parser("restore", help="replace the history with a backup (current one is kept)")
    p.add_argument("file", type=Path)
    p.set_defaults(func=_restore)


def _add_safe(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--safe",
        action="store_true",
        help="show control characters in stored text as visible symbols even when piped "
        "(on a terminal they always are)",
    )


def _shown(args: argparse.Namespace, text: str) -> str:
    """Stored text (titles, snippets, answers) is the model's: inert on a terminal or --safe."""
    return inert(text) if wants_inert(sys.stdout, getattr(args, "safe", False)) else text


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_USAGE


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def _open() -> HistoryStore:
    store = HistoryStore.open()
    for notice in store.notices:
        _err(notice)
    return store


def _when(epoch: float) -> str:
    return dt.datetime.fromtimestamp(epoch).astimezone().strftime("%Y-%m-%d %H:%M")


def _marked(snippet: str) -> str:
    if sys.stdout.isatty():
        return snippet.replace(HIGHLIGHT_START, "\033[1m").replace(HIGHLIGHT_END, "\033[0m")
    return snippet.replace(HIGHLIGHT_START, "[").replace(HIGHLIGHT_END, "]")


def _guard(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Turn history errors into a sentence on stderr and exit status 2."""

    def run(args: argparse.Namespace) -> int:
        try:
            return int(func(args))
        except HistoryError as exc:  # what failed, then what to do (a full disk, a bug…)
            failure = failure_for(exc)
            _err(f"{failure.message} {failure.hint}")
            return EXIT_USAGE
        except (BackupError, ImportFormatError) as exc:
            _err(str(exc))
            return EXIT_USAGE

    return run


@_guard
def _list(args: argparse.Namespace) -> int:
    with _open() as store:
        conversations = store.list_conversations(limit=args.limit)
        if args.json:
            for c in conversations:
                row = {
                    "id": c.id,
                    "title": c.title,
                    "model": c.model,
                    "region": c.region,
                    "api": c.api,
                    "created_at": c.created_at,
                    "updated_at": c.updated_at,
                    "messages": store.count_messages(c.id),
                }
                print(_shown(args, json.dumps(row, ensure_ascii=False)))
            return EXIT_OK
        if not conversations:
            print("No conversations yet.")
        for c in conversations:
            count = store.count_messages(c.id)
            title = _shown(args, c.title or "Untitled")
            print(f"{c.id:>6}  {_when(c.updated_at)}  {count:>4} msgs  {title}")
    return EXIT_OK


@_guard
def _search(args: argparse.Namespace) -> int:
    query = " ".join(args.query)
    with _open() as store:
        hits = store.search(query, limit=args.limit)
    if args.json:
        for h in hits:
            row = {
                "conversation_id": h.conversation_id,
                "message_id": h.message_id,
                "title": h.title,
                "role": h.role,
                "snippet": h.snippet.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, ""),
            }
            print(_shown(args, json.dumps(row, ensure_ascii=False)))
        return EXIT_OK
    if not hits:
        print(_shown(args, f"Nothing found for {query!r}."))
    for h in hits:
        where = "title" if h.message_id is None else f"{h.role} #{h.message_id}"
        print(f"{h.conversation_id:>6}  {_shown(args, h.title or 'Untitled')}  ({where})")
        print(f"        {_marked(_shown(args, h.snippet))}")
    return EXIT_OK


@_guard
def _show(args: argparse.Namespace) -> int:
    with _open() as store:
        if store.get_conversation(args.id) is None:
            _err(f"There is no conversation {args.id}. 'seekdesk history list' shows them.")
            return EXIT_USAGE
        print(_shown(args, export_markdown(store, [args.id])), end="")
    return EXIT_OK


@_guard
def _export(args: argparse.Namespace) -> int:
    ids = None if args.all else [args.id]
    with _open() as store:
        try:
            if args.format == "json":
                text = json.dumps(export_json(store, ids), ensure_ascii=False, indent=2) + "\n"
            else:
                text = export_markdown(store, ids)
        except KeyError as exc:
            _err(f"There is no conversation {exc.args[0]}. 'seekdesk history list' shows them.")
            return EXIT_USAGE
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
        _err(f"Exported to {args.output}.")
    return EXIT_OK


@_guard
def _import(args: argparse.Namespace) -> int:
    with _open() as store:
        result = import_file(store, args.file)
    print(
        f"Imported {result.added} conversation(s) ({result.messages} messages); "
        f"{result.skipped} already present."
    )
    return EXIT_OK


@_guard
def _delete(args: argparse.Namespace) -> int:
    with _open() as store:
        conversation = store.get_conversation(args.id)
        if conversation is None or not store.delete_conversation(args.id):
            _err(f"There is no conversation {args.id}.")
            return EXIT_USAGE
    print(f"Deleted conversation {args.id} ({conversation.title or 'Untitled'}).")
    print("Its requests and tokens stay counted in 'seekdesk usage'.")
    return EXIT_OK


@_guard
def _backups(args: argparse.Namespace) -> int:
    with _open() as store:
        backups = store.backups()
        directory = store.backups_dir
    if not backups:
        print(f"No backups yet (they are kept in {directory}).")
    for b in backups:
        print(f"{_when(b.created_at)}  {b.size / 1024:>8.0f} KiB  {b.reason:<16}  {b.path}")
    return EXIT_OK


@_guard
def _restore(args: argparse.Namespace) -> int:
    with _open() as store:
        try:
            safety = store.restore(args.file)
        except HistoryReadOnlyError as exc:
            _err(str(exc))
            return EXIT_USAGE
    print(f"Restored the history from {args.file}. The previous history was saved to {safety}.")
    return EXIT_OK
