"""History schema version 6: each conversation's own setup (``setup.py`` reads and writes it).

``system_prompt`` (sent first, in both APIs) and ``parameters`` (JSON: the conversation's
sampling parameters). Existing conversations get none: they are sent as before.
"""

from __future__ import annotations

V6 = """
ALTER TABLE conversations ADD COLUMN system_prompt TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN parameters TEXT NOT NULL DEFAULT '{}';
"""
