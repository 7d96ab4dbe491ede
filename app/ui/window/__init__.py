"""The main window and what it wires together: the sidebar, the turn routing between the chat
pane and the core's ``ChatSession`` (``turns``, ``worker``), and the menus (``window_actions``)."""
