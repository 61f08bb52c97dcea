"""Issue 9 in AppTest: the warning signs come first, and no pose reaches anyone unscreened.

Each test drives the self-check as a person would (widgets by their keys, buttons by
theirs) and reads what the page shows: banners, headings, cards and visible text.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest
from ui_helpers import (
    answer,
    go_to_step,
    headings,
    markdown_values,
    page_order,
    see_results,
    step_of,
    stored,
    two_pages,
    visit,
)

from psoas_check.answers import FIELDS, Answers
from psoas_check.assess import assess
from psoas_check.messages import EVALUATION_NOTE, NOTICE, PREGNANCY_TEXT, STATUS_TEXT
from psoas_check.options import RED_FLAG_GROUP, RED_FLAG_GROUPS, RED_FLAGS
from psoas_check.plan import START_HERE
from psoas_check.report import CARE_POINTS, KIND_HEADINGS, summary_content
from psoas_check.ui.form import STEP_TITLES, STEPS, widget_key
from psoas_check.ui.results import ANSWER_SIGNS
from psoas_check.ui.safe import plain
from psoas_check.ui.self_check import BLOCKED_TEXT
from psoas_check.ui.state import PENDING
from psoas_check.ui.warning_step import INTRO, NONE_APPLY

PageApp = Callable[[str], AppTest]
DIAGRAM = "Where the psoas and iliacus run"
OUT_OF_RANGE = (
    "**Hours sitting on a typical day**: 30 is outside the allowed range 0 to 24 hours. "
    "Change the number, or clear the box to leave it unanswered."
)


@pytest.fixture
def app(page_app: PageApp) -> AppTest:
    return page_app("self_check")


def banners(at: AppTest) -> list[str]:
    """Every alert but the page's own not-a-diagnosis notice at the top."""
    alerts = [e.value for e in (*at.error, *at.warning, *at.info, *at.success)]
    return [a for a in alerts if a != f"**Not a diagnosis.** {NOTICE}"]


def subheadings(at: AppTest) -> list[str]:
    return [s.value for s in at.subheader]


def test_first_step__opened__warning_signs_grouped_then_none_of_these(app: AppTest) -> None:
    grouped = [
        RED_FLAGS[flag] for group in RED_FLAG_GROUPS for flag in RED_FLAGS
        if RED_FLAG_GROUP[flag] == group
    ]

    assert not app.exception
    assert STEPS[0] == "warning"
    assert [h.value for h in app.header] == [STEP_TITLES["warning"]]
    assert INTRO in markdown_values(app)
    assert subheadings(app) == [*RED_FLAG_GROUPS.values(), "If none of them applies"]
    assert [c.label for c in app.checkbox] == [*grouped, NONE_APPLY]
    assert len(grouped) == 21
    assert not app.error  # nothing on the form is a red box, pregnancy included
    assert not app.number_input  # no other question comes before the warning signs


def test_first_step__pregnancy__its_own_group_with_gentle_wording(app: AppTest) -> None:
    order = page_order(app)
    heading = order.index(f"subheader: {RED_FLAG_GROUPS['pregnancy']}")

    assert order[heading + 2] == f"checkbox: {RED_FLAGS['pregnancy']}"
    assert "midwife or doctor" in order[heading + 1]
    assert order[heading + 3] == "subheader: If none of them applies"


def test_results_on_first_step__nothing_answered__incomplete_no_pose_and_way_back(
    app: AppTest,
) -> None:
    app.button(key="psoas_results_early").click().run()

    headline, todo = STATUS_TEXT["incomplete"]
    assert not app.exception
    assert app.warning[0].value == f"**{headline}**\n\n{todo}"
    assert KIND_HEADINGS["pose"] not in subheadings(app)
    assert headings(app) == []

    app.button(key="self-answer-signs").click().run()

    assert app.session_state["psoas_view"] == "form"
    assert [h.value for h in app.header] == [STEP_TITLES["warning"]]
    assert app.checkbox(key=widget_key("red_flags", "none")).value is False


def test_results__warning_signs_skipped__reading_shown_but_no_pose(app: AppTest) -> None:
    answer(app, "sitting_hours", 9.0)
    answer(app, "stretch_breaks", "rarely")
    see_results(app)

    expected = assess(Answers(sitting_hours=9.0, stretch_breaks="rarely"))
    assert expected.status == "incomplete"
    assert app.warning[0].value.startswith(f"**{STATUS_TEXT['incomplete'][0]}**")
    assert app.button(key="self-answer-signs").label == ANSWER_SIGNS
    assert subheadings(app) == [START_HERE, KIND_HEADINGS["section"]]
    assert headings(app) == [s.title for s in expected.suggestions] != []


