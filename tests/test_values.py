"""Single-value readers: yes/no words, numbers, choices, sets, text."""

from __future__ import annotations

from typing import Any

import pytest

from psoas_check.errors import AnswerError
from psoas_check.values import (
    clean_text,
    is_blank,
    normalise,
    quoted,
    read_bool,
    read_choice,
    read_number,
    read_set,
    safe_name,
)

AREAS = {
    "low_back": "Low back",
    "si_joint": "SI joint (back of the pelvis, beside the tailbone)",
    "leg": "Leg",
}
BREAKS = {"rarely": "Rarely or never", "every_few_hours": "Every few hours"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, True),
        (float("nan"), True),
        ("", True),
        ("  \t ", True),
        ("0", False),
        (0, False),
        (False, False),
        ([], False),
    ],
)
def test_is_blank__value__only_none_nan_and_empty_text_are_blank(raw: Any, expected: bool) -> None:
    assert is_blank(raw) is expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("short", "'short'"),
        ("a\tb", "'a\\tb'"),
        ("x" * 41, "'" + "x" * 39 + "…'"),
    ],
)
def test_quoted__value__is_shortened_with_control_characters_shown(raw: str, expected: str) -> None:
    assert quoted(raw) == expected


def test_normalise__spaces_hyphens_and_case__become_one_underscore_form() -> None:
    assert normalise("  Every-Few  Hours ") == "every_few_hours"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("yes", True),
        ("YES", True),
        ("Y", True),
        ("True", True),
        ("1", True),
        (" y ", True),
        (1, True),
        (True, True),
        ("no", False),
        ("No", False),
        ("n", False),
        ("FALSE", False),
        ("0", False),
        (0, False),
        (False, False),
    ],
)
def test_read_bool__yes_no_words_in_any_case__are_read(raw: Any, expected: bool) -> None:
    assert read_bool("money_stress", raw) is expected


@pytest.mark.parametrize("raw", ["maybe", "2", 2, "oui"])
def test_read_bool__other_words__are_rejected_with_the_accepted_words(raw: Any) -> None:
    with pytest.raises(AnswerError) as caught:
        read_bool("money_stress", raw)
    assert str(caught.value) == (
        f"money_stress: '{raw}' is not yes or no (use yes/no, y/n, true/false, 1/0)"
    )
    assert (caught.value.field, caught.value.reason) == (
        "money_stress",
        f"'{raw}' is not yes or no (use yes/no, y/n, true/false, 1/0)",
    )


@pytest.mark.parametrize(
    ("raw", "whole", "expected"),
    [
        ("7,5", False, 7.5),
        ("7.5", False, 7.5),
        (" 8 ", False, 8.0),
        (8, False, 8.0),
        ("0", False, 0.0),
        ("24", False, 24.0),
        ("3", True, 3),
        ("3.0", True, 3),
        (3.0, True, 3),
        ("", False, None),
        (None, False, None),
        (float("nan"), False, None),
    ],
)
def test_read_number__readable_values__are_numbers_in_range(
    raw: Any, whole: bool, expected: float | None
) -> None:
    value = read_number("sitting_hours", raw, 0, 24, "hours", whole=whole)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("raw", "whole", "message"),
    [
        ("25", False, "sitting_hours: 25 is outside the allowed range 0 to 24 hours"),
        ("-1", False, "sitting_hours: -1 is outside the allowed range 0 to 24 hours"),
        ("24,5", False, "sitting_hours: 24.5 is outside the allowed range 0 to 24 hours"),
        ("lots", False, "sitting_hours: 'lots' is not a number"),
        ("7,5,1", False, "sitting_hours: '7,5,1' is not a number"),
        ("nan", False, "sitting_hours: 'nan' is not a finite number"),
        ("inf", False, "sitting_hours: 'inf' is not a finite number"),
        (True, False, "sitting_hours: 'True' is yes/no, not a number"),
        ("3.5", True, "sitting_hours: 3.5 is not a whole number (0 to 24 hours)"),
    ],
)
def test_read_number__unreadable_or_out_of_range__names_field_and_reason(
    raw: Any, whole: bool, message: str
) -> None:
    with pytest.raises(AnswerError) as caught:
        read_number("sitting_hours", raw, 0, 24, "hours", whole=whole)
    assert str(caught.value) == message


def test_read_number__no_unit__range_is_given_bare() -> None:
    with pytest.raises(AnswerError) as caught:
        read_number("stress_level", "11", 0, 10, None, whole=True)
    assert str(caught.value) == "stress_level: 11 is outside the allowed range 0 to 10"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("rarely", "rarely"), ("Rarely or never", "rarely"), ("EVERY-FEW hours", "every_few_hours")],
)
def test_read_choice__id_or_label_in_any_case__is_the_id(raw: str, expected: str) -> None:
    assert read_choice("stretch_breaks", raw, BREAKS) == expected


