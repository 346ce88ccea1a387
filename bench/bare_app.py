"""The baseline for first paint and memory: a bare Textual app with the same
kind of widgets as the walker screen (Header, ProgressBar, Markdown, Footer)
and the same first step's text, but no guide file, loader, walker or i18n.

    python bench/bare_app.py     # q quits
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Markdown, ProgressBar

TITLE = "登录小米账户"
TEXT = f"""\
## 1. {TITLE}

打开您的手机或电脑上的**小米商城**应用,或访问**小米官方网站**。

使用您的小米账户进行登录。

> 如果您还没有小米账户,可以点击页面右上角的“注册”按钮创建一个新账户。
"""


class BareApp(App[None]):
    """Header, progress, the first step as Markdown, footer."""

    TITLE = "小米分期如何更改优先支付方式"
    BINDINGS = [Binding("n", "next", "下一步"), Binding("b", "back", "上一步"), Binding("q", "quit", "退出")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield ProgressBar(total=7, show_eta=False)
        yield Markdown(TEXT)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ProgressBar).update(progress=1)

    def action_next(self) -> None:
        """Nothing to walk; the key is here so the footer looks like the walker's."""

    def action_back(self) -> None:
        """As action_next."""


if __name__ == "__main__":
    BareApp().run()
