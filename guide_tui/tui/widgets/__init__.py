"""Widgets of the walker screen: each draws one part of the walker's state."""
