"""`guide-tui import`: notes and warnings inside a list item are the step's notes and warning.

docs/import.md: a paragraph or line that starts with `Note:` / `注意:` is a note, one
that starts with `Warning:` / `警告:` the warning.  Inside a numbered item such a line is
indented (Markdown), glued after the item's sentence (a saved page's `<li>…<p>注意：…</p>`)
or in emphasis (`<em>Note: …</em>`); each was left in the body or moved into the finish.
"""

from __future__ import annotations

import pytest

from guide_tui.core.loader import load_bytes
from guide_tui.importer.article import import_article

pytestmark = pytest.mark.usefixtures("english_messages")


def steps_of(text: str, name: str) -> tuple[list[dict], dict | None]:
    result = import_article(text.encode(), name, guide_id="article")
    assert load_bytes(result.yaml.encode(), name).errors == []
    return result.data["steps"], result.data.get("finish")


EN = """\
# How to change your account email

1. Sign in.
2. Open **Settings**.

   Note: On mobile, Settings is under your picture.
3. Save.

   Warning: Every device is signed out.
"""
ZH = """\
# 如何修改邮箱

1. 登录账户。
2. 打开**设置**。

   注意：手机 App 中，设置在头像菜单里。
3. 点击**保存**。

   警告：所有设备都会退出登录。
"""


@pytest.mark.parametrize(
    ("text", "bodies", "note", "warning"),
    [
        (
            EN,
            ["Sign in.", "Open **Settings**.", "Save."],
            "On mobile, Settings is under your picture.",
            "Every device is signed out.",
        ),
        (
            ZH,
            ["登录账户。", "打开**设置**。", "点击**保存**。"],
            "手机 App 中，设置在头像菜单里。",
            "所有设备都会退出登录。",
        ),
    ],
    ids=["en", "zh"],
)
def test_an_indented_note_and_warning_in_a_numbered_item_are_its_notes_and_warning(
    text: str, bodies: list[str], note: str, warning: str
) -> None:
    steps, finish = steps_of(text, "a1.md")
    assert [s["body"] for s in steps] == bodies
    assert steps[1]["notes"] == [note]
    assert steps[2]["warning"] == warning  # no "Warning:" left: the walk shows its own label
    assert finish is None


def test_a_label_glued_after_an_items_sentence_starts_a_note() -> None:
    text = "# How to change your email\n\n1. Sign in.\n2. Open **Settings**. Note: On mobile it is under your picture.\n3. Save.\n"
    steps, _ = steps_of(text, "a.md")
    assert steps[1]["body"] == "Open **Settings**."
    assert steps[1]["notes"] == ["On mobile it is under your picture."]


PAGE = """\
<html><head><title>x</title></head><body><article><h1>{title}</h1><p>{intro}</p><ol>
<li>{one}</li><li>{two}<p>{note}</p></li><li><p>{three}</p><p>{warning}</p></li>
</ol><p>{after}</p></article></body></html>
"""


@pytest.mark.parametrize(
    ("fields", "note", "warning"),
    [
        (
            {
                "title": "如何修改邮箱",
                "intro": "修改账户邮箱的方法如下。",
                "one": "登录账户。",
                "two": "打开<strong>设置</strong>。",
                "note": "注意：手机 App 中，设置在头像菜单里。",
                "three": "点击<strong>保存</strong>。",
                "warning": "警告：所有设备都会退出登录。",
                "after": "完成后请重新登录。",
            },
            "手机 App 中，设置在头像菜单里。",
            "所有设备都会退出登录。",
        ),
        (
            {
                "title": "How to change your email",
                "intro": "Here is how to change the email of your account.",
                "one": "Sign in.",
                "two": "Open <strong>Settings</strong>.",
                "note": "Note: On mobile it is under your picture.",
                "three": "Click <strong>Save</strong>.",
                "warning": "Warning: Every device is signed out.",
                "after": "Sign in again afterwards.",
            },
            "On mobile it is under your picture.",
            "Every device is signed out.",
        ),
    ],
    ids=["zh", "en"],
)
def test_a_note_and_a_warning_paragraph_in_a_pages_list_item_are_the_steps(
    fields: dict[str, str], note: str, warning: str
) -> None:
    pytest.importorskip("trafilatura")
    steps, finish = steps_of(PAGE.format(**fields), "page.html")
    assert len(steps) == 3
    assert steps[1]["notes"] == [note]
    assert note not in steps[1]["body"]
    assert steps[2]["warning"] == warning
    assert finish is not None and warning not in finish["body"]


def test_an_emphasised_note_in_the_last_item_of_a_page_is_the_last_steps() -> None:
    pytest.importorskip("trafilatura")
    page = (
        "<html><head><title>x</title></head><body><article><h1>Updating your billing address</h1>"
        "<p>Your billing address must match your card's.</p><h2>To update your billing address</h2><ol>"
        "<li>Sign in.</li><li>Click <strong>Billing</strong>.</li>"
        "<li>Enter the new address and click <strong>Save</strong>.<br>"
        "<em>Note: Changes can take up to 24 hours to show on your invoice.</em></li>"
        "</ol><p>Still having trouble? Write to us.</p></article></body></html>"
    )
    steps, finish = steps_of(page, "zd.html")
    assert steps[-1]["notes"] == ["Changes can take up to 24 hours to show on your invoice."]
    assert "24 hours" not in steps[-1]["body"] + (finish or {}).get("body", "")


# QA en-cssupport-cancel: the two bullets under "Important:" became steps 4 and 5, and the
# report said "a warning from the article" of a step with none.
CSSUPPORT = """\
Cancel your Subscription
Once you are in your Billing Portal, you can cancel your subscription. (See Access your Billing Portal)
- In the billing portal, click Cancel Subscription.
- Review the details of the cancellation, including the current amount paid and the end date.
- Click Cancel Subscription. An optional survey will appear to get feedback on why you cancelled.
{label}:
- Cancellation will be scheduled for the end of the billing period. The dashboard will show the effective date.
- If you need a pro-rated refund, contact support and include your account email.
Renewing a Cancelled Subscription
You can renew a cancelled subscription in your Billing Portal before it is cancelled.
- In the billing portal, click Don't cancel subscription.
- Click Renew Subscription.
"""


@pytest.mark.parametrize("label", ["Important", "重要"])
def test_bullets_under_a_warning_label_are_the_warning_of_the_step_before_it(label: str) -> None:
    result = import_article(CSSUPPORT.format(label=label).encode(), "article.txt", guide_id="article")
    assert load_bytes(result.yaml.encode(), "article.txt").errors == []
    steps = result.data["steps"]
    assert len(steps) == 3
    warning = steps[2]["warning"]
    assert "Cancellation will be scheduled" in warning and "pro-rated refund" in warning
    assert "Cancellation" not in steps[2]["body"]
    said = [line for line in result.report if "step 3: a warning" in line]
    assert said and f"“{label}”" in said[0]  # the format shows its own label: the article's is said
    assert f"“{label}”" in result.yaml.split("warning:")[0].rsplit("\n", 3)[-2]  # and in the comment above it


def test_bullets_under_a_note_label_are_notes_of_the_step_before_it() -> None:
    text = (
        "# How to update it\n\n1. Open Settings.\n2. Tap Update.\nNote:\n- It takes a minute.\n- Keep it plugged in.\n"
    )
    steps, _ = steps_of(text, "article.md")
    assert len(steps) == 2
    assert steps[1]["notes"] == ["It takes a minute.", "Keep it plugged in."]
