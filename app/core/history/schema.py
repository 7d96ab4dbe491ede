"""The history database's schema and its forward migrations.

The version lives in ``PRAGMA user_version``. A new database is created by running every
migration from 0, so a fresh file and an upgraded one are built by the very same statements and
cannot drift apart. Migrations only ever move forward; the store takes a backup before running
any of them on a database that already holds data.

Versions:

1. conversations and messages (usage as input/output token columns only).
2. conversation ``uid`` (stable identity for idempotent import), reasoning and cached tokens,
   answer-start time, failure code and HTTP status, the owner of a streaming row (pid + start
   token) and its last flush time; ids never reused (AUTOINCREMENT, so an id a window still
   holds can never come to mean another message after a Regenerate); FTS5 full-text indexes
   over messages and titles, kept in sync by triggers. The tables are rebuilt (the documented
   SQLite procedure, foreign keys off during the copy).
3. the usage ledger (``app/core/usage/ledger_schema.py``): one row per request that reached the
   service, written by a trigger when a reply is finalised, filled from the existing replies.
4. a reply's ``finish_reason`` as the service said it (``stop``, ``length``…; NULL for replies
   written before), so "cut off at the length limit" reads the same after a restart
   (``app/core/endings.py``).
5. branches (``app/core/history/branches_schema.py``): each message's ``parent_id`` and each
   conversation's ``current_leaf``; existing conversations become one linear path.
6. each conversation's system prompt and parameters (``app/core/history/setup_schema.py``).
7. the preset a conversation was begun from, copied into the usage ledger's ``preset`` column by
   the reply trigger (``app/core/usage/ledger_schema.py``).

Full-text index policy: a message is indexed once it leaves ``streaming``. The triggers skip
streaming rows entirely, so the once-a-second flushes of a growing answer cost one plain row
update and never touch the FTS index; the final update (complete, stopped, failed, interrupted)
indexes the whole text once.

Tokenizer: FTS5 ``trigram`` (SQLite >= 3.34). Chinese, Japanese and Korean have no spaces between
words, so a word tokenizer (``unicode61``) would index a whole sentence as one token and a search
for 数据库 inside 分布式数据库系统 would find nothing; trigram indexes every three-character
window, so any substring of three or more characters is found in any script, case-insensitively,
and ``LIKE``/substring semantics are what users expect from a chat search box. Its blind spot,
queries of one or two characters, is covered by a bounded scan in ``search.py``.
"""

from __future__ import annotations

import sqlite3

from app.core.history.branches_schema import V5 as _V5
from app.core.history.setup_schema import V6 as _V6
from app.core.usage.ledger_schema import V3 as _V3
from app.core.usage.ledger_schema import V7 as _V7

SCHEMA_VERSION = 7

_V1 = """
CREATE TABLE conversations (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    model TEXT NOT NULL DEFAULT '',
    region TEXT NOT NULL DEFAULT '',
    api TEXT NOT NULL DEFAULT '',
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    thinking TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    model TEXT,
    parameters TEXT NOT NULL DEFAULT '{}',
    input_tokens INTEGER,
    output_tokens INTEGER,
    request_id TEXT,
    created_at REAL NOT NULL,
    started_at REAL,
    first_token_at REAL,
    finished_at REAL,
    failure_kind TEXT,
    failure_message TEXT
);
CREATE INDEX messages_by_conversation ON messages(conversation_id, id);
"""

