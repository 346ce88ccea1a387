"""Text from a guide (and from outside: paths, system messages, --lang, --theme,
library load errors) is data, never markup, on every screen (hostile input,
second round, 1 and 10).

A guide whose every text field holds Rich/Textual markup, links and actions is
walked through every screen: the walker (each part of a step, an answer chosen,
the finish), the outline, the report (and saving it), the help, the palette, the
library and its errors screen, and the notices (a step gone since the save, a
folder that cannot be saved to, an unknown --theme, a --lang the guide lacks).
On each: nothing crashed, the text shows as written, no link or action is
attached to anything, and no string that holds the hostile text ever reached a
markup parser (Textual's `Content.from_markup` and `to_content`, Rich's
`render` and `Text.from_markup` are watched while the app runs).
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
from pathlib import Path
from typing import Any

import pytest
import rich.markup
import textual.markup
import yaml
from rich.text import Text
from textual.content import Content

from guide_tui.core.loader import load_bytes, load_file
from guide_tui.core.model import Guide
from guide_tui.progress.store import ProgressStore
from guide_tui.tui.app import GuideApp
from tests.tui.screen import screen_text

# Every kind of markup: a link, an action, styles, a variable, a stray closing tag.
# No spaces, so that it is never broken across two lines.
MARK = '[link="https://evil.example/markup"]L[/link][@click=app.hostile()]A[/][b]B[/b][$accent]V[/]'
# The answer label of the report, word for word, and its plainer cousin.
ISSUE_LABEL = '[link="https://evil.example/login"]Basic[/link] [@click=app.screenshot("owned.svg","/tmp")]plan[/]'
LABEL_PARTS = ('[link="https://evil.example/login"]Basic[/link]', '[@click=app.screenshot("owned.svg","/tmp")]plan[/]')
SIZE = (200, 60)


def hostile(name: str) -> str:
    """A field's text: its name (to find it on screen) and the markup."""
    return f"HOSTILE-{name}:{MARK}"


def guide_data(second_step_id: str = "two") -> dict[str, Any]:
    return {
        "format": 1,
        "id": "hostile",
        "title": hostile("title"),
        "language": "en",
        "summary": hostile("summary"),
        "tags": [hostile("tag")],
        "source": {"title": hostile("source")},
        "support": [
            {
                "name": hostile("contact"),
                "phone": "400 100 5678",
                "hours": hostile("hours"),
                "channel": hostile("channel"),
                "disclaimer": hostile("disclaimer"),
            }
        ],
        "steps": [
            {
                "id": "one",
                "title": hostile("step1"),
                "body": hostile("body1"),
                "warning": hostile("warning"),
                "notes": [hostile("note")],
                "ask": {
                    "key": "plan",
                    "prompt": hostile("prompt"),
                    "options": [
                        {"label": "Basic [/]", "note": hostile("optionnote")},
                        {"label": ISSUE_LABEL},
                        {"label": hostile("label")},
                    ],
                },
            },
            {
                "id": second_step_id,
                "title": hostile("step2") + " {{plan}}",
                "body": hostile("body2") + " {{plan}}",
                "checklist": [hostile("item"), "Basic [/]"],
                "show_support": True,
            },
        ],
        "finish": {"title": hostile("finish"), "body": hostile("finishbody")},
    }


