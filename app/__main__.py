"""``seekdesk`` with no arguments opens the window; ``seekdesk ask|history|config|key …`` is CLI."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        from app.ui.app import run  # Qt is imported only when the window is wanted

        return run()
    from app.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
