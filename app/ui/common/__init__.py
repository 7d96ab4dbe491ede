"""Pieces every part of the window shares: the theme (palette-derived colours, spacing), the
notice banner and the repaint throttle."""
