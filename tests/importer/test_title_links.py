"""`guide-tui import`: a step's title is plain text, also when the article's words are a link.

QA: "Sign in at [account.acme.example](https://account.acme.example/)" was the title, and
the id `sign-in-at-account-acme-example-https`.  The title keeps the link's words; the
address stays in the body (added there when the body does not have it), so no fact is lost.
"""

from __future__ import annotations

import pytest

from guide_tui.core.loader import load_bytes
from guide_tui.importer.article import import_article

pytestmark = pytest.mark.usefixtures("english_messages")


def steps_of(text: str, name: str = "article.md") -> list[dict]:
    result = import_article(text.encode(), name, guide_id="article")
    assert load_bytes(result.yaml.encode(), name).errors == []
    return result.data["steps"]


@pytest.mark.parametrize(
    ("item", "title", "step_id"),
    [
        (
            "Sign in at [account.acme.example](https://account.acme.example/).",
            "Sign in at account.acme.example",
            "sign-in-at-account-acme-example",
        ),
        ("打开[小米官网](https://www.mi.com/)，登录账户。", "打开小米官网，登录账户", "step-1"),
    ],
    ids=["en", "zh"],
)
def test_a_link_in_an_items_title_gives_its_words_and_the_body_keeps_the_address(
    item: str, title: str, step_id: str
) -> None:
    steps = steps_of(f"# How to update it\n\n1. {item}\n2. Click **Billing**.\n3. Click **Save**.\n")
    assert (steps[0]["title"], steps[0]["id"]) == (title, step_id)
    assert item in steps[0]["body"]


@pytest.mark.parametrize(
    ("heading", "title", "url"),
    [
        ("Open [the admin page](https://router.example/admin)", "Open the admin page", "https://router.example/admin"),
        ("打开[管理页面](https://router.example/admin)", "打开管理页面", "https://router.example/admin"),
    ],
    ids=["en", "zh"],
)
def test_a_link_in_a_heading_title_gives_its_words_and_its_address_goes_to_the_body(
    heading: str, title: str, url: str
) -> None:
    text = f"# How to reset it\n\n## 1. {heading}\n\nSign in with your password.\n\n## 2. Reset\n\nClick Reset.\n"
    first = steps_of(text)[0]
    assert first["title"] == title
    assert url in first["body"] and "Sign in with your password." in first["body"]
