"""A step's title, and the text that goes first in its body, from the words after a
step marker (procedure.py finds the markers): "Locate the Reset Button: The button
is…", "登录饿了么账号 首先,…", "Turn the modem on. Make sure…". The title is plain text;
the body keeps the article's own words, emphasis and all.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import re
import unicodedata

from guide_tui.importer import facts, words
from guide_tui.importer.prose import joined


def split_title(rest: str, has_body: bool) -> tuple[str, str]:
    """(title, text that goes first in the body) from the words after a step marker.

    "Locate the Reset Button: The button is…" -> label and text; "登录饿了么账号 首先,…"
    -> heading and text; "Turn the modem on. Make sure…" -> first sentence and the rest;
    a heading on its own line (text on the lines below) is the title as it is. The title
    is plain text (its emphasis marks gone); the body keeps the article's (**Settings**)."""
    text, at, source = _cleaned(rest)
    if not text:
        return "", ""

    def body_from(start: int) -> str:  # text[start:] as the article wrote it, emphasis and all
        while start < len(text) and text[start].isspace():
            start += 1
        return source[at[start] :].strip() if start < len(text) else ""

    sentences = facts.sentences(text)
    if has_body and len(sentences) <= 1 and len(text) <= 120:
        return _plain(text.rstrip("。.:：")), ""
    cjk = _cjk(text)
    label = re.match(r"^([^:：。.!?！？]{1,50}?)\s*[:：]\s*(\S.*)$", text)
    if (
        label
        and len(label.group(1)) <= (24 if _cjk(label.group(1)) else 50)
        and "http" not in label.group(1)
        and _closed(label.group(1))  # "Open [Settings](javascript:…": a link's scheme, not a label
    ):
        return _plain(label.group(1).strip()), body_from(label.start(2))
    if cjk:
        space = re.match(r"^([^\s,，。:：]{2,24})\s+(\S.*)$", text)
        if space and _heading_then_text(space.group(1), space.group(2)):
            return _plain(space.group(1)), body_from(space.start(2))
        seq = words.SEQUENCE_INSIDE.search(text, 2)
        if seq and seq.start() <= 24 and not re.search(r"[,，。:：]", text[: seq.start()]):
            return _plain(text[: seq.start()]), body_from(seq.start())
    first = sentences[0] if sentences else text
    rest_text = body_from(len(first)) if text.startswith(first) else joined(sentences[1:])
    title = _plain(first.rstrip("。.!！").strip())
    if not rest_text and not has_body and text.endswith(("。", ".", "!", "！", "?", "？")):
        rest_text = body_from(0)  # a one-sentence item: the sentence is also what the step says to do
    if len(title) > 90:
        cut = title[:80]
        cut = cut.rsplit(" ", 1)[0] if " " in cut and not cjk else cut
        return cut.rstrip(" ,，") + "…", body_from(0)
    return title, rest_text


def _heading_then_text(head: str, rest: str) -> bool:
    """Whether a space parts a heading from its text ("登录饿了么账号 首先,打开…"), not two
    words of one sentence: "等待约 2 分钟", "（如尾号 6225 的…）", "打开 Wi-Fi 设置" go on
    past the space (a number, a Latin word, a bracket still open)."""
    if not "\u4e00" <= rest[0] <= "\u9fff":
        return False
    return _closed(head)


def _closed(text: str) -> bool:
    """Whether text closes every bracket and quote it opens: a split there is not inside a
    link ("[Settings](javascript") or a parenthesis ("（如尾号")."""
    return all(text.count(a) <= text.count(b) for a, b in ("（）", "()", "“”", "「」", "《》", "【】", "[]", "<>"))


def _cjk(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def _cleaned(rest: str) -> tuple[str, list[int], str]:
    """(text, at, source): `rest` without image syntax (`source`), then without its bold
    marks (** and __), leading emoji or symbols and a closing colon (`text`); at[i] is
    where text[i] is in `source` (at[len(text)] is its end), so that a body cut from
    `text` is taken from `source`, its emphasis kept."""
    source = re.sub(r"!\[[^\]\n]{0,200}\]\([^()\s]{0,400}\)", "", rest.strip())
    kept: list[str] = []
    at: list[int] = []
    i = 0
    while i < len(source):
        if source.startswith(("**", "__"), i):
            i += 2
            continue
        kept.append(source[i])
        at.append(i)
        i += 1
    lead = 0  # leading emoji, symbols and their joiners
    while lead < len(kept) and (
        unicodedata.category(kept[lead]) in ("So", "Sk", "Cf", "Mn") or kept[lead] in ("\ufe0f", "\u200d")
    ):
        lead += 1
        while lead < len(kept) and kept[lead].isspace():
            lead += 1
    end = len(kept)
    while end > lead and (kept[end - 1].isspace() or kept[end - 1] in ":："):
        end -= 1
    while end > lead and kept[end - 1].isspace():
        end -= 1
    text = "".join(kept[lead:end])
    return text, [*at[lead:end], at[end] if end < len(at) else len(source)], source


def _plain(title: str) -> str:
    """A title as plain text: *General* and _Reset_ (emphasis around words) without their marks."""
    return re.sub(r"(?<![\w*])([*_])(?=\S)([^*_\n]{1,200}?)(?<=\S)\1(?![\w*])", r"\2", title)
