"""Progress: the saved walk of each guide (state files written atomically, one
writer at a time), the local event log and the user's settings.

It imports nothing from Textual or Rich."""
