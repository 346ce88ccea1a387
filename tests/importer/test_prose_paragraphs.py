"""`guide-tui import`: steps written a paragraph each, linked by sequence words, without 首先.

QA (/tmp/qa-import, zh-huanbaole-alipay-prose): three step paragraphs linked by 接下来 and
然后, ending at 至此, exited 1 "has no procedure": prose steps needed 首先 / First.
"""

from __future__ import annotations

import pytest

from guide_tui.core.loader import load_bytes
from guide_tui.importer.article import ArticleError, import_article

pytestmark = pytest.mark.usefixtures("english_messages")

ZH = """\
如何关闭支付宝的自动扣费服务
对于众多使用支付宝的用户来说,避免不必要的自动扣费是一个重要的需求。
打开你的支付宝应用,点击底部标签栏中的“我的”选项。接下来,进入右上角的“设置”选项。在设置页面里,你会看到许多功能选项。
然后,你需要找到并点击“支付设置”。进入支付设置后,你会看到“免密支付/自动扣款”选项。
要关闭某个项目的自动扣费服务,只需点击该项目旁边的“取消自动扣费服务”按钮,然后选择“关闭服务”。
至此,你已经成功关闭了支付宝的自动扣费服务。
"""
EN = """\
How to turn off auto-pay
Auto-pay can be turned off in a minute.
Open the app and tap Me. Next, tap Settings at the top right.
Then tap Payments. You will see every service that takes auto-pay.
To turn one off, tap it and tap Turn off.
That's it: auto-pay is off for that service.
"""


@pytest.mark.parametrize(
    ("text", "first", "last", "end"),
    [
        (ZH, "打开你的支付宝应用", "要关闭某个项目的自动扣费服务", "至此"),
        (EN, "Open the app and tap Me", "To turn one off", "That's it"),
    ],
    ids=["zh", "en"],
)
def test_paragraphs_linked_by_sequence_words_are_steps_without_a_first(
    text: str, first: str, last: str, end: str
) -> None:
    result = import_article(text.encode(), "article.txt", guide_id="article")
    assert load_bytes(result.yaml.encode(), "article.txt").errors == []
    steps = result.data["steps"]
    assert len(steps) == 3
    assert steps[0]["title"].startswith(first) and steps[2]["title"].startswith(last)
    assert end in result.data["finish"]["body"] and all(end not in s.get("body", "") for s in steps)


def test_one_paragraph_with_a_sequence_word_is_still_no_procedure() -> None:
    text = "支付宝自动扣费\n自动扣费很方便。然后,它也有风险。\n很多用户因此关闭了它。\n"
    with pytest.raises(ArticleError):
        import_article(text.encode(), "article.txt", guide_id="article")
