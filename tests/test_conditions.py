"""Conditions: all / any / not with three values, witnesses, nested English, parsing."""

from __future__ import annotations

from typing import Any

import pytest

from psoas_check import conditions
from psoas_check.answers import Answers
from psoas_check.conditions import Group, Negation

# A: sitting_hours >= 6 (8 -> True, 2 -> False, blank -> None)
# B: exercise_days < 2 (0 -> True, 5 -> False, blank -> None)
A = conditions.Test("sitting_hours", ">=", 6.0)
B = conditions.Test("exercise_days", "<", 2)
C = conditions.Test("pain_areas", "contains", "leg")
HOURS = {True: 8.0, False: 2.0, None: None}
DAYS = {True: 0, False: 5, None: None}
A_TEXT = "“Hours sitting on a typical day” is 6 hours or more"
B_TEXT = "“Days a week with 30+ minutes of exercise” is less than 2 days"
C_TEXT = "“Where it hurts now” includes “leg”"


def person(a: bool | None, b: bool | None = None) -> Answers:
    return Answers(sitting_hours=HOURS[a], exercise_days=DAYS[b])


@pytest.mark.parametrize(
    ("a", "b", "all_", "any_"),
    [
        (True, True, True, True),
        (True, False, False, True),
        (False, True, False, True),
        (False, False, False, False),
        (True, None, None, True),
        (None, True, None, True),
        (False, None, False, None),
        (None, False, False, None),
        (None, None, None, None),
    ],
)
def test_group__three_valued__one_decisive_part_decides_else_blank_is_unknown(
    a: bool | None, b: bool | None, all_: bool | None, any_: bool | None
) -> None:
    answers = person(a, b)
    assert (Group("all", (A, B)).evaluate(answers), Group("any", (A, B)).evaluate(answers)) == (
        all_,
        any_,
    )


@pytest.mark.parametrize(("a", "expected"), [(True, False), (False, True), (None, None)])
def test_negation__three_valued__blank_stays_unknown(a: bool | None, expected: bool | None) -> None:
    assert Negation(A).evaluate(person(a)) is expected


@pytest.mark.parametrize(
    ("condition", "a", "b", "expected"),
    [
        # not over a group whose unknown part could have decided it: still unknown
        (Negation(Group("all", (A, B))), True, None, None),
        (Negation(Group("any", (A, B))), False, None, None),
        # ... but a known decisive part settles it even with a blank beside it
        (Negation(Group("all", (A, B))), False, None, True),
        (Negation(Group("any", (A, B))), True, None, False),
        (Negation(Negation(A)), None, None, None),
        (Negation(Negation(A)), True, None, True),
        (Group("all", (Negation(A), B)), None, True, None),
    ],
)
def test_negation__blank_inside__never_makes_it_true(
    condition: Any, a: bool | None, b: bool | None, expected: bool | None
) -> None:
    assert condition.evaluate(person(a, b)) is expected


@pytest.mark.parametrize(
    ("condition", "answers", "witnesses"),
    [
        (A, person(True), [A]),
        (A, person(False), []),
        (A, person(None), []),
        (Group("all", (A, B)), person(True, True), [A, B]),
        (Group("any", (A, B)), person(True, False), [A]),
        (Group("any", (A, B)), person(None, True), [B]),
        (Group("any", (A, B)), person(True, True), [A, B]),
        # not: the answers that made its inner part false are the reason
        (Negation(A), person(False), [A]),
        (Negation(Group("any", (A, B))), person(False, False), [A, B]),
        (Negation(Group("all", (A, B))), person(False, None), [A]),
        (
            Group("all", (A, Group("any", (B, C)))),
            Answers(sitting_hours=8, exercise_days=0, pain_areas=frozenset({"low_back"})),
            [A, B],
        ),
    ],
)
def test_witnesses__condition_holds__are_the_tests_that_made_it_hold(
    condition: Any, answers: Answers, witnesses: list[conditions.Test]
) -> None:
    assert list(condition.witnesses(answers)) == witnesses


