#!/usr/bin/env bash
# Builds the desktop bundle for the platform this runs on (Linux, macOS, or Windows under Git Bash).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install . pyinstaller
pyinstaller --noconfirm --clean packaging/seekdesk.spec
echo "Built: dist/seekdesk"