_V2 = """
CREATE TABLE conversations_v2 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uid TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    model TEXT NOT NULL DEFAULT '',
    region TEXT NOT NULL DEFAULT '',
    api TEXT NOT NULL DEFAULT '',
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
INSERT INTO conversations_v2 (id, uid, title, model, region, api, created_at, updated_at)
    SELECT id, lower(hex(randomblob(16))), title, model, region, api, created_at, updated_at
    FROM conversations;
CREATE TABLE messages_v2 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    thinking TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    model TEXT,
    parameters TEXT NOT NULL DEFAULT '{}',
    input_tokens INTEGER,
    output_tokens INTEGER,
    reasoning_tokens INTEGER,
    cached_tokens INTEGER,
    request_id TEXT,
    created_at REAL NOT NULL,
    started_at REAL,
    first_token_at REAL,
    answer_started_at REAL,
    finished_at REAL,
    failure_kind TEXT,
    failure_message TEXT,
    failure_code TEXT,
    failure_status INTEGER,
    owner_pid INTEGER,
    owner_token TEXT,
    flushed_at REAL
);
INSERT INTO messages_v2 (id, conversation_id, role, text, thinking, status, model, parameters,
        input_tokens, output_tokens, request_id, created_at, started_at, first_token_at,
        finished_at, failure_kind, failure_message)
    SELECT id, conversation_id, role, text, thinking, status, model, parameters, input_tokens,
        output_tokens, request_id, created_at, started_at, first_token_at, finished_at,
        failure_kind, failure_message
    FROM messages;
DROP TABLE messages;
DROP TABLE conversations;
ALTER TABLE conversations_v2 RENAME TO conversations;
ALTER TABLE messages_v2 RENAME TO messages;
CREATE INDEX messages_by_conversation ON messages(conversation_id, id);
CREATE INDEX conversations_by_update ON conversations(updated_at, id);
CREATE INDEX messages_streaming ON messages(status) WHERE status = 'streaming';

CREATE VIRTUAL TABLE messages_fts USING fts5(
    text, thinking, content='messages', content_rowid='id', tokenize='trigram'
);
INSERT INTO messages_fts(rowid, text, thinking)
    SELECT id, text, thinking FROM messages WHERE status != 'streaming';
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages
WHEN new.status != 'streaming' BEGIN
    INSERT INTO messages_fts(rowid, text, thinking) VALUES (new.id, new.text, new.thinking);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages
WHEN old.status != 'streaming' BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, text, thinking)
        VALUES ('delete', old.id, old.text, old.thinking);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF text, thinking, status ON messages BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, text, thinking)
        SELECT 'delete', old.id, old.text, old.thinking WHERE old.status != 'streaming';
    INSERT INTO messages_fts(rowid, text, thinking)
        SELECT new.id, new.text, new.thinking WHERE new.status != 'streaming';
END;

CREATE VIRTUAL TABLE titles_fts USING fts5(
    title, content='conversations', content_rowid='id', tokenize='trigram'
);
INSERT INTO titles_fts(rowid, title) SELECT id, title FROM conversations;
CREATE TRIGGER titles_fts_insert AFTER INSERT ON conversations BEGIN
    INSERT INTO titles_fts(rowid, title) VALUES (new.id, new.title);
END;
CREATE TRIGGER titles_fts_delete AFTER DELETE ON conversations BEGIN
    INSERT INTO titles_fts(titles_fts, rowid, title) VALUES ('delete', old.id, old.title);
END;
CREATE TRIGGER titles_fts_update AFTER UPDATE OF title ON conversations BEGIN
    INSERT INTO titles_fts(titles_fts, rowid, title) VALUES ('delete', old.id, old.title);
    INSERT INTO titles_fts(rowid, title) VALUES (new.id, new.title);
END;
"""

_V4 = """
ALTER TABLE messages ADD COLUMN finish_reason TEXT;
"""

#: Statements that take a database from version N-1 to version N, by N.
MIGRATIONS: dict[int, str] = {1: _V1, 2: _V2, 3: _V3, 4: _V4, 5: _V5, 6: _V6, 7: _V7}


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Bring ``conn`` up to SCHEMA_VERSION, one version per transaction; return how many steps
    this call applied (0 when another process had applied them all meanwhile).

    Each step runs inside ``BEGIN IMMEDIATE`` so two processes starting at once cannot both
    migrate: the second waits (busy timeout), then sees the new version and does nothing.
    """
    applied = 0
    start = user_version(conn)
    foreign_keys = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute("PRAGMA foreign_keys = OFF")  # table rebuilds; checked before each commit
    try:
        for target in range(start + 1, SCHEMA_VERSION + 1):
            conn.execute("BEGIN IMMEDIATE")
            try:
                if user_version(conn) >= target:  # another process got there first
                    conn.execute("COMMIT")
                    continue
                for statement in _split(MIGRATIONS[target]):
                    conn.execute(statement)
                broken = conn.execute("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise sqlite3.IntegrityError(f"migration to {target} broke references")
                conn.execute(f"PRAGMA user_version = {target}")
                conn.execute("COMMIT")
                applied += 1
            except BaseException:
                conn.execute("ROLLBACK")
                raise
    finally:
        conn.execute(f"PRAGMA foreign_keys = {int(foreign_keys)}")
    return applied


def _split(script: str) -> list[str]:
    """Split a script into statements, keeping trigger bodies (``BEGIN … END;``) whole."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
