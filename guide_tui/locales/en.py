"""English interface messages. Keys must match zh_CN.py (a test checks)."""

MESSAGES: dict[str, str] = {
    "progress": "Step {k} of {n}",
}
