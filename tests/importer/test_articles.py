"""`guide-tui import` on articles as people find them: the shapes of real help
centres, blogs and Q&A pages, the corpus in tests/data/articles/, saved web pages
and schema.org HowTo markup, and regular expressions that stay linear.

Each shape test is a few lines in the shape a real article had (the corpus has the
whole articles); each failed on the importer before this work.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from guide_tui.core.loader import load_bytes
from guide_tui.importer import contacts, facts, markers
from guide_tui.importer.article import ArticleError, import_article
from guide_tui.importer.steps import StepMaker

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "articles"


@functools.cache
def load_score():  # bench/import_score.py, which the corpus tests share
    spec = importlib.util.spec_from_file_location("import_score", ROOT / "bench" / "import_score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["import_score"] = module
    spec.loader.exec_module(module)
    return module


def guide_of(text: str, name: str = "article.txt"):
    result = import_article(text.encode("utf-8"), name)
    loaded = load_bytes(result.yaml.encode("utf-8"), name)
    assert loaded.errors == [], loaded.errors
    assert loaded.guide is not None
    return result, loaded.guide


def titles(text: str, name: str = "article.txt") -> list[str]:
    return [s.title for s in guide_of(text, name)[1].steps]


# -- the shapes that were refused or came out wrong ----------------------------------


def test_tight_numbered_list_after_a_colon_sentence() -> None:
    text = (
        "How to pay your bill online\n\n"
        "Follow these steps to pay:\n"
        "  1. Log into your MyAccount Portal account.\n"
        "  2. Click Billing.\n"
        "  3. Choose Pay now.\n"
        "  4. Enter the amount.\n"
        "  5. Pick a card.\n"
        "  6. Confirm the payment.\n"
        "  7. Keep the receipt number.\n"
    )
    assert titles(text) == [
        "Log into your MyAccount Portal account",
        "Click Billing",
        "Choose Pay now",
        "Enter the amount",
        "Pick a card",
        "Confirm the payment",
        "Keep the receipt number",
    ]


@pytest.mark.parametrize(
    "marks",
    [
        ("• Step 1: ", "• Step 2: "),
        ("Step One: ", "Step Two: "),
        ("01Step 1: ", "02Step 2: "),
        ("STEP1:", "STEP2:"),
        ("**Step 1:** ", "**Step 2:** "),
    ],
)
def test_step_words_in_every_shape(marks: tuple[str, str]) -> None:
    text = f"Reset your modem\n{marks[0]}Turn the modem on.\nMake sure the light is green.\n{marks[1]}Reset the modem.\nHold the button for 30 seconds.\n"
    _, guide = guide_of(text)
    assert [s.title for s in guide.steps] == ["Turn the modem on", "Reset the modem"]
    assert guide.steps[1].body == "Hold the button for 30 seconds."


def test_emoji_list_and_step_heading_sharing_a_line() -> None:
    emoji = "饿了么怎么开发票\n  1. 👉 打开饿了么App,点击“我的”。\n  2. 👉 进入“订单”页面。\n  3. 👉 点击“开发票”。\n"
    assert titles(emoji) == ["打开饿了么App,点击“我的”", "进入“订单”页面", "点击“开发票”"]
    joined = "关闭先吃后付\n第一步:登录饿了么账号首先,打开饿了么App。\n第二步:进入个人中心 点击“我的”。\n"
    _, guide = guide_of(joined)
    assert [s.title for s in guide.steps] == ["登录饿了么账号", "进入个人中心"]
    assert guide.steps[0].body == "首先,打开饿了么App。"


def test_name_and_description_bullets_after_a_colon_sentence() -> None:
    text = "京东白条开通方法\n开通的具体步骤如下:\n- 注册账号:登录京东APP。\n- 绑定银行卡:在“我的钱包”中绑定。\n- 开通白条:点击“开通”。\n"
    _, guide = guide_of(text)
    assert [s.title for s in guide.steps] == ["注册账号", "绑定银行卡", "开通白条"]
    assert guide.steps[1].body == "在“我的钱包”中绑定。"


def test_prose_steps_with_sequence_words() -> None:
    text = (
        "怎么取消订单?\n"
        "首先,打开App,点击“订单”。在这里可以看到行程。接下来,选择要取消的订单。"
        "然后,点击“取消订单”按钮。最后,点击“确定”。\n"
        "希望这篇文章能帮助您。\n"
    )
    _, guide = guide_of(text)
    assert [s.title for s in guide.steps] == [
        "打开App,点击“订单”",
        "选择要取消的订单",
        "点击“取消订单”按钮",
        "点击“确定”",
    ]
    assert guide.steps[0].body == "在这里可以看到行程。"
    assert guide.finish is not None and "希望这篇文章" in guide.finish.body
    english = "Cancel a ride\n\nFirst, open the app. Next, tap Rides. Then, tap Cancel. Finally, tap Yes.\n"
    assert titles(english) == ["Open the app", "Tap Rides", "Tap Cancel", "Tap Yes"]  # a title starts a sentence


def test_a_bulleted_list_between_sequence_sentences_belongs_to_the_step_before_it() -> None:
    """The list was taken as the steps: "First, unplug the router." went to the summary,
    where the walk never asks for it, the sentences after it to the finish, and the
    support number in the last one was lost."""
    text = (
        "How to reset the router\n\n"
        "First, unplug the router.\n\n- Wait 30 seconds\n- Check the cable\n\n"
        "Then, plug it back in and wait for the light to turn green.\n\n"
        "Finally, call support at 400-123-4567 if it does not.\n"
    )
    result, guide = guide_of(text)
    assert [s.title for s in guide.steps] == [
        "Unplug the router",
        "Plug it back in and wait for the light to turn green",
        "Call support at 400-123-4567 if it does not",
    ]
    assert guide.steps[0].body.strip() == "- Wait 30 seconds\n- Check the cable"
    assert guide.summary is None or "unplug" not in guide.summary.lower()
    assert [c.phone for c in guide.support] == ["400-123-4567"]
    chinese = (
        "如何修改绑定的银行卡\n\n首先，准备好以下材料：\n- 身份证\n- 新的银行卡\n"
        "然后，打开应用，点击“我的”中的“银行卡”。\n最后，点击“更换”。\n"
    )
    result, guide = guide_of(chinese)
    assert [s.title for s in guide.steps] == ["准备好以下材料", "打开应用，点击“我的”中的“银行卡”", "点击“更换”"]
    assert guide.steps[0].body.strip() == "- 身份证\n- 新的银行卡"
    assert not any("bullet list became notes" in line for line in result.report)


def test_a_list_that_is_a_step_s_text_is_not_reported_as_notes() -> None:
    """Under a heading with nothing else, a bullet list is the step's text; the report said
    it "became notes"."""
    text = "# Clean the filter\n\n## Take it out\n\n- Open the cover\n- Pull the filter\n\n## Rinse it\n\nUnder cold water.\n\n- Do not use soap\n"
    result, guide = guide_of(text, "article.md")
    assert guide.steps[0].body.strip() == "- Open the cover\n- Pull the filter" and guide.steps[0].notes == ()
    assert guide.steps[1].notes == ("Do not use soap",)
    said = [line for line in result.report if "bullet list became notes" in line]
    assert said == ["guessed: step 2: a bullet list became notes"]


def test_headings_without_blank_lines_each_make_a_step() -> None:
    text = "注销账户\n第一步:登录账户\n打开App。\n第二步:进入设置\n点击“设置”。\n第三步:注销\n点击“注销账户”。\n"
    _, guide = guide_of(text)
    assert [s.title for s in guide.steps] == ["登录账户", "进入设置", "注销"]
    assert guide.steps[2].body == "点击“注销账户”。"


def test_nested_procedure_inside_its_section() -> None:
    text = (
        "京东白条怎么开通\n"
        "一、背景\n白条是一种信用支付产品。\n"
        "二、条件\n1. 年满18周岁\n2. 完成实名认证\n"
        "三、开通步骤\n1. 登录京东账户\n打开京东APP。\n2. 进入京东金融\n点击“京东金融”。\n"
        "3. 选择白条\n点击“白条”。\n4. 申请开通\n点击“立即开通”。\n"
        "四、注意事项\n请确保按时还款,避免产生逾期费用。\n"
    )
    _, guide = guide_of(text)
    assert [s.title for s in guide.steps] == ["登录京东账户", "进入京东金融", "选择白条", "申请开通"]
    assert guide.steps[3].body == "点击“立即开通”。"
    assert "白条是一种信用支付产品" in (guide.summary or "")
    assert guide.finish is not None and "避免产生逾期费用" in guide.finish.body


def test_the_title_is_the_heading_not_the_first_line() -> None:
    site = "品味昵称网\n微信怎么改昵称\n第一步:打开微信\n点“我”。\n第二步:改名字\n点“名字”。\n"
    assert guide_of(site)[1].title == "微信怎么改昵称"
    intro = "x" * 119 + "。\nStep 1: Open it\nOpen the app.\nStep 2: Tap it\nTap the button.\n"
    result, guide = guide_of(intro, "open-the-app.txt")
    assert guide.title == "open the app" and any("file name" in line for line in result.report)
    comment = "<!-- saved from the web -->\n# Reset the router\n\n1. Unplug it.\n2. Plug it in.\n"
    assert guide_of(comment, "a.md")[1].title == "Reset the router"
    front = "---\ntitle: Change your email\nintro: Add a new one, then delete the old one.\n---\n\n1. Open Settings.\n2. Click Emails.\n"
    result, guide = guide_of(front, "a.md")
    assert (guide.title, guide.summary) == ("Change your email", "Add a new one, then delete the old one.")
    assert "---" not in result.yaml.split("format: 1", 1)[1] and "intro:" not in result.yaml


def test_page_furniture_is_left_out() -> None:
    text = "\n".join(
        [
            "en My Requests Following I'D LIKE TO CHAT",
            "怎么设置头像图文教程",
            "怎么设置头像图文教程 第3张",
            "1. 打开App,点击“我”。",
            "2. 点击头像。",
            "3. 选择一张照片。",
            "标签:头像 设置",
            "转载请注明出处",
            "本文的链接地址: http://example.com/a/1.html",
            "最新评论",
            "暂无评论",
            "Was this article helpful?",
            "Powered by Zendesk",
            "Further reading",
            "How to change your name",
        ]
    )
    result, guide = guide_of(text)
    assert [s.title for s in guide.steps] == ["打开App,点击“我”", "点击头像", "选择一张照片"]
    for furniture in (
        "第3张",
        "标签",
        "转载",
        "链接地址",
        "评论",
        "helpful",
        "Zendesk",
        "reading",
        "change your name",
        "CHAT",
    ):
        assert furniture not in result.yaml.split("format: 1", 1)[1], furniture


def test_contacts_are_named_from_their_sentence_with_hours_and_limits() -> None:
    text = (
        "Sign up\n\nStep 1: Open the form\nFill it in.\nStep 2: Send it\n"
        "Send the form. If you need help, let us know by calling 800-435-4456.\n"
        "Call customer service between 9:30 and 4:30 eastern Monday to Friday at 1-888-555-0101, only to sign up.\n"
    )
    _, guide = guide_of(text)
    first, second = guide.support
    assert (first.name, first.phone) == ("Support phone", "800-435-4456")
    assert (second.name, second.phone) == ("Customer service", "1-888-555-0101")
    assert second.hours == "9:30 and 4:30 eastern Monday to Friday"
    assert second.disclaimer == "only to sign up"
    [zh] = contacts.find_contacts("如有问题,客服熱線通常為 400-021-2000。", "zh-TW")
    assert zh.name == "客服熱線"


def test_dates_in_their_common_forms() -> None:
    assert facts.published_date("Updated on December 12, 2019") == dt.date(2019, 12, 12)
    assert facts.published_date("2018-08-07 20:48") == dt.date(2018, 8, 7)
    assert facts.published_date("发布时间:2024-08-22 10:43:59") == dt.date(2024, 8, 22)
    assert facts.published_date("第1个回答  2024-05-26") == dt.date(2024, 5, 26)
    assert facts.published_date("时间:2024-12-01 来源:未知 作者:佚名") == dt.date(2024, 12, 1)
    _, guide = guide_of("Reset\n~ 0 min\n2018-08-07 20:48\n1. Unplug it.\n2. Plug it in.\n")
    assert guide.source is not None and guide.source.published == dt.date(2018, 8, 7)


def test_github_docs_front_matter_and_template_tags_never_show() -> None:
    result, guide = guide_of((CORPUS / "en-github-docs-primary-email.md").read_text(encoding="utf-8"), "primary.md")
    shown = result.yaml.split("format: 1", 1)[1]
    for word in ("{%", "%}", "AUTOTITLE", "redirect_from", "versions:", "fpt"):
        assert word not in shown, word
    assert guide.title == "Changing your primary email address"
    assert guide.summary and guide.summary.startswith("You can change the email address")
    assert "verifying your email address" in (guide.steps[-1].body or "")


def test_lines_copied_from_a_page_do_not_run_together() -> None:
    text = "注册账号\n第一步:打开App\n请保护好您的密码,防止泄露。\n新用户请先注册。\n第二步:登录\n输入密码。\n"
    _, guide = guide_of(text)
    assert guide.steps[0].body.strip() == "请保护好您的密码,防止泄露。\n\n新用户请先注册。"


def test_closing_words_finish_and_safety_advice_is_a_warning() -> None:
    text = (
        "关闭服务\n第一步:打开设置\n点击“设置”。\n第二步:关闭\n点击“关闭”。\n请确保账单已还清,避免产生逾期费用。\n"
        "通过以上步骤,您就可以关闭服务了。\n"
    )
    _, guide = guide_of(text)
    assert guide.steps[1].warning == "请确保账单已还清,避免产生逾期费用。"
    assert guide.finish is not None and guide.finish.body.startswith("通过以上步骤")
    assert "通过以上步骤" not in (guide.steps[1].body or "")


def test_only_text_with_no_procedure_is_refused_and_says_why() -> None:
    with pytest.raises(ArticleError, match="no procedure"):
        import_article(b"A title\n\nJust a paragraph about routers, with no steps in it.\n", "a.txt")


# -- web pages and HowTo markup ----------------------------------------------------------


def test_howto_jsonld_file_maps_steps_tips_and_time() -> None:
    result, guide = guide_of((CORPUS / "en-schemaorg-flat-tire.jsonld").read_text(encoding="utf-8"), "tire.jsonld")
    assert guide.title == "Change a Flat Tire" and guide.estimated_minutes == 30
    assert len(guide.steps) == 10 and guide.steps[0].title == "Turn on your hazard lights and set the flares"
    assert guide.steps[0].notes == ("You're going to need space and want to be visible.",)
    assert any("Preparation" in line for line in result.report)


def test_page_with_howto_jsonld_needs_no_extra() -> None:
    html = (CORPUS / "en-google-howto-backsplash.html").read_text(encoding="utf-8")
    _, guide = guide_of(html, "backsplash.html")
    assert [s.title for s in guide.steps][:2] == ["Prepare the surfaces", "Plan your layout"]
    assert guide.estimated_minutes == 2 * 24 * 60
    assert guide.steps[2].notes == ("Thinset and other adhesives set quickly so make sure to work in a small area.",)


def test_saved_page_main_content_is_found() -> None:
    pytest.importorskip("trafilatura")
    html = (
        "<html><head><title>Reset | Help Center</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/p'>Products</a> <a href='/s'>Sign in</a></nav>"
        "<article><h1>How to reset your router</h1><p>Updated on December 12, 2019</p>"
        "<p>Resetting clears every setting on the router and brings it back to how it left the factory.</p>"
        "<ol><li>Unplug the router from the wall socket.</li><li>Wait 30 seconds before you plug it back in.</li>"
        "<li>Plug it in and wait until the lights stop blinking.</li></ol></article>"
        "<footer><p>Was this article helpful?</p><p>Powered by Zendesk</p></footer></body></html>"
    )
    result, guide = guide_of(html, "reset.html")
    assert guide.title == "How to reset your router"
    assert [s.title for s in guide.steps] == [
        "Unplug the router from the wall socket",
        "Wait 30 seconds before you plug it back in",
        "Plug it in and wait until the lights stop blinking",
    ]
    assert guide.source is not None and guide.source.published == dt.date(2019, 12, 12)
    assert "Products" not in result.yaml and "Zendesk" not in result.yaml


def test_saved_page_without_the_extra_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import trafilatura -> ImportError
    with pytest.raises(ArticleError, match=r"pip install 'guide-tui\[import\]'"):
        import_article(b"<html><body><p>Hello</p></body></html>", "page.html")


# -- the corpus --------------------------------------------------------------------------


@pytest.mark.parametrize("path", load_score().articles(), ids=lambda p: p.name)
def test_corpus_article_is_valid_has_its_steps_and_invents_nothing(path: Path) -> None:
    score = load_score().score(path, walk_it=False)
    assert score.valid and not score.error
    assert score.steps_ok, (score.got, score.expected)
    assert score.invented == []
    assert score.facts[0] == score.facts[1] and score.furniture[0] == score.furniture[1]


def test_the_corpus_covers_both_languages_and_every_kind() -> None:
    names = [p.name for p in load_score().articles()]
    assert len(names) >= 24
    assert sum(n.startswith("zh-") for n in names) >= 10 and sum(n.startswith("en-") for n in names) >= 10
    assert {Path(n).suffix for n in names} >= {".txt", ".md", ".html", ".jsonld"}


def test_score_smoke_runs() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "import_score.py"), "--smoke"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "targets: met" in proc.stdout


# -- the importer's own words --------------------------------------------------------------


def test_every_export_heading_in_every_interface_language_is_recognised() -> None:
    from guide_tui.i18n import CATALOGS

    maker = StepMaker("en", lambda *a, **k: None)
    for lang, catalog in CATALOGS.items():
        for key, kind in (
            ("export.notes", "notes"),
            ("export.checklist", "checklist"),
            ("export.warning", "warning"),
            ("export.question", "question"),
            ("export.support", "support"),
        ):
            assert maker.kind_of(catalog[key]) == kind, (lang, key, catalog[key])
            assert maker.kind_of(f"⚠ {catalog[key]}") == kind
        assert maker.kind_of(f"{catalog['export.then']} → Step 2: Done") == "then", lang
        meta = facts.MetaLines()
        assert meta.matches(catalog["export.minutes"].format(n=5)), lang
        assert meta.matches(catalog["export.reviewed"].format(date="2024-01-02")), lang
        assert meta.matches(catalog["export.source"].format(source="https://example.org")), lang
        assert meta.matches(catalog["export.published"].format(date="2024-01-02")), lang


def test_a_translator_changing_a_label_does_not_change_import(monkeypatch: pytest.MonkeyPatch) -> None:
    from guide_tui import i18n

    real = i18n.Catalog.get
    monkeypatch.setattr(
        i18n.Catalog,
        "get",
        lambda self, key, default=None: "Hints" if key == "export.notes" else real(self, key, default),
    )
    assert i18n.t("export.notes", "en") == "Hints"
    maker = StepMaker("en", lambda *a, **k: None)
    assert maker.kind_of("Notes") == "notes" and maker.kind_of("Hints") is None


# -- no regular expression over article text backtracks ------------------------------------

LINEAR_CHECK = r"""
import importlib, pkgutil, re, sys, time
import guide_tui.importer
from guide_tui.importer.article import import_article
# every module of the importer, so a new one is checked too
modules = [importlib.import_module(f"guide_tui.importer.{m.name}") for m in pkgutil.iter_modules(guide_tui.importer.__path__)]
assert len(modules) >= 11, modules
patterns = {}
for module in modules:
    for name, value in vars(module).items():
        if isinstance(value, re.Pattern):
            patterns[f"{module.__name__}.{name}"] = value
    for name, value in vars(module).items():
        if isinstance(value, list):
            for i, item in enumerate(value):
                for part in (item if isinstance(item, tuple) else (item,)):
                    if isinstance(part, re.Pattern):
                        patterns[f"{module.__name__}.{name}[{i}]"] = part
