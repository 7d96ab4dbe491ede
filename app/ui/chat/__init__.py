"""The conversation pane: the list of messages (``chat_view``), one widget per message
(``message_widgets``) built from parts (``message_parts``, ``failure_panel``), and the composer."""
