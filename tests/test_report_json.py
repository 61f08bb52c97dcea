"""The JSON summary: document shape, contract keys, exact round trip, and bad inputs."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from psoas_check.answers import FIELDS, Answers, parse_answers
from psoas_check.assess import assess
from psoas_check.errors import InputError
from psoas_check.messages import NOTICE
from psoas_check.report import SCHEMA, load_summary, summary_document, to_json
from psoas_check.rules import RuleSet, load_rules

FULL = Answers(
    attendee="Ann “A.” Lee",
    sitting_hours=7.5,
    stretch_breaks="every_few_hours",
    exercise_days=0,
    stress_level=10,
    money_stress=False,
    abdominal_excess_lb=22.0,
    back_fatigue=True,
    pain_areas=frozenset({"si_joint", "leg"}),
    pain_lying_on_back=False,
    knee_discomfort_sitting=True,
    balance_difficulty=True,
    arms_overhead_difficulty=True,
    red_flags=frozenset(),
)
CONTRACT_KEYS = ["status", "sections", "poses", "cautions", "rules", "errors"]


@pytest.fixture
def ruleset(
    rules_dir: Path, write_rules: Callable[[str, str], Path], balance_rules: str
) -> RuleSet:
    write_rules("a.yaml", balance_rules)
    return load_rules(rules_dir)


def test_summary_document__person__notice_first_then_schema_answers_assessment(
    ruleset: RuleSet,
) -> None:
    doc = summary_document(FULL, assess(FULL, ruleset))
    assert list(doc) == ["notice", "schema", "answers", "assessment"]
    assert (doc["notice"], doc["schema"]) == (NOTICE, "psoas-check/answers@1")
    assert SCHEMA == "psoas-check/answers@1"


def test_summary_document__answers__every_field_in_form_order_as_plain_json(
    ruleset: RuleSet,
) -> None:
    doc = summary_document(FULL, assess(FULL, ruleset))
    assert doc["answers"] == {
        "attendee": "Ann “A.” Lee",
        "sitting_hours": 7.5,
        "stretch_breaks": "every_few_hours",
        "exercise_days": 0,
        "stress_level": 10,
        "money_stress": False,
        "abdominal_excess_lb": 22.0,
        "back_fatigue": True,
        "pain_areas": ["si_joint", "leg"],
        "pain_duration": None,
        "pain_bother": None,
        "pain_lying_on_back": False,
        "knee_discomfort_sitting": True,
        "balance_difficulty": True,
        "arms_overhead_difficulty": True,
        "red_flags": [],
    }
    assert list(doc["answers"]) == list(FIELDS)


def test_summary_document__assessment__starts_with_the_screen_record_in_contract_shapes(
    ruleset: RuleSet,
) -> None:
    parsed = parse_answers(
        {"balance_difficulty": "yes", "sitting_hours": "lots", "red_flags": "none"}
    )
    doc = summary_document(parsed.answers, assess(parsed.answers, ruleset, parsed.errors))
    record = {key: doc["assessment"][key] for key in CONTRACT_KEYS}
    assert list(doc["assessment"])[:6] == CONTRACT_KEYS
    assert record == {
        "status": "invalid",
        "sections": ["back-pain"],
        "poses": ["vrksasana"],
        "cautions": [{"pose": "vrksasana", "text": "Stand by a wall."}],
        "rules": ["balance"],
        "errors": ["sitting_hours: 'lots' is not a number"],
    }
    # the article's own care points travel with the pose (none in this test catalogue)
    assert doc["assessment"]["care_points"] == []


def test_to_json__person__is_the_document_as_indented_utf8_text(ruleset: RuleSet) -> None:
    result = assess(FULL, ruleset)
    text = to_json(FULL, result)
    assert json.loads(text) == summary_document(FULL, result)
    assert (text.startswith('{\n  "notice": '), text.endswith("}\n"), "“A.”" in text) == (
        True,
        True,
        True,
    )


@pytest.mark.parametrize("answers", [FULL, Answers()], ids=["full", "empty"])
def test_load_summary__own_download__restores_identical_answers(
    ruleset: RuleSet, answers: Answers
) -> None:
    text = to_json(answers, assess(answers, ruleset))
    for source in (text, text.encode("utf-8"), json.loads(text)):
        parsed = load_summary(source, name="me.json")
        assert (parsed.answers, parsed.errors) == (answers, [])


@pytest.mark.parametrize(
    "source",
    [
        '{"sitting_hours": "7,5", "pain_areas": "Leg; low back"}',
        '{"sitting_hours": 7.5, "pain_areas": ["leg", "low_back"], "notice": "hi"}',
        {"sitting_hours": 7.5, "pain_areas": ["leg", "low_back"]},
    ],
)
def test_load_summary__bare_object_of_fields__is_read_as_answers(
    source: str | dict[str, Any],
) -> None:
    parsed = load_summary(source, name="bare.json")
    assert (parsed.answers, parsed.errors) == (
        Answers(sitting_hours=7.5, pain_areas=frozenset({"leg", "low_back"})),
        [],
    )


def test_load_summary__unreadable_values_inside__come_back_as_errors() -> None:
    source = json.dumps({"schema": SCHEMA, "answers": {"stress_level": 11, "back_fatigue": "y"}})
    parsed = load_summary(source, name="me.json")
    assert (parsed.answers, [str(e) for e in parsed.errors]) == (
        Answers(back_fatigue=True),
        ["stress_level: 11 is outside the allowed range 0 to 10"],
    )


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("not json", "me.json: is not a JSON summary (Expecting value: line 1 column 1 (char 0))"),
        ("", "me.json: is not a JSON summary (Expecting value: line 1 column 1 (char 0))"),
        (
            '{"a": 1,}',
            "me.json: is not a JSON summary (Expecting property name enclosed in double quotes: "
            "line 1 column 9 (char 8))",
        ),
        ("[1, 2]", "me.json: expected a JSON object of answers, found list"),
        ('"text"', "me.json: expected a JSON object of answers, found str"),
        ("null", "me.json: expected a JSON object of answers, found NoneType"),
        (
            '{"schema": "psoas-check/answers@2", "answers": {}}',
            "me.json: schema 'psoas-check/answers@2' is not psoas-check/answers@1",
        ),
        ('{"schema": "psoas-check/answers@1"}', "me.json: the summary has no `answers` object"),
        (
            '{"schema": "psoas-check/answers@1", "answers": [1]}',
            "me.json: the summary has no `answers` object",
        ),
        (" " * 1_000_001, "me.json: is larger than a summary can be (1,000,001 bytes)"),
    ],
)
def test_load_summary__unusable_input__raises_one_line_input_error(
    source: str, message: str
) -> None:
    with pytest.raises(InputError) as caught:
        load_summary(source, name="me.json")
    assert str(caught.value) == message


def test_load_summary__deeply_nested__raises_input_error_not_recursion_error() -> None:
    with pytest.raises(InputError) as caught:
        load_summary('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", name="me.json")
    assert str(caught.value) == "me.json: is nested too deeply to be a summary"
