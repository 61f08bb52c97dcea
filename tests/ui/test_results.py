"""``show_results`` on its own, as the roster page will use it."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest
from ui_helpers import TIMEOUT_S

from psoas_check.messages import EVALUATION_NOTE, NOTICE, STATUS_TEXT, UNREADABLE_FLAGS
from psoas_check.report import CARE_POINTS
from psoas_check.ui.diagram import describe_diagram


def _results(raw: dict) -> None:  # bare `dict`: AppTest runs this body without our imports
    from psoas_check.answers import parse_answers
    from psoas_check.assess import assess
    from psoas_check.rules import default_rules
    from psoas_check.ui.results import show_results

    parsed = parse_answers(raw)
    ruleset = default_rules()
    show_results(parsed.answers, assess(parsed.answers, ruleset, parsed.errors), ruleset, key="t")


def run(raw: dict[str, object]) -> AppTest:
    return AppTest.from_function(_results, kwargs={"raw": raw}, default_timeout=TIMEOUT_S).run()


def test_show_results__unreadable_value__invalid_banner_and_error_listed() -> None:
    at = run({"sitting_hours": "lots", "stress_level": 9})

    headline, todo = STATUS_TEXT["invalid"]
    assert not at.exception
    assert at.warning[0].value == f"**{headline}**\n\n{todo}"
    assert "- sitting\\_hours\\: \\'lots\\' is not a number" in [m.value for m in at.markdown]


def test_show_results__unreadable_warning_signs__poses_withheld_note() -> None:
    at = run({"red_flags": "headache", "sitting_hours": 10})

    assert UNREADABLE_FLAGS in [w.value for w in at.warning]
    assert "Poses to try" not in [s.value for s in at.subheader]


def test_show_results__no_answers__notes_unanswered_and_notice() -> None:
    at = run({})

    assert not at.exception
    assert EVALUATION_NOTE in [i.value for i in at.info]
    assert f"**Not a diagnosis.** {NOTICE}" in [c.value for c in at.caption]
    assert any(m.value.startswith("**Not answered:** Hours sitting") for m in at.markdown)
    assert not any("rule of thumb" in i.value for i in at.info)


def test_show_results__pain_marked__diagram_with_alternative_text() -> None:
    at = run({"pain_areas": "low back"})

    image = at.image[0].proto.imgs[0]
    assert image.alt == describe_diagram({"low_back"})
    assert image.url.startswith("data:image/svg+xml;base64,")


def test_show_results__unreadable_value_and_signs_unanswered__poses_come_after_note() -> None:
    at = run({"sitting_hours": "lots", "stretch_breaks": "rarely"})

    assert at.warning[0].value.startswith(f"**{STATUS_TEXT['invalid'][0]}**")
    assert STATUS_TEXT["incomplete"][1] in [w.value for w in at.warning]
    assert "Poses to try" not in [s.value for s in at.subheader]
    assert not at.button  # the roster's view of a person has no way to the form


def test_show_results__pose_suggested__how_to_expander_holds_steps_only() -> None:
    at = run({"sitting_hours": 9, "stretch_breaks": "rarely", "red_flags": "none"})

    how = [e for e in at.expander if e.label == "How to do it"]
    assert how
    for expander in how:
        assert [m.value.split(".")[0] for m in expander.markdown] == ["1"]
    assert any(m.value.startswith(f"**{CARE_POINTS}:**") for m in at.markdown)