@pytest.mark.parametrize(
    ("condition", "english"),
    [
        (A, A_TEXT),
        (Group("all", (A, B)), f"{A_TEXT} and {B_TEXT}"),
        (Group("any", (A, B, C)), f"{A_TEXT} or {B_TEXT} or {C_TEXT}"),
        (Group("all", (A, Group("any", (B, C)))), f"{A_TEXT} and ({B_TEXT} or {C_TEXT})"),
        (Group("any", (Group("all", (A, B)), C)), f"({A_TEXT} and {B_TEXT}) or {C_TEXT}"),
        (Negation(A), f"it is not the case that {A_TEXT}"),
        (
            Group("all", (Negation(Group("any", (B, C))), A)),
            f"it is not the case that {B_TEXT} or {C_TEXT} and {A_TEXT}",
        ),
    ],
)
def test_render__nested_condition__groups_inner_groups_in_brackets(
    condition: Any, english: str
) -> None:
    assert condition.render() == english


def test_tests__nested_condition__lists_every_leaf_in_order() -> None:
    condition = Group("all", (Negation(A), Group("any", (B, C))))
    assert list(condition.tests()) == [A, B, C]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"field": "sitting_hours", "op": ">=", "value": 6}, A),
        (
            {
                "all": [
                    {"field": "sitting_hours", "op": ">=", "value": 6},
                    {"not": {"field": "exercise_days", "op": "<", "value": 2}},
                ]
            },
            Group("all", (A, Negation(B))),
        ),
        (
            {"any": [{"field": "pain_areas", "op": "contains", "value": "Leg"}]},
            Group("any", (C,)),
        ),
        (
            {"field": "stretch_breaks", "op": "in", "value": ["Rarely or never", "hourly"]},
            conditions.Test("stretch_breaks", "in", ("rarely", "hourly")),
        ),
        (
            {"field": "pain_areas", "op": "contains_any", "value": ["leg", "si_joint"]},
            conditions.Test("pain_areas", "contains_any", ("leg", "si_joint")),
        ),
        (
            {"field": "red_flags", "op": "answered"},
            conditions.Test("red_flags", "answered", None),
        ),
        (
            {"field": "money_stress", "op": "==", "value": True},
            conditions.Test("money_stress", "==", True),
        ),
        (
            {"field": "sitting_hours", "op": "<", "value": 7.5},
            conditions.Test("sitting_hours", "<", 7.5),
        ),
    ],
)
def test_parse_condition__valid_yaml_data__builds_the_tree(raw: Any, expected: Any) -> None:
    problems: list[tuple[str, str]] = []
    assert conditions.parse_condition(raw, "when", problems) == expected
    assert problems == []


@pytest.mark.parametrize(
    ("raw", "problems"),
    [
        (
            "sitting_hours >= 6",
            [("when", "must be a test {field, op, value} or one of all / any / not")],
        ),
        ({"all": []}, [("when.all", "must be a non-empty list of conditions")]),
        (
            {"any": {"field": "sitting_hours"}},
            [("when.any", "must be a non-empty list of conditions")],
        ),
        (
            {"all": [{"field": "sitting_hours", "op": ">=", "value": 6}], "any": []},
            [("when", "`all` stands alone; unexpected key(s): any")],
        ),
        (
            {"not": {"field": "sitting_hours", "op": ">=", "value": "six"}},
            [("when.not.value", "'six' must be a number")],
        ),
        (
            {"all": [{"field": "siting_hours", "op": ">="}, {"op": "<"}]},
            [
                (
                    "when.all[0].field",
                    "unknown field `siting_hours` (did you mean `sitting_hours`?)",
                ),
                ("when.all[1]", "a test needs field"),
            ],
        ),
        (
            {"fild": "sitting_hours"},
            [
                ("when.fild", "unknown key (did you mean `field`?)"),
                ("when", "a test needs field and op"),
            ],
        ),
    ],
)
def test_parse_condition__broken_tree__every_problem_with_its_key(
    raw: Any, problems: list[tuple[str, str]]
) -> None:
    found: list[tuple[str, str]] = []
    conditions.parse_condition(raw, "when", found)
    assert found == problems