size = int(sys.argv[1])
for name, pattern in patterns.items():
    specials = sorted({c for c in pattern.pattern if not c.isalnum() and c not in "\\()?{}^$|"} | set(" -\t#*[]:.1a一"))
    for c in specials:
        for line in (c * size + "\x00", (c + " ") * (size // 2) + "\x00", "#" + c * size + "x"):
            start = time.perf_counter()
            pattern.search(line)
            list(pattern.finditer(line[: size // 4]))
            took = time.perf_counter() - start
            if took > 2.0:
                print(f"SLOW {name} on {c!r}: {took:.1f} s", flush=True)
                sys.exit(1)
print("ok", len(patterns))
"""


def test_no_regex_over_article_text_backtracks() -> None:
    # Each importer pattern on long lines of its own characters, in a fresh interpreter with a
    # generous timeout: a linear pattern takes milliseconds, a backtracking one minutes.
    proc = subprocess.run(
        [sys.executable, "-c", LINEAR_CHECK, str(1 << 16)], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert proc.returncode == 0 and proc.stdout.startswith("ok"), proc.stdout + proc.stderr


WHOLE_IMPORT = r"""
import sys
from guide_tui.core.fields import MAX_FILE_BYTES
from guide_tui.importer import link_text, shape
from guide_tui.importer.article import import_article, ArticleError
kind = sys.argv[1]
size = 1 << 20
line = {
    "heading": "# a" + " " * size + "x",
    "reference": "-   " * (size // 4) + " x",
    "link": "[a](" + "b" * size,
    "share": "facebook " * (size // 9) + "!",
}[kind]
shape.md_heading(line)  # the pieces that read one line, on the whole 1 MiB line
link_text.safe_links(line)
shape.strip_furniture([line])
body = "\n\n1. One.\n2. Two.\n"  # the whole import (under the size limit): the line first, then inside the text
for text in (line[: MAX_FILE_BYTES - 4096] + body, "Title\n\n" + line[: MAX_FILE_BYTES - 4096] + body):
    try:
        import_article(text.encode(), "a.md")
    except ArticleError as exc:
        assert "larger than" not in str(exc), exc
print("ok")
"""


@pytest.mark.parametrize("kind", ["heading", "reference", "link", "share"])
def test_one_megabyte_line_is_imported_in_linear_time(kind: str) -> None:
    # `# a` + 100 KB of spaces + `x` took 205 s (quadratic); `-   -   - … x` backtracked in the
    # link-reference pattern.  A 1 MiB line must now finish well inside the timeout.
    proc = subprocess.run(
        [sys.executable, "-c", WHOLE_IMPORT, kind], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr[-2000:]


def test_classify_reads_each_marker() -> None:
    assert markers.classify("01Step 1: Locate").kind == "step"
    assert markers.classify("步驟三: 找到訂單").number == 3
    assert markers.classify("Step Four - Done").number == 4
    assert markers.classify("(2) 填写信息").kind == "paren"
    assert markers.classify("1.5 GHz is fast") is None
    assert markers.classify("2018-08-07 20:48") is None


# -- a help centre's sections: a list of steps under its own heading ----------------------


def test_a_list_under_a_steps_heading_is_the_steps_and_the_other_sections_stay() -> None:
    """`## 操作步骤` and a numbered list, between other sections: the list came out as one
    step titled 操作步骤 (each section a step). Its items are the steps; the section before
    is background (the summary) and the one after is the finish, every fact kept."""
    text = (
        "# 如何重置路由器\n\n## 准备\n\n找到路由器背面的电源口。\n\n## 操作步骤\n\n"
        "1. 拔掉路由器电源。\n2. 等待半分钟。\n3. 重新插上电源。\n\n"
        "## 联系我们\n\n客服热线 400-820-1234（每天 9:00-21:00）。号码可能调整，请以官网为准。\n"
    )
    result, guide = guide_of(text, "router.md")
    assert [s.title for s in guide.steps] == ["拔掉路由器电源", "等待半分钟", "重新插上电源"]
    assert "背面的电源口" in (guide.summary or "")
    assert guide.finish is not None and "400-820-1234" in str(guide.finish.body)
    html = (
        "<html><body><h1>如何开通ETC</h1><h2>准备材料</h2><p>身份证、行驶证。</p><h2>操作步骤</h2>"
        "<ol><li>打开畅行ETC小程序。</li><li>点击“办理”。</li><li>上传身份证照片。</li></ol>"
        "<h2>联系我们</h2><p>客服热线 95022。</p></body></html>"
    )
    assert titles(html, "etc.html") == ["打开畅行ETC小程序", "点击“办理”", "上传身份证照片"]


def test_sections_that_are_each_a_step_stay_steps() -> None:
    """Without one heading that names the procedure and holds a list, each section is a step."""
    text = "# Make tea\n\n## Boil water\n\nFill the kettle.\n\n## Steep\n\n- 3 minutes\n- 5 for black tea\n"
    assert titles(text, "tea.md") == ["Boil water", "Steep"]


def test_opening_hours_beside_a_number_are_its_hours_and_the_caveat_is_the_caveat() -> None:
    """ "400-820-1234（每天 9:00-21:00）。号码可能调整，请以官网为准。": the hours were taken for the
    number's caveat, and the caveat stayed only in the body."""
    found = contacts.find_contacts("客服热线 400-820-1234（每天 9:00-21:00）。号码可能调整，请以官网为准。", "zh-CN")
    assert [(c.phone, c.hours, c.disclaimer) for c in found] == [
        ("400-820-1234", "每天 9:00-21:00", "号码可能调整，请以官网为准。")
    ]
    found = contacts.find_contacts(
        "Call our helpline on 0800 123 4567 (Mon-Fri 9am-5pm). Note: the number may change; check our website.", "en"
    )
    assert [(c.hours, c.disclaimer) for c in found] == [
        ("Mon-Fri 9am-5pm", "the number may change; check our website.")
    ]
    # a parenthetical that is a caveat stays one
    found = contacts.find_contacts("Call 0800 123 4567 (charges may apply).", "en")
    assert [c.disclaimer for c in found] == ["charges may apply"]


def test_a_contact_name_does_not_keep_the_verb_before_it() -> None:
    found = contacts.find_contacts("可拨打畅行ETC客服热线 95022 咨询。", "zh-CN")
    assert [c.name for c in found] == ["畅行ETC客服热线"]


def test_steps_one_after_another_in_one_paragraph_are_each_a_step() -> None:
    """A page's text often comes as one paragraph: "… settings. Step 1: Unplug it. Step 2: …".
    The importer found no procedure in it and wrote nothing."""
    text = (
        "Restarting your router\n"
        "A restart resolves many problems. Step 1: Unplug the power cord, wait 30 seconds, then plug it"
        " back in. Step 2: Test whether the internet works again. Step 3: Note down your login first.\n"
    )
    _, guide = guide_of(text)
    assert [s.title for s in guide.steps] == [
        "Unplug the power cord, wait 30 seconds, then plug it back in",
        "Test whether the internet works again",
        "Note down your login first",
    ]
    assert guide.summary == "A restart resolves many problems."
    chinese = "重启路由器\n很多问题重启即可解决。第一步：拔掉电源线。第二步：等待30秒后插回。第三步：检查网络。\n"
    assert titles(chinese) == ["拔掉电源线", "等待30秒后插回", "检查网络"]


def test_a_step_word_inside_a_sentence_does_not_split_it() -> None:
    text = "Pay a bill\n\n1. Open the app.\n2. Tap Pay. Then see step 3: Confirm, as step 4: says.\n"
    _, guide = guide_of(text)
    assert [s.title for s in guide.steps] == ["Open the app", "Tap Pay"]
    assert "see step 3: Confirm, as step 4: says." in (guide.steps[1].body or "")


def test_a_step_a_paragraph_when_sequence_words_start_the_paragraphs() -> None:
    """首先 … 接下来 … 最后 each starting a paragraph, with paragraphs between them that have
    none: each paragraph is a step (the four between were one step's text), and a step's
    Chinese sentences are joined without the space English puts between sentences."""
    text = (
        "更换手机号\n"
        "首先,打开应用并登录。进入主界面后,点击“我的”。\n"
        "接下来,点击“设置”。进入设置菜单后,选择“账号与安全”。\n"
        "在“账号与安全”页面中,点击“手机号”。再选择“更换手机号”。\n"
        "最后,输入新的手机号。\n"
    )
    _, guide = guide_of(text)
    assert [s.title for s in guide.steps] == [
        "打开应用并登录",
        "点击“设置”",
        "在“账号与安全”页面中,点击“手机号”",
        "输入新的手机号",
    ]
    assert guide.steps[1].body == "进入设置菜单后,选择“账号与安全”。"
    assert guide.steps[2].body == "再选择“更换手机号”。"
    assert guide.steps[3].body == "输入新的手机号。"  # one sentence: also the text, as a list item's is
    english = (
        "Cancel a ride\n\nFirst, open the app. Tap Rides. Look at the list.\nThen, tap Cancel.\nFinally, tap Yes.\n"
    )
    _, guide = guide_of(english)
    assert guide.steps[0].body == "Tap Rides. Look at the list."
    chinese = "取消订单\n首先,打开App。点击“订单”。看到行程。接下来,选择订单。最后,点击“确定”。\n"
    _, guide = guide_of(chinese)
    assert [s.title for s in guide.steps] == ["打开App", "选择订单", "点击“确定”"]
    assert guide.steps[0].body == "点击“订单”。看到行程。"


def test_two_ways_to_do_it_are_each_way_s_steps_and_the_question_is_asked_for() -> None:
    """方法一 (the app, a list) then 方法二 (the website, a list): the second way, its
    heading and the words that introduce it were the last step's text."""
    text = (
        "Change your phone number\n\n"
        "Method 1: In the app\n1. Open the app.\n2. Tap Settings.\n"
        "Method 2: On the website\nIf you are at a computer, you can use the website:\n"
        "1. Log in at the website.\n2. Click Account.\n3. Click Phone.\n"
    )
    result, guide = guide_of(text)
    assert [s.title for s in guide.steps] == [
        "Open the app",
        "Tap Settings",
        "Log in at the website",
        "Click Account",
        "Click Phone",
    ]
    assert "Method 2" not in (guide.steps[1].body or "")
    assert (guide.steps[2].body or "").startswith("Method 2: On the website\n\nIf you are at a computer")
    said = [line for line in result.report if "2 ways to do it, or cases" in line]
    assert said and "Method 1: In the app → 1–2 / Method 2: On the website → 3–5" in said[0]


def test_headings_that_came_as_plain_lines_under_the_procedure_s_are_the_steps() -> None:
    """A page's headings copied as text are short lines, each with a paragraph under it;
    the importer found no procedure and wrote nothing."""
    text = (
        "Resetting your router\n"
        "Why reset it\nA reset clears the settings.\n"
        "How to reset your router\n"
        "A reset takes two minutes.\n"
        "Unplug the router\nPull the plug from the wall socket.\n"
        "Wait\nWait 30 seconds, then plug it back in.\n"
        "Check the light\nThe light turns green after about a minute.\n"
        "Tips\nWrite down your Wi-Fi password first.\n"
    )
    result, guide = guide_of(text)
    assert [s.title for s in guide.steps] == ["Unplug the router", "Wait", "Check the light"]
    assert guide.steps[1].body == "Wait 30 seconds, then plug it back in."
    assert guide.summary is not None and "A reset clears the settings." in guide.summary
    assert "A reset takes two minutes." in guide.summary  # the part's introduction, before its steps
    assert guide.finish is not None and "Write down your Wi-Fi password first." in guide.finish.body
    assert any("the short lines under “How to reset your router”" in line for line in result.report)


def test_cases_in_numbered_sections_keep_every_line_of_each_case() -> None:
    """一、 and 二、 sections each a case with its own list: each case's steps, and the
    paragraphs after a case's last item stay with that step (they were dropped once:
    the text after a way's list went nowhere)."""
    text = (
        "修改手机号\n两种情况:\n"
        "一、原手机能正常使用\n1、登陆支付宝。\n2、点击修改。\n要在60秒内输入验证码。\n"
        "二、手机停用\n1、选择人工处理。\n2、填写申请表。\n"
    )
    result, guide = guide_of(text)
    assert [s.title for s in guide.steps] == ["登陆支付宝", "点击修改", "选择人工处理", "填写申请表"]
    assert "要在60秒内输入验证码。" in (guide.steps[1].body or "")
    assert (guide.steps[2].body or "").startswith("二、手机停用")
    assert any("一、原手机能正常使用 → 1–2 / 二、手机停用 → 3–4" in line for line in result.report)


def test_step_ids_stay_unique_and_numbered_in_order_when_titles_repeat() -> None:
    """Ids are each title's slug, then -2, -3 … (not a slug another step has); finding the
    next free number once started from 2 every time (20,000 steps of one title: 25 s)."""
    from guide_tui.importer.steps import StepMaker

    steps = [{"title": title} for title in ["Wait", "Wait 2", "Wait", "Wait", "end", "Wait"]]
    StepMaker("en", lambda *a, **k: None).unique_ids(steps)
    assert [s["id"] for s in steps] == ["wait", "wait-2", "wait-3", "wait-4", "step-5", "wait-5"]


def test_numbered_steps_and_bullets_run_on_in_one_paragraph_are_split() -> None:
    """A page's text with the list run on ("1. 登錄…:… 2. 點擊…:…") and a heading glued to
    the last sentence ("…銀行卡。注意事項:"): no procedure was found. Traditional
    characters are guessed as zh-Hant, not zh-CN."""
    text = (
        "如何解除綁定的銀行卡\n解除步驟:\n"
        "1. 點擊“我”:進入個人中心。 2. 點擊“支付”:進入管理頁麵。 3. 點擊“解綁”:輸入密碼後確認。注意事項:\n"
        "* 解綁前請先提現。 * 解綁後可重新綁定。\n"
    )
    result, guide = guide_of(text)
    assert [s.title for s in guide.steps] == ["點擊“我”", "點擊“支付”", "點擊“解綁”"]
    assert guide.steps[2].body == "輸入密碼後確認。"
    assert guide.finish is not None and "* 解綁前請先提現。\n* 解綁後可重新綁定。" in guide.finish.body
    assert guide.language == "zh-Hant"
    assert titles("Pay\n\nThe fee costs 2. 5 dollars. It is paid. 3. Then more.\n1. Open it.\n2. Pay.\n") == [
        "Open it",
        "Pay",
    ]
