#!/usr/bin/env bash
# Refreshes the translation sources from app/ui and compiles them (run from anywhere):
#
#     packaging/update_translations.sh            # every resources/translations/seekdesk_*.ts
#     packaging/update_translations.sh zh_CN ja   # these languages (a new one starts empty)
#
# For each language: pyside6-lupdate extracts every tr() string of app/ui (all sub-packages) into a fresh
# catalogue, the contexts are corrected to the ones PySide6 looks up at run time (see below), the
# translations already in seekdesk_<lang>.ts are carried over, and pyside6-lrelease compiles the
# result to seekdesk_<lang>.qm, which app/ui/app.py loads for the system locale.
#
# Why the context fix: at run time ``self.tr("…")`` looks the string up under the class names of
# ``type(self).__mro__``, but lupdate guesses the context from the source text. Two spellings
# fool it: ``tr = self.tr; tr("&File")`` (no context at all) and ``owner.tr("…")`` in a
# module-level function (the context becomes the variable name). Strings in an empty context get
# the class that encloses the call; variable names are mapped by RUNTIME_CONTEXTS below. Without
# this the menus would never be translated. Only finished translations are compiled
# (-nounfinished): a draft never reaches users.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=resources/translations

if [[ $# -gt 0 ]]; then
    langs=("$@")
else
    langs=()
    for ts in "$dir"/seekdesk_*.ts; do
        [[ -e $ts ]] || continue
        name=${ts##*/seekdesk_}
        langs+=("${name%.ts}")
    done
    [[ ${#langs[@]} -gt 0 ]] || langs=(zh_CN)
fi

for lang in "${langs[@]}"; do
    ts="$dir/seekdesk_$lang.ts"
    fresh="$dir/.seekdesk_$lang.fresh.ts"  # same directory: the source paths stay relative
    trap 'rm -f "$fresh"' EXIT
    rm -f "$fresh"
    # app/ui's tr() calls, and the core's sentences marked with QT_TRANSLATE_NOOP (the core
    # never imports Qt: it marks them with its own no-op of that name, which lupdate reads).
    core_marked=$(grep -rl --include='*.py' 'QT_TRANSLATE_NOOP(' app/core | sort)
    # shellcheck disable=SC2046
    pyside6-lupdate -silent -target-language "$lang" $(find app/ui -name "*.py" | sort) \
        $core_marked -ts "$fresh"
    python3 - "$fresh" "$ts" <<'PY'
"""Fix the contexts of the fresh catalogue and carry the old translations over."""

import ast
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

# Variable names lupdate took for a context -> the class whose instance is passed at run time.
RUNTIME_CONTEXTS = {"owner": "AssistantMessageWidget"}  # message_parts.format_seconds(owner, …)

fresh_path, ts_path = Path(sys.argv[1]), Path(sys.argv[2])
fresh = ET.parse(fresh_path).getroot()
classes: dict[Path, list[tuple[int, int, str]]] = {}


def enclosing_class(filename: str, line: int) -> str:
    path = (fresh_path.parent / filename).resolve()
    if path not in classes:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        classes[path] = [
            (node.lineno, node.end_lineno or node.lineno, node.name)
            for node in ast.walk(tree)
            if isinstance(node, ast.ClassDef)
        ]
    inside = [c for c in classes[path] if c[0] <= line <= c[1]]
    if not inside:
        sys.exit(f"{filename}:{line}: a tr() call outside any class; give it a context")
    return max(inside)[2]  # the innermost class starts last


def key(context: str, message: ET.Element) -> tuple[str, str, str, bool]:
    return (
        context,
        message.findtext("source") or "",
        message.findtext("comment") or "",
        message.get("numerus") == "yes",
    )


# 1. The contexts PySide6 will really use.
by_context: dict[str, list[ET.Element]] = {}
for context in fresh.findall("context"):
    name = context.findtext("name") or ""
    for message in context.findall("message"):
        target = RUNTIME_CONTEXTS.get(name, name)
        if not target:
            location = message.find("location")
            if location is None:
                sys.exit(f"no location for {message.findtext('source')!r}; cannot fix its context")
            target = enclosing_class(location.get("filename", ""), int(location.get("line", "0")))
        by_context.setdefault(target, []).append(message)

# 2. The translations we have already.
old: dict[tuple[str, str, str, bool], ET.Element] = {}
language = fresh.get("language")
if ts_path.exists():
    old_root = ET.parse(ts_path).getroot()
    language = old_root.get("language") or language
    for context in old_root.findall("context"):
        for message in context.findall("message"):
            old[key(context.findtext("name") or "", message)] = message

root = ET.Element("TS", {"version": "2.1", **({"language": language} if language else {})})
seen = set()
done = todo = 0
for name in sorted(by_context):
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = name
    unique: dict[tuple[str, str, str, bool], ET.Element] = {}
    for message in by_context[name]:
        k = key(name, message)
        if k in unique:  # the same text twice in a class: one entry, every location
            for location in message.findall("location"):
                unique[k].insert(len(unique[k].findall("location")), location)
            continue
        unique[k] = message
        previous = old.get(k)
        if previous is not None:
            message.remove(message.find("translation"))
            message.append(previous.find("translation"))
            if previous.find("translatorcomment") is not None:
                message.append(previous.find("translatorcomment"))
        translation = message.find("translation")
        finished = translation.get("type") is None and bool(
            (translation.text or "").strip() or translation.findall("numerusform")
        )
        done, todo = done + finished, todo + (not finished)
        context.append(message)
        seen.add(k)
    # Translated strings that left the code stay as "vanished": a translator may reuse them.
    for k, message in old.items():
        if k[0] == name and k not in seen and (message.findtext("translation") or "").strip():
            message.find("translation").set("type", "vanished")
            for location in message.findall("location"):
                message.remove(location)
            context.append(message)
            seen.add(k)

ET.indent(root, space="    ")
body = ET.tostring(root, encoding="unicode")
ts_path.write_text(
    '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
)
print(f"{ts_path}: {done} translated, {todo} to do (these stay English)")
PY
    rm -f "$fresh"
    pyside6-lrelease -silent -nounfinished "$ts" -qm "$dir/seekdesk_$lang.qm"
    echo "$dir/seekdesk_$lang.qm"
done
