#!/usr/bin/env bash
# From a fresh clone to a working SeekDesk in one command, on any Linux or macOS:
#
#     bash packaging/setup.sh          # the app, in .venv (then: .venv/bin/seekdesk)
#     bash packaging/setup.sh test     # the app editable + test tools (then: bash tests/run.sh)
#
# Why a virtual environment: a stock Debian (or Ubuntu, Fedora…) marks its system Python as
# "externally managed" (PEP 668) and refuses `pip install` outside one. Why apt: a stock Debian
# has no `python3 -m venv` (package python3-venv) and lacks the X11 libraries Qt's window needs;
# the tests also need a Secret Service (gnome-keyring) and D-Bus. Missing Debian packages are
# installed when this runs as root or with sudo; otherwise the exact command is printed. Nothing
# is installed outside .venv except those Debian packages.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-app}
case $mode in app | test) ;; *) echo "usage: bash packaging/setup.sh [app|test]" >&2; exit 2 ;; esac

# What Qt's window needs from the system (the xcb platform plugin and OpenGL/EGL).
runtime=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libglib2.0-0 libdbus-1-3
         libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
         libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1
         libx11-xcb1 fonts-dejavu-core)
# What the tests add: a real Secret Service in a private D-Bus session.
testing=(gnome-keyring dbus dbus-bin)

apt_install() {
    local missing=() p
    for p in "$@"; do
        dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    local run=()
    if [[ $(id -u) -ne 0 ]]; then
        if command -v sudo >/dev/null 2>&1; then
            run=(sudo)
        else
            echo "SeekDesk needs these Debian packages; install them as root, then run this again:" >&2
            echo "    apt-get install ${missing[*]}" >&2
            exit 1
        fi
    fi
    echo "Installing Debian packages: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive "${run[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${run[@]}" apt-get install -y -qq --no-install-recommends \
        "${missing[@]}"
}

have_apt=false
if command -v apt-get >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1; then
    have_apt=true
    wanted=("${runtime[@]}")
    [[ $mode == test ]] && wanted+=("${testing[@]}")
    apt_install "${wanted[@]}"
fi

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "SeekDesk needs Python 3.11 or newer as '$python' (set PYTHON=/path/to/python3.11)." >&2
    exit 1
fi
if [[ ! -x .venv/bin/python ]]; then
    if ! "$python" -m venv .venv 2>/dev/null; then
        rm -rf .venv
        # Debian keeps venv's pip bootstrap in a package of its own.
        if $have_apt; then
            minor=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
            apt_install "python$minor-venv"
        fi
        "$python" -m venv .venv
    fi
fi

export PIP_DISABLE_PIP_VERSION_CHECK=1
if [[ $mode == test ]]; then
    .venv/bin/python -m pip install -q -e '.[test]'
else
    .venv/bin/python -m pip install -q .
fi
echo "SeekDesk is installed in .venv ($mode)."
