"""The shipped rule set (rules/): valid, complete, honest about its thresholds, paraphrased.

These tests sweep the real rules folder rather than inline YAML: they prove that every
contract question is asked about by some rule, that every catalogue id can be reached,
and that every number we chose ourselves says so.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from psoas_check import FIELDS, Answers, assess, check_rules
from psoas_check.catalog import CONTRACT_POSES, CONTRACT_SECTIONS
from psoas_check.rules import DEFAULT_RULES_DIR, Rule, RuleSet

#: The shared paraphrase check, beside the repository (../shared/tools).
SEED_OVERLAP = Path(__file__).resolve().parents[2] / "shared" / "tools" / "seed_overlap.py"
#: Handled by code, not rules: red flags set the status; attendee is a roster name.
CODE_FIELDS = {"attendee", "red_flags"}
#: Factors a reader of the rules page sees as headings.
FACTORS = {"Sitting and movement", "Exercise", "Stress", "Body", "Where it hurts",
           "How long and how much it hurts", "Pose-specific"}


@pytest.fixture(scope="module")
def ruleset() -> RuleSet:
    found, problems = check_rules(DEFAULT_RULES_DIR)
    assert problems == []
    assert found is not None
    return found


def test_shipped_rules__checked__no_problems() -> None:
    _, problems = check_rules(DEFAULT_RULES_DIR)
    assert problems == []


def test_shipped_rules__every_contract_field__used_by_some_rule(ruleset: RuleSet) -> None:
    tests = [test for rule in ruleset.rules for test in rule.condition.tests()]
    used = {test.field for test in tests}
    assert sorted(set(FIELDS) - CODE_FIELDS - used) == []
    # Warning signs decide the status in code; a rule may only step aside for one of them.
    assert sorted({(t.field, t.op) for t in tests if t.field in CODE_FIELDS}) == [
        ("red_flags", "lacks")
    ]


def test_shipped_rules__every_catalogue_id__suggested_by_some_rule(ruleset: RuleSet) -> None:
    sections = {p.id for rule in ruleset.rules for p in rule.suggest.sections}
    poses = {p.id for rule in ruleset.rules for p in rule.suggest.poses}
    assert [i for i in ruleset.catalog.section_ids if i not in sections] == []
    assert [i for i in ruleset.catalog.pose_ids if i not in poses] == []
    assert set(CONTRACT_SECTIONS) <= set(ruleset.catalog.section_ids)
    assert set(CONTRACT_POSES) <= set(ruleset.catalog.pose_ids)


def _thresholded(rule: Rule) -> bool:
    return any(FIELDS[t.field].kind in ("number", "integer") for t in rule.condition.tests())


def test_shipped_rules__numeric_threshold__carries_a_design_note(ruleset: RuleSet) -> None:
    thresholded = [rule for rule in ruleset.rules if _thresholded(rule)]
    assert len(thresholded) >= 4
    missing = [r.id for r in thresholded if "design choice" not in (r.source.note or "")]
    assert missing == []


def test_shipped_rules__every_rule__has_factor_source_and_evidence(ruleset: RuleSet) -> None:
    assert sorted({rule.factor for rule in ruleset.rules}) == sorted(FACTORS)
    assert [r.id for r in ruleset.rules if not (r.evidence and r.evidence.strip())] == []
    valid = set(ruleset.catalog.section_ids) | set(ruleset.catalog.pose_ids)
    assert [r.id for r in ruleset.rules if r.source.section not in valid] == []


def test_shipped_rules__pose_caution__its_pose_is_suggested_by_some_rule(
    ruleset: RuleSet,
) -> None:
    # assess.py keeps a caution only for a suggested pose, so an unreachable one is lost.
    suggested = {p.id for rule in ruleset.rules for p in rule.suggest.poses}
    assert [(r.id, c.pose) for r in ruleset.rules for c in r.cautions
            if c.pose not in suggested] == []


@pytest.mark.parametrize(
    ("answers", "pose", "rule"),
    [
        # knees that strain cross-legged: a knee caution on pigeon, pointing to the lunge
        ({"knee_discomfort_sitting": True, "pain_areas": {"hip_front"}}, "pigeon-lunge",
         "knees-strain-seated"),
        # hard balance: a caution on the arms, which stand on one leg in the article
        ({"balance_difficulty": True, "arms_overhead_difficulty": True}, "arms-overhead",
         "balance-hard"),
        # leg pain: where a stretch could send symptoms down the leg
        ({"pain_areas": {"leg", "hip_front"}}, "pigeon-lunge", "pain-leg"),
        ({"pain_areas": {"leg"}, "pain_lying_on_back": True}, "active-supine-stretch",
         "pain-leg"),
    ],
)
def test_shipped_rules__difficulty_beside_another_rules_pose__caution_travels_with_it(
    ruleset: RuleSet, answers: dict[str, object], pose: str, rule: str
) -> None:
    result = assess(Answers(**{**answers, "red_flags": []}), ruleset)
    fired = next(f for f in result.fired if f.rule == rule)
    assert pose in result.poses
    assert [c.text for c in fired.cautions if c.pose == pose] != []
    assert {c.text for c in fired.cautions if c.pose == pose} <= {
        c.text for c in result.cautions if c.pose == pose}


def test_shipped_rules__arms_with_tree_pose__listed_after_tadasana_and_vrksasana(
    ruleset: RuleSet,
) -> None:
    poses = ruleset.catalog.sequence(["arms-overhead", "vrksasana", "constructive-rest",
                                      "tadasana"])
    assert poses == ["vrksasana", "constructive-rest", "tadasana", "arms-overhead"]


def test_shipped_rules__every_suggested_pose__carries_the_article_care_points(
    ruleset: RuleSet,
) -> None:
    result = assess(Answers(
        sitting_hours=10, stretch_breaks="rarely", pain_areas=frozenset({"hip_front"}),
        pain_lying_on_back=True, balance_difficulty=True, arms_overhead_difficulty=True,
        red_flags=frozenset()), ruleset)
    care = {pose.id: pose.cautions for pose in ruleset.catalog.poses}
    assert len(result.poses) >= 6
    assert [c.text for c in result.care_points] == [t for p in result.poses for t in care[p]]
    assert all(care[p] for p in result.poses)  # every pose has at least one care point


def test_shipped_rules__nothing_answered__no_rule_fires(ruleset: RuleSet) -> None:
    # A rule that fires for everyone would hide the app's own evaluation note.
    assert [r.id for r in ruleset.rules if r.fires(Answers())] == []


def test_shipped_rules__every_field_answered_benignly__no_rule_fires() -> None:
    # Answering a question is never enough on its own: only the answer that matters fires.
    calm = Answers(
        sitting_hours=3, stretch_breaks="hourly", exercise_days=5, stress_level=2,
        money_stress=False, abdominal_excess_lb=0, back_fatigue=False, pain_areas=frozenset(),
        pain_lying_on_back=False, knee_discomfort_sitting=False, balance_difficulty=False,
        arms_overhead_difficulty=False, red_flags=frozenset(),
    )
    result = assess(calm)
    assert (result.status, result.rules, result.sections, result.poses) == ("ok", [], [], [])


def test_belly_rule__twenty_pounds__reason_quotes_the_estimate_without_arithmetic() -> None:
    result = assess(Answers(abdominal_excess_lb=20, red_flags=frozenset()))
    reasons = [r.text for s in result.suggestions if s.id == "back-pain" for r in s.reasons]
    assert reasons == [
        "You estimate about 20 lb of extra weight around your belly. The page counts belly "
        "weight among the contributors to back pain and gives a rule of thumb for how much it "
        "loads the low back; that figure is shown on its own, with its caveats."
    ]


@pytest.mark.parametrize("flags", [frozenset({"pregnancy"}), None])
def test_belly_rule__pregnant_or_not_yet_asked__never_treated_as_extra_weight(
    flags: frozenset[str] | None,
) -> None:
    result = assess(Answers(abdominal_excess_lb=40, red_flags=flags))
    assert "belly-weight" not in result.rules


def test_shipped_rules__explain__one_paragraph_per_rule_with_filled_labels(
    ruleset: RuleSet,
) -> None:
    text = ruleset.explain()
    assert text.count("\n\n") == len(ruleset.rules) - 1
    assert "“Hours sitting on a typical day” is 8 hours or more" in text
    assert "_" not in "".join(rule.sentence() for rule in ruleset.rules)


@pytest.mark.skipif(not SEED_OVERLAP.is_file(), reason="the shared seed-overlap tool is absent")
def test_shipped_rules__seed_overlap__no_copied_sentence() -> None:
    files = sorted(str(p) for p in DEFAULT_RULES_DIR.glob("*.yaml"))
    run = subprocess.run(
        [sys.executable, str(SEED_OVERLAP), *files], capture_output=True, text=True, check=True
    )
    assert (run.stdout, run.stderr) == ("", "")
