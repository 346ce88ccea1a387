"""`guide-tui export` and guide_tui.export: every format on both Xiaomi guides,
a hostile guide, the Markdown contract an importer relies on, and the CLI."""

from __future__ import annotations

import dataclasses
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from guide_tui.cli.main import main
from guide_tui.core.loader import load_guide
from guide_tui.core.markdown import md_escape
from guide_tui.core.model import Guide
from guide_tui.core.text import display_width
from guide_tui.export import export
from guide_tui.export.common import TEXT_WIDTH
from guide_tui.export.html import to_html
from guide_tui.export.markdown import to_markdown
from guide_tui.export.text import to_text

ROOT = Path(__file__).resolve().parents[2]
ZH = ROOT / "guides" / "xiaomi-installment-priority-payment.zh-CN.yaml"
EN = ROOT / "guides" / "xiaomi-installment-priority-payment.en.yaml"
PHONE = "400-100-5678"


pytestmark = pytest.mark.usefixtures("english_messages")  # the messages tested are English


# What each language's export must say about the Xiaomi guide's branches.
EXPECT = {
    "zh-CN": {
        "to_support": "没有看到这个选项 → 第 5 步 联系小米客服",
        "answer": "«第 5 步的回答»",
        "branch": "仅当第 4 步回答“没有看到这个选项”时",
        "next": "→ 下一步",
        "end": "然后 → 结束",
        "phone": f"电话 {PHONE}（",
    },
    "en": {
        "to_support": "I do not see this option → Step 5: Contact Xiaomi customer service",
        "answer": "«your answer at step 5»",
        "branch": "Only if you answer “I do not see this option” at step 4",
        "next": "→ next step",
        "end": "Then → end",
        "phone": f"phone {PHONE} (",
    },
}


@pytest.fixture(scope="module", params=[ZH, EN], ids=["zh-CN", "en"])
def guide(request: pytest.FixtureRequest) -> Guide:
    return load_guide(request.param)


def squash(text: str) -> str:
    """Text without whitespace, so wrapped lines compare with the original."""
    return re.sub(r"\s+", "", text)


def phone_contact(guide: Guide):
    return next(c for c in guide.support if c.phone == PHONE)


def all_titles(guide: Guide) -> list[str]:
    return [s.title for s in guide.steps]


# -- each format on the real guides ----------------------------------------------


def test_markdown_has_every_step_branch_box_and_caveat(guide: Guide) -> None:
    out = to_markdown(guide)
    want = EXPECT[guide.language]
    headings = re.findall(r"^## (\d+)\. (.+)$", out, re.M)
    # numbered as the walker numbers them: the main path 1-7, then the support branch's step, 5 on its way
    assert [int(n) for n, _ in headings] == [1, 2, 3, 4, 5, 6, 7, 5]
    assert sorted(t for _, t in headings) == sorted(md_escape(t) for t in all_titles(guide))
    assert f"### ↳ {md_escape(want['branch'])}" in out
    assert want["to_support"] in out and want["next"] in out and want["end"] in out
    boxes = re.findall(r"^- \[ \] (.+)$", out, re.M)
    assert len(boxes) == sum(len(s.checklist) for s in guide.steps) == 5
    assert want["answer"] in out and "{{" not in out and "«method»" not in out
    caveat = phone_contact(guide).disclaimer
    lines = [line for line in out.splitlines() if PHONE in line]
    assert lines and all(caveat in line for line in lines)  # the caveat sits beside every number
    assert want["phone"] in lines[0]


def test_each_format_shows_a_steps_own_finish_with_the_step(guide: Guide) -> None:
    """The support branch's ending is printed under its step, the guide's finish at the end."""
    own = guide.step("contact-support").finish
    assert own is not None and own.title and own.body and guide.finish and guide.finish.title
    words = {"zh-CN": "在这一步结束时：", "en": "When the walk ends here: "}[guide.language]
    for fmt in ("markdown", "text", "html"):
        out = export(guide, fmt)
        heading = out.index(words + (html.escape(own.title) if fmt == "html" else own.title))
        assert out.index(guide.step("contact-support").title) < heading < out.rindex(guide.finish.title)
        assert squash(own.body.split("\n")[-2]) in squash(out[heading:])
    assert json.loads(export(guide, "json"))["steps"][-1]["finish"] == {"title": own.title, "body": own.body}


