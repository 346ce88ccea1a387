"""`guide-tui import`: the support contacts picked out of an article's sentences.

A contact is a promise: each fact the article gives about a number (its extension,
its hours and time zone, whom it is for) is kept, and nothing is made up, not even
a name.
"""

from __future__ import annotations

import pytest

from guide_tui.core.loader import load_bytes
from guide_tui.importer.article import import_article
from guide_tui.importer.contacts import find_contacts

KD = """\
如何修改快递地址

1. 打开快递APP，进入“我的包裹”。
2. 点击“修改地址”，填写新地址。
3. 如果无法修改，请联系快递员或人工客服处理。
"""


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def support(text: str, name: str = "article.txt") -> list[dict]:
    result = import_article(text.encode(), name, guide_id="article")
    loaded = load_bytes(result.yaml.encode(), name)
    assert loaded.errors == [], loaded.errors
    return result.data.get("support") or []


def test_a_human_agent_is_not_an_online_chat_and_no_contact_is_made_up() -> None:
    assert support(KD) == []
    assert find_contacts("如果无法修改，请联系快递员或人工客服处理。", "zh-CN") == []


@pytest.mark.parametrize(
    ("sentence", "language", "name", "channel"),
    [
        (
            "小米官方客服热线为 400-100-5678,或者通过在线聊天功能联系客服。",
            "zh-CN",
            "在线聊天",
            "通过在线聊天功能联系客服",
        ),
        (
            "您可以通過App內的在線客服功能、撥打官方客服電話400-021-2000。",
            "zh-Hant",
            "在線客服",
            "通過App內的在線客服功能",
        ),
        ("Questions? Use the live chat in the app, any time.", "en", "Live chat", "Use the live chat in the app"),
    ],
    ids=["zh-CN", "zh-Hant", "en"],
)
def test_a_chat_is_named_in_the_articles_own_words(sentence: str, language: str, name: str, channel: str) -> None:
    chats = [c for c in find_contacts(sentence, language) if c.channel]
    assert [(c.name, c.channel) for c in chats] == [(name, channel)]


def test_a_list_of_ways_in_gives_each_its_own_words() -> None:
    """ "在線客服功能、撥打官方客服電話400-…": the phone's name is not the chat's words too."""
    found = find_contacts("您可以通過App內的在線客服功能、撥打官方客服電話400-021-2000或者訪問官網。", "zh-Hant")
    phone = next(c for c in found if c.phone)
    assert (phone.name, phone.phone) == ("官方客服電話", "400-021-2000")
