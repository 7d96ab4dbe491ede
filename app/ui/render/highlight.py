"""Code highlighting a piece at a time, and nesting flattened to a depth a window can show.

A code block that streams in is highlighted as its lines complete, a piece at a time, never
again as a whole. Pygments lexers are not incremental, but most are ``RegexLexer`` state
machines: lexing a piece from the state stack the previous piece ended in gives what lexing
the whole text would (tokens never span a cut, which falls at a line start). For other lexers
each piece is lexed on its own, which can only miss a construct spanning the cut.

Nesting: markdown-it parses containers (quotes, lists) recursively and gives up past its
nesting limit (silently dropping the rest of the text), and every level of a nested container
costs the view layout work. So a line's container markers beyond :data:`MAX_DEPTH` are
replaced by one depth marker before parsing: the text shows, flattened at the deepest level
drawn, and the cost of a line no longer depends on its depth.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator

from pygments.lexer import ExtendedRegexLexer, Lexer, RegexLexer
from pygments.lexers import get_lexer_by_name
from pygments.lexers.special import TextLexer
from pygments.token import Error, Text, Whitespace, _TokenType
from pygments.util import ClassNotFound

#: Containers (quotes, lists) drawn nested; deeper ones are shown at this level, marked.
MAX_DEPTH = 8
#: The lexer state a code block starts in.
ROOT: tuple[str, ...] = ("root",)

Token = tuple[_TokenType, str]


@functools.lru_cache(maxsize=64)
def lexer_for(name: str) -> Lexer:
    """The Pygments lexer for a fence's language (plain text when unknown), looked up once:
    ``get_lexer_by_name`` scans every lexer and imports modules, too slow for each repaint."""
    if not name:
        return TextLexer()
    try:
        return get_lexer_by_name(name)
    except ClassNotFound:
        return TextLexer()


#: Languages models use most; the view loads their lexers while idle, before they are needed.
COMMON_LANGUAGES = (
    "python", "javascript", "typescript", "bash", "json", "c", "cpp", "java", "go", "rust",
    "html", "css", "sql", "yaml", "diff",
)  # fmt: skip
_warmed: list[str] = []


def warm_next() -> bool:
    """Load one more common lexer (False once all are loaded).

    Looking a lexer up imports its module and compiles its regexes: 50–100 ms for Python's,
    which would otherwise stall the first repaint of the first code block in that language.
    The view calls this one lexer per idle moment, on its own thread: Pygments loaded from a
    second thread while PySide6 runs the event loop crashed the interpreter.
    """
    if len(_warmed) >= len(COMMON_LANGUAGES):
        return False
    name = COMMON_LANGUAGES[len(_warmed)]
    _warmed.append(name)
    lex(lexer_for(name), "x = 1\n")  # compiles the lexer's regexes
    return len(_warmed) < len(COMMON_LANGUAGES)


def warm_all() -> None:
    while warm_next():
        pass


def _resumable(lexer: Lexer) -> bool:
    return (
        isinstance(lexer, RegexLexer)
        and not isinstance(lexer, ExtendedRegexLexer)
        and type(lexer).get_tokens_unprocessed is RegexLexer.get_tokens_unprocessed
    )


def lex(lexer: Lexer, text: str, state: tuple[str, ...] = ROOT) -> tuple[list[Token], tuple]:
    """Tokens of ``text`` lexed from ``state``, and the state it ends in."""
    if not text:
        return [], state
    if not _resumable(lexer):
        tokens = [(kind, value) for _, kind, value in lexer.get_tokens_unprocessed(text)]
        return tokens, ROOT
    assert isinstance(lexer, RegexLexer)
    stack = list(state) if state and state[-1] in lexer._tokens else list(ROOT)  # type: ignore[attr-defined]
    return list(_regex_tokens(lexer, text, stack)), tuple(stack)


def _regex_tokens(lexer: RegexLexer, text: str, stack: list[str]) -> Iterator[Token]:
    """``RegexLexer.get_tokens_unprocessed`` (Pygments 2.x), leaving its state in ``stack``."""
    pos = 0
    tokendefs = lexer._tokens  # type: ignore[attr-defined]  # (compiled by RegexLexerMeta)
    statetokens = tokendefs[stack[-1]]
    while True:
        for rexmatch, action, new_state in statetokens:
            m = rexmatch(text, pos)
            if not m:
                continue
            if action is not None:
                if type(action) is _TokenType:
                    yield action, m.group()
                else:
                    for item in action(lexer, m):
                        yield item[1], item[2]
            pos = m.end()
            if new_state is not None:
                if isinstance(new_state, tuple):
                    for name in new_state:
                        if name == "#pop":
                            if len(stack) > 1:
                                stack.pop()
                        elif name == "#push":
                            stack.append(stack[-1])
                        else:
                            stack.append(name)
                elif isinstance(new_state, int):
                    if abs(new_state) >= len(stack):
                        del stack[1:]
                    else:
                        del stack[new_state:]
                elif new_state == "#push":
                    stack.append(stack[-1])
                statetokens = tokendefs[stack[-1]]
            break
        else:
            if pos >= len(text):
                return
            if text[pos] == "\n":
                stack[:] = list(ROOT)
                statetokens = tokendefs["root"]
                yield Whitespace, "\n"
            else:
                yield Error, text[pos]
            pos += 1


def plain_tokens(text: str) -> list[Token]:
    return [(Text, text)] if text else []


#: One container marker at the start of a line: a quote, a bullet or a number.
_MARKER = re.compile(r" {0,3}(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]?")
#: A run of them (matched at C speed: a line may hold tens of thousands).
_MARKER_RUN = re.compile(r"(?: {0,3}(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]?)+")
_LIST_MARKER = re.compile(r"[-+*][ \t]|\d{1,9}[.)][ \t]")


def _prefix_depth(line: str, limit: int) -> tuple[int, int, int]:
    """(markers, offset after the ``limit``-th marker, offset after the last marker) of the
    container markers (``>``, list bullets and numbers) a line starts with."""
    run = _MARKER_RUN.match(line)
    if run is None:
        return 0, 0, 0
    prefix = run.group()
    depth = prefix.count(">") + len(_LIST_MARKER.findall(prefix))
    cut = 0
    if depth > limit:
        for marker in itertools.islice(_MARKER.finditer(prefix), limit):
            cut = marker.end()
    return depth, cut, run.end()


def flatten_depth(source: str, limit: int = MAX_DEPTH) -> str:
    """``source`` with every line's container markers beyond ``limit`` replaced by a marker
    that says the depth (``»20``); lines within the limit are returned unchanged."""
    if source.count(">") + source.count("- ") + source.count("* ") <= limit:
        return source  # cheap exit: there cannot be a line that deep
    lines = source.split("\n")
    changed = False
    for index, line in enumerate(lines):
        depth, cut, end = _prefix_depth(line, limit)
        if depth > limit:
            rest = line[end:].lstrip()
            lines[index] = f"{line[:cut]}»{depth} {rest}"
            changed = True
    return "\n".join(lines) if changed else source
