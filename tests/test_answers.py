"""The answers model: blank vs answered, field readers, lb/kg, attendee text, rendering."""

from __future__ import annotations

from typing import Any

import pytest

from psoas_check.answers import (
    FIELDS,
    KG_PER_LB,
    Answers,
    format_value,
    parse_answers,
    parse_value,
)
from psoas_check.errors import AnswerError
from psoas_check.options import RED_FLAG_GROUP, RED_FLAG_GROUPS, RED_FLAG_TIER

QUESTIONS = [
    "sitting_hours",
    "stretch_breaks",
    "exercise_days",
    "stress_level",
    "money_stress",
    "abdominal_excess_lb",
    "back_fatigue",
    "pain_areas",
    "pain_duration",
    "pain_bother",
    "pain_lying_on_back",
    "knee_discomfort_sitting",
    "balance_difficulty",
    "arms_overhead_difficulty",
    "red_flags",
]


def errors_of(raw: dict[str, Any]) -> list[str]:
    return [str(err) for err in parse_answers(raw).errors]


def test_fields__contract_section_1__every_field_in_form_order() -> None:
    assert list(FIELDS) == ["attendee", *QUESTIONS]


@pytest.mark.parametrize(
    ("name", "kind", "minimum", "maximum", "options"),
    [
        ("attendee", "text", None, None, []),
        ("sitting_hours", "number", 0, 24, []),
        ("stretch_breaks", "choice", None, None, ["rarely", "every_few_hours", "hourly"]),
        ("exercise_days", "integer", 0, 7, []),
        ("stress_level", "integer", 0, 10, []),
        ("money_stress", "bool", None, None, []),
        ("abdominal_excess_lb", "number", 0, 300, []),
        ("pain_areas", "set", None, None, ["low_back", "si_joint", "leg", "hip_front"]),
        (
            "pain_duration",
            "choice",
            None,
            None,
            ["under_6_weeks", "6_to_12_weeks", "over_3_months"],
        ),
        ("pain_bother", "integer", 0, 10, []),
        (
            "red_flags",
            "set",
            None,
            None,
            [
                "bladder_bowel",
                "saddle_numbness",
                "leg_weakness",
                "walking_difficulty",
                "sexual_dysfunction",
                "chest_pain",
                "major_trauma",
                "fever_unwell",
                "cancer_history",
                "weight_loss",
                "night_pain",
                "pregnancy",
                "bone_risk",
                "immune_risk",
                "upper_back_pain",
                "back_shape_change",
                "age_onset",
                "not_improving",
                "cough_sneeze_pain",
                "heart_or_dizziness",
                "supervised_only",
            ],
        ),
    ],
)
def test_fields__spec__matches_contract_kinds_ranges_and_options(
    name: str, kind: str, minimum: float | None, maximum: float | None, options: list[str]
) -> None:
    spec = FIELDS[name]
    assert (spec.kind, spec.minimum, spec.maximum, list(spec.options)) == (
        kind,
        minimum,
        maximum,
        options,
    )


def test_red_flag_tier__contract_section_3__urgent_and_see_clinician() -> None:
    assert RED_FLAG_TIER == {
        "bladder_bowel": "urgent",
        "saddle_numbness": "urgent",
        "leg_weakness": "urgent",
        "walking_difficulty": "urgent",
        "sexual_dysfunction": "urgent",
        "chest_pain": "urgent",
        "major_trauma": "urgent",
        "fever_unwell": "see_clinician",
        "cancer_history": "see_clinician",
        "weight_loss": "see_clinician",
        "night_pain": "see_clinician",
        "pregnancy": "see_clinician",
        "bone_risk": "see_clinician",
        "immune_risk": "see_clinician",
        "upper_back_pain": "see_clinician",
        "back_shape_change": "see_clinician",
        "age_onset": "see_clinician",
        "not_improving": "see_clinician",
        "cough_sneeze_pain": "see_clinician",
        "heart_or_dizziness": "see_clinician",
        "supervised_only": "see_clinician",
    }


