"""Chinese text set as a Chinese reader expects, by every renderer that breaks lines.

A property test over every bundled guide and every interface message, drawn
by each renderer that breaks lines (the screen's Markdown, its rows and panels,
the text export, the plain-text wrapper) at every width from 20 to 120
columns: no line starts with closing punctuation or a small mark, none ends
with opening punctuation, and an id, a phone number or a URL that fits a line
is never broken.  The forbidden characters are listed here, not taken from the
code under test.  Code blocks are left out: they are shown as written, cut
where they are too wide.
"""

from __future__ import annotations

import re
import string
from functools import cache
from pathlib import Path

import polib
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.content import Content

from guide_tui.core.loader import load_file
from guide_tui.core.template import substitute
from guide_tui.core.text import UAX14_CHARS, display_width, wrap
from guide_tui.export.text import markdown_to_text
from guide_tui.tui.widgets.markdown_text import MarkdownText, hanging_lines

ROOT = Path(__file__).resolve().parents[2]
GUIDES = sorted((ROOT / "guides").glob("*.yaml"))
# Chinese line-breaking rules (GB/T 15834, W3C clreq) and their half-width forms.
NO_START = set("。，、；：？！）」』】》〉”’,.;:?!)")
NO_END = set("（「『【《〈“‘(")
# What renderers put before a line: indents, bullets, numbers, quote bars, boxes, marks.
PREFIX = re.compile(r"^(?:\s|[-•>▌⚠›○●]\s|\[[ x]\]\s|[0-9]{1,3}\.\s)*")
_FENCE = re.compile(r"^ {0,3}(```|~~~).*?^ {0,3}\1[^\n]*$", re.M | re.S)
SAMPLES = {
    "id": "xiaomi-installment-priority-payment",
    "phone": "400-100-5678",
    "url": "https://www.mi.com/service/help-center",
    "path": "/home/user/guides/xiaomi-installment-priority-payment.zh-CN.yaml",
    "folder": "/home/user/.local/state/guide-tui",
    "date": "2024-08-27",
}


class _Params(dict[str, str]):
    def __missing__(self, key: str) -> str:
        if key in ("k", "n", "m", "s", "count", "total", "shown", "runs", "finished", "first", "limit", "length"):
            return {"k": "1", "n": "7", "m": "0", "s": "1"}.get(key, "12")
        return SAMPLES.get(key, "支付宝")


def _message(text: str) -> str:
    fields = [name for _, name, _, _ in string.Formatter().parse(text) if name]
    try:
        return text.format_map(_Params()) if fields else text
    except (ValueError, KeyError, IndexError, AttributeError):
        return text


@cache
def sources() -> tuple[str, ...]:
    """Every Markdown or plain text of the bundled guides (each answer filled in) and every message."""
    texts: list[str] = []
    for path in GUIDES:
        guide = load_file(path).guide
        assert guide is not None
        labels = [o.label for s in guide.steps if s.ask for o in s.ask.options]
        fields = [guide.title, guide.summary or ""]
        for step in guide.steps:
            fields += [step.title, step.body or "", step.warning or "", *step.notes, *step.checklist]
            if step.ask:
                fields += [
                    step.ask.prompt,
                    *(o.label for o in step.ask.options),
                    *(o.note or "" for o in step.ask.options),
                ]
        for contact in guide.support:
            fields += [f"{contact.name}: {contact.phone or ''} {contact.url or ''}", contact.disclaimer or ""]
        for text in fields:
            for label in labels[:2] or [""]:
                filled = substitute(_FENCE.sub("", text), {"method": label, "option_found": label})
                if filled.strip():
                    texts.append(filled)
    for po in (ROOT / "guide_tui" / "i18n" / "locale").glob("*/LC_MESSAGES/guide_tui.po"):
        for entry in polib.pofile(str(po)):
            forms = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
            texts += [_message(text) for text in forms if text.strip()]
    return tuple(dict.fromkeys(texts))


def _unbreakable(text: str) -> list[str]:
    """The ids, phone numbers and URLs in a text."""
    found = re.findall(
        r"https?://[A-Za-z0-9._~:/?#@!$&*+,;=%-]+|[a-z0-9]+(?:-[a-z0-9]+){2,}|\+?[0-9]{3,4}-[0-9]{3,4}-[0-9]{4}", text
    )
    return [f.rstrip(".,;:!?)") for f in found]


def check(lines: list[str], source: str, width: int) -> None:
    """The breaks in `lines` (the text's own first and last characters are the author's)."""
    bodies = [PREFIX.sub("", line).rstrip() for line in lines]
    for n, body in enumerate(bodies):
        if body and n > 0:
            assert body[0] not in NO_START, f"line starts with {body[0]!r} at {width}: {lines}"
        if body and n < len(bodies) - 1:
            assert body[-1] not in NO_END, f"line ends with {body[-1]!r} at {width}: {lines}"
    joined = "\n".join(lines)
    for token in _unbreakable(source):
        if display_width(token) <= width - 12 and token in " ".join(source.split()):
            assert token in joined, f"{token!r} broken at {width}: {lines}"


def render_screen(text: str, width: int) -> list[str]:
    return [line.plain for line in MarkdownText(text).lines(width)]


