"""Reading what a Textual app shows, for Pilot tests."""

from __future__ import annotations

from textual.app import App


def screen_text(app: App) -> str:
    """What the terminal shows now, as plain text (wide characters once each)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)
