"""The command line: the `guide-tui` entry point, its commands, plain mode and `serve`.

The layer at the top: it may use every package below it.  Commands that draw no
screen import nothing from Textual (tests/test_layers.py)."""
