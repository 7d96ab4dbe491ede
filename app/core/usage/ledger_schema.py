"""The usage ledger's tables: history schema version 3 (run by ``history/schema.py``).

Why the ledger is a table of its own and not a query over ``messages``: a reply is deleted by
Regenerate, Edit or Delete, yet the request it made was billed. The ledger is written once per
request that reached the service and never rewritten, so deleting a conversation leaves the past
as it was (it has no foreign key to ``conversations``, by design).

Why a trigger writes the reply rows: a reply is finalised by one ``UPDATE`` of its status (see
``HistoryStore.finish_message`` and the interrupted-row sweep on open). A trigger on that update
records the request in the same transaction, for the window, ``seekdesk ask`` and every future
path alike, with no second write that a crash could lose. Retries and Test connection are not
messages; ``ledger.record_request`` writes those rows.

A reply counts as having reached the service when the service told us anything about it: token
counts, a request id, an HTTP status, or a first token. A request refused before it left (no
key, connection refused) is not a request the service saw.

The migration also fills the ledger from replies already in the history (the backfill), with the
region and API their conversation records.

``usage_day_sums`` is a cache of the ledger summed per local day (per time zone), kept up to date
lazily by ``daycache`` so that a year of use is read as 365 small rows, not 73 000 (see there).

Version 7 fills the ledger's ``preset`` column: a conversation begun from a preset keeps the
preset's name (``conversations.preset``, written once when the conversation is created, see
``history/setup.py``), and the reply trigger copies it into each row. The name is what the
preset was called then; renaming or deleting the preset later does not rewrite the past. Replies
recorded before version 7 stay without a preset (nothing says which one they used).
"""

from __future__ import annotations

#: What the trigger and the backfill both count as "reached the service" (one rule, one place).
_REACHED = (
    "{m}.role = 'assistant' AND {m}.status != 'streaming' AND ("
    "{m}.input_tokens IS NOT NULL OR {m}.output_tokens IS NOT NULL "
    "OR {m}.request_id IS NOT NULL OR {m}.failure_status IS NOT NULL "
    "OR {m}.first_token_at IS NOT NULL)"
)

_COLUMNS = (
    "at, kind, status, model, region, api, conversation_id, message_id, input_tokens, "
    "output_tokens, reasoning_tokens, cached_tokens, usage_reported, request_id"
)


def _values(m: str) -> str:
    return (
        f"coalesce({m}.started_at, {m}.created_at), 'reply', {m}.status, "
        f"coalesce({m}.model, c.model, ''), c.region, c.api, {m}.conversation_id, {m}.id, "
        f"coalesce({m}.input_tokens, 0), coalesce({m}.output_tokens, 0), "
        f"coalesce({m}.reasoning_tokens, 0), coalesce({m}.cached_tokens, 0), "
        f"({m}.input_tokens IS NOT NULL OR {m}.output_tokens IS NOT NULL), {m}.request_id"
    )


V3 = f"""
CREATE TABLE usage_ledger (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at REAL NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    model TEXT NOT NULL DEFAULT '',
    region TEXT NOT NULL DEFAULT '',
    api TEXT NOT NULL DEFAULT '',
    conversation_id INTEGER,
    message_id INTEGER UNIQUE,
    preset TEXT,
    input_tokens INTEGER NOT NULL DEFAULT 0,
    output_tokens INTEGER NOT NULL DEFAULT 0,
    reasoning_tokens INTEGER NOT NULL DEFAULT 0,
    cached_tokens INTEGER NOT NULL DEFAULT 0,
    usage_reported INTEGER NOT NULL DEFAULT 0,
    request_id TEXT
);
CREATE INDEX usage_ledger_by_time ON usage_ledger(at);
CREATE INDEX usage_ledger_by_conversation ON usage_ledger(conversation_id);
CREATE TABLE usage_day_sums (
    zone TEXT NOT NULL,
    day TEXT NOT NULL,
    model TEXT NOT NULL,
    region TEXT NOT NULL,
    api TEXT NOT NULL,
    requests INTEGER NOT NULL,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    reasoning_tokens INTEGER NOT NULL,
    cached_tokens INTEGER NOT NULL,
    PRIMARY KEY (zone, day, model, region, api)
) WITHOUT ROWID;
CREATE TABLE usage_day_marks (zone TEXT PRIMARY KEY, upto_id INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE usage_deleted_conversations (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    deleted_at REAL NOT NULL
);
INSERT INTO usage_ledger ({_COLUMNS})
    SELECT {_values("m")}
    FROM messages m JOIN conversations c ON c.id = m.conversation_id
    WHERE {_REACHED.format(m="m")}
    ORDER BY m.id;
CREATE TRIGGER usage_ledger_reply AFTER UPDATE OF status ON messages
WHEN old.status = 'streaming' AND {_REACHED.format(m="new")} BEGIN
    INSERT OR IGNORE INTO usage_ledger ({_COLUMNS})
        SELECT {_values("new")} FROM conversations c WHERE c.id = new.conversation_id;
END;
CREATE TRIGGER usage_ledger_forget_title AFTER DELETE ON conversations
WHEN EXISTS (SELECT 1 FROM usage_ledger WHERE conversation_id = old.id) BEGIN
    INSERT OR REPLACE INTO usage_deleted_conversations (id, title, deleted_at)
        VALUES (old.id, old.title, (julianday('now') - 2440587.5) * 86400.0);
END;
"""

V7 = f"""
ALTER TABLE conversations ADD COLUMN preset TEXT;
DROP TRIGGER usage_ledger_reply;
CREATE TRIGGER usage_ledger_reply AFTER UPDATE OF status ON messages
WHEN old.status = 'streaming' AND {_REACHED.format(m="new")} BEGIN
    INSERT OR IGNORE INTO usage_ledger ({_COLUMNS}, preset)
        SELECT {_values("new")}, c.preset FROM conversations c WHERE c.id = new.conversation_id;
END;
"""

__all__ = ["V3", "V7"]
