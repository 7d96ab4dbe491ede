#!/usr/bin/env bash
# Smoke-test a built Linux bundle the way a user and a packager would use it:
#
#     bash packaging/smoke.sh [dist/seekdesk]
#
# 1. the frozen --self-test against the fake Model Studio: answer shown and saved, exit 0
# 2. the frozen --self-test against a server that refuses the key: exit 1, step 'request', 401
# 3. the frozen `seekdesk ask --json` against the fake server: JSON lines, exit 0, then
#    `history list` finds it and `config set/show` work
# 4. `key status` / `key set` in the frozen program under a throwaway Secret Service
#    (dbus-run-session + gnome-keyring, as tests/run.sh): names the Secret Service backend and
#    stores and reads a key through it; with no D-Bus at all: says there is no keyring
# 5. the frozen window with no display: one sentence, exit 1, no core dump
# 6. tests/packaging's self-test and start-check stories, run against the frozen program
# and prints start-up times of the frozen program next to the source one.
# The fake server runs from this checkout (tests/fakeserver.py); nothing leaves 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
bundle="${1:-dist/seekdesk}"
exe="$(cd "$bundle" && pwd)/seekdesk"
[[ -x "$exe" ]] || { echo "smoke: no program at $exe (build with python packaging/build.py)"; exit 2; }

work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
unset DISPLAY WAYLAND_DISPLAY QT_QPA_PLATFORM DASHSCOPE_API_KEY SEEKDESK_BASE_URL
export SEEKDESK_DATA_DIR="$work/data" SEEKDESK_CONFIG_DIR="$work/config" LANG=C.UTF-8 LC_ALL=C.UTF-8
failures=0
passes=0
pass() { printf 'smoke: PASS %s\n' "$*"; passes=$((passes + 1)); }
fail() { printf 'smoke: FAIL %s\n' "$*"; failures=$((failures + 1)); }

# Two fake servers on free ports: one that answers, one that accepts only another key. They are
# started here, not inside $(…), so their pids reach cleanup and they end with this script.
serve() {  # serve NAME [ARGS…]: start tests/fakeserver.py in the background
    local name="$1"; shift
    python3 -m tests.fakeserver --port 0 "$@" > "$work/$name.out" 2>&1 &
    pids+=("$!")
}
url_of() {  # url_of NAME: wait until that server listens, echo its base URL
    local name="$1"
    for _ in $(seq 1 200); do
        if grep -q "Fake Model Studio on" "$work/$name.out"; then
            sed -n 's/.*Fake Model Studio on \(http[^ ]*\).*/\1/p' "$work/$name.out" | head -1
            return 0
        fi
        sleep 0.1
    done
    echo "smoke: the fake server did not start: $(cat "$work/$name.out")" >&2
    return 1
}
serve ok
serve refusing --key sk-smoke-only-this-key-0000000000
url="$(url_of ok)"
url_refusing="$(url_of refusing)"

# 1. self-test: shown and saved
if out="$("$exe" --self-test --base-url "$url" 2>&1)" && grep -q "saved: ok" <<<"$out"; then
    pass "frozen --self-test against the fake server (shown and saved)"
else
    fail "frozen --self-test against the fake server:"$'\n'"$out"
fi

# 2. self-test against a 401
set +e
out="$("$exe" --self-test --base-url "$url_refusing" 2>&1)"
status=$?
set -e
if [[ $status -ne 0 ]] && grep -q "FAILED at step 'request'" <<<"$out" && grep -q 401 <<<"$out"; then
    pass "frozen --self-test against a 401 (exit $status, names the step)"
else
    fail "frozen --self-test against a 401 (exit $status):"$'\n'"$out"
fi

# 3. ask --json
if out="$(DASHSCOPE_API_KEY=sk-smoke-test-key-0123456789 SEEKDESK_BASE_URL="$url" \
        "$exe" ask --json "hello from the smoke test" 2>"$work/ask.err")" &&
    python3 -c '
import json, sys
events = [json.loads(line) for line in sys.stdin.read().splitlines()]
text = "".join(str(e.get("text", "")) for e in events if e.get("type") == "answer")
assert "hello from the smoke test" in text, events
' <<<"$out"; then
    pass "frozen seekdesk ask --json against the fake server"
