"""The operator table: every operator's evaluation (three-valued) and its English."""

from __future__ import annotations

from typing import Any

import pytest

from psoas_check import conditions
from psoas_check.answers import FIELDS, Answers
from psoas_check.operators import OPERATORS, ORDERED, SCALAR, SETS, Operator, register

AREAS = frozenset({"low_back", "leg"})


def test_operators__table__holds_the_built_ins_in_order() -> None:
    assert list(OPERATORS) == [
        "==",
        "!=",
        ">=",
        ">",
        "<=",
        "<",
        "in",
        "contains",
        "contains_any",
        "lacks",
        "answered",
    ]


@pytest.mark.parametrize(
    ("op", "kinds", "shape"),
    [
        ("==", SCALAR, "one"),
        ("!=", SCALAR, "one"),
        (">=", ORDERED, "one"),
        (">", ORDERED, "one"),
        ("<=", ORDERED, "one"),
        ("<", ORDERED, "one"),
        ("in", SCALAR, "list"),
        ("contains", SETS, "one"),
        ("contains_any", SETS, "list"),
        ("lacks", SETS, "one"),
        ("answered", SCALAR | SETS, "none"),
    ],
)
def test_operator__declaration__names_field_kinds_and_value_shape(
    op: str, kinds: frozenset[str], shape: str
) -> None:
    assert (OPERATORS[op].kinds, OPERATORS[op].value) == (kinds, shape)


@pytest.mark.parametrize(
    ("op", "actual", "value", "expected"),
    [
        ("==", 6.0, 6.0, True),
        ("==", 5.0, 6.0, False),
        ("==", True, True, True),
        ("==", False, True, False),
        ("==", "rarely", "rarely", True),
        ("==", "hourly", "rarely", False),
        ("!=", "hourly", "rarely", True),
        ("!=", "rarely", "rarely", False),
        ("!=", False, True, True),
        (">=", 6.0, 6.0, True),
        (">=", 5.5, 6.0, False),
        (">", 6.5, 6.0, True),
        (">", 6.0, 6.0, False),
        ("<=", 2, 2, True),
        ("<=", 3, 2, False),
        ("<", 1, 2, True),
        ("<", 2, 2, False),
        ("in", "rarely", ("rarely", "every_few_hours"), True),
        ("in", "hourly", ("rarely", "every_few_hours"), False),
        ("in", 0, (0, 1), True),
        ("contains", AREAS, "leg", True),
        ("contains", AREAS, "hip_front", False),
        ("contains", frozenset(), "leg", False),
        ("contains_any", AREAS, ("hip_front", "leg"), True),
        ("contains_any", AREAS, ("hip_front", "si_joint"), False),
        ("contains_any", frozenset(), ("leg",), False),
        ("lacks", AREAS, "hip_front", True),
        ("lacks", AREAS, "leg", False),
        ("lacks", frozenset(), "leg", True),
        ("answered", 0.0, None, True),
        ("answered", False, None, True),
        ("answered", frozenset(), None, True),
    ],
)
def test_operator__answered_field__evaluates_true_or_false(
    op: str, actual: Any, value: Any, expected: bool
) -> None:
    assert OPERATORS[op].evaluate(actual, value) is expected


@pytest.mark.parametrize(
    ("op", "value"),
    [
        ("==", 6.0),
        ("!=", 6.0),
        (">=", 6.0),
        (">", 6.0),
        ("<=", 6.0),
        ("<", 6.0),
        ("in", (6.0,)),
        ("contains", "leg"),
        ("contains_any", ("leg",)),
        ("lacks", "pregnancy"),
    ],
)
def test_operator__blank_field__is_unknown_not_false(op: str, value: Any) -> None:
    assert OPERATORS[op].evaluate(None, value) is None


def test_operator_answered__blank_field__is_false() -> None:
    assert OPERATORS["answered"].evaluate(None, None) is False


@pytest.mark.parametrize(
    ("op", "field", "value", "english"),
    [
        ("==", "sitting_hours", 6.0, "“Hours sitting on a typical day” is 6 hours"),
        ("==", "money_stress", True, "“Money is a main source of stress” is answered yes"),
        ("==", "money_stress", False, "“Money is a main source of stress” is answered no"),
        ("==", "stretch_breaks", "rarely", "“Stretch breaks while sitting” is rarely or never"),
        ("==", "attendee", "Ann", "“Name or code” is Ann"),
        (
            "!=",
            "stretch_breaks",
            "hourly",
            "“Stretch breaks while sitting” is answered, and not about every hour",
        ),
        (">=", "sitting_hours", 6.0, "“Hours sitting on a typical day” is 6 hours or more"),
        (
            ">",
            "abdominal_excess_lb",
            10.0,
            "“Extra weight around the belly (lb)” is more than 10 lb",
        ),
        ("<=", "stress_level", 3, "“Stress over the last month (0 to 10)” is 3 or less"),
        (
            "<",
            "exercise_days",
            1,
            "“Days a week with 30+ minutes of exercise” is less than 1 day",
        ),
        (
            "in",
            "stretch_breaks",
            ("rarely",),
            "“Stretch breaks while sitting” is “rarely or never”",
        ),
        (
            "in",
            "stretch_breaks",
            ("rarely", "every_few_hours"),
            "“Stretch breaks while sitting” is “rarely or never” or “every few hours”",
        ),
        (
            "in",
            "exercise_days",
            (0, 1, 2),
            "“Days a week with 30+ minutes of exercise” is 0 days, 1 day or 2 days",
        ),
        (
            "contains",
            "pain_areas",
            "si_joint",
            "“Where it hurts now” includes “SI joint (back of the pelvis, beside the tailbone)”",
        ),
        (
            "lacks",
            "red_flags",
            "pregnancy",
            "“Warning signs” is answered without “pregnant, or gave birth in the last few "
            "months”",
        ),
        (
            "contains",
            "red_flags",
            "night_pain",
            "“Warning signs” includes “constant pain, worse at night, not eased by rest or by "
            "moving”",
        ),
        (
            "contains_any",
            "pain_areas",
            ("low_back", "leg", "hip_front"),
            "“Where it hurts now” includes “low back”, “leg” or “front of the hip or groin”",
        ),
        ("answered", "pain_areas", None, "“Where it hurts now” is answered"),
        ("answered", "sitting_hours", None, "“Hours sitting on a typical day” is answered"),
    ],
)
def test_operator__render__is_a_plain_english_clause(
    op: str, field: str, value: Any, english: str
) -> None:
    assert OPERATORS[op].render(FIELDS[field], value) == english


def test_register__new_operator__is_used_by_parsing_evaluation_and_rendering(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    between = Operator(
        "between",
        frozenset({"number"}),
        "list",
        lambda a, v: bool(v[0] <= a <= v[1]),
        lambda s, v: f"“{s.label}” is between {v[0]:g} and {v[1]:g}",
    )
    monkeypatch.setitem(OPERATORS, "between", between)  # removed again after the test
    assert register(between) is between
    problems: list[tuple[str, str]] = []
    condition = conditions.parse_condition(
        {"field": "sitting_hours", "op": "between", "value": [4, 8]}, "when", problems
    )
    assert (condition, problems) == (conditions.Test("sitting_hours", "between", (4.0, 8.0)), [])
    assert condition.render() == "“Hours sitting on a typical day” is between 4 and 8"
    assert [condition.evaluate(Answers(sitting_hours=h)) for h in (3, 6, None)] == [
        False,
        True,
        None,
    ]
