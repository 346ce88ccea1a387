"""The library's filter: pinyin (initials, whole syllables, mixed with characters, every
reading of a character), terms, ranking, narrowing, and why a guide matched."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from guide_tui.library.discover import GuideEntry, GuideMeta, scan
from guide_tui.library.find import bundled_dir
from guide_tui.library.pinyin import missing, readings
from guide_tui.library.search import SearchIndex, compile_term, encode, reading_table

ROOT = Path(__file__).resolve().parents[2]
XIAOMI = "xiaomi-installment-priority-payment"


def entry(guide_id: str, title: str, *, tags: tuple[str, ...] = (), summary: str | None = None) -> GuideEntry:
    meta = GuideMeta(guide_id, "zh-CN", title, Path(f"{guide_id}.zh-CN.yaml"), tags=tags, summary=summary)
    return GuideEntry(guide_id, {"zh-CN": meta})


def index_of(*entries: GuideEntry) -> SearchIndex:
    texts = [text for e in entries for meta in e.variants.values() for text in meta.texts]
    return SearchIndex(list(entries), readings(missing(texts, {})))


@pytest.fixture(scope="module")
def bundled() -> SearchIndex:
    library = scan([bundled_dir()])
    return index_of(*library.entries)


@pytest.mark.parametrize("query", ["xmfq", "xiaomi", "xiao mi", "小米fq", "xiaomifenqi", "xiao mi fenqi", "xiaomfq"])
def test_pinyin_finds_the_xiaomi_guide(bundled: SearchIndex, query: str) -> None:
    found = bundled.search(query)
    assert [bundled.entries[i].id for i in found.ranked][:1] == [XIAOMI]


def test_a_character_with_several_readings_matches_each_of_them() -> None:
    index = index_of(entry("heavy", "重新设置"), entry("other", "其他"))
    for query in ("zx", "cx", "chongxin", "zhongxin", "重x"):
        assert [index.entries[i].id for i in index.search(query).ranked] == ["heavy"], query
    assert index.search("tx").ranked == [0]  # 重 also reads tong
    assert index.search("qx").ranked == []


def test_letters_must_be_consecutive_characters() -> None:
    index = index_of(entry("a", "小米分期"), entry("b", "小猫吃米"))
    assert [index.entries[i].id for i in index.search("xm").ranked] == ["a", "b"]  # 小米, 小猫
    assert [index.entries[i].id for i in index.search("xmf").ranked] == ["a"]
    assert index.search("xmc").ranked == [1]  # 小猫吃
    assert index.search("xfq").ranked == []  # 小 and 分期 are not next to each other


def test_latin_text_matches_as_words_without_case_or_spaces() -> None:
    index = index_of(entry("router", "Reset your Home Router", tags=("network",)))
    for query in ("reset", "RESET", "homerouter", "home router", "net"):
        assert index.search(query).ranked == [0], query
    assert index.search("rst").ranked == []  # not a subsequence match: letters are consecutive


def test_title_matches_come_before_other_matches() -> None:
    index = index_of(
        entry("by-tag", "Something else", tags=("payment",)),
        entry("by-title", "Change the payment method"),
        entry("by-summary", "Other", summary="How to change the payment."),
    )
    found = index.search("payment")
    assert [index.entries[i].id for i in found.ranked] == ["by-title", "by-tag", "by-summary"]
    assert found.all == [0, 1, 2]  # the library's order, for the next key to narrow


def test_a_growing_query_narrows_what_the_last_one_found(bundled: SearchIndex) -> None:
    first = bundled.search("x")
    assert first.ranked and set(first.ranked) == set(first.all)
    again = bundled.search("xm", within=first.all)
    assert again.all == bundled.search("xm").all
    assert bundled.search("xmfq", within=[]).ranked == []  # only what it is given is tested


def test_every_term_must_match() -> None:
    index = index_of(entry("a", "小米分期", tags=("支付",)), entry("b", "小米手机"))
    assert index.search("xiaomi zhifu").ranked == [0]
    assert index.search("xiaomi").ranked == [0, 1]


def test_explain_says_where_and_which_pinyin(bundled: SearchIndex) -> None:
    xiaomi = next(i for i, e in enumerate(bundled.entries) if e.id == XIAOMI)
    (why,) = bundled.explain(xiaomi, "xmfq")
    assert (why.where, why.text[why.start : why.end], why.pinyin) == ("title", "小米分期", ("xiao", "mi", "fen", "qi"))
    (why,) = bundled.explain(xiaomi, "小米fq")
    assert why.text[why.start : why.end] == "小米分期" and why.pinyin == ("fen", "qi")
    index = index_of(entry("heavy", "重新设置"))
    assert index.explain(0, "cx")[0].pinyin == ("chong", "xin")
    index = index_of(entry("tagged", "Other", tags=("支付方式",)))
    (why,) = index.explain(0, "zffs")
    assert (why.where, why.text, why.pinyin) == ("tag", "支付方式", ("zhi", "fu", "fang", "shi"))


def test_explain_finds_the_characters_in_the_text_as_written() -> None:
    """Where a match is, in the field's own text: case folding (ß is two cells, ss), the
    spaces left out, the first field that matches in the order titles, tags, summaries,
    id, and one answer per term."""
    index = index_of(
        entry("straße-guide", "Die Straße  Reset", tags=("Zahlung", "小米"), summary="Einmal  im MONAT zahlen")
    )
    found = {
        query: [(why.where, why.text[why.start : why.end], why.pinyin) for why in index.explain(0, query)]
        for query in ("strasser", "ssere", "zahl", "imm", "monat", "guide", "xiaomi die", "nothing")
    }
    assert found == {
        "strasser": [("title", "Straße  R", ())],
        "ssere": [("title", "ße  Re", ())],
        "zahl": [("tag", "Zahl", ())],  # the tag comes before the summary
        "imm": [("summary", "im M", ())],
        "monat": [("summary", "MONAT", ())],
        "guide": [("id", "guide", ())],
        "xiaomi die": [("tag", "小米", ("xiao", "mi")), ("title", "Die", ())],
        "nothing": [],
    }


def test_regular_expression_characters_in_a_query_are_plain_text() -> None:
    index = index_of(entry("q", "Why (a+b)*? [x]"))
    for query in ("(a+b)*?", "[x]", "a+b", ".*"):
        compile_term(query)  # never an error
    assert index.search("(a+b)*?").ranked == [0]
    assert index.search(".*").ranked == []


def test_encoding_keeps_cells_and_readings_apart() -> None:
    table = reading_table({"重": "zhong chong"})
    assert encode("A 重", table) == "\x01a\x01重\x02zhong\x02chong"
    assert encode("   ", table) == ""


def test_readings_write_u_umlaut_as_v_and_u() -> None:
    assert readings({"绿"})["绿"].split() == ["lv", "lu"]
    assert missing(["abc 小米", "米"], {"米": "mi"}) == {"小"}


def test_a_latin_only_library_never_imports_pypinyin(tmp_path: Path) -> None:
    """A fresh interpreter lists, caches, indexes and filters a Latin-only library:
    pypinyin (heavy) is never imported."""
    folder = tmp_path / "guides"
    folder.mkdir()
    for n in range(3):
        (folder / f"g{n}.en.yaml").write_text(
            f"format: 1\nid: g{n}\nlanguage: en\ntitle: Reset router {n}\ntags: [network]\n"
            "steps:\n  - title: Only\n    body: Do it.\n",
            encoding="utf-8",
        )
    script = """
import json, sys
from pathlib import Path
from guide_tui.library.discover import discover
from guide_tui.library.meta_cache import MetaCache
from guide_tui.library.pinyin import missing, readings
from guide_tui.library.search import SearchIndex
cache = MetaCache(Path(sys.argv[2]))
library = discover([sys.argv[1]], bundled=False, user_dir=Path(sys.argv[1]) / "none", reader=cache.read)
new = missing((t for e in library.entries for m in e.variants.values() for t in m.texts), cache.readings)
if new:
    cache.add_readings(readings(new))
cache.save()
index = SearchIndex(library.entries, cache.readings)
found = [index.entries[i].id for i in index.search("router 1").ranked]
print(json.dumps({"found": found, "pypinyin": any(m.startswith("pypinyin") for m in sys.modules)}))
"""
    done = subprocess.run(
        [sys.executable, "-c", script, str(folder), str(tmp_path / "cache.json")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"found": ["g1"], "pypinyin": False}
