"""SeekDesk's icon, desktop entry and compiled translations, installed as ``seekdesk_resources``."""
