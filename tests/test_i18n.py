"""Every interface word exists in zh-CN and en, and the language is chosen as documented."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from guide_tui.i18n import CATALOGS, choose_language, locale_language, match_language, t

PACKAGE = Path(__file__).parents[1] / "guide_tui"


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_the_same_keys_and_placeholders() -> None:
    en, zh = CATALOGS["en"], CATALOGS["zh-CN"]
    assert sorted(set(en) ^ set(zh)) == []
    for key in en:
        assert en[key].strip() and zh[key].strip(), key
        assert fields(en[key]) == fields(zh[key]), key


def test_every_key_used_in_the_code_exists() -> None:
    used: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_.]+)["']""", path.read_text(encoding="utf-8")))
    assert used, "no t() calls found: the pattern is wrong"
    missing = sorted(k for k in used if k not in CATALOGS["en"])
    assert missing == []


def test_messages_fill_in_parameters() -> None:
    assert t("progress", "zh-CN", k=4, n=7) == "第 4 步,共 7 步"
    assert t("progress", "en", k=4, n=7) == "Step 4 of 7"
    assert t("progress", "fr", k=1, n=2) == "Step 1 of 2"  # unknown language: English


@pytest.mark.parametrize("tag,expected", [
    ("zh_CN.UTF-8", "zh-CN"), ("zh-TW", "zh-CN"), ("en_US.UTF-8", "en"), ("en", "en"),
    ("C.UTF-8", None), ("POSIX", None), ("fr_FR.UTF-8", None), ("", None),
])
def test_match_language(tag: str, expected: str | None) -> None:
    assert match_language(tag) == expected


def test_choose_language_order() -> None:
    env = {"LANG": "zh_CN.UTF-8"}
    assert choose_language("en", "zh-CN", env) == "en"  # --lang first
    assert choose_language(None, "en", env) == "en"  # then the guide's language
    assert choose_language(None, "fr", env) == "zh-CN"  # then the locale
    assert choose_language(None, None, {"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert choose_language(None, None, {"LANG": "C.UTF-8"}) == "en"  # else English


def test_locale_language() -> None:
    assert locale_language({"LANG": "zh_CN.UTF-8"}) == "zh-CN"
    assert locale_language({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}) is None
    assert locale_language({}) is None
