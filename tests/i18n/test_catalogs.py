"""The gettext catalogs: .po files as the source, the .mo files the program reads, plurals,
English where a translation is missing, and Chinese punctuation in Chinese messages."""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

import guide_tui.i18n as i18n
from guide_tui.core.problems import Problem
from guide_tui.i18n import CATALOGS, LANGUAGES, Catalogs, Message, t, tn
from tests.i18n.catalogs import MESSAGES, ROOT, po_tool

LOCALES = po_tool.locales()


def test_the_languages_are_the_catalogs_there_are() -> None:
    assert {"en", "zh_CN"} <= set(LOCALES)
    assert LANGUAGES == ("en", *sorted(locale.replace("_", "-") for locale in LOCALES if locale != "en"))


@pytest.mark.parametrize("locale", LOCALES)
def test_each_mo_is_compiled_from_the_po_beside_it(locale: str) -> None:
    """The program reads the .mo; the .po is what people edit. `make po` compiles one from the other."""
    compiled = po_tool.read(locale).to_binary()
    assert po_tool.mo_path(locale).read_bytes() == compiled, f"{po_tool.mo_path(locale)} is stale: run `make po`"


def test_translations_are_in_step_with_english() -> None:
    """Same keys and order as English, English's notes and text as comments: `make po` would change nothing."""
    assert po_tool.stale() == []


@pytest.mark.parametrize("locale", LOCALES)
def test_the_program_reads_what_the_po_says(locale: str) -> None:
    po = po_tool.read(locale)
    plural = gettext.c2py(po.metadata["Plural-Forms"].split("plural=")[1].rstrip(";"))
    catalog = CATALOGS[locale.replace("_", "-")]
    for key, forms in MESSAGES[locale.replace("_", "-")].items():
        if len(forms) > 1 or po.find(key).msgid_plural:
            for n in (0, 1, 2, 5, 21):
                assert catalog.plural(key, n) == forms[plural(n)], (key, n)
        else:
            assert catalog[key] == forms[0], key


@pytest.mark.parametrize(
    ("locale", "plurals"), [("en", "nplurals=2; plural=(n != 1);"), ("zh_CN", "nplurals=1; plural=0;")]
)
def test_each_po_has_a_proper_header(locale: str, plurals: str) -> None:
    metadata = po_tool.read(locale).metadata
    assert metadata["Language"] == locale
    assert metadata["Plural-Forms"] == plurals
    assert metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert metadata["Project-Id-Version"] == "guide-tui"


