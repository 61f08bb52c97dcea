"""The Self-check page in AppTest: the questionnaire, the results, restoring a summary."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest
from ui_helpers import (
    answer,
    go_to_step,
    headings,
    markdown_values,
    open_loader,
    see_results,
    stored,
    two_pages,
    visit,
)

from psoas_check.answers import FIELDS, Answers, parse_value
from psoas_check.assess import assess
from psoas_check.messages import NOTICE, STATUS_TEXT, TIMING_TEXT
from psoas_check.report import WHY_HEADING, to_json
from psoas_check.rules import default_rules
from psoas_check.ui.form import NOT_ANSWERED, STEP_TITLES, STEPS, widget_key
from psoas_check.ui.results import DETAILS
from psoas_check.ui.start_over import CLEARED, YES_KEY

PageApp = Callable[[str], AppTest]

FILLED = {
    "sitting_hours": 9.0,
    "stretch_breaks": "rarely",
    "exercise_days": 1,
    "stress_level": 8,
    "money_stress": True,
    "abdominal_excess_lb": 20.0,
    "back_fatigue": True,
    "pain_areas": frozenset({"low_back", "hip_front"}),
    "pain_duration": "over_3_months",
    "pain_bother": 8,
    "pain_lying_on_back": True,
    "knee_discomfort_sitting": False,
    "balance_difficulty": True,
    "arms_overhead_difficulty": False,
    "red_flags": frozenset(),
}


@pytest.fixture
def app(page_app: PageApp) -> AppTest:
    return page_app("self_check")


def test_self_check__first_run__notice_then_warning_signs_step(app: AppTest) -> None:
    assert not app.exception
    assert app.info[0].value == f"**Not a diagnosis.** {NOTICE}"
    assert [s.value for s in app.header] == [STEP_TITLES["warning"]]
    assert all(c.value is False for c in app.checkbox)
    assert stored(app)["red_flags"] is None


def test_self_check__habits_step__number_box_without_limits_and_blank(app: AppTest) -> None:
    go_to_step(app, STEPS.index("habits"))

    box = app.number_input(key=widget_key("sitting_hours"))
    assert box.label == FIELDS["sitting_hours"].question  # it says "hours" already
    assert box.value is None
    # No browser-side range: the model reads the number and says why it does not fit.
    assert (box.proto.has_min, box.proto.has_max) == (False, False)
    assert app.radio(key=widget_key("stretch_breaks")).value == ""


def test_self_check__every_step__asks_every_question_from_fields(app: AppTest) -> None:
    shown: list[str] = []
    for step in range(len(STEPS)):
        go_to_step(app, step)
        assert not app.exception
        shown += [w.label for w in (*app.number_input, *app.radio)]
        shown += [v.strip("*") for v in markdown_values(app)]
        for radio in app.radio:
            if radio.key != widget_key("unit"):
                assert radio.options[0] == NOT_ANSWERED
    questions = [spec.question for name, spec in FIELDS.items() if name != "attendee"]
    assert [q for q in questions if not any(label.startswith(q) for label in shown)] == []


def test_self_check__filled_and_submitted__results_follow_assess(app: AppTest) -> None:
    for field, value in FILLED.items():
        answer(app, field, value)
    see_results(app)

    expected = assess(Answers(**FILLED))
    assert not app.exception
    assert stored(app) == {"attendee": None, **FILLED}
    headline, todo = STATUS_TEXT[expected.status]
    banners = [e.value for e in (*app.success, *app.info, *app.warning, *app.error)]
    assert f"**{headline}**\n\n{todo}" in banners
    poses_first = sorted(expected.suggestions, key=lambda s: s.kind != "pose")
    assert headings(app) == [s.title for s in poses_first]
    details = [e for e in app.expander if e.label == DETAILS]
    assert len(details) == len(expected.suggestions)
    first = poses_first[0].reasons[0].rule
    first_rule = next(f for f in expected.fired if f.rule == first)
    assert f"(rule `{first}`)" in details[0].markdown[0].value
    explained = "\n".join(m.value for e in app.expander if e.label == WHY_HEADING
                          for m in e.markdown)
    assert f"**{first_rule.title}** (rule `{first_rule.rule}`)" in explained
    assert "Pain for more than three months** (rule `pain-long-lasting`)" in explained
    assert any("about 60 lb" in e.value for e in app.info)  # the page's claim, for 20 lb


def test_self_check__urgent_red_flag__emergency_banner_and_no_poses(app: AppTest) -> None:
    answer(app, "sitting_hours", 10.0)
    answer(app, "red_flags", ["saddle_numbness"])
    see_results(app)

    headline, todo = STATUS_TEXT["urgent"]
    assert not app.exception
    assert app.error[0].value == f"**{headline}**\n\n{todo}"
    assert "Poses to try" not in [s.value for s in app.subheader]
    assert f"- **{FIELDS['red_flags'].options['saddle_numbness']}**: " in "\n".join(
        markdown_values(app)
    )


def test_self_check__see_clinician_flag__warning_banner_says_how_soon(app: AppTest) -> None:
    answer(app, "red_flags", ["cancer_history"])
    see_results(app)

    assert app.warning[0].value == (
        f"**{STATUS_TEXT['see_clinician'][0]}**\n\n{TIMING_TEXT['soon']}"
    )
    assert not app.error


def test_self_check__back_and_forth__answers_kept(app: AppTest) -> None:
    answer(app, "sitting_hours", 7.5)
    answer(app, "stress_level", 4)
    answer(app, "pain_areas", [])
    answer(app, "red_flags", [])
    go_to_step(app, STEPS.index("habits"))

    assert app.number_input(key=widget_key("sitting_hours")).value == 7.5
    go_to_step(app, STEPS.index("stress"))
    assert app.number_input(key=widget_key("stress_level")).value == 4
    go_to_step(app, STEPS.index("pain"))
    assert app.checkbox(key=widget_key("pain_areas", "none")).value is True
    go_to_step(app, STEPS.index("warning"))
    assert app.checkbox(key=widget_key("red_flags", "none")).value is True


def test_self_check__value_typed_then_next__kept(app: AppTest) -> None:
    go_to_step(app, STEPS.index("habits"))
    app.number_input(key=widget_key("sitting_hours")).set_value(6.0)
    app.button(key="psoas_next").click().run()

    assert stored(app)["sitting_hours"] == 6.0


def test_self_check__nothing_ticked__set_not_answered(app: AppTest) -> None:
    go_to_step(app, STEPS.index("pain"))

    assert stored(app)["pain_areas"] is None
    assert f"{NOT_ANSWERED} yet: tick what applies, or “None of these”." in [
        c.value for c in app.caption
    ]


def test_self_check__none_then_option_ticked__option_wins(app: AppTest) -> None:
    answer(app, "pain_areas", [])
    assert stored(app)["pain_areas"] == frozenset()

    app.checkbox(key=widget_key("pain_areas", "leg")).check().run()

    assert stored(app)["pain_areas"] == frozenset({"leg"})
    none = app.checkbox(key=widget_key("pain_areas", "none"))
    assert (none.value, none.disabled) == (False, True)


def test_self_check__answer_changed_back__not_answered_again(app: AppTest) -> None:
    answer(app, "money_stress", True)
    app.radio(key=widget_key("money_stress")).set_value("").run()

    assert stored(app)["money_stress"] is None


def test_self_check__weight_in_kg__stored_in_pounds_like_files(app: AppTest) -> None:
    go_to_step(app, STEPS.index("body"))
    app.radio(key=widget_key("unit")).set_value("kg").run()
    app.number_input(key=widget_key("abdominal_excess_kg")).set_value(10.0).run()

    assert stored(app)["abdominal_excess_lb"] == parse_value("abdominal_excess_kg", 10.0)
    app.radio(key=widget_key("unit")).set_value("lb").run()
    assert app.number_input(key=widget_key("abdominal_excess_lb")).value == 22.0


def test_self_check__summary_uploaded__every_answer_restored(app: AppTest) -> None:
    answers = Answers(attendee="Sam", **FILLED)
    document = to_json(answers, assess(answers)).encode()

    open_loader(app)
    app.file_uploader[0].upload("mine.json", document, "application/json").run()

    assert not app.exception
    assert stored(app) == answers.as_dict()
    assert app.success[0].value.startswith("Loaded 15 answers from mine\\.json. ")
    assert headings(app) == [
        s.title for s in sorted(assess(answers).suggestions, key=lambda s: s.kind != "pose")
    ]
    app.button(key="psoas_change").click().run()  # to the review: every answer listed
    assert [h.value for h in app.header] == [STEP_TITLES["review"]]
    assert "- **Warning signs**: none of these" in "\n".join(markdown_values(app))
    go_to_step(app, STEPS.index("warning"))
    assert app.checkbox(key=widget_key("red_flags", "none")).value is True
    go_to_step(app, STEPS.index("habits"))
    assert app.number_input(key=widget_key("sitting_hours")).value == 9.0
    assert app.radio(key=widget_key("stretch_breaks")).value == "rarely"


@pytest.mark.parametrize("document", [b'{"sitting_hours": 9}', b"{not json"], ids=["read", "bad"])
def test_self_check__summary_uploaded__its_bytes_leave_the_session(
    app: AppTest, document: bytes
) -> None:
    open_loader(app)
    app.file_uploader[0].upload("mine.json", document, "application/json").run()

    assert not app.exception
    assert "psoas_upload_0" not in app.session_state
    assert app.session_state["psoas_uploads"] == 1
    if app.session_state["psoas_view"] == "results":  # a summary read: back to the first step
        app.button(key="psoas_change").click().run()
        go_to_step(app, 0)
    open_loader(app)
    assert app.file_uploader[0].value is None


def test_self_check__not_a_summary_uploaded__error_and_nothing_changed(app: AppTest) -> None:
    answer(app, "sitting_hours", 3.0)
    go_to_step(app, 0)

    open_loader(app)
    app.file_uploader[0].upload("notes.json", b"{not json", "application/json").run()

    assert not app.exception
    assert app.error[0].value.startswith("Could not load that file. notes\\.json\\: is not a JSON")
    assert stored(app)["sitting_hours"] == 3.0


def test_self_check__unreadable_value_in_summary__listed_and_left_blank(app: AppTest) -> None:
    document = b'{"sitting_hours": 99, "stress_level": 5}'

    open_loader(app)
    app.file_uploader[0].upload("old.json", document, "application/json").run()

    assert stored(app)["sitting_hours"] is None
    assert stored(app)["stress_level"] == 5
    assert "sitting\\_hours\\: 99 is outside the allowed range" in app.warning[0].value


def test_self_check__markup_in_upload__shown_as_text(app: AppTest) -> None:
    document = b'{"sitting_hours": "[click](http://example.org) **now** $x$"}'

    open_loader(app)
    app.file_uploader[0].upload("a<b>.json", document, "application/json").run()

    assert not app.exception
    assert "a\\<b\\>\\.json" in app.success[0].value
    assert (
        "\\'\\[click\\]\\(http\\:\u2060\\/\\/example\\.org\\) "
        "\\*\\*now\\*\\* \\$x\\$\\' is not a number"
        in app.warning[0].value
    )
    assert not any(m.allow_html for m in app.markdown)


def test_self_check__start_over__answers_cleared(app: AppTest) -> None:
    answer(app, "red_flags", ["night_pain"])
    answer(app, "sitting_hours", 8.0)
    answer(app, "money_stress", True)

    app.button(key="psoas_start_over").click().run()
    assert stored(app)["sitting_hours"] == 8.0  # nothing cleared yet: it asks first
    app.button(key=YES_KEY).click().run()

    assert stored(app) == dict.fromkeys(FIELDS)
    assert app.success[0].value == CLEARED
    assert int(app.session_state["psoas_step"]) == 0
    assert app.checkbox(key=widget_key("red_flags", "night_pain")).value is False
    go_to_step(app, STEPS.index("habits"))
    assert app.number_input(key=widget_key("sitting_hours")).value is None


def test_self_check__results__three_downloads_built_on_click(app: AppTest) -> None:
    see_results(app)

    buttons = app.get("download_button")
    assert [b.proto.label for b in buttons] == ["PDF", "Markdown", "JSON (to load again later)"]
    assert all(b.proto.deferred_file_id and b.proto.ignore_rerun for b in buttons)


def test_self_check__results_view__survives_leaving_the_page() -> None:
    at = two_pages()
    answer(at, "sitting_hours", 9.5)
    visit(at, "about")
    assert at.title[0].value == "About psoas-check"
    visit(at, "home")

    go_to_step(at, STEPS.index("habits"))
    assert at.number_input(key=widget_key("sitting_hours")).value == 9.5
    assert default_rules()  # the shared rule set is untouched by the session