def write_guide(folder: Path, data: dict[str, Any], name: str = "hostile.en.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def load(path: Path) -> Guide:
    result = load_file(path)
    assert result.guide is not None, result.problems
    return result.guide


@pytest.fixture
def markup_parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every string a markup parser is given while the test runs."""
    seen: list[str] = []
    from_markup = Content.from_markup.__func__  # type: ignore[attr-defined]
    to_content = textual.markup.to_content
    render = rich.markup.render
    text_from_markup = Text.from_markup.__func__  # type: ignore[attr-defined]

    def watch(value: object) -> None:
        if isinstance(value, str):
            seen.append(value)

    def content_from_markup(cls: type, markup: Any, **kw: Any) -> Content:
        watch(markup)
        return from_markup(cls, markup, **kw)

    def watched_to_content(markup: str, *args: Any, **kw: Any) -> Any:
        watch(markup)
        return to_content(markup, *args, **kw)

    def watched_render(markup: str, *args: Any, **kw: Any) -> Any:
        watch(markup)
        return render(markup, *args, **kw)

    def watched_text_from_markup(cls: type, text: str, *args: Any, **kw: Any) -> Text:
        watch(text)
        return text_from_markup(cls, text, *args, **kw)

    monkeypatch.setattr(Content, "from_markup", classmethod(content_from_markup))
    monkeypatch.setattr(textual.markup, "to_content", watched_to_content)
    monkeypatch.setattr(rich.markup, "render", watched_render)
    monkeypatch.setattr(Text, "from_markup", classmethod(watched_text_from_markup))
    return seen


def attached(app: GuideApp) -> list[str]:
    """Links and click actions on what is drawn now that did not come from guide-tui itself."""
    found = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            style = segment.style
            if style is None:
                continue
            if style.link and "evil.example" in style.link:
                found.append(f"link {style.link} on {segment.text!r}")
            for value in (style.meta or {}).values():
                if any(word in str(value) for word in ("hostile", "screenshot", "evil")):
                    found.append(f"action {value} on {segment.text!r}")
    return found


class Visit:
    """Looks at each screen: nothing attached, the hostile text shown as written."""

    def __init__(self, app: GuideApp) -> None:
        self.app = app
        self.seen: set[str] = set()
        self.text = ""

    def look(self, *expected: str) -> str:
        text = screen_text(self.app)
        assert not attached(self.app)
        for words in expected:
            assert words in text, (words, text)
        for line in text.splitlines():
            for found in re.finditer(r"HOSTILE-([a-z0-9]+):([^\s│╭╮╰╯─]*)", line):  # a dialog's border may cut it
                self.seen.add(found.group(1))
                # As written, from its first character (a narrow panel folds it): markup
                # read as markup would have lost its tags.
                piece = found.group(2)
                assert piece and (piece.startswith(MARK) or MARK.startswith(piece)), line
        self.text = text
        return text


def no_hostile_markup(parsed: list[str]) -> None:
    leaked = [s for s in parsed if "HOSTILE" in s or "evil.example" in s or "[/]" in s]
    assert not leaked, leaked


async def test_1_every_screen_shows_markup_in_a_guide_as_written(tmp_path: Path, markup_parsed: list[str]) -> None:
    guide = load(write_guide(tmp_path / "guides", guide_data()))
    store = ProgressStore(tmp_path / "state")
    session = store.open(guide)
    app = GuideApp(guide, lang="en", session=session, store=store, theme="textual-dark")
    docs = tmp_path / "[b]HOSTILE-docs[@click=app.quit]x"
    docs.mkdir()
    async with app.run_test(size=SIZE) as pilot:
        visit = Visit(app)

        async def press(*keys: str) -> None:
            for key in keys:
                await pilot.press(key)
                await pilot.pause()

        await pilot.pause()
        visit.look(hostile("title"), hostile("step1"), hostile("prompt"), "Basic [/]", ISSUE_LABEL)
        await press("1")  # "Basic [/]": the answer line and its note
        visit.look("Your answer: Basic [/]", hostile("optionnote"))
        await press("2")  # the label of the report
        visit.look(f"Your answer: {ISSUE_LABEL}")
        await press("o")
        visit.look(hostile("step1"))
        await press("escape", "question_mark")
        visit.look()
        await press("escape", "ctrl+p")
        visit.look()
        await press("h", "e", "l")  # the palette's search, with its highlighted letters
        visit.look()
        await press("escape")
        await press("right")  # step 2: the label in its title, body and checklist
        visit.look(hostile("step2"), *LABEL_PARTS, "Basic [/]")
        await press("space", "down", "space")
        visit.look()
        app.screen.query_one("#step").focus()
        await press("p")  # the support number as a QR code, with the contact beside it
        assert type(app.screen).__name__ == "QrScreen"
        visit.look(hostile("contact"), "400 100 5678")
        await press("escape")
        from guide_tui.tui.screens.report import ReportScreen

        await press("e")
        assert isinstance(app.screen, ReportScreen)
        app.screen.save_dir = docs
        visit.look(hostile("title"), *LABEL_PARTS)
        await press("w")  # saved: the notice names a folder with markup in its name
        visit.look(str(docs))
        await press("escape", "right")  # the finish: its title, body, answers and path
        visit.look(hostile("finish"), hostile("finishbody"), *LABEL_PARTS)
    assert app.return_code in (None, 0)
    no_hostile_markup(markup_parsed)
    assert {"title", "step1", "step2", "body1", "body2", "prompt", "warning", "note", "item", "contact"} <= visit.seen
    assert {"hours", "channel", "disclaimer", "finish", "finishbody"} <= visit.seen
    session.close()


async def test_10_a_step_title_with_markup_in_the_step_gone_notice(tmp_path: Path, markup_parsed: list[str]) -> None:
    folder = tmp_path / "guides"
    store = ProgressStore(tmp_path / "state")
    first = store.open(load(write_guide(folder, guide_data())))
    first.walker.answer(0)
    first.walker.advance()
    first.changed()
    first.close()
    guide = load(write_guide(folder, guide_data(second_step_id="gone")))  # the saved step is gone
    session = store.open(guide)
    assert [n.code for n in session.notices] == ["resumed", "step_gone"]
    app = GuideApp(guide, lang="en", session=session, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        Visit(app).look("resuming at an earlier step:", hostile("step1"))
    assert app.return_code in (None, 0)
    session.close()
    no_hostile_markup(markup_parsed)


async def test_10_a_folder_that_cannot_be_saved_to_and_an_unknown_theme(
    tmp_path: Path, markup_parsed: list[str]
) -> None:
    guide = load(write_guide(tmp_path / "guides", guide_data()))
    blocker = tmp_path / "[b]HOSTILE-file[@click=app.quit]x"
    blocker.write_text("not a folder")
    store = ProgressStore(blocker / "state")  # a file where a folder should be: nothing can be saved
    session = store.open(guide)
    assert [n.code for n in session.notices] == ["not_saving"]
    app = GuideApp(guide, lang="en", session=session, store=store, theme="[/][b]HOSTILE-theme[/b]")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        Visit(app).look("[b]HOSTILE-file[@click=app.quit]x", "There is no theme called “[/][b]HOSTILE-theme[/b]”")
    assert app.return_code in (None, 0)
    session.close()
    no_hostile_markup(markup_parsed)


async def test_10_library_load_errors_and_a_theme_before_the_library_is_drawn(
    tmp_path: Path, markup_parsed: list[str]
) -> None:
    folder = tmp_path / "guides"
    write_guide(folder, guide_data())
    broken = guide_data()
    broken["id"] = "broken"
    broken["steps"] = "[b]HOSTILE-broken[/b]"  # quoted in the error: expected a list, found text
    write_guide(folder, broken, "broken.en.yaml")
    (folder / "[b]HOSTILE-name[@click=app.quit]x.en.yaml").write_text("format: 1\nid: x\n")
    app = GuideApp(lang="en", guide_dirs=(str(folder),), theme="[/]HOSTILE")
    async with app.run_test(size=SIZE) as pilot:
        visit = Visit(app)
        for _ in range(20):  # the folders are read in the background
            await pilot.pause(0.05)
            if "could not be opened" in screen_text(app):
                break
        visit.look(hostile("title"), "There is no theme called “[/]HOSTILE”")
        await pilot.press(*["down"] * 6, "enter")  # the last row: the files that could not be loaded
        await pilot.pause()
        visit.look("[b]HOSTILE-broken[/b]", "[b]HOSTILE-name[@click=app.quit]x")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press(*"hostile", "enter")  # found by the filter, then opened
        await pilot.pause()
        visit.look(hostile("step1"))
    assert app.return_code in (None, 0)
    no_hostile_markup(markup_parsed)


def test_10_lang_the_guide_lacks_is_a_notice_not_markup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, markup_parsed: list[str]
) -> None:
    """`guide-tui --lang 'fr[/]' GUIDE`: the fallback notice names the language asked for."""
    from guide_tui.cli import main as cli

    path = write_guide(tmp_path / "guides", guide_data())
    shown: list[str] = []

    def run(self: GuideApp) -> None:
        async def walk() -> None:
            async with self.run_test(size=SIZE) as pilot:
                await pilot.pause()
                shown.append(Visit(self).look("This guide has no fr[/]HOSTILE version"))

        asyncio.run(walk())

    monkeypatch.setattr(cli, "_can_draw", lambda: True)
    monkeypatch.setattr(GuideApp, "run", run)
    codes: list[int] = []
    # Off the main thread, as the other Pilot tests run: the app sets no signal handler
    # in the test process, and asyncio.run leaves its SIGINT handler alone.
    walker = threading.Thread(
        target=lambda: codes.append(
            cli.main([str(path), "--lang", "fr[/]HOSTILE", "--state-dir", str(tmp_path / "state")])
        )
    )
    walker.start()
    walker.join(60)
    assert codes == [0] and shown
    no_hostile_markup(markup_parsed)


def test_1_the_issue_labels_pass_validate_and_stay_text() -> None:
    data = guide_data()
    result = load_bytes(yaml.safe_dump(data).encode())
    assert result.errors == []
    assert json.dumps(ISSUE_LABEL) in json.dumps([o.label for o in result.guide.steps[0].ask.options])  # type: ignore[union-attr]


# -- under `guide-tui serve`: a visitor never sees a path on the server (hostile input, 8 and 9) --


async def test_under_serve_a_notice_names_no_folder_of_the_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, markup_parsed: list[str]
) -> None:
    """The tab's progress cannot be saved: the notice says why and which file, not where it is."""
    tab = tmp_path / "root" / "tab-1"
    tab.mkdir(parents=True)
    monkeypatch.chdir(tab)  # serve_tab runs each tab in its own folder
    guide = load(write_guide(tmp_path / "srv" / "guides", guide_data()))
    (tab / "state").write_text("a file where the progress folder should be")
    store = ProgressStore(tab / "state")
    session = store.open(guide)
    assert [n.code for n in session.notices] == ["state_dir_is_file"] and str(tab) in session.notices[0].params["path"]
    app = GuideApp(guide, lang="en", session=session, store=store)
    monkeypatch.setattr(type(app), "is_web", property(lambda self: True))
    delivered: list[str] = []
    monkeypatch.setattr(app, "deliver_text", lambda file, **kw: delivered.append(kw["save_filename"]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = Visit(app).look("Progress cannot be saved: the state folder")
        await pilot.press("e", "w")  # the report goes to the visitor's browser
        await pilot.pause()
        text += screen_text(app)
    assert str(tmp_path) not in text.replace("\n", "") and "/root/" not in text and "tab-1" not in text
    assert delivered == [delivered[0]] and "/" not in delivered[0]
    session.close()
    no_hostile_markup(markup_parsed)