def render_row(text: str, width: int) -> list[str]:
    """An answer or checklist row, and a panel line: marks, then text hanging under itself."""
    return [line.plain for line in hanging_lines(Content(" ".join(text.split())), "› ● 1. ", "       ", width)]


def render_text_export(text: str, width: int) -> list[str]:
    return markdown_to_text(text, width, "  ")


def render_plain_wrap(text: str, width: int) -> list[str]:
    return wrap(" ".join(text.split()), width, "  - ", "    ")


RENDERERS = [render_screen, render_row, render_text_export, render_plain_wrap]


@settings(max_examples=1000, deadline=None, derandomize=True)
@given(st.data())
def test_no_line_breaks_where_a_reader_of_chinese_would_not(data: st.DataObject) -> None:
    source = data.draw(st.sampled_from(sources()), label="text")
    width = data.draw(st.integers(min_value=20, max_value=120), label="width")
    for render in RENDERERS:
        check(render(source, width), source, width)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.data())
def test_a_paragraph_too_long_for_uax14_keeps_the_same_rules(data: st.DataObject) -> None:
    """Past UAX14_CHARS a simpler rule gives the opportunities (uniseg is too slow for a
    20,000-character body); what a reader of Chinese expects still holds."""
    sentences = [text for text in sources() if len(text) >= 20]  # not a lone ": " said a thousand times
    source = " ".join(data.draw(st.lists(st.sampled_from(sentences), min_size=1, max_size=4), label="texts"))
    while len(source) <= UAX14_CHARS:
        source = f"{source} {source}"
    width = data.draw(st.integers(min_value=20, max_value=120), label="width")
    for render in RENDERERS:
        check(render(source, width), source, width)


def test_the_reported_breaks() -> None:
    """What a user saw: a full stop alone on a line in the notes panel, "1" / "秒" in the
    report, "第 1" / "步" in the library, an id cut in two at 60 columns."""
    note = "如果您还没有小米账户,可以点击页面右上角的“注册”按钮创建一个新账户。"
    for width in range(20, 80):
        for render in RENDERERS:
            check(render(note, width), note, width)
    when = "进入 2026-12-01 00:47:47,离开 2026-12-01 00:47:48,共用时 0 分 1 秒"
    for width in range(20, 70):
        lines = wrap(when, width)
        assert not any(line.startswith("秒") or line.endswith(" 1") for line in lines), lines
    row = "zh-CN, en · 约 5 分钟 · 第 1 步，共 7 步"
    for width in range(16, 40):
        lines = wrap(row, width)
        assert not any(line.startswith(("步", "分钟")) for line in lines), lines
    item = "指南：xiaomi-installment-priority-payment"
    assert "xiaomi-installment-priority-payment" in "\n".join(wrap(item, 50, "    • "))


LONG_TITLES = """
format: 1
id: long-lines
language: zh-CN
title: 很长的标题
steps:
  - title: 请点击页面右上角的“注册”按钮创建一个新账户，然后返回首页并再次登录您的账户，确认无误。
    ask:
      key: found
      prompt: 您在订单详情页中看到“修改支付方式”选项了吗？如果没有看到，请联系小米客服（电话：400-100-5678）。
      options:
        - label: 看到了，已点击“修改支付方式”
        - label: 没有看到这个选项
"""


async def test_the_steps_title_prompt_and_hint_break_as_guide_text_does() -> None:
    """The step title, question, answer line and hint were Textual Statics, wrapped by
    Textual: a line could start with "，" or "。"."""
    from guide_tui.core.loader import load_bytes
    from guide_tui.tui.app import GuideApp

    guide = load_bytes(LONG_TITLES.encode("utf-8"), "long.zh-CN.yaml").guide
    assert guide is not None
    for width in (40, 47, 53, 60, 71, 80):
        app = GuideApp(guide)
        async with app.run_test(size=(width, 30)) as pilot:
            await pilot.pause()
            for widget_id in ("step-title", "ask-prompt", "ask-status", "hint"):
                widget = app.screen.query_one(f"#{widget_id}", MarkdownText)
                lines = [line.plain for line in widget.lines(widget.content_region.width)]
                assert lines, widget_id
                for line in lines[1:]:
                    assert PREFIX.sub("", line)[:1] not in NO_START, (width, widget_id, lines)
                for line in lines:
                    assert line.rstrip()[-1:] not in NO_END, (width, widget_id, lines)
                assert "400-100-5678" in "".join(lines) or widget_id != "ask-prompt"


def test_a_short_bracketed_name_in_wide_characters_is_never_split() -> None:
    """The library's English title broke inside "(小米分 / 期)" (found in QA)."""
    title = "How to change the priority payment method in Xiaomi Installments (小米分期)"
    for width in range(20, 80):
        lines = wrap(title, width)
        assert any("(小米分期)" in line for line in lines) or width < 10, (width, lines)
    assert all("（之前已做过）" in "".join(wrap("6. 确认更改（之前已做过）", w)) for w in range(14, 30))
    assert not any(line.endswith("（之前已") for w in range(14, 30) for line in wrap("6. 确认更改（之前已做过）", w))
