"""Start-up without pauses for the cyclic garbage collector.

Importing Textual and guide-tui creates some 50,000 long-lived objects
(modules, classes, functions, CSS rules). While they are being created,
Python's collector runs again and again over the growing heap and finds
almost nothing to free (about 700 objects in a whole start of the walker).
That was about a tenth of the time to the first paint.

So the `guide-tui` program pauses the collector while it starts. Once the
first screen is drawn, or a command is about to run, it freezes what exists
(`gc.freeze()`: later collections skip these objects; the few hundred
unreachable ones among them are never freed, well under a megabyte) and
turns the collector back on. Only the program does this: `main()` called
with an argument list (tests, other Python code) leaves the collector alone.

This module imports nothing but gc.
"""

from __future__ import annotations

import gc

_paused = False


def pause_collector() -> None:
    """Turn the cyclic collector off for the start (nothing if it is off already)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collector() -> None:
    """Freeze what the start created and turn the collector back on.

    Safe to call more than once and from any screen; it does nothing unless
    pause_collector() turned the collector off."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
