"""`guide-tui import`: an article whose steps are the list under one heading ("## Steps").

docs/import.md: the list's items are the steps, the sections before the heading the
summary and those after it the finish; an unnumbered heading after the steps ("## Done")
is the finish's title.  QA's article (front matter, the title again as `#`, `## Steps`
with a list and a fallback paragraph, `## Done`) gave a summary ending in "## Steps", a
finish without its title, and the fallback, which belongs to the steps, in the finish.
"""

from __future__ import annotations

import pytest

from guide_tui.core.loader import load_bytes
from guide_tui.importer.article import import_article

pytestmark = pytest.mark.usefixtures("english_messages")

EN = """\
---
title: How to reset your router's Wi-Fi password
date: 2024-03-12
---

# How to reset your router's Wi-Fi password

Forgot the Wi-Fi password of your router? You can set a new one in about five minutes.

## Steps

1. **Connect to the router.** Plug your computer into a LAN port.
2. **Open the admin page.** Go to `http://192.168.1.1` and sign in.
3. **Save.** Click **Apply** and wait about 30 seconds.

If you don't see the Wireless menu, call Acme customer support at 1-800-555-0199.

## Done

That's it. Your devices can now join the network with the new password.
"""
ZH = """\
---
title: 如何重置路由器的 Wi-Fi 密码
date: 2024-03-12
---

# 如何重置路由器的 Wi-Fi 密码

忘记了路由器的 Wi-Fi 密码？大约五分钟就能设置新密码。

## 操作步骤

1. **连接路由器。** 用网线把电脑接到 LAN 口。
2. **打开管理页面。** 在浏览器中打开 `http://192.168.1.1` 并登录。
3. **保存。** 点击**应用**，等待约 30 秒。

如果找不到无线菜单，请拨打客服热线 400-820-1234。

## 完成

以上就是全部步骤，设备现在可以用新密码连接网络了。
"""


@pytest.mark.parametrize(
    ("text", "summary", "fallback", "finish"),
    [
        (
            EN,
            "Forgot the Wi-Fi password of your router? You can set a new one in about five minutes.",
            "If you don't see the Wireless menu, call Acme customer support at 1-800-555-0199.",
            {"title": "Done", "body": "That's it. Your devices can now join the network with the new password."},
        ),
        (
            ZH,
            "忘记了路由器的 Wi-Fi 密码？大约五分钟就能设置新密码。",
            "如果找不到无线菜单，请拨打客服热线 400-820-1234。",
            {"title": "完成", "body": "以上就是全部步骤，设备现在可以用新密码连接网络了。"},
        ),
    ],
    ids=["en", "zh"],
)
def test_the_steps_heading_is_not_summary_the_fallback_is_the_last_steps_and_done_titles_the_finish(
    text: str, summary: str, fallback: str, finish: dict[str, str]
) -> None:
    result = import_article(text.encode(), "router.md", guide_id="router")
    assert load_bytes(result.yaml.encode(), "router.md").errors == []
    data = result.data
    assert data["summary"] == summary
    assert len(data["steps"]) == 3
    assert data["steps"][-1]["body"].endswith(fallback)
    assert data["finish"] == finish
    assert any(line.startswith("suggest: step 3") for line in result.report)
