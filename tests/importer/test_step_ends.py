"""`guide-tui import`: where a list's steps end and what a step keeps as its own text.

Each input is a short article as QA found it; the assertions are on the guide a
user would walk (the step's body, its notes, the finish) and on the report.
"""

from __future__ import annotations

import pytest

from guide_tui.core.loader import load_bytes
from guide_tui.importer.article import import_article

ALIPAY_STEPS = """\
如何关闭支付宝自动扣款

第一步：打开支付宝，点击“我的”。
第二步：点击右上角“设置”，选择“支付设置”。
第三步：点击“免密支付/自动扣款”，选择要关闭的服务。
第四步：点击“关闭服务”，输入6位支付密码确认。
"""
NOTE = "\n注意：关闭后该服务将无法自动扣款。\n"
FALLBACK = "\n如果在列表中找不到对应服务，可以拨打支付宝客服热线95188咨询。\n"


pytestmark = pytest.mark.usefixtures("english_messages")  # the messages tested are English


def guide(text: str, name: str = "alipay.zh.txt") -> tuple[dict, list[str], list[str]]:
    """(the guide's data, the report in English, the loader's warnings)."""
    result = import_article(text.encode(), name, guide_id="alipay")
    loaded = load_bytes(result.yaml.encode(), name)
    assert loaded.errors == [], loaded.errors
    return result.data, result.report, [p.message for p in loaded.warnings]


@pytest.mark.parametrize("marks", [None, ("1. ", "2. ", "3. ", "4. ")], ids=["step-words", "numbers"])
def test_the_last_step_keeps_its_own_sentence_when_a_fallback_follows_the_list(marks: tuple[str, ...] | None) -> None:
    text = ALIPAY_STEPS + NOTE + FALLBACK
    if marks:
        for word, mark in zip(("第一步：", "第二步：", "第三步：", "第四步："), marks, strict=True):
            text = text.replace(word, mark)
    data, report, _ = guide(text)
    steps = data["steps"]
    assert [s["body"] for s in steps] == [
        "打开支付宝，点击“我的”。",
        "点击右上角“设置”，选择“支付设置”。",
        "点击“免密支付/自动扣款”，选择要关闭的服务。",
        "点击“关闭服务”，输入6位支付密码确认。",
    ]
    assert steps[3]["notes"] == ["关闭后该服务将无法自动扣款。"]
    assert data["finish"]["body"] == "如果在列表中找不到对应服务，可以拨打支付宝客服热线95188咨询。"
    # The fallback is still suggested as a question on the step it falls back from.
    assert any(line.startswith("suggest: step 4") and "找不到对应服务" in line for line in report)


def test_the_last_step_with_only_a_note_after_it_has_its_sentence_and_no_warning() -> None:
    data, report, warnings = guide(ALIPAY_STEPS + NOTE)
    last = data["steps"][3]
    assert last["body"] == "点击“关闭服务”，输入6位支付密码确认。"
    assert last["notes"] == ["关闭后该服务将无法自动扣款。"]
    assert not any("no text under its heading" in line for line in report)
    assert not any("has no body" in w for w in warnings), warnings


def test_step_headings_with_text_under_them_still_run_to_the_next_heading() -> None:
    """Headings with paragraphs under them are not a list: the last one's text is its own."""
    text = (
        "如何关闭自动扣款\n\n第一步：打开支付宝\n点击“我的”。\n第二步：打开设置\n点击右上角“设置”。\n"
        "第三步：关闭服务\n点击“关闭服务”。\n输入6位支付密码确认。\n"
    )
    data, _, _ = guide(text)
    assert data["steps"][2]["body"] == "点击“关闭服务”。\n\n输入6位支付密码确认。"
    assert data.get("finish") is None


# -- a title is a whole sentence, an id never a new number --------------------------


@pytest.mark.parametrize(
    "item",
    [
        "等待约 2 分钟，状态栏会显示“中国移动 Wi-Fi”。",
        "选择要解绑的银行卡（如尾号 6225 的招商银行储蓄卡），点击右上角的“···”。",
        "打开 Wi-Fi 设置，选择“CMCC”。",
    ],
    ids=["number", "open-bracket", "latin-word"],
)
def test_a_chinese_item_is_not_cut_at_a_space_inside_its_sentence(item: str) -> None:
    text = f"如何连接网络\n\n1. 打开手机的“设置”。\n2. 点击“无线局域网”。\n3. {item}\n"
    data, _, _ = guide(text, "wifi.zh.txt")
    last = data["steps"][2]
    assert last["title"] == item.rstrip("。")
    assert last["body"] == item


def test_a_chinese_list_item_in_a_web_page_keeps_its_whole_sentence() -> None:
    pytest.importorskip("trafilatura")
    page = (
        "<html><head><title>如何解绑银行卡</title></head><body><article><h1>如何解绑银行卡</h1>"
        "<p>以下是解绑银行卡的步骤。</p><ol><li>打开微信，点击“我”，进入“服务”。</li>"
        "<li>点击“钱包”，再点击“银行卡”。</li>"
        "<li>选择要解绑的银行卡（如尾号 6225 的招商银行储蓄卡），点击右上角的“···”。</li>"
        "<li>点击“解除绑定”，输入支付密码完成验证。</li></ol></article></body></html>"
    )
    data, _, _ = guide(page, "unbind.zh.html")
    assert data["steps"][2]["title"] == "选择要解绑的银行卡（如尾号 6225 的招商银行储蓄卡），点击右上角的“···”"


