#!/usr/bin/env bash
# Runs the whole test suite the way CI does: inside a private D-Bus session (dbus-run-session)
# with its own unlocked gnome-keyring Secret Service, so tests never touch your real keyring.
# Qt runs offscreen. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
# The environment `bash packaging/setup.sh test` made, when there is one.
if [[ -x .venv/bin/python ]]; then
  export PATH="$PWD/.venv/bin:$PATH"
fi
if [ -z "${SEEKDESK_TEST_BUS:-}" ]; then
  export SEEKDESK_TEST_BUS=1
  exec dbus-run-session -- bash "$0" "$@"
fi
if command -v gnome-keyring-daemon >/dev/null 2>&1; then
  # A throwaway keyring directory and password: the "login" collection is created unlocked.
  XDG_DATA_HOME=$(mktemp -d)
  export XDG_DATA_HOME
  eval "$(printf 'seekdesk-tests' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
  export SEEKDESK_TEST_SECRET_SERVICE=1
fi
export QT_QPA_PLATFORM=offscreen
# English everywhere the tests expect it, whatever the developer's own locale (a zh_CN
# translation ships, and QLocale::system() would pick it up).
export LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=
python3 -m ruff check app tests
# Types (pyproject's [tool.mypy]): app/core and app/cli at --strict, app/ui at the standard level.
python3 -m mypy
exec python3 -m pytest "$@"
