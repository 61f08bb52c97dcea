"""The shared pieces as plain functions: session helpers, escaping, the diagram."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from typing import Any

import pytest

from psoas_check.answers import FIELDS, Answers, parse_answers
from psoas_check.assess import assess
from psoas_check.report import to_json
from psoas_check.rules import default_rules
from psoas_check.ui.diagram import PAIN_SPOTS, diagram_svg
from psoas_check.ui.downloads import file_name
from psoas_check.ui.safe import plain
from psoas_check.ui.state import (
    ANSWERS,
    ASSESSED,
    STEP,
    VIEW,
    assessed,
    restore_summary,
    start_over,
)

SVG = "{http://www.w3.org/2000/svg}"


def test_restore_summary__downloaded_json__state_holds_exact_answers() -> None:
    answers = Answers(sitting_hours=7.5, pain_areas=frozenset(), red_flags=frozenset({"pregnancy"}))
    state: dict[str, Any] = {"psoas_w_sitting_hours": 1.0, STEP: 3}

    flashes = restore_summary(state, to_json(answers, assess(answers)).encode(), "s.json")

    assert state == {ANSWERS: answers.as_dict(), STEP: 0, VIEW: "results"}
    assert [kind for kind, _ in flashes] == ["success"]


def test_restore_summary__other_schema__error_and_state_untouched() -> None:
    state: dict[str, Any] = {ANSWERS: {"sitting_hours": 2.0}}

    flashes = restore_summary(state, b'{"schema": "other@9", "answers": {}}', "x.json")

    assert flashes == [
        (
            "error",
            "Could not load that file. x\\.json\\: schema \\'other\\@\u20609\\' is not "
            "psoas\\-check\\/answers\\@\u20601",
        )
    ]
    assert state == {ANSWERS: {"sitting_hours": 2.0}}


def test_start_over__answers_and_widgets__cleared() -> None:
    state: dict[str, Any] = {ANSWERS: {"sitting_hours": 2.0}, "psoas_w_x": 1, "other": 5}

    start_over(state)

    assert state[ANSWERS] == dict.fromkeys(FIELDS)
    assert "psoas_w_x" not in state
    assert state["other"] == 5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain words", "plain words"),
        ("**bold** [a](b)", "\\*\\*bold\\*\\* \\[a\\]\\(b\\)"),
        ("$x$ :red[y] www.example.org", "\\$x\\$ \\:red\\[y\\] www\u2060\\.example\\.org"),
        ("http://a.b c@d.e", "http\\:\u2060\\/\\/a\\.b c\\@\u2060d\\.e"),
        ("# heading\n- item", "\\# heading \\- item"),
        ("<b>tag</b>", "\\<b\\>tag\\<\\/b\\>"),
    ],
)
def test_plain__markup__escaped_on_one_line(text: str, expected: str) -> None:
    assert plain(text) == expected


def test_file_name__given_date__dated_summary_name() -> None:
    assert file_name("json", date(2025, 3, 4)) == "psoas-check-summary-2025-03-04.json"


def test_diagram__no_areas__accessible_svg_without_marks() -> None:
    root = ET.fromstring(  # noqa: S314 - our own markup
        diagram_svg(None, key="k")
    )

    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "k-title k-desc"
    assert root.find(f"{SVG}title").text == "Diagram: the psoas major and iliacus"
    assert root.find(f"{SVG}desc").text.endswith("No pain areas are marked.")
    assert [e for e in root.iter(f"{SVG}ellipse") if e.get("stroke-dasharray")] == []


def test_diagram__every_area_marked__one_ring_each_and_named() -> None:
    svg = diagram_svg(frozenset(PAIN_SPOTS), key="all")
    root = ET.fromstring(  # noqa: S314 - our own markup
        svg
    )

    rings = [e for e in root.iter(f"{SVG}ellipse") if e.get("stroke-dasharray")]
    assert len(rings) == len(PAIN_SPOTS) == len(FIELDS["pain_areas"].options)
    assert root.find(f"{SVG}desc").text.endswith(
        "Areas you marked: low back; si joint; front of the hip or groin; leg."
    )
    assert "<script" not in svg
    assert "href" not in svg


def test_assessed__same_answers_rerun__worked_out_once_until_they_change() -> None:
    ruleset = default_rules()
    state: dict[str, Any] = {}
    first = assessed(
        state, parse_answers({"sitting_hours": 9, "stretch_breaks": "rarely"}), ruleset
    )

    again = assessed(
        state, parse_answers({"sitting_hours": 9, "stretch_breaks": "rarely"}), ruleset
    )
    changed = assessed(state, parse_answers({"sitting_hours": 2}), ruleset)

    assert again is first
    assert changed is not first
    assert changed == assess(Answers(sitting_hours=2), ruleset)
    start_over(state)
    assert ASSESSED not in state
