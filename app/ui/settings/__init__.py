"""The settings dialog (region, workspace, API, key) and its Test connection."""