def test_red_flag_groups__every_sign__in_one_group_pregnancy_on_its_own() -> None:
    assert set(RED_FLAG_GROUP) == set(RED_FLAG_TIER)
    assert {f for f, g in RED_FLAG_GROUP.items() if g == "now"} == {
        f for f, tier in RED_FLAG_TIER.items() if tier == "urgent"
    }
    assert [f for f, g in RED_FLAG_GROUP.items() if g == "pregnancy"] == ["pregnancy"]
    assert set(RED_FLAG_GROUP.values()) == set(RED_FLAG_GROUPS)


def test_answers__nothing_given__every_field_is_none_and_unanswered() -> None:
    answers = Answers()
    assert answers.as_dict() == dict.fromkeys(FIELDS)
    assert answers.unanswered() == QUESTIONS


def test_answers__empty_set__is_answered_none_of_these() -> None:
    answers = Answers(pain_areas=frozenset(), red_flags=frozenset())
    assert answers.answered("pain_areas") is True
    assert answers.answered("sitting_hours") is False
    assert answers.unanswered() == [n for n in QUESTIONS if n not in ("pain_areas", "red_flags")]


@pytest.mark.parametrize(
    ("given", "unanswered"),
    [
        ({"attendee": "Ann"}, QUESTIONS),
        ({"sitting_hours": 0}, QUESTIONS[1:]),
        ({"money_stress": False}, [n for n in QUESTIONS if n != "money_stress"]),
        (
            {"exercise_days": 0, "red_flags": frozenset()},
            [n for n in QUESTIONS[:-1] if n != "exercise_days"],
        ),
    ],
)
def test_unanswered__zero_false_and_empty__count_as_answered(
    given: dict[str, Any], unanswered: list[str]
) -> None:
    assert Answers(**given).unanswered() == unanswered


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Ann  ", "Ann"),
        ("   ", None),
        ("", None),
        ("x" * 100, "x" * 100),
    ],
)
def test_answers__attendee__is_stored_trimmed_and_blank_as_none(
    raw: str, expected: str | None
) -> None:
    assert Answers(attendee=raw).attendee == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("a\nb", "attendee: 'a\\nb' contains control characters; use plain text"),
        ("x" * 101, "attendee: is 101 characters long; the most allowed is 100"),
    ],
)
def test_answers__attendee_control_characters_or_too_long__is_rejected(
    raw: str, message: str
) -> None:
    with pytest.raises(AnswerError) as caught:
        Answers(attendee=raw)
    assert (caught.value.field, str(caught.value)) == ("attendee", message)


def test_answers__values_from_code__read_as_a_file_cell_is() -> None:
    answers = Answers(sitting_hours="9", stretch_breaks="Rarely", red_flags=["fever_unwell"],
                      money_stress="yes")  # type: ignore[arg-type]
    assert (answers.sitting_hours, answers.stretch_breaks) == (9.0, "rarely")
    assert (answers.red_flags, answers.money_stress) == (frozenset({"fever_unwell"}), True)
    assert answers == parse_answers({"sitting_hours": "9", "stretch_breaks": "Rarely",
                                     "red_flags": ["fever_unwell"], "money_stress": "yes"}).answers


@pytest.mark.parametrize(
    ("given", "field", "reason"),
    [
        ({"sitting_hours": 25}, "sitting_hours", "25"),
        ({"stretch_breaks": "sometimes"}, "stretch_breaks", "sometimes"),
        ({"red_flags": ["fever_unwell", "nope"]}, "red_flags", "nope"),
    ],
)
def test_answers__unreadable_value_from_code__raises_naming_the_field(
    given: dict[str, Any], field: str, reason: str
) -> None:
    with pytest.raises(AnswerError) as caught:
        Answers(**given)
    assert caught.value.field == field
    assert reason in caught.value.reason


def test_answers__unknown_field__is_rejected() -> None:
    with pytest.raises(TypeError, match="siting_hours"):
        Answers(siting_hours=3)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="siting_hours"):
        Answers.read({"sitting_hours": 3.0, "siting_hours": 3.0})


def test_answers_read__values_read_already__kept_as_given_in_form_order() -> None:
    answers = Answers.read({"red_flags": frozenset(), "sitting_hours": 9.0})
    assert answers == Answers(sitting_hours=9, red_flags=[])  # type: ignore[arg-type]
    assert list(answers.as_dict()) == list(FIELDS)


