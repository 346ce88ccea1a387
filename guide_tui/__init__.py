"""guide-tui: walk a person through a procedure, one step at a time."""

__version__ = "0.1.0"
