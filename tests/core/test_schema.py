"""The JSON Schema: generated from the model, shipped up to date, and in
agreement with the loader on good guides and on shape errors."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from guide_tui.core import fields, model, parts, schema
from guide_tui.core.loader import load_bytes, load_guide
from guide_tui.library.find import bundled_dir

ROOT = Path(__file__).resolve().parents[2]
XIAOMI = ROOT / "guides" / "xiaomi-installment-priority-payment.zh-CN.yaml"
MODELS = (model.Guide, model.Step, parts.Ask, parts.Option, parts.Contact, parts.Source, parts.Finish)


def plain(value: Any) -> Any:
    """YAML 1.1 data as a JSON-minded editor sees it: dates are text."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def read(path: Path) -> Any:
    return plain(yaml.safe_load(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema.generate(), format_checker=jsonschema.FormatChecker())


def test_schema_is_valid_draft_2020_12():
    generated = schema.generate()
    assert generated["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(generated)


def test_shipped_schema_is_up_to_date():
    shipped = schema.SHIPPED.read_text(encoding="utf-8")
    assert shipped == schema.render(), (
        "guide_tui/guide.schema.json is stale; regenerate it with\n"
        "  .venv/bin/python -m guide_tui schema --force -o guide_tui/guide.schema.json"
    )


def test_every_field_spec_is_in_the_schema():
    generated = schema.generate()
    for cls in MODELS:
        obj = generated if cls is model.Guide else generated["$defs"][cls.__name__]
        specs = fields.field_specs(cls)
        assert list(obj["properties"]) == [fs.key for _, fs in specs]
        required = [fs.key for _, fs in specs if fs.required]
        if cls is parts.Ask:  # in each of its branches (options or input), not beside them
            assert "required" not in obj
            assert all(branch["required"][: len(required)] == required for branch in obj["oneOf"])
        else:
            assert obj.get("required", []) == required
        assert obj["additionalProperties"] is False and "^x-" in obj["patternProperties"]
        for _, fs in specs:
            assert obj["properties"][fs.key]["markdownDescription"] == fs.doc
            assert obj["properties"][fs.key]["description"] == fs.doc.replace("`", "")


def test_every_description_is_a_sentence_that_says_more_than_one_line():
    """Editors show these on hover and in completion: each says what the key is for,
    in full, ending with a full stop (no bare "One line.")."""
    for cls in MODELS:
        for _, fs in fields.field_specs(cls):
            assert len(fs.doc) >= 30 and fs.doc.rstrip("`").endswith((".", "?", "`", ")")), (cls.__name__, fs.key)


def test_defaults_and_examples_are_valid_values():
    """What completion writes for a key is a value the key accepts (never 0 minutes)."""
    generated = schema.generate()
    found = 0
    for cls in MODELS:
        obj = generated if cls is model.Guide else generated["$defs"][cls.__name__]
        for key, prop in obj["properties"].items():
            values = ([prop["default"]] if "default" in prop else []) + prop.get("examples", [])
            for value in values:
                found += 1
                one = {"$defs": generated["$defs"], **prop}
                assert list(jsonschema.Draft202012Validator(one).iter_errors(value)) == [], (cls.__name__, key, value)
            if prop.get("type") == "integer":
                assert values, f"{cls.__name__}.{key}: completion would write 0, which is refused"
    assert found >= 4


GUIDES = sorted(p for p in bundled_dir().iterdir() if p.suffix in (".yaml", ".yml"))
CLI_GOOD = sorted((ROOT / "tests/data/cli").rglob("*.en.y*ml"))


@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.name)
def test_bundled_guides_validate(validator, path):
    errors = [e.message for e in validator.iter_errors(read(path))]
    assert errors == []


@pytest.mark.parametrize(
    "path", [p for p in CLI_GOOD if "broken" not in p.name and ".hidden" not in p.parts], ids=lambda p: p.name
)
def test_cli_fixtures_validate(validator, path):
    assert list(validator.iter_errors(read(path))) == []


def test_model_round_trip_validates(validator):
    data = load_guide(XIAOMI).to_dict()
    assert list(validator.iter_errors(data)) == []


def _set(data: dict, where: tuple, value: Any) -> dict:
    data = copy.deepcopy(data)
    target = data
    for key in where[:-1]:
        target = target[key]
    if value is DELETE:
        del target[where[-1]]
    else:
        target[where[-1]] = value
    return data


DELETE = object()
BAD = {
    "unknown top-level key": (("titel",), "x"),
    "unknown step key": (("steps", 0, "bdy"), "x"),
    "unknown key in an option": (("steps", 3, "ask", "options", 0, "nxt"), "end"),
    "steps is not a list": (("steps",), "log in, then pay"),
    "estimated_minutes quoted": (("estimated_minutes",), "5"),
    "estimated_minutes zero": (("estimated_minutes",), 0),
    "show_support is text": (("steps", 0, "show_support"), "yes please"),
    "ask is a list": (("steps", 0, "ask"), ["a", "b"]),
    "bad guide id": (("id",), "Xiaomi Guide"),
    "bad step id": (("steps", 0, "id"), "Log_In"),
    "bad next": (("steps", 0, "next"), "Contact Support"),
    "bad question key": (("steps", 3, "ask", "key"), "Option-Found"),
    "bad language": (("language",), "chinese (simplified)"),
    "bad phone": (("support", 0, "phone"), "call 400"),
    "ftp source url": (("source", "url"), "ftp://example.org/a"),
    "bad date": (("reviewed",), "27/08/2024"),
    "format 2": (("format",), 2),
    "one option": (("steps", 3, "ask", "options"), [{"label": "only"}]),
    "ten options": (("steps", 3, "ask", "options"), [{"label": str(i)} for i in range(10)]),
    "no steps": (("steps",), []),
    "title on two lines": (("title",), "first\nsecond"),
    "title missing": (("title",), DELETE),
    "step title missing": (("steps", 0, "title"), DELETE),
    "empty title": (("title",), ""),
    "empty checklist item": (("steps", 4, "checklist", 0), ""),
    "contact with only a name": (("support", 1, "channel"), DELETE),
    "id over the one-line limit": (("id",), "a" * 501),
}


@pytest.mark.parametrize("name", list(BAD))
def test_shape_errors_fail_the_schema_and_the_loader(validator, name):
    where, value = BAD[name]
    data = _set(read(XIAOMI), where, value)
    assert list(validator.iter_errors(data)), f"the schema accepted: {name}"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    assert load_bytes(text.encode(), "mutated.yaml").errors, f"the loader accepted: {name}"


GOOD = {
    "x- key at the top": (("x-editor",), {"anything": [1, 2]}),
    "x- key in a step": (("steps", 0, "x-note"), "for translators"),
    "an answer that ends the walk": (("steps", 4, "ask", "options", 4, "next"), "end"),
    "bare number as a title": (("steps", 0, "title"), 2024),
    "a mailto contact": (("support", 1, "url"), "mailto:help@example.org"),
}


@pytest.mark.parametrize("name", list(GOOD))
def test_accepted_by_the_schema_and_the_loader(validator, name):
    where, value = GOOD[name]
    data = _set(read(XIAOMI), where, value)
    assert list(validator.iter_errors(data)) == []
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    assert load_bytes(text.encode(), "mutated.yaml").errors == []


def test_url_pattern_needs_a_host_for_web_links():
    import re

    pattern = re.compile(schema.url_pattern(("http", "https", "mailto")))
    assert pattern.search("HTTPS://example.org/x")
    assert pattern.search("mailto:a@b.c")
    assert not pattern.search("https://")
    assert not pattern.search("https://exa mple.org")
    assert not pattern.search("javascript:alert(1)")


def test_docs_example_is_the_bundled_guide_and_is_clean(validator):
    """docs/guide-format.md quotes the Xiaomi guide: it must load without a
    problem, fit the schema, and say what the shipped file says."""
    import re

    doc = (ROOT / "docs" / "guide-format.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", doc, re.S).group(1)
    result = load_bytes(example.encode(), "docs/guide-format.md")
    assert [str(p) for p in result.problems] == []
    data = plain(yaml.safe_load(example))
    assert list(validator.iter_errors(data)) == []
    assert data == read(XIAOMI)


# -- the additions to format 1 ------------------------------------------------------------

DETOURS = ROOT / "tests" / "data" / "every-detour.en.yaml"


def test_the_guide_with_every_addition_fits_the_schema(validator):
    assert [e.message for e in validator.iter_errors(read(DETOURS))] == []
    assert list(validator.iter_errors(load_guide(DETOURS).to_dict())) == []


DETOUR_BAD = {
    "when is text": (("steps", 1, "when"), "method is Card"),
    "when is empty": (("steps", 1, "when"), {}),
    "when with no labels": (("steps", 1, "when"), {"method": []}),
    "when key not an identifier": (("steps", 1, "when"), {"Method!": "Alipay"}),
    "a note without text": (("steps", 5, "notes", 1), {"when": {"method": "Alipay"}}),
    "a checklist item on two lines": (("steps", 1, "checklist", 1, "text"), "one\ntwo"),
    "options and input": (("steps", 3, "ask", "options"), [{"label": "a"}, {"label": "b"}]),
    "neither options nor input": (("steps", 3, "ask", "input"), DELETE),
    "an input kind that does not exist": (("steps", 3, "ask", "input"), "email"),
    "max_length with a number": (("steps", 2, "ask", "max_length"), 4),
    "max_length over the line limit": (("steps", 3, "ask", "max_length"), 501),
    "private without input": (("steps", 0, "ask", "private"), True),
    "confirm is a list": (("steps", 5, "confirm"), ["a", "b"]),
}


@pytest.mark.parametrize("name", list(DETOUR_BAD))
def test_shape_errors_of_the_additions_fail_the_schema_and_the_loader(validator, name):
    where, value = DETOUR_BAD[name]
    data = _set(read(DETOURS), where, value)
    assert list(validator.iter_errors(data)), f"the schema accepted: {name}"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    assert load_bytes(text.encode(), "mutated.yaml").errors, f"the loader accepted: {name}"


DETOUR_GOOD = {
    "a warning as one text": (("steps", 5, "warning"), "Careful."),
    "a body as a list of plain blocks": (("steps", 0, "body"), ["One.", "Two."]),
    "when with one label in a list": (("steps", 1, "when"), {"method": ["Credit card"]}),
    "a number without hint": (("steps", 2, "ask", "hint"), DELETE),
}


@pytest.mark.parametrize("name", list(DETOUR_GOOD))
def test_the_additions_are_accepted_by_the_schema_and_the_loader(validator, name):
    where, value = DETOUR_GOOD[name]
    data = _set(read(DETOURS), where, value)
    assert list(validator.iter_errors(data)) == []
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    assert load_bytes(text.encode(), "mutated.yaml").errors == []


def test_docs_example_of_the_additions_is_clean(validator):
    """docs/guide-format.md shows the additions in one guide: it loads without a problem."""
    import re

    doc = (ROOT / "docs" / "guide-format.md").read_text(encoding="utf-8")
    section = doc[doc.index("## Detours:") :]
    example = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    result = load_bytes(example.encode(), "docs/guide-format.md")
    assert [str(p) for p in result.problems] == []
    assert list(validator.iter_errors(plain(yaml.safe_load(example)))) == []
    steps = result.guide.steps
    assert steps[1].when and steps[2].ask.input == "text" and steps[3].confirm
