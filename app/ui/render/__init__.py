"""Turning an answer's Markdown into Qt documents: block splitting and highlighting (``markdown``)
and the auto-sized, selectable text widgets that show them (``rich_text``). Model output is
untrusted here: it is never interpreted as HTML."""