def test_a_heading_and_its_text_on_one_line_are_still_split_at_the_space() -> None:
    text = "如何关闭先吃后付\n\n第一步:登录饿了么账号 首先,打开饿了么App。\n第二步:进入个人中心 点击“我的”。\n"
    data, _, _ = guide(text, "eleme.zh.txt")
    assert [(s["title"], s["body"]) for s in data["steps"]] == [
        ("登录饿了么账号", "首先,打开饿了么App。"),
        ("进入个人中心", "点击“我的”。"),
    ]


def test_an_id_never_glues_two_numbers_into_one() -> None:
    text = (
        "How to set a Wi-Fi password\n\n1. Open the router's admin page.\n2. Go to Wireless > Security.\n"
        "3. Enter the WPA2 passphrase (8–63 characters).\n4. Click Save.\n"
    )
    result = import_article(text.encode(), "wpa.txt")
    ids = [s["id"] for s in result.data["steps"]]
    assert ids[2] == "enter-the-wpa2-passphrase-8-63"
    assert not any("863" in i for i in ids)


def test_a_menu_name_in_bold_stays_bold_in_the_body_and_the_title_is_plain() -> None:
    """ "1. Open **Settings** and tap *General*." gave the title "Open Settings and tap
    *General*" (asterisks on the screen: a title is plain text) and the body "Open Settings
    and tap *General*.", the bold gone and the italics kept (found in QA)."""
    article = "# How to reset\n\n1. Open **Settings** and tap *General*.\n2. Find **Reset**: tap it, then __confirm__.\n3. Wait.\n"
    data = import_article(article.encode("utf-8"), "reset.md", guide_id="x").data
    one, two = data["steps"][:2]
    assert (one["title"], one["body"]) == ("Open Settings and tap General", "Open **Settings** and tap *General*.")
    assert (two["title"], two["body"]) == ("Find Reset", "tap it, then __confirm__.")


# -- after prose steps: a related-article line, a caveat of the last step ----------------

JD = """\
京东白条怎么关闭？详细步骤教程
很多用户开通京东白条之后又不想用了，那么京东白条怎么关闭呢？下面小编就为大家详细介绍一下。
首先，打开京东APP，点击右下角的“我的”。
接下来，在“我的钱包”中找到“白条”，点击进入白条页面。
然后，点击右上角的“设置”图标，选择“关闭白条”。
最后，按照页面提示完成身份验证，即可关闭白条。
请确保账单已还清，避免产生逾期费用。
如果在设置中找不到“关闭白条”，可以拨打京东客服电话 950618（每天 8:00-22:00）咨询。
以上就是京东白条关闭的全部内容，希望对大家有帮助。
相关阅读：京东金条怎么开通
"""
ROUTER = """\
How to restart your router
First, unplug the router.
Then, wait 30 seconds.
Finally, plug it back in and wait for the lights.
Do not press the reset button while it starts.
If the lights stay red, call our support line at 1-800-555-0199.
That's it, you're back online.
Related reading: How to reset your router to factory settings
"""


@pytest.mark.parametrize(
    ("text", "warning", "related", "name"),
    [
        (JD, "请确保账单已还清，避免产生逾期费用。", "相关阅读：京东金条怎么开通", "jd.zh.txt"),
        (
            ROUTER,
            "Do not press the reset button while it starts.",
            "Related reading: How to reset your router to factory settings",
            "router.en.txt",
        ),
    ],
    ids=["zh", "en"],
)
@pytest.mark.parametrize("as_list", [False, True], ids=["prose", "list"])
def test_a_caveat_after_the_last_prose_step_is_its_warning_and_a_related_line_is_left_out(
    text: str, warning: str, related: str, name: str, as_list: bool
) -> None:
    if as_list:  # "1. 打开…" for "首先，打开…": a list item's caveat is its own too
        for n, word in enumerate(
            ("首先，", "接下来，", "然后，", "最后，") if "首先" in text else ("First, ", "Then, ", "Finally, ")
        ):
            text = text.replace(word, f"{n + 1}. ", 1)
    data, report, _ = guide(text, name)
    assert len(data["steps"]) == (4 if name.startswith("jd") else 3)
    assert data["steps"][-1]["warning"] == warning
    finish = data["finish"]["body"]
    assert warning not in finish
    assert related not in finish and related.split("：")[-1].split(": ")[-1] not in finish
    assert any(line.startswith("left out:") and related in line for line in report)


def test_a_related_label_with_text_inside_the_article_is_not_where_it_ends() -> None:
    """ "See also: …" with a sentence after it, before the steps, cuts nothing."""
    text = (
        "How to restart your router\n"
        "See also: the manual that came in the box, which shows the lights.\n"
        "This takes a minute and fixes most connection problems for good.\n"
        "1. Unplug the router.\n2. Wait 30 seconds.\n3. Plug it back in.\n"
    )
    data, _, _ = guide(text, "router.en.txt")
    assert len(data["steps"]) == 3