def test_read_choice__unknown_word__lists_the_options() -> None:
    with pytest.raises(AnswerError) as caught:
        read_choice("stretch_breaks", "often", BREAKS)
    assert str(caught.value) == "stretch_breaks: 'often' is not one of: rarely, every_few_hours"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("low_back", {"low_back"}),
        ("low_back;leg", {"low_back", "leg"}),
        ("low_back, leg", {"low_back", "leg"}),
        ("low_back|leg", {"low_back", "leg"}),
        ("Low back; LEG", {"low_back", "leg"}),
        ("SI joint (back of the pelvis, beside the tailbone), Leg", {"si_joint", "leg"}),
        ("sI JOINT (back of the pelvis, beside the tailbone)", {"si_joint"}),
        ("low back | si-joint", {"low_back", "si_joint"}),
        (["Low back", "leg"], {"low_back", "leg"}),
        ("none", set()),
        ("None of these", set()),
        ("None of these apply to me", set()),  # the warning step's own label
        ("no", set()),
        ([], set()),
        ("low_back;;", {"low_back"}),
    ],
)
def test_read_set__ids_or_labels_with_any_separator__are_read(raw: Any, expected: set[str]) -> None:
    assert read_set("pain_areas", raw, AREAS) == (frozenset(expected), "")


@pytest.mark.parametrize("raw", [None, "", "   ", float("nan")])
def test_read_set__blank__is_not_answered(raw: Any) -> None:
    assert read_set("pain_areas", raw, AREAS) == (None, "")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "low_back; knee",
            (frozenset({"low_back"}), "'knee' not recognised; allowed: low_back, si_joint, leg"),
        ),
        (
            "knee, elbow, knee",
            (None, "'knee', 'elbow' not recognised; allowed: low_back, si_joint, leg"),
        ),
        (
            ["leg", "none"],
            (frozenset({"leg"}), "'none' not recognised; allowed: low_back, si_joint, leg"),
        ),
    ],
)
def test_read_set__unknown_items__are_kept_apart_from_known_ones(
    raw: Any, expected: tuple[frozenset[str] | None, str]
) -> None:
    assert read_set("pain_areas", raw, AREAS) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Ann  ", "Ann"),
        (42, "42"),
        ("x" * 100, "x" * 100),
        (
            "\U0001f468\u200d\U0001f469\u200d\U0001f467 Family",
            "\U0001f468\u200d\U0001f469\u200d\U0001f467 Family",
        ),
        ("\u0633\u0627\u0631\u0627\u200f", "\u0633\u0627\u0631\u0627\u200f"),
    ],
    ids=["trimmed", "number", "at-limit", "joined-emoji", "rtl-mark"],
)
def test_clean_text__printable_text__is_trimmed(raw: Any, expected: str) -> None:
    assert clean_text("attendee", raw, 100) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("A\tB", "attendee: 'A\\tB' contains control characters; use plain text"),
        ("A\nB", "attendee: 'A\\nB' contains control characters; use plain text"),
        ("A\x00B", "attendee: 'A\\x00B' contains control characters; use plain text"),
        ("A\u202eB", "attendee: 'A\\u202eB' contains control characters; use plain text"),
        ("x" * 101, "attendee: is 101 characters long; the most allowed is 100"),
    ],
)
def test_clean_text__control_characters_or_too_long__is_rejected(raw: str, message: str) -> None:
    with pytest.raises(AnswerError) as caught:
        clean_text("attendee", raw, 100)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (["Ann", "Bea"], "attendee: is a list, not text; give a name or code"),
        ({"first": "Ann"}, "attendee: is an object, not text; give a name or code"),
        ("#N/A", "attendee: '#N/A' is an Excel error value, not text; correct the cell"),
        (" #div/0! ", "attendee: '#div/0!' is an Excel error value, not text; correct the cell"),
    ],
)
def test_clean_text__list_object_or_excel_error__refused_never_a_name(
    raw: Any, message: str
) -> None:
    with pytest.raises(AnswerError) as caught:
        clean_text("attendee", raw, 100)

    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [([None], (None, "null")), ([None, "leg"], (frozenset({"leg"}), "null")),
     ([3], (None, "3")), (["none"], (frozenset(), ""))],
)
def test_read_set__null_or_number_in_a_list__an_error_never_none(
    raw: list[Any], expected: tuple[frozenset[str] | None, str]
) -> None:
    values, message = read_set("pain_areas", raw, AREAS)

    assert (values, message.split(" not recognised")[0]) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ann\tBell", "Ann Bell"),
        ("Esc\x1b[31mRed", "Esc\\x1b[31mRed"),
        ("\u202eexe.live", "\\u202eexe.live"),
        ("x" * 150, "x" * 99 + "…"),
        ("Zoë 👩\u200d👩\u200d👧", "Zoë 👩\u200d👩\u200d👧"),
    ],
)
def test_safe_name__unreadable_name__shown_safely_and_shortened(raw: str, expected: str) -> None:
    assert safe_name(raw) == expected
