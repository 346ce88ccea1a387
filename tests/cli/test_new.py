"""`guide-tui new`: a valid starting guide, in the language chosen, with the schema line."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide_tui.cli.main import main
from guide_tui.core.loader import load_file
from guide_tui.core.schema import SHIPPED


@pytest.fixture(autouse=True)
def here(english_messages: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(("lang", "title"), [("en", "My new guide"), ("zh-CN", "我的新指南"), ("fr", "My new guide")])
def test_new_writes_a_clean_guide_in_the_language(capsys, here, lang, title):
    assert main(["new", "tea", "--lang", lang]) == 0
    path = here / f"tea.{lang}.yaml"
    assert f"wrote tea.{lang}.yaml" in capsys.readouterr().out
    result = load_file(path)
    assert result.problems == [] and result.guide is not None
    assert (result.guide.id, result.guide.language, result.guide.title) == ("tea", lang, title)
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={SHIPPED.as_posix()}"


def test_the_language_follows_the_locale_and_a_file_name(monkeypatch, here):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(["new", "tea", "--title", "泡一杯茶"]) == 0
    assert load_file(here / "tea.zh-CN.yaml").guide.title == "泡一杯茶"
    assert main(["new", "sub-guide.en.yml"]) == 0
    guide = load_file(here / "sub-guide.en.yml").guide
    assert (guide.id, guide.language) == ("sub-guide", "en")


def test_a_schema_kept_beside_the_guides_is_named_by_a_relative_path(here):
    (here / "guide.schema.json").write_text("{}", encoding="utf-8")
    (here / "guides").mkdir()
    assert main(["new", "guides/tea.en.yaml"]) == 0
    assert (
        (here / "guides/tea.en.yaml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=../guide.schema.json\n")
    )


def test_new_never_writes_over_a_file_and_checks_its_words(capsys, here):
    (here / "tea.en.yaml").write_text("mine", encoding="utf-8")
    assert main(["new", "tea", "--lang", "en"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert (here / "tea.en.yaml").read_text(encoding="utf-8") == "mine"
    assert main(["new", "Tea Time"]) == 2
    assert main(["new", "tea", "--lang", "english please"]) == 2


def test_a_refused_word_is_named_as_the_user_gave_it_and_nothing_is_written(capsys, here):
    """The id and language errors named --id and --language, options `new` does not have;
    a two-line title was reported at a line of a file never written, with exit 1; an empty
    title was silently replaced by "My new guide"."""
    assert main(["new", "Bad_ID"]) == 2
    err = capsys.readouterr().err
    assert "'Bad_ID' is not a valid id" in err and "--id" not in err
    assert main(["new", "x", "--lang", "zz-!!"]) == 2
    assert "--language" not in capsys.readouterr().err
    for title, why in (("two\nlines", "must be one line"), ("", "must not be empty")):
        assert main(["new", "a1", "--lang", "en", "--title", title]) == 2
        err = capsys.readouterr().err
        assert err.startswith("guide-tui new: --title ") and why in err and "nothing was written" in err
    assert list(here.iterdir()) == []


def test_a_file_name_and_a_lang_that_disagree_are_refused(capsys, here):
    """`new foo.en.yaml --lang zh-CN` wrote foo.en.yaml holding `language: zh-CN`, with no
    word (found in QA): the library and `translated` then read it as English."""
    assert main(["new", "foo.en.yaml", "--lang", "zh-CN"]) == 2
    assert "says the language is en, but --lang says zh-CN" in capsys.readouterr().err
    assert not Path("foo.en.yaml").exists()
    assert main(["new", "foo.zh-CN.yaml", "--lang", "zh-cn"]) == 0  # the same tag, in other letters
