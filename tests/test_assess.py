"""assess(): status order, red flags first, withholding, ordering, reasons and witnesses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from psoas_check.answers import Answers, parse_answers
from psoas_check.assess import (
    STATUSES,
    Assessment,
    Caution,
    FiredRule,
    Given,
    Reason,
    RedFlag,
    Suggestion,
    assess,
)
from psoas_check.options import RED_FLAGS
from psoas_check.rules import RuleSet, fill, load_rules

SITTING = """
rules:
  - id: sitting
    title: Long sitting
    factor: Sitting
    when:
      all:
        - {field: sitting_hours, op: ">=", value: 6}
        - not: {field: stretch_breaks, op: "==", value: hourly}
    suggest:
      sections: [{id: back-pain, reason: "You sit {sitting_hours} hours."}]
      poses: [{id: constructive-rest, reason: Rest after sitting.}]
    source: {section: back-pain, note: Six hours is our line.}
  - id: stress
    title: High stress
    factor: Stress
    when: {field: stress_level, op: ">=", value: 7}
    suggest:
      sections:
        - {id: trigger-points, reason: Stress tightens.}
        - {id: intro, reason: Stress and the psoas.}
      poses: [{id: pigeon-lunge, reason: Ease the hip.}]
    source: {section: intro}
"""
BODY = """
rules:
  - id: balance
    title: Wobbly balance
    factor: Poses
    when: {field: balance_difficulty, op: "==", value: true}
    suggest:
      poses:
        - {id: vrksasana, reason: Practise balance.}
        - {id: tadasana, reason: Stand tall.}
    cautions:
      - {pose: vrksasana, text: Stand by a wall.}
      - {pose: vrksasana, text: Stand by a wall.}
    source: {section: vrksasana}
  - id: pain
    title: Low back or leg pain
    factor: Pain
    when: {field: pain_areas, op: contains_any, value: [low_back, leg]}
    suggest:
      sections: [{id: back-pain, reason: Pain now.}]
      poses: [{id: constructive-rest, reason: Gentle.}]
    source: {section: back-pain}
  - id: money
    title: Money worries
    factor: Stress
    when: {field: money_stress, op: "==", value: true}
    suggest:
      sections: [{id: intro, reason: Money and stress.}]
    cautions: [{pose: arms-overhead, text: Only shown with the pose.}]
    source: {section: intro}
