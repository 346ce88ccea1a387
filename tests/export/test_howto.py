"""schema.org HowTo JSON-LD (guide_tui/export/howto.py): in the HTML export and alone
(`export -f howto`), read by a real structured-data consumer (extruct), safe in a
page whatever the guide says, and read back by `guide-tui import`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import extruct
import pytest

from guide_tui.cli.main import main
from guide_tui.core.loader import load_bytes, load_guide
from guide_tui.core.model import Guide
from guide_tui.export import FORMATS, export
from guide_tui.export.common import Plan
from guide_tui.export.howto import duration, howto_data, main_path, script_tag, to_howto
from guide_tui.export.html import to_html
from guide_tui.importer.article import import_article

ROOT = Path(__file__).resolve().parents[2]
ZH = ROOT / "guides" / "xiaomi-installment-priority-payment.zh-CN.yaml"
EN = ROOT / "guides" / "xiaomi-installment-priority-payment.en.yaml"
MAIN_PATH = ["login", "my-orders", "choose-order", "find-option", "choose-method", "confirm", "verify"]


pytestmark = pytest.mark.usefixtures("english_messages")  # the messages tested are English


@pytest.fixture(scope="module", params=[ZH, EN], ids=["zh-CN", "en"])
def guide(request: pytest.FixtureRequest) -> Guide:
    """The bundled guide as a team that checked its facts keeps it (the article gives no
    such date and no time, so the bundled guide has neither)."""
    return dataclasses.replace(load_guide(request.param), reviewed=dt.date(2024, 8, 27), estimated_minutes=5)


def extracted(page: str) -> list[dict[str, Any]]:
    """The JSON-LD a structured-data consumer finds in a page."""
    data: list[dict[str, Any]] = extruct.extract(page, base_url="https://example.org/guide.html", syntaxes=["json-ld"])[
        "json-ld"
    ]
    return data


def of_type(items: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [item for item in items if item.get("@type") == kind]


def test_the_html_export_carries_the_main_path_in_order(guide: Guide) -> None:
    [howto] = extracted(to_html(guide))
    assert howto["@context"] == "https://schema.org" and howto["@type"] == "HowTo"
    assert howto["name"] == guide.title and howto["inLanguage"] == guide.language
    assert howto["totalTime"] == "PT5M" and howto["dateModified"] == "2024-08-27"
    steps = howto["step"]
    assert [s["@type"] for s in steps] == ["HowToStep"] * len(MAIN_PATH)
    assert [s["position"] for s in steps] == list(range(1, len(MAIN_PATH) + 1))
    assert [s["name"] for s in steps] == [guide.step(i).title for i in MAIN_PATH]
    assert [s["url"] for s in steps] == [f"#step-{i}" for i in MAIN_PATH]  # each step's anchor in the page
    assert all(s["text"] for s in steps)
    assert "**" not in json.dumps(howto, ensure_ascii=False)  # plain text, not Markdown
    login, *_, verify = steps
    assert of_type(login["itemListElement"], "HowToTip")[0]["text"] == guide.step("login").notes[0].strip()
    directions = [d["text"] for d in of_type(verify["itemListElement"], "HowToDirection")]
    plan = Plan(guide)  # `{{method}}` as every export shows it: «your answer at step 5»
    assert directions == [plan.fill(item) for item in guide.step("verify").checklist]
    ask = steps[3]["itemListElement"]
    assert guide.step("find-option").ask.options[1].label in ask[0]["text"]  # the question, with its answers
    assert of_type(ask, "HowToTip")  # the note of the answer that leads off the main path


def test_the_hotline_and_its_caveat_are_one_contact_point(guide: Guide) -> None:
    [howto] = extracted(to_html(guide))
    assert "publisher" not in howto  # the guide's publisher is not known: the contacts are Xiaomi's
    points = howto["about"]["contactPoint"]
    assert [p["@type"] for p in points] == ["ContactPoint"] * len(guide.support)
    hotline = guide.support[0]
    assert points[0]["name"] == hotline.name and points[0]["telephone"] == "400-100-5678"
    assert points[0]["description"] == " ".join((hotline.disclaimer or "").split())
    assert points[1]["contactType"] == guide.support[1].channel


def test_export_f_howto_writes_the_json_ld_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "howto" in FORMATS
    assert main(["export", str(ZH), "-f", "howto"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out) == howto_data(load_guide(ZH)) and "小米" in out  # UTF-8, not \\u escapes
    target = tmp_path / "xiaomi.jsonld"
    assert main(["export", str(ZH), "-o", str(target)]) == 0  # the format from the extension
    assert target.read_text(encoding="utf-8") == export(load_guide(ZH), "howto") == to_howto(load_guide(ZH))


@pytest.mark.parametrize("kind", ["jsonld", "html"])
def test_importing_the_export_gives_the_same_steps(guide: Guide, kind: str) -> None:
    text = to_howto(guide) if kind == "jsonld" else to_html(guide)
    draft = import_article(text.encode("utf-8"), f"xiaomi.{kind}", language=guide.language)
    steps = draft.data["steps"]
    assert [s["title"] for s in steps] == [guide.step(i).title for i in MAIN_PATH]
    first = guide.step("login")
    assert steps[0]["body"].startswith(first.body.split("\n")[0].replace("**", "")[:10])
    assert steps[0]["notes"] == [n.strip() for n in first.notes]
    assert draft.data["estimated_minutes"] == 5 and draft.data["title"] == guide.title
    # the ContactPoints come back as the support contacts, the hotline with its caveat
    hotline = guide.support[0]
    assert [c["name"] for c in draft.data["support"]] == [c.name for c in guide.support]
    assert draft.data["support"][0]["phone"] == hotline.phone
    assert draft.data["support"][0]["disclaimer"] == " ".join((hotline.disclaimer or "").split())
    assert load_bytes(draft.yaml.encode("utf-8"), "draft.yaml").guide is not None  # a guide that loads


BREAKOUT = "</script><script>alert(1)</script><!-- & -->"


def test_no_guide_text_breaks_out_of_the_script() -> None:
    guide = load_guide(EN)
    step = dataclasses.replace(guide.steps[0], title=f"Title {BREAKOUT}", body=f"Body {BREAKOUT}")
    hostile = dataclasses.replace(guide, title=BREAKOUT, steps=(step, *guide.steps[1:]))
    tag = script_tag(hostile)
    inner = tag.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in inner and ">" not in inner and "&" not in inner
    page = to_html(hostile)
    assert page.count("<script") == 1  # the guide's "<script>" is text, escaped, everywhere
    [howto] = extracted(page)
    assert howto["name"] == BREAKOUT and howto["step"][0]["name"] == f"Title {BREAKOUT}"


def test_main_path_takes_first_answers_and_stops_at_a_loop() -> None:
    guide = load_guide(ZH)
    assert [s.id for s in main_path(guide)] == MAIN_PATH
    looped = dataclasses.replace(guide, steps=(dataclasses.replace(guide.steps[0], next="login"), *guide.steps[1:]))
    assert [s.id for s in main_path(looped)] == ["login"]


@pytest.mark.parametrize(("minutes", "iso"), [(5, "PT5M"), (60, "PT1H"), (90, "PT1H30M"), (600, "PT10H")])
def test_total_time_is_an_iso_8601_duration(minutes: int, iso: str) -> None:
    from guide_tui.importer.web import duration_minutes

    assert duration(minutes) == iso and duration_minutes(iso) == minutes


def test_the_importer_takes_only_contact_points_a_guide_can_hold() -> None:
    from guide_tui.importer.web import find_howto

    page = {
        "@context": "https://schema.org",
        "@type": "HowTo",
        "name": "T",
        "step": [{"@type": "HowToStep", "name": "One", "text": "Do it."}],
        "publisher": {
            "@type": "Organization",
            "contactPoint": [
                {"@type": "ContactPoint", "name": "Letters", "telephone": "1-800-FLOWERS"},
                {"@type": "ContactPoint", "name": "Web", "url": "http://plain.example/"},
                {"@type": "ContactPoint", "name": "Mail", "email": "help@example.org", "description": "Weekdays"},
            ],
        },
    }
    howto = find_howto(json.dumps(page), "jsonld")
    assert howto is not None
    assert howto.contacts == [{"name": "Mail", "url": "mailto:help@example.org", "disclaimer": "Weekdays"}]