def test_the_mo_files_go_into_the_wheel() -> None:
    """hatchling puts every file under guide_tui/ in the wheel except what git ignores."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    for locale in LOCALES:
        mo = po_tool.mo_path(locale)
        ignored = subprocess.run(["git", "check-ignore", "-q", str(mo)], cwd=ROOT, check=False)
        assert ignored.returncode == 1, f"{mo} is ignored by git, so the wheel would leave it out"


# -- plurals --------------------------------------------------------------------


def test_plurals_follow_each_languages_rule() -> None:
    assert [tn("cli.count.errors", n, "en") for n in (0, 1, 2)] == ["0 errors", "1 error", "2 errors"]
    assert [tn("cli.count.errors", n, "zh-CN") for n in (1, 2)] == ["1 个错误", "2 个错误"]
    assert tn("cli.list.failed", 1, "en") == "1 guide file could not be loaded"
    assert tn("cli.list.failed", 3, "en") == "3 guide files could not be loaded"
    assert tn("library.count", 1, "en", shown=1).startswith("1 of 1 guide ·")
    assert tn("library.count", 7, "zh-CN", shown=2).startswith("共 7 个指南，显示 2 个")
    # t() with the count as `n` is the same thing (export and plain pass n= like any parameter)
    assert t("export.minutes", "en", n=1) == "Takes about 1 minute"
    assert t("export.minutes", "en", n=20) == "Takes about 20 minutes"
    assert t("progress.done", "zh-CN", n=1) == "已完成，共 1 步"


def test_a_plural_message_keeps_its_count_through_a_problem() -> None:
    """Loader problems keep key and parameters, and are put into words in any language later."""
    problem = Problem.of("g.yaml", 1, 1, "error", Message("load.more_problems", n=1))
    assert problem.text("en").startswith("1 more problem, here, is not shown")
    problem = Problem.of("g.yaml", 1, 1, "error", Message("load.more_problems", n=4))
    assert problem.text("en").startswith("4 more problems, the first of them here")
    assert problem.text("zh-CN").startswith("另有 4 个问题未显示")


def test_the_validate_summary_counts_in_both_languages() -> None:
    from guide_tui.cli.commands.validate import summary

    assert summary(1, 0, 1, "en") == "1 guide, 0 errors, 1 warning"
    assert summary(3, 1, 2, "en") == "3 guides, 1 error, 2 warnings"
    assert summary(3, 1, 2, "zh-CN") == "3 个指南，1 个错误，2 个警告"


# The importer (being rewritten) still counts with "(s)"; its messages become plural with it.


def test_no_plural_is_made_by_hand() -> None:
    """Plurals are gettext plural messages: no `_one` keys, no pairs such as cli.count.guide /
    cli.count.guides, no "file(s)"."""
    en = MESSAGES["en"]
    assert sorted(k for k in en if k.endswith("_one")) == []
    counted = {k for k, forms in en.items() if "{n}" in forms[-1] or "{count}" in forms[-1]}
    assert sorted(k for k in counted if k.endswith("s") and k[:-1] in counted) == []
    assert sorted(k for k, forms in en.items() if re.search(r"\w\(s\)", forms[-1])) == []


# -- a message missing from a translation ---------------------------------------


@pytest.fixture
def thin_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Catalogs:
    """Catalogs whose zh-CN lacks `progress` and `cli.count.errors`, and whose `hint.continue`
    is fuzzy (its English changed, not yet checked by a translator)."""
    for locale in LOCALES:
        po = po_tool.read(locale)
        if locale == "zh_CN":
            po.remove(po.find("progress"))
            po.remove(po.find("cli.count.errors"))
            po.find("hint.continue").flags.append("fuzzy")
        folder = tmp_path / locale / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "guide_tui.mo").write_bytes(po.to_binary())
    catalogs = Catalogs()
    monkeypatch.setattr(i18n, "LOCALE_DIR", str(tmp_path))
    monkeypatch.setattr(i18n, "CATALOGS", catalogs)
    return catalogs


def test_a_missing_or_fuzzy_translation_shows_in_english(thin_chinese: Catalogs) -> None:
    assert t("hint.chosen", "zh-CN", label="A") == "已选择：A。按 Enter 或 → 继续。"
    assert thin_chinese.loaded == ("zh-CN",)  # English is read only once a message is missing
    assert t("progress", "zh-CN", k=1, n=2) == "Step 1 of 2"
    assert t("hint.continue", "zh-CN") == "Press Enter or → to continue."
    assert tn("cli.count.errors", 2, "zh-CN") == "2 errors"
    assert (
        Message("load.not_list", key="steps", found=Message("load.found.list"))
        .text("zh-CN")
        .startswith("`steps` 必须是一个列表")
    )
    assert thin_chinese.loaded == ("zh-CN", "en")
    with pytest.raises(KeyError):
        t("no.such.key", "zh-CN")


def test_only_the_language_asked_for_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    catalogs = Catalogs()
    monkeypatch.setattr(i18n, "CATALOGS", catalogs)
    assert t("progress", "en", k=1, n=2) == "Step 1 of 2"
    assert t("progress", "fr", k=1, n=2) == "Step 1 of 2"
    assert catalogs.loaded == ("en",)


# -- tools/po.py (make po) ------------------------------------------------------


def _po(plural_forms: str, *entries: polib.POEntry) -> polib.POFile:
    po = polib.POFile()
    po.metadata = {"Language": "xx", "Plural-Forms": plural_forms}
    for entry in entries:
        po.append(entry)
    return po


def test_make_po_follows_english_and_marks_changed_english_fuzzy() -> None:
    english = _po(
        "nplurals=2; plural=(n != 1);",
        polib.POEntry(msgid="a", msgstr="Open the door", comment="{x}: a door"),
        polib.POEntry(msgid="b", msgid_plural="b", msgstr_plural={0: "{n} key", 1: "{n} keys"}),
        polib.POEntry(msgid="c", msgstr="New"),
    )
    old = _po(
        "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 ? 1 : 2);",
        polib.POEntry(msgid="a", msgstr="Otwórz okno", comment="English: Open the window", tcomment="checked"),
        polib.POEntry(
            msgid="b",
            msgid_plural="b",
            msgstr_plural={0: "{n} klucz", 1: "{n} klucze", 2: "{n} kluczy"},
            comment=po_tool.english_note(english.find("b")),
        ),
        polib.POEntry(msgid="gone", msgstr="Stare"),
    )
    new = {e.msgid: e for e in po_tool.synced(english, old)}
    assert list(new) == ["a", "b", "c"]  # English's keys, in English's order
    assert new["a"].msgstr == "Otwórz okno" and "fuzzy" in new["a"].flags  # English changed
    assert new["a"].comment == "{x}: a door\nEnglish: Open the door" and new["a"].tcomment == "checked"
    assert new["b"].msgstr_plural == {0: "{n} klucz", 1: "{n} klucze", 2: "{n} kluczy"} and not new["b"].flags
    assert new["c"].msgstr == "" and not new["c"].flags  # to translate
    assert po_tool.content(po_tool.synced(english, po_tool.synced(english, old))) == po_tool.content(
        po_tool.synced(english, old)
    )


# -- Chinese punctuation ----------------------------------------------------------

CJK = "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
HALF_WIDTH = ",;:?!()"
BESIDE_CJK = re.compile(rf"[{CJK}][{re.escape(HALF_WIDTH)}]|[{re.escape(HALF_WIDTH)}][{CJK}]")
# Half-width on purpose beside Chinese: a key the user presses, or words quoted as written.
AS_WRITTEN = {
    "plain.help.help": "?：",  # the ? command
    "help.close": "、?",  # the ? key
    "cli.import.no_sections": "Step 1:",  # an English heading the importer finds
    "cli.import.links": "http:",  # a link scheme
}


def test_chinese_messages_use_full_width_punctuation_beside_chinese() -> None:
    """，；：？！（） beside Chinese, not , ; : ? ! ( ): in every message and plural form.
    Code in backticks and the command lines of examples stay as they are typed."""
    found = []
    for key, forms in MESSAGES["zh-CN"].items():
        for text in forms:
            text = re.sub(r"`[^`\n]*`", "", text)
            text = "\n".join(line for line in text.split("\n") if not line.startswith("  guide-tui"))
            text = text.replace(AS_WRITTEN.get(key, "\0"), "")
            found += [f"{key}: {m.group()!r}" for m in BESIDE_CJK.finditer(text)]
            words = re.sub(r"\{[^{}]*\}", "", text)
            if words.strip() and not re.search(rf"[\w{CJK}]", words):  # a separator or a frame: 「{text}（{note}）」
                found += [f"{key}: {char!r} in a separator" for char in words if char in HALF_WIDTH]
    assert found == []


def test_the_punctuation_check_finds_half_width_punctuation() -> None:
    assert BESIDE_CJK.search("请先回答上面的问题：按 1–{n},或用 ↑ ↓ 选中后按 Enter。")
    assert BESIDE_CJK.search("保存的进度（{name}）;可以继续")
    assert not BESIDE_CJK.search("请先回答上面的问题：按 1–{n}，或用 ↑ ↓ 选中后按 Enter。")
    assert not BESIDE_CJK.search("无法在 {host}:{port} 上监听")