"""
ALL_FIRE = {
    "red_flags": "none",
    "sitting_hours": "8",
    "stretch_breaks": "rarely",
    "stress_level": "8",
    "balance_difficulty": "yes",
    "pain_areas": "leg",
    "money_stress": "yes",
}
WALL = Caution(pose="vrksasana", text="Stand by a wall.")


@pytest.fixture
def ruleset(rules_dir: Path, write_rules: Callable[[str, str], Path]) -> RuleSet:
    write_rules("a.yaml", SITTING)
    write_rules("b.yaml", BODY)
    return load_rules(rules_dir)


def run(ruleset: RuleSet, raw: dict[str, Any]) -> Assessment:
    parsed = parse_answers(raw)
    return assess(parsed.answers, ruleset, parsed.errors)


def test_statuses__contract_section_3__in_priority_order() -> None:
    assert STATUSES == ("urgent", "see_clinician", "invalid", "incomplete", "caution", "ok")


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        ({}, "incomplete"),
        ({"red_flags": "none"}, "ok"),
        ({"sitting_hours": "8", "stretch_breaks": "rarely"}, "incomplete"),
        ({"sitting_hours": "8", "stretch_breaks": "rarely", "red_flags": "none"}, "ok"),
        ({"balance_difficulty": "yes"}, "incomplete"),
        ({"balance_difficulty": "yes", "red_flags": ""}, "incomplete"),
        ({"balance_difficulty": "yes", "red_flags": "none"}, "caution"),
        ({"balance_difficulty": "yes", "exercise_days": "9"}, "invalid"),
        ({"balance_difficulty": "yes", "red_flags": "bladder trouble maybe"}, "invalid"),
        ({"sitting_hours": "lots"}, "invalid"),
        ({"red_flags": "pregnancy", "sitting_hours": "lots"}, "see_clinician"),
        ({"red_flags": "night_pain", "balance_difficulty": "yes"}, "see_clinician"),
        ({"red_flags": "pregnancy; major_trauma"}, "urgent"),
        ({"red_flags": "saddle_numbness", "sitting_hours": "lots"}, "urgent"),
        ({"red_flags": "none", "balance_difficulty": "yes"}, "caution"),
    ],
)
def test_assess__answers__status_is_the_first_that_applies(
    ruleset: RuleSet, raw: dict[str, Any], status: str
) -> None:
    assert run(ruleset, raw).status == status


def test_assess__urgent_flag_and_unreadable_field__urgent_with_error_listed(
    ruleset: RuleSet,
) -> None:
    result = run(ruleset, {"red_flags": "leg_weakness", "sitting_hours": "all day"})
    assert (result.status, result.errors) == (
        "urgent",
        ["sitting_hours: 'all day' is not a number"],
    )
    assert result.red_flags == [
        RedFlag(
            id="leg_weakness",
            label="Leg weakness or numbness that is getting worse, or pain in both legs",
            tier="urgent",
            timing="now",
            advice=ruleset.signs["leg_weakness"].advice.strip(),
        )
    ]


def test_assess__red_flag_beside_unknown_item__flag_kept_and_error_listed(
    ruleset: RuleSet,
) -> None:
    result = run(ruleset, {"red_flags": "bladder_bowel; headache"})
    assert (result.status, [f.id for f in result.red_flags], result.errors) == (
        "urgent",
        ["bladder_bowel"],
        ["red_flags: 'headache' not recognised; allowed: " + ", ".join(RED_FLAGS)],
    )


def test_assess__several_flags__listed_in_contract_order_with_tiers(ruleset: RuleSet) -> None:
    result = run(ruleset, {"red_flags": "pregnancy, bladder_bowel, fever_unwell"})
    assert [(f.id, f.tier) for f in result.red_flags] == [
        ("bladder_bowel", "urgent"),
        ("fever_unwell", "see_clinician"),
        ("pregnancy", "see_clinician"),
    ]


@pytest.mark.parametrize(
    ("flags", "status"),
    [
        ("fever_unwell", "see_clinician"),
        ("pregnancy", "see_clinician"),
        ("a rash", "invalid"),
        ("", "incomplete"),
    ],
)
def test_assess__red_flag_or_flags_unreadable_or_unanswered__poses_and_cautions_withheld(
    ruleset: RuleSet, flags: str, status: str
) -> None:
    result = run(ruleset, {**ALL_FIRE, "red_flags": flags})
    assert (result.status, result.poses, result.cautions, result.poses_withheld) == (
        status,
        [],
        [],
        True,
    )
    assert (result.care_points, result.flags_unreadable) == ([], status == "invalid")
    # reading is still offered; rules that only suggested poses drop out
    assert (result.sections, result.rules) == (
        ["intro", "back-pain", "trigger-points"],
        ["sitting", "stress", "pain", "money"],
    )
    assert [s.kind for s in result.suggestions] == ["section"] * 3


@pytest.mark.parametrize("flags", ["major_trauma", "chest_pain; fever_unwell; pregnancy"])
def test_assess__urgent_flag__one_instruction_no_reading_no_rules(
    ruleset: RuleSet, flags: str
) -> None:
    result = run(ruleset, {**ALL_FIRE, "abdominal_excess_lb": "40", "red_flags": flags})
    assert (result.status, result.sections, result.poses, result.cautions, result.rules) == (
        "urgent", [], [], [], []
    )
    assert (result.suggestions, result.fired, result.care_points) == ([], [], [])
    assert result.red_flags[0].timing == "now"


def test_assess__no_red_flags_answered_none__poses_not_withheld(ruleset: RuleSet) -> None:
    result = run(ruleset, {**ALL_FIRE, "red_flags": "none"})
    assert (result.status, result.poses_withheld, result.red_flags) == ("caution", False, [])


def test_assess__everything_fires__ordered_by_rule_count_then_catalogue(ruleset: RuleSet) -> None:
    result = run(ruleset, ALL_FIRE)
    assert (result.sections, result.poses) == (
        # back-pain: 2 rules; intro: 2 rules (catalogue first); trigger-points: 1
        ["intro", "back-pain", "trigger-points"],
        # constructive-rest: 2 rules; the rest 1 each, in catalogue order
        ["constructive-rest", "pigeon-lunge", "tadasana", "vrksasana"],
    )
    assert result.rules == ["sitting", "stress", "balance", "pain", "money"]


def test_assess__one_rule_lists_sections_out_of_order__catalogue_order_breaks_the_tie(
    ruleset: RuleSet,
) -> None:
    result = run(ruleset, {"stress_level": 9, "red_flags": "none"})
    assert (result.sections, result.poses) == (["intro", "trigger-points"], ["pigeon-lunge"])


def test_assess__caution__kept_once_and_only_with_its_suggested_pose(ruleset: RuleSet) -> None:
    result = run(ruleset, ALL_FIRE)
    assert result.cautions == [WALL]
    money = next(f for f in result.fired if f.rule == "money")
    assert money.cautions == [Caution(pose="arms-overhead", text="Only shown with the pose.")]


def test_assess__suggestions__carry_titles_and_every_reason_filled_in(ruleset: RuleSet) -> None:
    result = run(
        ruleset,
        {"sitting_hours": "7,5", "stretch_breaks": "rarely", "pain_areas": "leg", "red_flags": []},
    )
    assert result.suggestions == [
        Suggestion(
            kind="section",
            id="back-pain",
            title="Section back-pain",
            reasons=[
                Reason(rule="sitting", text="You sit 7.5 hours."),
                Reason(rule="pain", text="Pain now."),
            ],
        ),
        Suggestion(
            kind="pose",
            id="constructive-rest",
            title="Pose constructive-rest",
            reasons=[
                Reason(rule="sitting", text="Rest after sitting."),
                Reason(rule="pain", text="Gentle."),
            ],
        ),
    ]


def test_assess__rule_fires__carries_the_answers_that_made_it_fire(ruleset: RuleSet) -> None:
    result = run(
        ruleset,
        {"sitting_hours": "8", "stretch_breaks": "rarely", "stress_level": 2, "red_flags": []},
    )
    assert result.fired == [
        FiredRule(
            rule="sitting",
            title="Long sitting",
            factor="Sitting",
            because="“Hours sitting on a typical day” is 6 hours or more and it is not the case "
            "that “Stretch breaks while sitting” is about every hour",
            answers=[
                Given(
                    field="sitting_hours", label="Hours sitting on a typical day", value="8 hours"
                ),
                Given(
                    field="stretch_breaks",
                    label="Stretch breaks while sitting",
                    value="rarely or never",
                ),
            ],
            source="back-pain",
            note="Six hours is our line.",
            sections=["back-pain"],
            poses=["constructive-rest"],
            cautions=[],
        )
    ]


@pytest.mark.parametrize(
    "raw",
    [
        {"sitting_hours": "8"},  # stretch breaks blank: `not` over a blank does not fire
        {"sitting_hours": "8", "stretch_breaks": "hourly"},
        {"sitting_hours": "5", "stretch_breaks": "rarely"},
        {"pain_areas": "none"},
        {"pain_areas": "hip_front"},
        {"balance_difficulty": "no"},
    ],
)
def test_assess__condition_blank_or_false__rule_does_not_fire(
    ruleset: RuleSet, raw: dict[str, Any]
) -> None:
    result = run(ruleset, raw)
    assert (result.rules, result.fired, result.sections, result.poses) == ([], [], [], [])


def test_assess__nothing_answered__incomplete_with_every_question_unanswered(
    ruleset: RuleSet,
) -> None:
    assert run(ruleset, {}) == Assessment(
        status="incomplete",
        sections=[],
        poses=[],
        cautions=[],
        rules=[],
        errors=[],
        red_flags=[],
        poses_withheld=True,
        suggestions=[],
        fired=[],
        unanswered=[
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
        ],
    )


def test_assess__unreadable_answer__field_listed_as_unanswered(ruleset: RuleSet) -> None:
    result = run(ruleset, {**ALL_FIRE, "exercise_days": "often", "red_flags": ""})
    assert result.unanswered == [
        "exercise_days",
        "abdominal_excess_lb",
        "back_fatigue",
        "pain_duration",
        "pain_bother",
        "pain_lying_on_back",
        "knee_discomfort_sitting",
        "arms_overhead_difficulty",
        "red_flags",
    ]


def test_assess__answers_object__same_result_as_parsed_answers(ruleset: RuleSet) -> None:
    answers = Answers(
        sitting_hours=8, stretch_breaks="rarely", balance_difficulty=True, red_flags=frozenset()
    )
    assert assess(answers, ruleset) == run(
        ruleset,
        {"sitting_hours": 8, "stretch_breaks": "rarely", "balance_difficulty": True,
         "red_flags": []},
    )


@pytest.mark.parametrize(
    ("text", "answers", "expected"),
    [
        ("{sitting_hours} h", Answers(sitting_hours=9.5), "9.5 h"),
        ("{exercise_days} days", Answers(exercise_days=1), "1 days"),
        ("{page_low_back_load_lb} lb", Answers(abdominal_excess_lb=20.0), "60 lb"),
        ("{page_low_back_load_lb} lb", Answers(), "unknown lb"),
        ("{money_stress}", Answers(money_stress=True), "yes"),
        ("{stretch_breaks}", Answers(stretch_breaks="every_few_hours"), "every few hours"),
        ("{pain_areas}", Answers(pain_areas=frozenset({"si_joint", "leg"})),
         "SI joint (back of the pelvis, beside the tailbone); leg"),
        ("{pain_areas}", Answers(pain_areas=frozenset()), "none of these"),
        ("{stress_level}", Answers(), "not answered"),
    ],
)
def test_fill__each_kind_of_placeholder__reads_as_words_or_a_bare_number(
    text: str, answers: Answers, expected: str
) -> None:
    assert fill(text, answers) == expected
