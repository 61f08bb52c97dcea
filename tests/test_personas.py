"""The shipped rule set against the reference personas in tests/data/personas.yaml.

Each persona's raw answers are read as a spreadsheet row would be (parse_answers) and
assessed with the shipped rules/ folder; status, sections, poses, the poses carrying a
caution and the fields with unreadable answers must match exactly. Two properties are
swept over every persona: a red flag always withholds every pose and caution, and a
pose-specific difficulty always brings its pose with a caution attached.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from psoas_check import Assessment, assess, parse_answers
from psoas_check.options import RED_FLAG_TIER
from psoas_check.report import summary_content

PERSONAS_FILE = Path(__file__).parent / "data" / "personas.yaml"
PERSONAS: list[dict[str, Any]] = yaml.safe_load(PERSONAS_FILE.read_text(encoding="utf-8"))[
    "personas"
]
BY_NAME = {p["name"]: p for p in PERSONAS}

#: Each pose-specific question and the poses whose cautions it answers to.
DIFFICULTY_POSES = {
    "knee_discomfort_sitting": ["seated-poses"],
    "balance_difficulty": ["standing-release", "vrksasana"],
    "pain_lying_on_back": ["active-supine-stretch"],
    "arms_overhead_difficulty": ["arms-overhead"],
}


def screen(raw: dict[str, Any]) -> Assessment:
    """Read raw answers leniently and assess them with the shipped rules."""
    parsed = parse_answers(raw)
    return assess(parsed.answers, errors=parsed.errors)


def outcome(result: Assessment) -> dict[str, Any]:
    """The parts of an assessment a persona's `expect` block states."""
    return {
        "status": result.status,
        "sections": result.sections,
        "poses": result.poses,
        "cautions": list(dict.fromkeys(c.pose for c in result.cautions)),
        "errors": [error.split(":", 1)[0] for error in result.errors],
    }


def flag_free(persona: dict[str, Any]) -> bool:
    """Warning signs answered "none", readably: the persona may be suggested poses."""
    return persona["expect"]["status"] not in ("urgent", "see_clinician", "incomplete") and (
        "red_flags" not in persona["expect"]["errors"]
        and str(persona["answers"].get("red_flags", "")).strip() != ""
    )


def with_flag(raw: dict[str, Any], flag: str) -> dict[str, Any]:
    """The same answers with one more red flag ticked."""
    given = str(raw.get("red_flags", "")).strip()
    joined = flag if given.lower() in ("", "none") else f"{given}; {flag}"
    return {**raw, "red_flags": joined}


def test_personas_file__loaded__has_unique_names_and_a_reason_for_each() -> None:
    names = [p["name"] for p in PERSONAS]
    assert len(names) >= 15
    assert len(set(names)) == len(names)
    assert [n for n in names if not str(BY_NAME[n].get("why", "")).strip()] == []


@pytest.mark.parametrize("persona", PERSONAS, ids=[p["name"] for p in PERSONAS])
def test_persona__shipped_rules__matches_expected_outcome(persona: dict[str, Any]) -> None:
    assert outcome(screen(persona["answers"])) == persona["expect"]


def test_personas__any_red_flag__no_pose_and_no_caution() -> None:
    flagged = [p["name"] for p in PERSONAS if p["expect"]["status"] in ("urgent", "see_clinician")]
    assert len(flagged) >= 4
    for name in flagged:
        result = screen(BY_NAME[name]["answers"])
        assert (name, result.poses, result.cautions) == (name, [], [])


@pytest.mark.parametrize("flag", list(RED_FLAG_TIER))
def test_personas__each_red_flag_added__poses_withheld_and_tier_status(flag: str) -> None:
    for persona in PERSONAS:
        result = screen(with_flag(persona["answers"], flag))
        tiers = {RED_FLAG_TIER[f.id] for f in result.red_flags}
        expected = "urgent" if "urgent" in tiers else "see_clinician"
        assert (persona["name"], result.status, result.poses, result.cautions) == (
            persona["name"], expected, [], []
        )
        assert (result.care_points, result.poses_withheld) == ([], True)
        if expected == "urgent":  # one instruction: no reading, no rules
            assert (result.sections, result.rules) == ([], [])
        else:  # reading stays (pregnancy may drop what does not fit it)
            assert set(result.sections) <= set(screen(persona["answers"]).sections)


@pytest.mark.parametrize(("field", "poses"), list(DIFFICULTY_POSES.items()))
def test_personas__matching_difficulty__pose_suggested_with_its_caution(
    field: str, poses: list[str]
) -> None:
    checked = 0
    for persona in filter(flag_free, PERSONAS):
        result = screen({**persona["answers"], field: "yes"})
        cautioned = {c.pose for c in result.cautions}
        for pose in poses:
            assert (persona["name"], pose in result.poses, pose in cautioned) == (
                persona["name"], True, True
            )
        assert result.status in ("caution", "invalid")
        checked += 1
    assert checked >= 12


def test_kilogram_user__belly_reason_and_page_claim__in_pounds() -> None:
    answers = BY_NAME["kilogram-user"]["answers"]
    result = screen(answers)
    reasons = [r.text for s in result.suggestions if s.id == "back-pain" for r in s.reasons]
    assert reasons == [
        "You estimate about 19.8 lb of extra weight around your belly. The page counts belly "
        "weight among the contributors to back pain and gives a rule of thumb for how much it "
        "loads the low back; that figure is shown on its own, with its caveats."
    ]
    doc = summary_content(parse_answers(answers).answers, result)
    assert (doc.load_claim or "").endswith(
        "For your estimate of 19.8 lb that would be about 59.4 lb by the page's rule of thumb."
    )
