"""Screens of guide-tui, one a file."""
