"""Search over titles, prompts, answers and thinking: FTS5 trigram, plus a bounded short scan.

A query is split on whitespace into terms that must all appear (AND), each as a literal
substring: quotes, stars and FTS operators typed by the user are matched as text, never parsed.

* Terms of three characters or more go to the FTS5 ``trigram`` indexes (ranked by bm25,
  snippets from ``snippet()``).
* Terms of one or two characters (very common in Chinese: 猫, 天气) are below what a trigram can
  match. If the query also has a long term, the FTS hits are filtered by the short ones;
  otherwise the newest ``SCAN_LIMIT`` messages and all titles are scanned with ``instr`` —
  bounded, so a short query costs the same on a history of any size.
* Ranking: conversation titles first (bm25 among them), then messages. Message hits are the
  newest ``CANDIDATES`` matches, ranked by how often the terms occur, damped by length. FTS5's
  bm25() is not used for messages because it counts every match of every term first (for IDF):
  a common word matches most of a long history, and search time would grow with it. Newest
  matches are also what a chat user is most likely looking for.

A term longer than ``MATCH_CHARS`` is looked up in the index by its first ``MATCH_CHARS``
characters and the hits are then checked for the whole term: FTS5's phrase match grows with
the square of a phrase's length when its trigrams repeat (10,000 combining marks pasted into
the search box took seconds); a real search term is never that long.

Streaming replies are not indexed until they end (see ``schema.py``), so they are found once
complete.
"""

from __future__ import annotations

import math
import sqlite3
from typing import Any

from app.core.history.records import HIGHLIGHT_END, HIGHLIGHT_START, SearchHit

#: How many of the newest messages a short (one- or two-character) query scans.
SCAN_LIMIT = 10_000
#: How many of the newest FTS matches are ranked for a message search.
CANDIDATES = 400
#: Title hits come before message hits (and are ordered among themselves by bm25).
TITLE_RANK = -1000.0
SNIPPET_TOKENS = 16
#: The longest piece of a term matched in the index (the rest is checked on the hits).
MATCH_CHARS = 64
_ELLIPSIS = "…"


def _terms(query: str) -> list[str]:
    return [t for t in query.split() if t]


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def search(conn: sqlite3.Connection, query: str, limit: int = 50) -> list[SearchHit]:
    terms = _terms(query)
    if not terms or limit <= 0:
        return []
    long_terms = [t for t in terms if len(t) >= 3]
    short_terms = [t.casefold() for t in terms if len(t) < 3]
    if long_terms:
        hits = _fts(conn, long_terms, short_terms, limit)
    else:
        hits = _scan(conn, short_terms, limit)
    hits.sort(key=lambda h: (h.rank, -(h.created_at or 0.0)))
    return hits[:limit]


def _fts(
    conn: sqlite3.Connection, long_terms: list[str], short_terms: list[str], limit: int
) -> list[SearchHit]:
    match = " AND ".join(_fts_phrase(t[:MATCH_CHARS]) for t in long_terms)
    # Short terms and cut long ones are checked afterwards: look at more than needed then.
    short_terms = short_terms + [t.casefold() for t in long_terms if len(t) > MATCH_CHARS]
    fetch = limit * 4 if short_terms else limit
    hits: list[SearchHit] = []
    rows = conn.execute(
        "SELECT c.id, c.title, c.created_at, bm25(titles_fts), "
        "snippet(titles_fts, 0, ?, ?, ?, ?) "
        "FROM titles_fts JOIN conversations c ON c.id = titles_fts.rowid "
        "WHERE titles_fts MATCH ? ORDER BY rank LIMIT ?",
        (HIGHLIGHT_START, HIGHLIGHT_END, _ELLIPSIS, SNIPPET_TOKENS, match, fetch),
    ).fetchall()
    for conv_id, title, created, rank, snippet in rows:
        if all(s in title.casefold() for s in short_terms):
            hits.append(SearchHit(conv_id, None, title, snippet, TITLE_RANK + rank, None, created))
    # Rank only the newest CANDIDATES matches, walking the index by rowid and stopping there.
    # Not FTS5's bm25(): it counts every match of every term first (for IDF), which for a common
    # word is most of the history. The score below is computed on the candidates' text.
    ids = [
        row[0]
        for row in conn.execute(
            "SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
            (match, CANDIDATES),
        )
    ]
    if not ids:
        return hits
    terms = [t.casefold() for t in long_terms] + short_terms
    marks = ",".join("?" * len(ids))
    scored: list[tuple[float, tuple[Any, ...]]] = []
    for row in conn.execute(
        "SELECT m.id, m.conversation_id, c.title, m.role, m.created_at, m.text, m.thinking "
        "FROM messages m JOIN conversations c ON c.id = m.conversation_id "
        f"WHERE m.id IN ({marks})",
        ids,
    ):
        text, thinking = row[5].casefold(), row[6].casefold()
        if all(s in text or s in thinking for s in short_terms):
            scored.append((_score(text, thinking, terms), row))
    scored.sort(key=lambda item: (item[0], -item[1][0]))
    for rank, (msg_id, conv_id, title, role, created, text, thinking) in scored[:limit]:
        # Snippets are cut here too: plain substring marking is exactly what trigram matched.
        source = text if any(t in text.casefold() for t in terms) else thinking
        hits.append(
            SearchHit(conv_id, msg_id, title, highlight(source, terms), rank, role, created)
        )
    return hits


