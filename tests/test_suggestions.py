"""Suggested fields for roster headers the readers do not recognise by name."""

from __future__ import annotations

import pytest

from psoas_check.answers import FIELDS
from psoas_check.suggestions import CONFIDENT, FUZZY_HEADERS, exact_field, suggest_fields


@pytest.mark.parametrize(
    "header",
    ["Your name", "Full name", "NAME", "ＹＯＵＲ ＮＡＭＥ", "Your\u200b name", "Na\u00adme",
     "Name or code"],
)
def test_suggest_fields__usual_name_headers__attendee_for_certain(header: str) -> None:
    found = suggest_fields([header])[header]

    assert (found.field, found.score, found.confident) == ("attendee", 1.0, True)


def test_suggest_fields__the_apps_own_questions_and_labels__matched_word_for_word() -> None:
    for spec in FIELDS.values():
        for text in (spec.question, spec.label, spec.question.upper() + "\u200b"):
            assert exact_field(text) == spec.name, text


def test_suggest_fields__reworded_question__close_match_said_why() -> None:
    header = "Roughly how many days a week do you exercise, for 30 minutes or more?"
    found = suggest_fields([header])[header]

    assert found.field == "exercise_days"
    assert found.score >= CONFIDENT
    assert found.reason.startswith("close to “on how many days a week")


def test_suggest_fields__unrelated_headers__no_suggestion() -> None:
    headers = ["Timestamp", "How did you hear about us?", "Email address", "", "x" * 5000]

    assert suggest_fields(headers) == {}


def test_suggest_fields__loose_match__offered_but_not_confident() -> None:
    found = suggest_fields(["Hours sitting each day"])["Hours sitting each day"]

    assert found.field == "sitting_hours"
    assert not found.confident


def test_suggest_fields__thousands_of_headers__fuzzy_work_bounded() -> None:
    headers = [f"hours sitting a day {i}" for i in range(FUZZY_HEADERS + 1_000)]
    headers.append("Your name")  # word for word: found however late it comes

    found = suggest_fields(headers)

    assert len(found) == FUZZY_HEADERS + 1
    assert found["Your name"].field == "attendee"
    assert headers[FUZZY_HEADERS] not in found
