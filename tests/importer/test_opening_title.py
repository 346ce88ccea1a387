"""`guide-tui import`: the title of an article that opens with its title in 【…】 or under navigation.

QA (/tmp/qa-import, zh-td-meituan-autorenew-table and two more): a page opens with
"【美团怎么取消会员自动续费】在使用美团的过程中,…"; the title came out as
"怎么取消会员自动续费】在使用美团的过程中".  The title is the bracketed text, without
the brackets; the words after it stay in the article.
"""

from __future__ import annotations

import pytest

from guide_tui.core.loader import load_bytes
from guide_tui.importer.article import import_article

pytestmark = pytest.mark.usefixtures("english_messages")

MEITUAN = (
    "【美团怎么取消会员自动续费】在使用美团的过程中,很多用户可能会因为误操作或不再需要而想要取消会员的自动续费功能。"
    "为了帮助大家更清晰地了解如何操作,本文将详细总结取消美团会员自动续费的方法。\n"
    "操作步骤如下:\n"
    "1. 打开美团App,点击右下角【我的】。\n"
    "2. 点击【会员中心】,进入【我的会员】。\n"
    "3. 点击【关闭自动续费】。\n"
)


def imported(text: str):
    result = import_article(text.encode(), "article.txt", guide_id="article")
    assert load_bytes(result.yaml.encode(), "article.txt").errors == []
    return result


@pytest.mark.parametrize(
    ("opening", "title"),
    [
        ("【美团怎么取消会员自动续费】在使用美团的过程中,", "美团怎么取消会员自动续费"),
        ("【How to cancel auto-renewal】 Many members want to stop paying,", "How to cancel auto-renewal"),
    ],
    ids=["zh", "en"],
)
def test_an_opening_in_brackets_is_the_title_without_them(opening: str, title: str) -> None:
    text = MEITUAN.replace("【美团怎么取消会员自动续费】在使用美团的过程中,", opening)
    result = imported(text)
    assert result.data["title"] == title
    assert opening.split("】", 1)[1].strip().rstrip(",") in result.yaml  # the words after it are kept
    assert not any("own question" in line for line in result.report)


def test_a_label_in_brackets_is_not_a_title() -> None:
    result = imported("# 美团怎么取消自动续费\n\n【注意】本文适用于新版App。\n" + MEITUAN.split("\n", 1)[1])
    assert result.data["title"] == "美团怎么取消自动续费"


# QA zh-qlshbnews-meituan-qa: the title was “首页 > 生活百科 >”, the page's navigation.
@pytest.mark.parametrize(
    "crumbs",
    ["首页 > 生活百科 >", "当前位置:首页 > 生活百科 > 正文", "Home > Help Center > Billing", "Home › Account ›"],
)
def test_a_line_of_navigation_is_furniture_never_the_title(crumbs: str) -> None:
    text = f"{crumbs}\n\n美团会员取消自动续费\n\n更新时间:2025-06-21\n\n" + MEITUAN.split("\n", 1)[1]
    result = imported(text)
    assert result.data["title"] == "美团会员取消自动续费"
    assert crumbs not in result.yaml
    assert any(crumbs in line and line.startswith("left out") for line in result.report)


def test_a_menu_path_in_a_step_is_not_navigation() -> None:
    text = "# How to reset it\n\nSettings > Privacy > Reset\n\n1. Open Settings > Privacy.\n2. Tap Reset.\n3. Tap OK.\n"
    result = imported(text)
    assert "Open Settings > Privacy." in result.data["steps"][0]["title"] + result.data["steps"][0].get("body", "")
    assert "Settings > Privacy > Reset" in result.yaml
