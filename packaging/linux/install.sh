#!/usr/bin/env bash
# Install the unpacked SeekDesk bundle for the current user, or remove exactly that install.
#
#     ./install.sh                 # from the unpacked seekdesk-<version>/ folder
#     ./install.sh --uninstall     # (also ~/.local/opt/seekdesk/install.sh --uninstall)
#
# Installs, without root:
#   ~/.local/opt/seekdesk/                         the program (this folder, copied)
#   ~/.local/bin/seekdesk                          a link to it (window and command line)
#   $XDG_DATA_HOME/applications/seekdesk.desktop   the menu entry (StartupWMClass=SeekDesk)
#   $XDG_DATA_HOME/icons/hicolor/*/apps/seekdesk.* the icons
# ($XDG_DATA_HOME defaults to ~/.local/share.) Every path written outside ~/.local/opt/seekdesk
# is listed in ~/.local/opt/seekdesk/install-manifest.txt, with the directories it had to
# create; --uninstall removes those (directories only when empty) and the program folder,
# nothing else: the history and settings stay (SeekDesk's data and config directories are
# never touched here).
set -euo pipefail

prefix="$HOME/.local/opt/seekdesk"
bindir="$HOME/.local/bin"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
manifest="$prefix/install-manifest.txt"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

say() { printf '%s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

# Refresh only caches the user already has: creating one (icon-theme.cache) would leave a file
# the uninstall did not "install", and the menu reads new .desktop files without one.
refresh_caches() {
    if [[ -f "$data/icons/hicolor/icon-theme.cache" ]] && command -v gtk-update-icon-cache \
        >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "$data/icons/hicolor" 2>/dev/null || true
    fi
    if [[ -f "$data/applications/mimeinfo.cache" ]] && command -v update-desktop-database \
        >/dev/null 2>&1; then
        update-desktop-database -q "$data/applications" 2>/dev/null || true
    fi
    if [[ -d "$data/icons/hicolor" ]]; then
        touch "$data/icons/hicolor"  # a newer mtime tells icon themes to rescan
    fi
}

created=()  # directories this install made, deepest first
make_dir() {
    local dir="$1" missing=()
    while [[ ! -d "$dir" ]]; do
        missing+=("$dir")
        dir="$(dirname "$dir")"
    done
    mkdir -p "$1"
    created+=("${missing[@]}")
}

uninstall() {
    [[ -f "$manifest" ]] || die "SeekDesk is not installed for this user ($manifest not found)."
    local dirs=()
    while IFS= read -r path; do
        [[ -n "$path" ]] || continue
        if [[ "$path" == dir:* ]]; then
            dirs+=("${path#dir:}")
        elif [[ "$path" == "$bindir/seekdesk" ]]; then
            # Only our link: a seekdesk installed some other way (pip) is left alone.
            if [[ -L "$path" && "$(readlink "$path")" == "$prefix/seekdesk" ]]; then
                rm -f -- "$path"
            fi
        elif [[ -f "$path" ]]; then
            rm -f -- "$path"
        fi
    done < "$manifest"
    rm -rf -- "$prefix"
    local dir
    # deepest first; rmdir removes a directory only when empty: never anything of the user's
    [[ ${#dirs[@]} -eq 0 ]] || while IFS= read -r dir; do
        rmdir -- "$dir" 2>/dev/null || true
    done < <(printf '%s\n' "${dirs[@]}" | awk -F/ '{ print NF "\t" $0 }' | sort -rn | cut -f2-)
    refresh_caches
    say "SeekDesk removed. Your conversations and settings were kept."
}

install() {
    [[ -x "$here/seekdesk" && -d "$here/_internal" ]] ||
        die "run this from the unpacked SeekDesk folder (no seekdesk program beside it)."
    local icons="$here/_internal/resources/icons"
    [[ -d "$icons" ]] || die "the bundle has no icons ($icons); is it complete?"
    if [[ -e "$bindir/seekdesk" || -L "$bindir/seekdesk" ]] &&
        [[ "$(readlink "$bindir/seekdesk" 2>/dev/null)" != "$prefix/seekdesk" ]]; then
        die "$bindir/seekdesk exists and is not SeekDesk's link; remove it first."
    fi
    local earlier=()  # an upgrade keeps the directories the first install created
    if [[ -f "$manifest" ]]; then
        mapfile -t earlier < <(grep '^dir:' "$manifest" || true)
    fi
    if [[ "$here" != "$prefix" ]]; then
        if [[ -d "$prefix" ]]; then
            [[ -f "$manifest" ]] || die "$prefix exists but was not installed by this script."
            rm -rf -- "$prefix"  # an upgrade: the old program folder goes, data stays
        fi
        make_dir "$(dirname "$prefix")"
        cp -a "$here" "$prefix"
    fi
    local written=()
    make_dir "$bindir"
    make_dir "$data/applications"
    ln -sfn "$prefix/seekdesk" "$bindir/seekdesk"
    written+=("$bindir/seekdesk")

    local desktop="$data/applications/seekdesk.desktop"
    sed -e "s|^Exec=.*|Exec=$prefix/seekdesk|" -e "s|^TryExec=.*||" \
        "$here/_internal/resources/seekdesk.desktop" > "$desktop"
    printf 'TryExec=%s\n' "$prefix/seekdesk" >> "$desktop"
    written+=("$desktop")

    local png size dir
    for png in "$icons"/seekdesk-*.png; do
        size="${png##*/seekdesk-}"
        size="${size%.png}"
        dir="$data/icons/hicolor/${size}x${size}/apps"
        make_dir "$dir"
        cp "$png" "$dir/seekdesk.png"
        written+=("$dir/seekdesk.png")
    done
    if [[ -f "$here/_internal/resources/seekdesk.svg" ]]; then
        dir="$data/icons/hicolor/scalable/apps"
        make_dir "$dir"
        cp "$here/_internal/resources/seekdesk.svg" "$dir/seekdesk.svg"
        written+=("$dir/seekdesk.svg")
    fi
    {
        printf '%s\n' "${written[@]}"
        [[ ${#created[@]} -eq 0 ]] || printf 'dir:%s\n' "${created[@]}"
        [[ ${#earlier[@]} -eq 0 ]] || printf '%s\n' "${earlier[@]}"
    } > "$manifest"
    refresh_caches
    say "SeekDesk installed in $prefix."
    say "Start it from the applications menu, or run 'seekdesk' ($bindir/seekdesk)."
    case ":$PATH:" in
        *":$bindir:"*) ;;
        *) say "Note: $bindir is not on your PATH; add it to run 'seekdesk' from a terminal." ;;
    esac
}

case "${1:-}" in
    "") install ;;
    --uninstall) uninstall ;;
    -h | --help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' ;;
    *) die "unknown option '$1' (use --uninstall, or no option to install)" ;;
esac