@pytest.mark.parametrize(
    ("name", "raw", "expected"),
    [
        ("attendee", "  Ann Lee ", "Ann Lee"),
        ("sitting_hours", "7,5", 7.5),
        ("stretch_breaks", "About every hour", "hourly"),
        ("exercise_days", "3", 3),
        ("stress_level", 10, 10),
        ("money_stress", "Y", True),
        ("abdominal_excess_lb", "12.5", 12.5),
        ("pain_areas", "hip_front | Low back", frozenset({"hip_front", "low_back"})),
        ("pain_areas", "none", frozenset()),
        ("red_flags", "Pregnant, or gave birth in the last few months", frozenset({"pregnancy"})),
        ("abdominal_excess_kg", "10", round(10 / KG_PER_LB, 1)),
        ("pain_duration", "More than 3 months", "over_3_months"),
        ("pain_duration", "6 to 12 weeks", "6_to_12_weeks"),
        ("pain_duration", "under-6-weeks", "under_6_weeks"),
        ("pain_bother", "0", 0),
        ("pain_bother", "10", 10),
        ("sitting_hours", "", None),
        ("red_flags", " ", None),
    ],
)
def test_parse_value__readable_value__is_clean(name: str, raw: Any, expected: Any) -> None:
    assert parse_value(name, raw) == expected


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        ("exercise_days", "8", "exercise_days: 8 is outside the allowed range 0 to 7 days"),
        ("exercise_days", "2.5", "exercise_days: 2.5 is not a whole number (0 to 7 days)"),
        ("stress_level", "-1", "stress_level: -1 is outside the allowed range 0 to 10"),
        ("pain_bother", "11", "pain_bother: 11 is outside the allowed range 0 to 10"),
        ("pain_bother", "-1", "pain_bother: -1 is outside the allowed range 0 to 10"),
        ("pain_bother", "6.5", "pain_bother: 6.5 is not a whole number (0 to 10)"),
        (
            "pain_duration",
            "a year",
            "pain_duration: 'a year' is not one of: under_6_weeks, 6_to_12_weeks, over_3_months",
        ),
        (
            "abdominal_excess_lb",
            "301",
            "abdominal_excess_lb: 301 is outside the allowed range 0 to 300 lb",
        ),
        (
            "abdominal_excess_kg",
            "137",
            "abdominal_excess_kg: 137 is outside the allowed range 0 to 136 kg",
        ),
        (
            "stretch_breaks",
            "often",
            "stretch_breaks: 'often' is not one of: rarely, every_few_hours, hourly",
        ),
        (
            "pain_areas",
            "leg; knee",
            "pain_areas: 'knee' not recognised; allowed: low_back, si_joint, leg, hip_front",
        ),
        ("attendee", "a\tb", "attendee: 'a\\tb' contains control characters; use plain text"),
        ("attendee", "y" * 101, "attendee: is 101 characters long; the most allowed is 100"),
        (
            "siting_hours",
            "3",
            "siting_hours: is not a question of this form (did you mean `sitting_hours`?)",
        ),
        ("shoe_size", "3", "shoe_size: is not a question of this form"),
        ("a\x07b\n# Heading", "3", "'a\\x07b\\n# Heading': is not a question of this form"),
        ("k" * 41, "3", f"'{'k' * 39}…': is not a question of this form"),
    ],
)
def test_parse_value__unreadable_value__names_field_and_reason(
    name: str, raw: Any, message: str
) -> None:
    with pytest.raises(AnswerError) as caught:
        parse_value(name, raw)
    assert str(caught.value) == message


def test_parse_answers__blank_cells__stay_unanswered_never_defaulted() -> None:
    parsed = parse_answers(dict.fromkeys(QUESTIONS, "  "))
    assert parsed.answers == Answers()
    assert parsed.errors == []


def test_parse_answers__bad_value__leaves_field_blank_and_keeps_the_rest() -> None:
    parsed = parse_answers({"sitting_hours": "lots", "exercise_days": "2", "money_stress": "maybe"})
    assert parsed.answers == Answers(exercise_days=2)
    assert [str(e) for e in parsed.errors] == [
        "sitting_hours: 'lots' is not a number",
        "money_stress: 'maybe' is not yes or no (use yes/no, y/n, true/false, 1/0)",
    ]