def test_markdown_bodies_round_trip(guide: Guide) -> None:
    """The contract with the importer: a step is `## N. Title`, then whom it is for
    (`### ↳` or `### ⤷`, if it is not for everyone), then its body, up to the next heading,
    verbatim except `{{key}}` shown as «key»."""
    parts = re.split(r"^## (\d+)\. (.*)$", to_markdown(guide), flags=re.M)
    by_title = {s.title: s for s in guide.steps}
    answer = EXPECT[guide.language]["answer"]
    assert len(parts) == 1 + 3 * len(guide.steps)
    for i in range(len(guide.steps)):
        _number, title, rest = parts[1 + 3 * i : 4 + 3 * i]
        step = by_title[title]
        rest = re.sub(r"\A\s*(?:### [↳⤷] .*\n)+", "", rest)
        body = re.split(r"^#{1,3} ", rest, flags=re.M)[0].strip()
        assert body == (step.body or "").strip().replace("{{method}}", answer)


def test_text_is_wrapped_and_complete(guide: Guide) -> None:
    out = to_text(guide)
    want = EXPECT[guide.language]
    assert all(display_width(line) <= TEXT_WIDTH for line in out.splitlines())
    flat = squash(out)
    for title in all_titles(guide):
        assert squash(title) in flat
    for key in ("to_support", "next", "end"):
        assert squash(want[key]) in flat
    assert out.count("[ ] ") == 5
    assert out.count("( ) ") == sum(len(s.ask.options) for s in guide.steps if s.ask) == 7
    assert squash(want["phone"] + phone_contact(guide).disclaimer) in flat
    assert "**" not in out and "{{" not in out and want["answer"] in out
    assert squash("↳" + want["branch"]) in flat


def test_html_is_complete_self_contained_and_printable(guide: Guide) -> None:
    out = to_html(guide)
    assert out.startswith("<!DOCTYPE html>")
    assert f'<html lang="{guide.language}">' in out
    for title in all_titles(guide):
        assert html.escape(title, quote=True) in out
    assert out.count('<input type="checkbox">') == 5
    assert out.count('<input type="radio"') == 7
    assert '<a href="#step-contact-support">' in out  # the branch links to its step
    assert "@media print" in out and "break-inside: avoid" in out
    items = re.findall(r"<li>(?:(?!</li>).)*" + PHONE + r".*?</li>", out)
    assert items and all(html.escape(phone_contact(guide).disclaimer) in item for item in items)
    assert_safe_html(out)


def test_json_is_the_model(guide: Guide) -> None:
    out = export(guide, "json")
    assert json.loads(out) == guide.to_dict()
    assert "小米" in out  # UTF-8, not \\u escapes


# -- hostile text ---------------------------------------------------------------

HOSTILE = """\
format: 1
id: hostile
language: en
title: <script>alert(1)</script>
summary: "<iframe src=https://evil.example/></iframe>"
support:
  - name: <b>Evil</b> & co
    phone: "+1 (555) 010-0000"
    disclaimer: <img src=x onerror=alert(1)>
    url: https://example.org/help?a=1&b="2"
steps:
  - id: one
    title: "# [click](https://evil.example/) *now*"
    body: |
      <b>html</b> and <script>alert(2)</script>

      ![pixel](https://evil.example/p.png) and [ok](https://example.org/)
    checklist:
      - "<i>tick</i> - [ ] not a box"
    ask:
      key: pick
      prompt: "1. <u>which</u>?"
      options:
        - label: '"><script>alert(3)</script>'
        - label: "- second"
          next: two
  - id: two
    title: "Two ## with hashes ##"
    body: "```\\nunclosed fence"
    notes:
      - "[mail](mailto:a@example.org)"
    warning: "<style>body{display:none}</style> careful"
finish:
  body: bye <b>now</b>
"""


@pytest.fixture()
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.en.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