def _score(text: str, thinking: str, terms: list[str]) -> float:
    """Lower is better, like bm25: occurrences per term (answers and prompts count double
    thinking), damped by length so a short exact message beats a long rambling one."""
    hits = sum(2 * text.count(t) + thinking.count(t) for t in terms)
    return -hits / math.log(len(text) + len(thinking) + 10)


def _scan(conn: sqlite3.Connection, terms: list[str], limit: int) -> list[SearchHit]:
    """Find short terms by substring in titles and the newest SCAN_LIMIT messages."""
    hits: list[SearchHit] = []
    for conv_id, title, created in conn.execute(
        "SELECT id, title, created_at FROM conversations ORDER BY updated_at DESC LIMIT ?",
        (SCAN_LIMIT,),
    ):
        if all(t in title.casefold() for t in terms):
            hits.append(
                SearchHit(conv_id, None, title, highlight(title, terms), TITLE_RANK, None, created)
            )
            if len(hits) >= limit:
                return hits
    # SQLite's lower() folds ASCII only, and copies the text: used only for terms with case.
    conditions = " AND ".join(
        "(instr(lower(m.text), ?) > 0 OR instr(lower(m.thinking), ?) > 0)"
        if t.upper() != t.lower()
        else "(instr(m.text, ?) > 0 OR instr(m.thinking, ?) > 0)"
        for t in terms
    )
    params: list[object] = [SCAN_LIMIT]
    for term in terms:
        params += [term, term]
    params.append(limit)
    rows = conn.execute(
        "SELECT m.id, m.conversation_id, c.title, m.role, m.created_at, m.text, m.thinking "
        "FROM (SELECT * FROM messages WHERE status != 'streaming' ORDER BY id DESC LIMIT ?) m "
        f"JOIN conversations c ON c.id = m.conversation_id WHERE {conditions} "
        "ORDER BY m.id DESC LIMIT ?",
        params,
    ).fetchall()
    for msg_id, conv_id, title, role, created, text, thinking in rows:
        source = text if any(t in text.casefold() for t in terms) else thinking
        hits.append(
            SearchHit(conv_id, msg_id, title, highlight(source, terms), -1.0, role, created)
        )
    return hits


def highlight(text: str, terms: list[str], width: int = 64) -> str:
    """A snippet of ``text`` around the first match, every match wrapped in highlight markers."""
    folded = text.casefold()
    if len(folded) != len(text):  # casefold changed lengths (ß → ss): fall back to exact case
        folded = text
    first = min((i for i in (folded.find(t) for t in terms) if i >= 0), default=0)
    start = max(0, first - width // 3)
    end = min(len(text), start + width)
    piece, piece_folded = text[start:end], folded[start:end]
    out: list[str] = []
    i = 0
    while i < len(piece):
        match = next((t for t in terms if t and piece_folded.startswith(t, i)), None)
        if match:
            out.append(HIGHLIGHT_START + piece[i : i + len(match)] + HIGHLIGHT_END)
            i += len(match)
        else:
            out.append(piece[i])
            i += 1
    prefix = _ELLIPSIS if start > 0 else ""
    suffix = _ELLIPSIS if end < len(text) else ""
    return prefix + "".join(out).replace("\n", " ") + suffix
