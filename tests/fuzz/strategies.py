"""Hypothesis strategies for structured hostile input: guides, Markdown, articles.

Shaped like what the code reads, because shape is what reaches deep code and
slow paths: tokens of Markdown and YAML, some repeated hundreds of times, in
every text field of a guide; articles of headings, lists and prose.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from tests.fuzz.inputs import MARKDOWN_TOKENS

ROOT = Path(__file__).resolve().parents[2]
GUIDES = sorted((ROOT / "guides").glob("*.yaml"))
HOSTILE = [
    "\x1b]8;;x\x07",
    "\u202e",
    "\u200b",
    "\u200d",
    "\ufe0f",
    "👩",
    "\ud800",
    "[/]",
    "[@click=app.quit]",
    "%",
    "'",
]

token = st.sampled_from(MARKDOWN_TOKENS + HOSTILE) | st.text(max_size=3)
repeated = st.tuples(st.sampled_from(MARKDOWN_TOKENS), st.integers(1, 400)).map(lambda t: t[0] * t[1])
# Markdown: tokens, some repeated into long structured runs.
markdown = st.lists(token | repeated, max_size=40).map("".join)
one_line = st.lists(token, max_size=12).map(lambda parts: "".join(parts).replace("\n", " "))


@st.composite
def guide_dicts(draw: st.DrawFn) -> dict[str, Any]:
    """A guide whose text fields hold hostile Markdown; its shape mostly valid."""
    n = draw(st.integers(1, 5))
    ids = [f"s{i}" for i in range(n)]
    steps = []
    for i in range(n):
        step: dict[str, Any] = {"id": ids[i], "title": draw(one_line) or "T"}
        if draw(st.booleans()):
            step["body"] = draw(markdown)
        if draw(st.booleans()):
            step["notes"] = draw(st.lists(markdown, max_size=3))
        if draw(st.booleans()):
            step["warning"] = draw(markdown)
        if draw(st.booleans()):
            step["checklist"] = draw(st.lists(one_line, max_size=3))
        if draw(st.booleans()):
            labels = draw(st.lists(one_line, min_size=2, max_size=4, unique=True))
            options = [{"label": label or f"L{j}"} for j, label in enumerate(labels)]
            for option in options:
                if draw(st.booleans()):
                    option["note"] = draw(markdown)
                if draw(st.booleans()):
                    option["next"] = draw(st.sampled_from([*ids, "end"]))
            step["ask"] = {"key": f"k{i}", "prompt": draw(markdown) or "?", "options": options}
        if draw(st.booleans()):
            step["next"] = draw(st.sampled_from([*ids, "end"]))
        steps.append(step)
    guide: dict[str, Any] = {"format": 1, "id": "fuzz", "title": draw(one_line) or "T", "steps": steps}
    if draw(st.booleans()):
        guide["summary"] = draw(markdown)
    if draw(st.booleans()):
        guide["support"] = [
            {"name": draw(one_line) or "N", "phone": "400 100 5678", "disclaimer": draw(markdown) or "D"}
        ]
    if draw(st.booleans()):
        guide["finish"] = {"title": draw(one_line) or "F", "body": draw(markdown)}
    return guide


def _dump(data: dict[str, Any]) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8", "surrogatepass")


@st.composite
def mutated_guides(draw: st.DrawFn) -> bytes:
    """A bundled guide with a few bytes changed, inserted or removed."""
    data = bytearray(draw(st.sampled_from(GUIDES)).read_bytes())
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        what = draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = draw(
            st.sampled_from([b"[", b"]", b"{{", b"\\", b"'", b'"', b"\n  - ", b": ", b"#", b"\t"])
            | st.binary(max_size=4)
        )
        if what == "insert":
            data[at:at] = piece
        elif what == "delete":
            del data[at : at + draw(st.integers(1, 20))]
        else:
            data[at : at + len(piece)] = piece
    return bytes(data)


guide_bytes = guide_dicts().map(_dump) | mutated_guides() | st.binary(max_size=300)

ARTICLE_LINES = [
    "# How to pay", "## Steps", "### 1. Open", "1. Open the app", "2) Tap **Settings**", "- item", "* item",
    "- [ ] tick", "一、登录", "第二步：确认", "第 3 步", "Step 4: Done", "首先打开应用，然后点击设置。",
    "First open it. Then tap it.", "> **Warning:** careful", "Note: a note", "注意：不要关闭",
    "call 400-100-5678 (may vary)", "客服电话：400-100-5678", "[link](https://a.example/)", "[r]: https://a.example/",
    "<https://a.example/>", "```", "    code", "|a|b|", "---", "===", "", "", "发布时间：2024-08-27",
    "Published Feb 29, 2024", "Source: https://a.example/", "相关内容：", "To Top", "{{x}}", "<br>", "&nbsp;",
]  # fmt: skip
article_line = st.sampled_from(ARTICLE_LINES) | markdown.map(lambda s: s[:300])
articles = st.lists(article_line, min_size=1, max_size=30).map("\n".join)