else
    fail "frozen seekdesk ask --json:"$'\n'"$out"$'\n'"$(cat "$work/ask.err")"
fi

# 3b. the rest of the command line: the history that ask just wrote, the settings
if out="$("$exe" history list --json 2>&1)" && grep -q "hello from the smoke test" <<<"$out" &&
    "$exe" config set model deepseek-v4-flash >/dev/null 2>&1 &&
    "$exe" config show 2>&1 | grep -q "deepseek-v4-flash"; then
    pass "frozen seekdesk history list and config set/show"
else
    fail "frozen history/config:"$'\n'"$out"
fi

# 4. the keyring, under a throwaway Secret Service, then with no D-Bus at all
if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
    cat > "$work/keyring.sh" <<'EOF'
set -eu
export XDG_DATA_HOME="$1/keyring-home"
mkdir -p "$XDG_DATA_HOME"
eval "$(printf 'seekdesk-smoke' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
"$2" key status --region singapore 2>&1 || true
printf 'sk-smoke-keyring-0123456789' | "$2" key set --region singapore 2>&1
"$2" key status --region singapore 2>&1
"$2" key delete --region singapore 2>&1
EOF
    out="$(dbus-run-session -- bash "$work/keyring.sh" "$work" "$exe" 2>&1 | grep -v 'fd limit')"
    if grep -q "System keyring: keyring.backends.SecretService.Keyring" <<<"$out" &&
        grep -q "key …6789 from the system keyring" <<<"$out"; then
        pass "frozen key status/set names the Secret Service backend and round-trips a key"
    else
        fail "frozen key status under the Secret Service:"$'\n'"$out"
    fi
else
    fail "dbus-run-session or gnome-keyring-daemon is missing; cannot test the keyring"
fi
out="$(env -u DBUS_SESSION_BUS_ADDRESS "$exe" key status 2>&1 || true)"
if grep -q "No usable system keyring" <<<"$out"; then
    pass "frozen key status without any keyring says so plainly"
else
    fail "frozen key status without a keyring:"$'\n'"$out"
fi

# 5. the window with no display
set +e
out="$("$exe" 2>&1)"
status=$?
set -e
if [[ $status -eq 1 ]] && grep -q "there is no display" <<<"$out"; then
    pass "frozen window without a display: one sentence, exit 1"
else
    fail "frozen window without a display (exit $status):"$'\n'"$out"
fi

# 6. the packaging test stories (self-test success, 401, timeout, refused, bad URL; no display,
#    a missing system library) with the frozen program in place of `python -m app`
if out="$(SEEKDESK_TEST_PROGRAM="$exe" python3 -m pytest -q -p no:cacheprovider \
        tests/packaging/test_self_test.py tests/packaging/test_start_without_display.py 2>&1)"; then
    pass "the self-test and start-check test stories against the frozen program ($(tail -1 <<<"$out"))"
else
    fail "test stories against the frozen program:"$'\n'"$out"
fi

# Figures (median of 3): the process's age when the window was shown (the self-test reports it,
# read from /proc), the whole self-test, and `--version` (the command line's start).
python3 - "$exe" "$url" <<'EOF'
import re, statistics, subprocess, sys, time
exe, url = sys.argv[1], sys.argv[2]
for label, prefix in (("frozen", [exe]), ("source", [sys.executable, "-m", "app"])):
    shown, whole, version = [], [], []
    for _ in range(3):
        t = time.perf_counter()
        run = subprocess.run([*prefix, "--self-test", "--base-url", url], capture_output=True,
                             text=True, check=True)
        whole.append(time.perf_counter() - t)
        found = re.search(r"window: ok \(.*, ([0-9.]+) s after start\)", run.stderr)
        if found:
            shown.append(float(found.group(1)))
        t = time.perf_counter()
        subprocess.run([*prefix, "--version"], capture_output=True, check=True)
        version.append(time.perf_counter() - t)
    med = lambda xs: f"{statistics.median(xs):5.2f} s" if xs else "  n/a"
    print(f"smoke: figure: {label}: window shown {med(shown)}, whole self-test {med(whole)}, "
          f"--version {med(version)}")
EOF
du -sb "$bundle" | awk '{printf "smoke: figure: bundle size %.1f MB unpacked\n", $1 / 1e6}'

echo "smoke: $passes passed, $failures failed"
[[ $failures -eq 0 ]]