class StrictParser(HTMLParser):
    """Fails on unbalanced tags; records every tag and attribute."""

    VOID = {"meta", "input", "br", "hr", "img", "link"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()


def assert_safe_html(out: str) -> StrictParser:
    parser = StrictParser()
    parser.feed(out)
    parser.close()
    assert parser.stack == []
    names = {tag for tag, _ in parser.tags}
    assert not names & {"iframe", "img", "link", "object", "embed", "b", "i", "u"}
    # the one script is the HowTo JSON-LD, data that runs nothing (tests/export/test_howto.py)
    assert [attrs for tag, attrs in parser.tags if tag == "script"] == [{"type": "application/ld+json"}]
    for tag, attrs in parser.tags:
        assert "src" not in attrs and not any(a.startswith("on") for a in attrs), (tag, attrs)
        href = attrs.get("href")
        if href is not None:
            assert href.startswith(("#", "https://", "mailto:", "tel:")), href
    return parser


def test_hostile_guide_loads_and_exports_escaped(hostile: Path) -> None:
    guide = load_guide(hostile)
    out = to_html(guide)
    parser = assert_safe_html(out)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&lt;b&gt;html&lt;/b&gt;" in out and "&lt;img src=x onerror=alert(1)&gt;" in out
    hrefs = [a["href"] for tag, a in parser.tags if tag == "a"]
    assert "https://example.org/" in hrefs and "mailto:a@example.org" in hrefs
    assert "tel:+15550100000" in hrefs
    # the link in the (plain-text) title stays text; the image is at most a link,
    # never loaded: no request leaves the page
    assert "https://evil.example/" not in hrefs
    assert "# [click](https://evil.example/) *now*" in out and 'src="https://evil' not in out


def test_unsafe_links_are_text_even_without_the_loader() -> None:
    """The exporter does not rely on the loader for link safety."""
    guide = load_guide(ZH)
    step = dataclasses.replace(
        guide.steps[0],
        body="[x](javascript:alert(1)) [y](http://plain.example/) <https://ok.example/> [d](data:text/html,hi)",
    )
    out = to_html(dataclasses.replace(guide, steps=(step, *guide.steps[1:])))
    parser = assert_safe_html(out)
    hrefs = [a["href"] for tag, a in parser.tags if tag == "a"]
    assert "https://ok.example/" in hrefs
    assert not any(h.startswith(("javascript", "http:", "data")) for h in hrefs)


def test_hostile_markdown_keeps_its_structure(hostile: Path) -> None:
    guide = load_guide(hostile)
    out = to_markdown(guide)
    rendered = _any_renderer().render(out)
    # exactly one h1 and one h2 per step plus the support and finish headings
    assert len(re.findall(r"<h1>", rendered)) == 1
    assert re.findall(r"<h2>(.*?)</h2>", rendered)[:2] == [
        "1. # [click](https://evil.example/) *now*",
        "2. Two ## with hashes ##",
    ]
    assert "<h2>Support contacts</h2>" in rendered and "<h2>Finished</h2>" in rendered
    # the unclosed fence in step 2 was closed, so the headings after it survive
    assert 'href="https://evil.example/"' not in rendered
    assert len(re.findall(r"^- \[ \] ", out, re.M)) == 1
    assert "&lt;i&gt;tick&lt;/i&gt; - [ ] not a box" in rendered


def test_hostile_markdown_has_no_html_for_a_renderer_that_reads_it(hostile: Path) -> None:
    """Bodies, summaries, warnings and endings are guide Markdown, which reads raw HTML as
    text; the export wrote them as they were, and a renderer that reads HTML (CommonMark
    does) ran `<script>`, hid the page with `<style>` and dropped `<phone-number>`."""
    out = to_markdown(load_guide(hostile))
    tokens = _any_renderer().parse(out)
    html_tokens = [t for tok in tokens for t in [tok, *(tok.children or [])] if t.type.startswith("html")]
    assert html_tokens == []
    rendered = _any_renderer().render(out)
    for shown in (
        "&lt;b&gt;html&lt;/b&gt;",
        "&lt;script&gt;alert(2)&lt;/script&gt;",
        "&lt;style&gt;",
        "bye &lt;b&gt;now",
    ):
        assert shown in rendered


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="#*_[]()<>`\\!-+=.1a &|~:;\"'\n\t", max_size=24))
def test_md_escape_shows_the_text_itself(text: str) -> None:
    md = _any_renderer()
    plain = " ".join(text.split())
    for wrapper in ("{}", "- {}", "## 1. {}"):
        rendered = md.render(wrapper.format(md_escape(text)))
        inner = re.sub(r"</?(p|ul|li|h2)>", "", rendered).strip()
        if wrapper == "## 1. {}":
            inner = inner.removeprefix("1.").strip()
        assert html.unescape(inner) == plain


