"""The window's side of usage and cost: the usage view, its chart and tables, the prices and
budgets editor, the reply footer's cost and the status-bar part (``window_part``) that the main
window builds with one line. Every figure comes from ``app.core.usage``."""