def test_parse_answers__red_flag_beside_unknown_item__red_flag_survives() -> None:
    parsed = parse_answers({"red_flags": "bladder_bowel; headache"})
    assert parsed.answers == Answers(red_flags=frozenset({"bladder_bowel"}))
    assert errors_of({"red_flags": "bladder_bowel; headache"}) == [
        "red_flags: 'headache' not recognised; allowed: " + ", ".join(RED_FLAG_TIER)
    ]


def test_parse_answers__only_unknown_set_items__field_stays_blank() -> None:
    parsed = parse_answers({"pain_areas": "knee"})
    assert parsed.answers == Answers()
    assert errors_of({"pain_areas": "knee"}) == [
        "pain_areas: 'knee' not recognised; allowed: low_back, si_joint, leg, hip_front"
    ]


@pytest.mark.parametrize(
    ("raw", "pounds", "errors"),
    [
        ({"abdominal_excess_kg": "10"}, 22.0, []),
        ({"abdominal_excess_kg": 4.5}, 9.9, []),
        ({"abdominal_excess_kg": "0"}, 0.0, []),
        ({"abdominal_excess_kg": "136"}, 299.8, []),
        ({"abdominal_excess_kg": "10", "abdominal_excess_lb": ""}, 22.0, []),
        ({"abdominal_excess_kg": "10", "abdominal_excess_lb": "30"}, 30.0, []),
        ({"abdominal_excess_lb": "30", "abdominal_excess_kg": "10"}, 30.0, []),
        ({"abdominal_excess_kg": ""}, None, []),
        (
            {"abdominal_excess_kg": "200", "abdominal_excess_lb": "30"},
            30.0,
            ["abdominal_excess_kg: 200 is outside the allowed range 0 to 136 kg"],
        ),
        (
            {"abdominal_excess_kg": "ten"},
            None,
            ["abdominal_excess_kg: 'ten' is not a number"],
        ),
    ],
)
def test_parse_answers__kilograms__converted_to_pounds_and_pounds_win(
    raw: dict[str, Any], pounds: float | None, errors: list[str]
) -> None:
    parsed = parse_answers(raw)
    assert parsed.answers == Answers(abdominal_excess_lb=pounds)
    assert [str(e) for e in parsed.errors] == errors


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("sitting_hours", None, "not answered"),
        ("sitting_hours", 7.5, "7.5 hours"),
        ("sitting_hours", 1.0, "1 hour"),
        ("exercise_days", 1, "1 day"),
        ("exercise_days", 0, "0 days"),
        ("stress_level", 4, "4"),
        ("abdominal_excess_lb", 1.0, "1 lb"),
        ("money_stress", True, "yes"),
        ("money_stress", False, "no"),
        ("stretch_breaks", "every_few_hours", "every few hours"),
        ("pain_duration", "over_3_months", "more than 3 months"),
        ("pain_duration", "6_to_12_weeks", "6 weeks to 3 months"),
        ("pain_bother", 7, "7"),
        ("pain_areas", frozenset(), "none of these"),
        (
            "pain_areas",
            frozenset({"leg", "si_joint", "low_back"}),
            "low back; SI joint (back of the pelvis, beside the tailbone); leg",
        ),
        ("red_flags", frozenset({"pregnancy"}), "pregnant, or gave birth in the last few months"),
        ("attendee", "Ann", "Ann"),
    ],
)
def test_format_value__answer__reads_as_plain_words(name: str, value: Any, expected: str) -> None:
    assert format_value(name, value) == expected


def test_as_json__sets__serialise_in_option_order() -> None:
    answers = Answers(pain_areas=frozenset({"hip_front", "low_back"}), red_flags=frozenset())
    dumped = answers.as_json()
    assert (dumped["pain_areas"], dumped["red_flags"]) == (["low_back", "hip_front"], [])


def test_pain_questions__evidence__names_the_screens_they_follow() -> None:
    assert "STarT Back" in (FIELDS["pain_bother"].evidence or "")
    assert "Oswestry" in (FIELDS["pain_bother"].evidence or "")
    assert "NICE" in (FIELDS["pain_duration"].evidence or "")
    assert FIELDS["sitting_hours"].evidence is None


def test_answers__split_modules__same_objects_importable_from_answers() -> None:
    from psoas_check import answer_model, fields

    assert Answers is answer_model.Answers
    assert FIELDS is fields.FIELDS
