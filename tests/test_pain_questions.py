"""The two pain questions (issue 10): how long it has lasted and how much it bothers.

They are our extensions of contract section 1, so they must travel wherever a field does:
files through the readers and the vectorised screen, the JSON summary and back, the
Markdown's answers list, the rules and the follow-up advice a results plan ends with.
"""

from __future__ import annotations

import json

import pytest

from psoas_check.answers import Answers, parse_answers
from psoas_check.assess import assess
from psoas_check.follow_up import FIRM_TEXT, USUAL_TEXT, follow_up
from psoas_check.readers import read_bytes
from psoas_check.report import load_summary, to_json, to_markdown
from psoas_check.roster import screen
from psoas_check.rules import default_rules

CSV = (
    b"attendee,Pain duration,pain-bother,red_flags\n"
    b"Ann,More than 3 months,8,none\n"
    b"Bo,6 to 12 weeks,11,none\n"
    b"Cy,under_6_weeks,2,none\n"
    b"Di,,,\n"
)


def by_row(csv: bytes) -> dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]]:
    result = screen([read_bytes("roster.csv", csv)])
    return {
        str(r.attendee): (r.outcome.status, r.outcome.rules, r.errors) for r in result.records
    }


def test_roster_file__pain_columns__read_like_any_field_and_rules_fire() -> None:
    rows = by_row(CSV)

    assert rows["Ann"] == ("ok", ("pain-long-lasting", "pain-high-bother"), ())
    assert rows["Bo"] == (
        "invalid",
        ("pain-some-weeks",),
        ("pain_bother: 11 is outside the allowed range 0 to 10",),
    )
    assert rows["Cy"] == ("ok", (), ())
    assert rows["Di"] == ("incomplete", (), ())


def test_roster_file__screened__same_as_assess_row_by_row() -> None:
    rows = by_row(CSV)
    raw = {"pain_duration": "More than 3 months", "pain_bother": "8", "red_flags": "none"}
    parsed = parse_answers(raw)
    alone = assess(parsed.answers, errors=parsed.errors)

    assert (alone.status, tuple(alone.rules)) == rows["Ann"][:2]


def test_json_summary__pain_answers__round_trip_exactly() -> None:
    answers = Answers(pain_duration="6_to_12_weeks", pain_bother=0, red_flags=frozenset())
    document = to_json(answers, assess(answers))

    assert json.loads(document)["answers"]["pain_duration"] == "6_to_12_weeks"
    assert json.loads(document)["answers"]["pain_bother"] == 0
    loaded = load_summary(document)
    assert (loaded.answers, loaded.errors) == (answers, [])


def test_markdown__pain_answers__listed_in_words() -> None:
    answers = Answers(pain_duration="over_3_months", pain_bother=9)

    text = to_markdown(answers, assess(answers))

    assert "How long the pain has lasted" in text
    assert "more than 3 months" in text
    assert "How much the pain bothers you (0 to 10)" in text


@pytest.mark.parametrize(
    ("given", "rules"),
    [
        ({"pain_duration": "under_6_weeks"}, []),
        ({"pain_duration": "6_to_12_weeks"}, ["pain-some-weeks"]),
        ({"pain_duration": "over_3_months"}, ["pain-long-lasting"]),
        ({"pain_bother": 6}, []),
        ({"pain_bother": 7}, ["pain-high-bother"]),
        ({"pain_bother": 10}, ["pain-high-bother"]),
        ({}, []),
    ],
)
def test_pain_rules__thresholds__fire_exactly_at_the_design_lines(
    given: dict[str, object], rules: list[str]
) -> None:
    result = assess(Answers(red_flags=frozenset(), **given))  # type: ignore[arg-type]

    assert result.rules == rules
    assert result.status == "ok"  # advice on seeing someone, never a status or a pose
    assert result.poses == []
    assert result.sections == (["back-pain"] if rules else [])


def test_pain_rules__high_bother__reason_quotes_the_rating() -> None:
    result = assess(Answers(pain_bother=8))
    reasons = [r.text for s in result.suggestions for r in s.reasons]

    assert reasons[0].startswith("You rate how much the pain bothers you at 8 out of 10.")
    assert "GP or physiotherapist" in reasons[0]


def test_pain_rules__every_rule__cites_its_evidence_by_name() -> None:
    rules = {r.id: r for r in default_rules().rules}

    assert "NICE CKS" in (rules["pain-long-lasting"].evidence or "")
    assert "STarT Back" in (rules["pain-high-bother"].evidence or "")
    assert "Oswestry" in (rules["pain-high-bother"].evidence or "")
    assert all(rules[r].source.note for r in ("pain-some-weeks", "pain-long-lasting"))


@pytest.mark.parametrize(
    ("given", "firm", "reasons"),
    [
        ({}, False, []),
        ({"pain_duration": "under_6_weeks"}, False, []),
        ({"pain_duration": "6_to_12_weeks"}, False, ["pain-some-weeks"]),
        ({"pain_duration": "over_3_months"}, True, ["pain-long-lasting"]),
        ({"pain_bother": 9}, True, ["pain-high-bother"]),
        (
            {"pain_duration": "over_3_months", "pain_bother": 7},
            True,
            ["pain-long-lasting", "pain-high-bother"],
        ),
    ],
)
def test_follow_up__pain_answers__firmer_for_long_or_bothersome_pain(
    given: dict[str, object], firm: bool, reasons: list[str]
) -> None:
    advice = follow_up(assess(Answers(red_flags=frozenset(), **given)))  # type: ignore[arg-type]

    assert advice is not None
    assert (advice.firm, advice.text) == (firm, FIRM_TEXT if firm else USUAL_TEXT)
    assert [rule for rule, _ in advice.reasons] == reasons


@pytest.mark.parametrize("flag", ["night_pain", "bladder_bowel"])
def test_follow_up__warning_sign__none_because_the_results_already_send_them(flag: str) -> None:
    answers = Answers(pain_duration="over_3_months", red_flags=frozenset({flag}))  # type: ignore[arg-type]

    assert follow_up(assess(answers)) is None


def test_follow_up__unscreened__still_given() -> None:
    advice = follow_up(assess(Answers(pain_bother=8)))

    assert advice is not None
    assert advice.firm
