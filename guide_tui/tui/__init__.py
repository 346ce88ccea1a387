"""The full-screen interface (Textual): the app, its screens, widgets, key table
and theme."""
