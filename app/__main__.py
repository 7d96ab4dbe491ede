"""``seekdesk`` with no arguments opens the window; ``seekdesk ask|history|config|key …`` is CLI;
``seekdesk --self-test [--base-url URL]`` checks an installation end to end (``app.selftest``).

This is also the frozen program's entry script (PyInstaller runs it as ``__main__``), so the
same three routes exist in a bundle. Before Qt is loaded for the window, ``display_check``
makes sure Qt can start its platform plugin: Qt's own reaction to a missing display or system
library is ``abort()`` (a core dump), ours is one sentence and exit status 1.
"""

from __future__ import annotations

import sys

EXIT_CANNOT_START = 1


def open_window() -> int:
    from app.display_check import import_problem, window_problem

    problem = window_problem()
    if problem is not None:
        print(problem, file=sys.stderr)
        return EXIT_CANNOT_START
    try:
        from app.ui.app import run  # Qt is imported only when the window is wanted
    except ImportError as exc:
        if "PySide6" not in str(exc) and ".so" not in str(exc) and ".dll" not in str(exc):
            raise
        print(import_problem(exc), file=sys.stderr)
        return EXIT_CANNOT_START
    return run()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        return open_window()
    if args[0] == "--self-test":
        from app.selftest import main as self_test

        return self_test(args[1:])
    from app.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