def test_results__none_of_these_ticked__poses_suggested(app: AppTest) -> None:
    app.checkbox(key=widget_key("red_flags", "none")).check().run()
    answer(app, "sitting_hours", 9.0)
    answer(app, "stretch_breaks", "rarely")
    see_results(app)

    expected = assess(Answers(sitting_hours=9.0, stretch_breaks="rarely", red_flags=frozenset()))
    assert stored(app)["red_flags"] == frozenset()
    assert expected.poses
    assert KIND_HEADINGS["pose"] in subheadings(app)
    poses_first = sorted(expected.suggestions, key=lambda s: s.kind != "pose")
    assert headings(app) == [s.title for s in poses_first]
    assert not any(b.key == "self-answer-signs" for b in app.button)


def test_results__urgent_sign__one_instruction_and_nothing_else(app: AppTest) -> None:
    app.checkbox(key=widget_key("red_flags", "saddle_numbness")).check().run()
    app.checkbox(key=widget_key("red_flags", "night_pain")).check().run()
    for field, value in [("sitting_hours", 9.0), ("stretch_breaks", "rarely"),
                         ("abdominal_excess_lb", 20.0), ("pain_areas", ["low_back"])]:
        answer(app, field, value)
    see_results(app)

    answers = Answers(sitting_hours=9.0, stretch_breaks="rarely", abdominal_excess_lb=20.0,
                      pain_areas=frozenset({"low_back"}),
                      red_flags=frozenset({"saddle_numbness", "night_pain"}))
    doc = summary_content(answers, assess(answers))
    headline, todo = STATUS_TEXT["urgent"]
    text = markdown_values(app)
    assert not app.exception
    assert banners(app) == [f"**{headline}**\n\n{todo}"]  # one alert: the instruction
    assert app.error[0].value == f"**{headline}**\n\n{todo}"
    assert f"**{doc.flags_intro}**" in text
    assert f"- **{RED_FLAGS['saddle_numbness']}**: {doc.signs[0][1]}" in text
    assert doc.also_tell in text
    assert RED_FLAGS["night_pain"] in doc.also_tell
    assert subheadings(app) == []  # no "Sections to read", no "Poses to try"
    assert headings(app) == []
    assert [e.label for e in app.expander] == []  # no diagram
    assert not any("lb" in value and "rule of thumb" in value for value in text)
    assert EVALUATION_NOTE not in text
    assert f"**Not a diagnosis.** {NOTICE}" in [c.value for c in app.caption]
    assert [b.proto.label for b in app.get("download_button")] == [
        "PDF", "Markdown", "JSON (to load again later)"
    ]


def test_results__see_clinician_sign__warning_with_its_own_advice(app: AppTest) -> None:
    app.checkbox(key=widget_key("red_flags", "fever_unwell")).check().run()
    see_results(app)

    answers = Answers(red_flags=frozenset({"fever_unwell"}))
    doc = summary_content(answers, assess(answers))
    assert not app.error
    assert app.warning[0].value == f"**{doc.headline}**\n\n{doc.todo}"
    assert f"- **{RED_FLAGS['fever_unwell']}**: {doc.signs[0][1]}" in markdown_values(app)
    assert KIND_HEADINGS["pose"] not in subheadings(app)


def test_results__pregnancy_only__gentle_info_not_a_red_or_amber_box(app: AppTest) -> None:
    app.checkbox(key=widget_key("red_flags", "pregnancy")).check().run()
    answer(app, "abdominal_excess_lb", 20.0)
    see_results(app)

    headline, todo = PREGNANCY_TEXT
    assert not app.exception
    assert not app.error
    assert not [w for w in app.warning if w.value.startswith("**")]
    assert app.info[0].value == f"**{headline}**\n\n{todo}"  # the page's notice is one line
    assert "**About pregnancy and a recent birth:**" in markdown_values(app)
    assert KIND_HEADINGS["pose"] not in subheadings(app)
    assert not any("rule of thumb" in value for value in banners(app))


