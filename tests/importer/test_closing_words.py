"""`guide-tui import`: the words that close an article are its finish, not the last step's text.

QA (/tmp/qa-import, zh-youleyou-alipay-autodebit): "通过上述简单步骤,你就可以轻松关闭…" stayed
in the last step's body; the closing rule knew 通过以上步骤 but not 通过上述 with words between.
"""

from __future__ import annotations

import pytest

from guide_tui.core.loader import load_bytes
from guide_tui.importer.article import import_article

pytestmark = pytest.mark.usefixtures("english_messages")

ZH = """\
时间:2025-06-07 作者:游乐小编
以下是关于如何关闭支付宝服务自动扣款的详细指南。
如何在支付宝中关闭服务自动扣款一、启动支付宝
首先,打开手机上的支付宝应用,进入主界面。
二、进入设置菜单
在主界面的右下角,点击“我的”选项卡,然后点击“设置”图标。
三、关闭服务自动扣款
在服务详情页面中,找到并点击“关闭服务”按钮。
{closing}
"""


@pytest.mark.parametrize(
    "closing",
    [
        "通过上述简单步骤,你就可以轻松关闭支付宝的服务自动扣款。希望本教程能帮助你。",
        "按照上述步骤操作,即可关闭支付宝的服务自动扣款。",
        "以上就是关闭支付宝服务自动扣款的方法,希望对你有帮助。",
        "通過上述幾個步驟,就能關閉支付寶的自動扣款。",
    ],
)
def test_closing_words_after_the_last_step_are_the_finish(closing: str) -> None:
    result = import_article(ZH.format(closing=closing).encode(), "article.txt", guide_id="article")
    assert load_bytes(result.yaml.encode(), "article.txt").errors == []
    last = result.data["steps"][-1]
    assert closing[:6] not in last["body"]
    assert closing[:6] in result.data["finish"]["body"]


def test_english_closing_words_after_the_last_step_are_the_finish() -> None:
    text = (
        "How to turn off auto-pay\n"
        "Step 1: Open the app.\nTap Me.\n"
        "Step 2: Open Settings.\nTap Payments.\n"
        "Step 3: Turn off auto-pay.\nTap Turn off.\n"
        "By following the steps above, you can turn off auto-pay in a minute.\n"
    )
    result = import_article(text.encode(), "article.txt", guide_id="article")
    assert "By following" not in result.data["steps"][-1]["body"]
    assert "By following" in result.data["finish"]["body"]


def test_a_second_date_line_after_the_closing_words_is_left_out_and_said() -> None:
    text = ZH.format(closing="通过上述简单步骤,你就可以轻松关闭支付宝的服务自动扣款。\n2021-11-05 11:52")
    result = import_article(text.encode(), "article.txt", guide_id="article")
    assert "2021-11-05" not in result.yaml
    assert any("2021-11-05 11:52" in line and line.startswith("left out") for line in result.report)
