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


# -- every fact beside a number is kept --------------------------------------------

STEPS = "1. Open your orders.\n2. Choose the item and click Return.\n3. Print the label.\n"


def test_a_chinese_extension_is_kept_beside_the_number_and_said_in_the_report() -> None:
    text = "如何查询订单\n\n1. 打开APP，进入“我的订单”。\n2. 点击订单，查看物流。\n3. 如有疑问，请拨打客服电话 400-820-5555 转 3。\n"
    result = import_article(text.encode(), "order.zh.txt", guide_id="order")
    assert result.data["support"] == [
        {"name": "客服电话", "phone": "400-820-5555", "disclaimer": "转 3"} | _none("url", "channel", "hours")
    ]
    assert any(line.startswith("check:") and "转 3" in line and "400-820-5555" in line for line in result.report)


def _none(*keys: str) -> dict:
    return dict.fromkeys(keys)


def test_an_english_extension_and_time_zone_are_kept_and_the_sentence_is_whole() -> None:
    text = f"How to return an item\n\n{STEPS}\nCall customer service at 1-800-555-0199 ext. 2, Monday to Friday 9am-5pm PT.\n"
    [contact] = support(text)
    assert contact["phone"] == "1-800-555-0199"
    assert contact["disclaimer"] == "ext. 2"
    assert contact["hours"] == "Monday to Friday 9am-5pm PT"
    [found] = find_contacts("Call customer service at 1-800-555-0199 ext. 2, Monday to Friday 9am-5pm PT.", "en")
    assert found.sentence.endswith("9am-5pm PT.")


@pytest.mark.parametrize(
    ("sentence", "hours"),
    [
        (
            "call Netgear support on 1-888-638-4327 (Monday to Friday, 9:00 am to 6:00 pm EST)",
            "Monday to Friday, 9:00 am to 6:00 pm EST",
        ),
        ("客服热线 400-100-5678（北京时间 9:00-18:00）。", "北京时间 9:00-18:00"),
        ("Call 0800 123 4567 (9am-5pm GMT+1).", "9am-5pm GMT+1"),
    ],
    ids=["EST", "北京时间", "GMT+1"],
)
def test_the_time_zone_stays_with_the_hours(sentence: str, hours: str) -> None:
    [found] = find_contacts(sentence, "en")
    assert found.hours == hours


def test_who_a_number_is_for_is_kept_and_no_name_is_made_of_how_to_call() -> None:
    text = f"How to report a lost card\n\n{STEPS}\nFor calls from outside the U.S., call collect at 1-318-340-3308.\n"
    [contact] = support(text)
    assert contact["phone"] == "1-318-340-3308"
    assert contact["name"] == "Support phone"  # the stand-in the docs name, not "Collect"
    assert contact["disclaimer"] == "For calls from outside the U.S., call collect"


def test_an_ordinary_opening_clause_is_not_taken_for_whom_a_number_is_for() -> None:
    [found] = find_contacts("For help, call support at 1-800-555-0100.", "en")
    assert found.disclaimer is None


# -- short service numbers (95xxx, 96xxx, 1xxxx) beside a phone word -------------------


@pytest.mark.parametrize(
    ("sentence", "language", "phone", "hours"),
    [
        ("可以拨打京东客服电话 950618（每天 8:00-22:00）咨询。", "zh-CN", "950618", "每天 8:00-22:00"),
        ("如有疑问请拨打热线 961234。", "zh-CN", "961234", None),
        ("Call our hotline 95588, daily 9:00-21:00.", "en", "95588", "daily 9:00-21:00"),
        ("请拨打客服热线 12345 咨询。", "zh-CN", "12345", None),
    ],
    ids=["6-digit 95", "6-digit 96", "5-digit en", "5-digit 1"],
)
def test_a_short_service_number_beside_a_phone_word_is_a_contact_with_its_hours(
    sentence: str, language: str, phone: str, hours: str | None
) -> None:
    [found] = find_contacts(sentence, language)
    assert (found.phone, found.hours) == (phone, hours)


@pytest.mark.parametrize(
    "sentence",
    [
        "客服说订单号是 950618，请记下。",
        "Our support team answered 95588 questions last year.",
        "电话费用约 123456 元。",
    ],
)
def test_a_short_number_away_from_a_phone_word_is_no_contact(sentence: str) -> None:
    assert [c for c in find_contacts(sentence, "zh-CN") if c.phone] == []


def test_the_jd_article_keeps_its_six_digit_hotline_and_its_hours() -> None:
    text = (
        "京东白条怎么关闭\n首先，打开京东APP，点击“我的”。\n然后，点击“设置”，选择“关闭白条”。\n"
        "最后，完成身份验证。\n如果找不到“关闭白条”，可以拨打京东客服电话 950618（每天 8:00-22:00）咨询。\n"
    )
    [contact] = support(text, "jd.zh.txt")
    assert (contact["phone"], contact["hours"]) == ("950618", "每天 8:00-22:00")


# QA zh-wanjiquan-meituan-table: a table row's cells are not a name ("客服人工处理 | 拨打美团客服电话").
@pytest.mark.parametrize(
    ("row", "language", "name"),
    [
        ("客服人工处理 | 拨打美团客服电话400-600-1111 → 选择人工服务 | 不确定如何操作 | 是 |", "zh-CN", "美团客服电话"),
        ("By phone | Call the Acme billing line at 1-800-555-0199 | Weekdays |", "en", "The Acme billing line"),
    ],
    ids=["zh", "en"],
)
def test_a_table_cell_before_a_number_is_not_part_of_its_name(row: str, language: str, name: str) -> None:
    [contact] = find_contacts(row, language)
    assert contact.name == name


# QA zh-td-meituan-autorenew-table: the step's title took the words before the colon, its
# body began with the number, and the contact was named 客服中心, a channel after the number.
@pytest.mark.parametrize(
    ("text", "name", "phone"),
    [
        (
            "如何取消自动续费\n\n1. 打开App,点击【我的】。\n2. 点击【关闭自动续费】。\n"
            "3. 联系美团客服 | 拨打美团客服热线:010-8099-7777 或通过App内【客服中心】进行咨询 | 如无法自行取消 |\n",
            "美团客服热线",
            "010-8099-7777",
        ),
        (
            "How to cancel auto-renewal\n\n1. Open the app.\n2. Tap Cancel.\n"
            "3. Ask for help | Call the billing hotline: 1-800-555-0199 or use the Help Center in the app. |\n",
            "The billing hotline",
            "1-800-555-0199",
        ),
    ],
    ids=["zh", "en"],
)
def test_a_number_that_begins_a_step_body_is_named_by_the_words_before_it(text: str, name: str, phone: str) -> None:
    [contact] = [c for c in support(text) if c.get("phone")]
    assert (contact["name"], contact["phone"]) == (name, phone)