def test_number__out_of_range__reason_under_the_box_and_next_refused(app: AppTest) -> None:
    go_to_step(app, step_of("sitting_hours"))
    app.number_input(key=widget_key("sitting_hours")).set_value(30).run()

    order = page_order(app)
    box = order.index(f"number_input: {FIELDS['sitting_hours'].question}")
    assert order[box + 1] == f"error: {OUT_OF_RANGE}"
    assert stored(app)["sitting_hours"] is None  # never kept
    assert app.session_state[PENDING] == {"sitting_hours": 30}

    app.button(key="psoas_next").click().run()

    assert STEPS[int(app.session_state["psoas_step"])] == "habits"
    assert [e.value for e in app.error] == [
        OUT_OF_RANGE,
        f"{BLOCKED_TEXT}\n\n- **Hours sitting on a typical day**: 30 is outside the allowed "
        "range 0 to 24 hours.",
    ]
    assert app.number_input(key=widget_key("sitting_hours")).value == 30  # still on show

    app.button(key="psoas_results_early").click().run()

    assert app.session_state["psoas_view"] == "form"
    assert STEPS[int(app.session_state["psoas_step"])] == "habits"


@pytest.mark.parametrize(("fixed", "kept"), [(9.0, 9.0), (None, None)], ids=["fixed", "cleared"])
def test_number__out_of_range_then_fixed_or_cleared__next_goes_on(
    app: AppTest, fixed: float | None, kept: float | None
) -> None:
    go_to_step(app, step_of("sitting_hours"))
    app.number_input(key=widget_key("sitting_hours")).set_value(30).run()
    app.number_input(key=widget_key("sitting_hours")).set_value(fixed).run()

    assert not app.error
    app.button(key="psoas_next").click().run()

    assert STEPS[int(app.session_state["psoas_step"])] == "stress"
    assert stored(app)["sitting_hours"] == kept
    assert app.session_state[PENDING] == {}


def test_number__whole_number_out_of_range__reason_names_the_range(app: AppTest) -> None:
    go_to_step(app, step_of("stress_level"))
    app.number_input(key=widget_key("stress_level")).set_value(11).run()

    assert [e.value for e in app.error] == [
        "**Stress over the last month (0 to 10)**: 11 is outside the allowed range 0 to 10. "
        "Change the number, or clear the box to leave it unanswered."
    ]
    assert stored(app)["stress_level"] is None


def test_number__kilograms_out_of_range__reason_in_kilograms(app: AppTest) -> None:
    go_to_step(app, step_of("abdominal_excess_lb"))
    app.radio(key=widget_key("unit")).set_value("kg").run()
    app.number_input(key=widget_key("abdominal_excess_kg")).set_value(200.0).run()

    assert [e.value for e in app.error] == [
        "**Extra weight around the belly**: 200 is outside the allowed range 0 to 136 kg. "
        "Change the number, or clear the box to leave it unanswered."
    ]
    app.button(key="psoas_back").click().run()
    assert STEPS[int(app.session_state["psoas_step"])] == "body"
    assert stored(app)["abdominal_excess_lb"] is None


def test_number__out_of_range_then_page_left__shown_again_with_its_reason() -> None:
    at = two_pages()
    go_to_step(at, step_of("sitting_hours"))
    at.number_input(key=widget_key("sitting_hours")).set_value(30).run()
    visit(at, "about")
    visit(at, "home")

    assert at.number_input(key=widget_key("sitting_hours")).value == 30
    assert [e.value for e in at.error] == [OUT_OF_RANGE]


def test_results__suggested_pose__care_points_visible_not_folded(app: AppTest) -> None:
    app.checkbox(key=widget_key("red_flags", "none")).check().run()
    for field, value in [("sitting_hours", 9.0), ("stretch_breaks", "rarely"),
                         ("pain_areas", ["leg"]), ("knee_discomfort_sitting", True)]:
        answer(app, field, value)
    see_results(app)

    answers = Answers(sitting_hours=9.0, stretch_breaks="rarely", pain_areas=frozenset({"leg"}),
                      knee_discomfort_sitting=True, red_flags=frozenset())
    poses = summary_content(answers, assess(answers)).of_kind("pose")
    folded = {m.value for e in app.expander for m in e.markdown}
    assert poses
    for pose in poses:
        assert pose.care_points
        shown = f"**{CARE_POINTS}:**\n" + "\n".join(f"- {t}" for t in pose.care_points)
        assert shown in markdown_values(app)
        assert shown not in folded
    cautions = [w.value for w in app.warning]
    for caution in (c for pose in poses for c in pose.cautions):
        assert f"**Caution for you:** {plain(caution)}" in cautions