def test_text_wraps_cjk_by_width() -> None:
    guide = load_guide(ZH)
    out = to_text(guide, width=30)
    assert all(display_width(line) <= 30 for line in out.splitlines())
    assert not any(line.lstrip().startswith((",", "。", "”", ")")) for line in out.splitlines())


# -- the command ----------------------------------------------------------------


def test_cli_writes_each_format_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for fmt, suffix in (("markdown", ".md"), ("text", ".txt"), ("html", ".html"), ("json", ".json")):
        out = tmp_path / f"guide{suffix}"
        assert main(["export", str(EN), "-o", str(out)]) == 0  # format from the extension
        assert out.read_text(encoding="utf-8") == export(load_guide(EN), fmt)
    assert capsys.readouterr() == ("", "")


def test_cli_writes_over_no_file_unasked_and_never_over_the_guide(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`export tea.en.yaml -o tea.en.yaml` replaced the author's YAML with Markdown and
    exited 0; `-o notes.txt` replaced the notes; `-o x.pdf` wrote Markdown into x.pdf."""
    guide = tmp_path / "tea.en.yaml"
    yaml_text = EN.read_bytes()
    guide.write_bytes(yaml_text)
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n", encoding="utf-8")
    (tmp_path / "link.md").symlink_to(guide)
    for argv in (
        ["-o", str(guide)],
        ["-o", str(guide), "-f", "text", "--force"],  # the guide itself: not even with --force
        ["-o", str(tmp_path / "link.md"), "--force"],  # nor through a link to it
        ["-o", str(notes)],
        ["-o", str(tmp_path / "x.pdf")],
        ["-o", str(tmp_path / "other.yaml")],
    ):
        assert main(["export", str(guide), *argv]) == 2, argv
        err = capsys.readouterr().err
        assert "nothing was written" in err, (argv, err)
    assert guide.read_bytes() == yaml_text and notes.read_text(encoding="utf-8") == "my notes\n"
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "other.yaml").exists()
    assert main(["export", str(guide), "-o", str(notes), "--force"]) == 0  # asked: replaced
    assert notes.read_text(encoding="utf-8") == export(load_guide(guide), "text")
    assert main(["export", str(guide), "-o", str(tmp_path / "x.pdf"), "-f", "html"]) == 0  # the format named
    assert main(["export", str(guide), "-o", str(tmp_path / "checklist")]) == 0  # no extension: Markdown
    assert (tmp_path / "checklist").read_text(encoding="utf-8") == export(load_guide(guide), "markdown")
    assert not list(tmp_path.glob(".*.tmp"))  # written whole, through a temporary file


def test_cli_stdout_bundled_id_and_lang(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "xiaomi-installment-priority-payment", "--lang", "zh-CN", "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["language"] == "zh-CN" and len(data["steps"]) == 8
    assert main(["export", "xiaomi-installment-priority-payment", "--lang", "en", "--format", "text"]) == 0
    assert "Step 5: Contact Xiaomi customer service" in capsys.readouterr().out


def test_cli_says_when_the_language_asked_for_is_not_there(capsys: pytest.CaptureFixture[str]) -> None:
    """`export ID --lang fr` gave the zh-CN guide and said nothing of it."""
    assert main(["export", "xiaomi-installment-priority-payment", "--lang", "fr", "-f", "json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["language"] == "zh-CN"
    assert "has no fr version; this is its zh-CN version" in err
    assert main(["export", "xiaomi-installment-priority-payment", "--lang", "zh-TW", "-f", "json"]) == 0
    assert capsys.readouterr().err == ""  # zh-TW finds zh-CN: the same base language
    path = str(ROOT / "guides" / "xiaomi-installment-priority-payment.en.yaml")
    assert main(["export", path, "--lang", "fr", "-f", "json"]) == 0
    assert capsys.readouterr().err == ""  # a file named: that file, whatever --lang


def test_cli_guide_with_errors_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.en.yaml"
    bad.write_text("format: 1\nid: bad\ntitle: Bad\nstepz: []\n", encoding="utf-8")
    assert main(["export", str(bad)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert re.search(rf"^{re.escape(str(bad))}:4:1: error: unknown key `stepz`.*did you mean `steps`", err, re.M)


def test_cli_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "no-such-guide-id"]) == 2
    assert "no guide file or bundled guide" in capsys.readouterr().err
    assert main(["export", str(EN), "-o", str(tmp_path / "missing" / "x.md")]) == 2
    assert "cannot write" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["export", str(EN), "--format", "pdf"])
    assert exc.value.code == 2
    capsys.readouterr()


def test_cli_messages_follow_lang_then_locale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    bad = tmp_path / "bad.en.yaml"
    bad.write_text("format: 1\nid: bad\ntitle: Bad\nstepz: []\n", encoding="utf-8")
    assert main(["export", str(bad)]) == 1
    assert f"{bad}:4:1: error: 指南中有未知的键 `stepz`；您是想写 `steps` 吗？" in capsys.readouterr().err
    assert main(["export", "no-such-guide-id"]) == 2
    assert capsys.readouterr().err == "guide-tui export: 找不到名为 'no-such-guide-id' 的指南文件或内置指南\n"
    assert main(["export", str(EN), "-o", str(tmp_path / "missing" / "x.md")]) == 2
    assert "无法写入" in capsys.readouterr().err
    # --lang chooses the messages' language before the locale does
    assert main(["export", "no-such-guide-id", "--lang", "en"]) == 2
    assert "no guide file or bundled guide called 'no-such-guide-id'" in capsys.readouterr().err


def _any_renderer() -> MarkdownIt:
    """A plain CommonMark renderer, as any reader of an exported file may use."""
    return MarkdownIt("commonmark")


def test_a_note_that_is_only_a_link_definition_exports_as_text() -> None:
    """`export -f text` crashed (IndexError) on a note that renders as nothing."""
    guide = load_guide(ZH)
    step = dataclasses.replace(guide.steps[0], notes=("[site]: https://example.com/", "真的提示"))
    out = to_text(dataclasses.replace(guide, steps=(step, *guide.steps[1:])))
    assert "真的提示" in out and "example.com" not in out


def test_steps_are_numbered_and_ordered_as_the_walker_shows_them(guide: Guide) -> None:
    """The HTML export used to number the support step 8 (its place in the file) while the
    walker says step 5 of 5, and put step 5's checklist before its question."""
    from guide_tui.core.walker import Walker
    from guide_tui.export.common import Plan

    plan = Plan(guide)
    main = Walker(guide)  # the main path: each question's first answer
    while not main.finished:
        assert plan.number(main.step.id) == len(main.path)
        if main.step.ask and main.choice() is None:
            main.answer(0)
        main.advance()
    branch = Walker(guide)
    while branch.step.id != "find-option":
        branch.advance()
    branch.answer(1)  # "I do not see this option"
    branch.advance()
    assert branch.step.id == "contact-support" and plan.number("contact-support") == len(branch.path) == 5
    assert [e.step.id for e in plan.entries][-1] == "contact-support" and plan.entries[-1].branch == (
        4,
        branch.answered["option_found"],
    )
    html_out = to_html(guide)
    section = html_out[html_out.index('id="step-choose-method"') :]
    section = section[: section.index("</section>")]
    assert section.index('class="boxes ask"') < section.index('class="boxes checklist"')
    assert (
        f'<span class="num">{html.escape(t_step(guide, 5))}</span> {html.escape(guide.step("contact-support").title)}'
        in html_out
    )


def t_step(guide: Guide, n: int) -> str:
    from guide_tui.i18n import t

    return t("export.step", guide.language if guide.language == "en" else "zh-CN", n=n)
