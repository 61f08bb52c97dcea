"""Issue 10, the form: the page's header once, numbers as people write them, a review step
with a way straight back to any answer, "Start over" that asks first, the pain questions.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest
from ui_helpers import answer, go_to_step, markdown_values, open_loader, step_of, stored

from psoas_check.answers import FIELDS, Answers
from psoas_check.assess import assess
from psoas_check.messages import NOTICE
from psoas_check.options import PAIN_DURATION
from psoas_check.ui.form import NOT_ANSWERED, QUESTION_STEPS, REVIEW, STEP_TITLES, STEPS, widget_key
from psoas_check.ui.review_step import CHANGE_KEY, UNSCREENED, change_label
from psoas_check.ui.safe import plain
from psoas_check.ui.self_check import BACK_TO_REVIEW, NOTICE_LINE
from psoas_check.ui.start_over import CLEARED, KEEP, KEEP_KEY, QUESTION, YES, YES_KEY

PageApp = Callable[[str], AppTest]
LOADER = "Continue from a saved summary"
FULL_NOTICE = f"**Not a diagnosis.** {NOTICE}"


@pytest.fixture
def app(page_app: PageApp) -> AppTest:
    return page_app("self_check")


def step_name(at: AppTest) -> str:
    return STEPS[int(at.session_state["psoas_step"])]


def review_lines(at: AppTest) -> list[str]:
    return [line for m in markdown_values(at) for line in m.splitlines() if line.startswith("- ")]


def test_header__first_step__title_intro_whole_notice_and_loader(app: AppTest) -> None:
    assert not app.exception
    assert [t.value for t in app.title] == ["Psoas self-check"]
    assert [i.value for i in app.info] == [FULL_NOTICE]
    assert LOADER in [e.label for e in app.expander]
    assert any(m.startswith("A few minutes of questions") for m in markdown_values(app))


@pytest.mark.parametrize("step", STEPS[1:])
def test_header__every_later_step__title_and_one_line_notice_only(app: AppTest, step: str) -> None:
    go_to_step(app, STEPS.index(step))

    assert not app.exception
    assert [t.value for t in app.title] == ["Psoas self-check"]
    assert app.caption[0].value == NOTICE_LINE  # the notice still stands, first, in one line
    assert FULL_NOTICE not in [i.value for i in app.info]
    assert LOADER not in [e.label for e in app.expander]
    assert not any(m.startswith("A few minutes of questions") for m in markdown_values(app))


def test_header__results__one_line_notice_and_no_loader(app: AppTest) -> None:
    app.button(key="psoas_results_early").click().run()

    assert app.caption[0].value == NOTICE_LINE
    assert LOADER not in [e.label for e in app.expander]


def test_numbers__decimal_boxes__shown_as_written_not_two_decimals(app: AppTest) -> None:
    go_to_step(app, step_of("sitting_hours"))
    box = app.number_input(key=widget_key("sitting_hours"))
    whole = app.number_input(key=widget_key("exercise_days"))

    # The browser shows 10 as "10" and 7.5 as "7.5", never "10.00" (tests/browser checks).
    assert box.proto.format == "%g"
    assert whole.proto.format == "%d"
    go_to_step(app, step_of("abdominal_excess_lb"))
    assert app.number_input(key=widget_key("abdominal_excess_lb")).proto.format == "%g"


def test_numbers__every_box__names_its_unit_once(app: AppTest) -> None:
    labels: dict[str, str] = {}
    for step in QUESTION_STEPS:
        go_to_step(app, STEPS.index(step))
        labels.update({box.key: box.label for box in app.number_input})
    units = {widget_key(name): spec.unit for name, spec in FIELDS.items() if spec.unit}

    assert set(units) <= set(labels)
    for key, unit in units.items():
        said = re.findall(rf"\b{unit}\b", labels[key], flags=re.IGNORECASE)
        assert (key, len(said)) == (key, 1)
    assert labels[widget_key("sitting_hours")] == FIELDS["sitting_hours"].question


def test_numbers__kilograms__box_label_says_kg_once(app: AppTest) -> None:
    go_to_step(app, step_of("abdominal_excess_lb"))
    app.radio(key=widget_key("unit")).set_value("kg").run()

    label = app.number_input(key=widget_key("abdominal_excess_kg")).label
    assert label == FIELDS["abdominal_excess_lb"].question + " (kg)"


def test_pain_step__new_questions__asked_with_not_answered_first(app: AppTest) -> None:
    go_to_step(app, step_of("pain_duration"))

    duration = app.radio(key=widget_key("pain_duration"))
    bother = app.number_input(key=widget_key("pain_bother"))
    assert STEP_TITLES["pain"] == "Your pain"
    assert [h.value for h in app.header] == ["Your pain"]
    assert duration.label == FIELDS["pain_duration"].question
    assert duration.options == [NOT_ANSWERED, *PAIN_DURATION.values()]
    assert duration.value == ""
    assert (bother.label, bother.value, bother.proto.format) == (
        FIELDS["pain_bother"].question, None, "%d"
    )
    assert bother.help == FIELDS["pain_bother"].help


def test_pain_step__bother_out_of_range__reason_under_the_box_and_kept_out(app: AppTest) -> None:
    go_to_step(app, step_of("pain_bother"))
    app.number_input(key=widget_key("pain_bother")).set_value(11).run()

    assert [e.value for e in app.error] == [
        "**How much the pain bothers you (0 to 10)**: 11 is outside the allowed range "
        "0 to 10. Change the number, or clear the box to leave it unanswered."
    ]
    assert stored(app)["pain_bother"] is None


def test_pain_step__answered__stored_and_the_firmer_advice_in_the_results(app: AppTest) -> None:
    answer(app, "red_flags", [])
    answer(app, "pain_duration", "over_3_months")
    answer(app, "pain_bother", 8)
    go_to_step(app, STEPS.index(REVIEW))
    app.button(key="psoas_results").click().run()

    result = assess(Answers(pain_duration="over_3_months", pain_bother=8, red_flags=frozenset()))
    text = "\n".join(markdown_values(app) + [c.value for c in app.caption])
    assert (stored(app)["pain_duration"], stored(app)["pain_bother"]) == ("over_3_months", 8)
    assert result.rules == ["pain-long-lasting", "pain-high-bother"]
    assert "Your pain has lasted more than three months" in text
    assert "bothers you at 8 out of 10" in text


def test_review__reached_by_next__every_answer_listed_in_words(app: AppTest) -> None:
    answer(app, "sitting_hours", 7.5)
    answer(app, "stretch_breaks", "hourly")
    answer(app, "pain_duration", "6_to_12_weeks")
    go_to_step(app, STEPS.index(REVIEW))

    lines = review_lines(app)
    assert step_name(app) == REVIEW
    assert [h.value for h in app.header] == [STEP_TITLES[REVIEW]]
    assert [s.value for s in app.subheader] == [STEP_TITLES[s] for s in QUESTION_STEPS]
    assert len(lines) == len(FIELDS) - 1  # every question; the roster's name is not asked
    assert f"- **Warning signs**: {plain(UNSCREENED)}" in lines
    assert "- **Hours sitting on a typical day**: 7\\.5 hours" in lines
    assert "- **Stretch breaks while sitting**: about every hour" in lines
    assert "- **How long the pain has lasted**: 6 weeks to 3 months" in lines
    assert "- **Money is a main source of stress**: not answered" in lines
    assert [b.label for b in app.button if b.key and b.key.startswith("psoas_review")] == [
        change_label(s) for s in QUESTION_STEPS
    ]


def test_review__change_then_back__one_press_each_way_and_new_answer_listed(app: AppTest) -> None:
    answer(app, "stress_level", 4)
    go_to_step(app, STEPS.index(REVIEW))

    app.button(key=CHANGE_KEY.format(step="stress")).click().run()

    assert step_name(app) == "stress"
    back = app.button(key="psoas_to_review")
    assert back.label == BACK_TO_REVIEW
    assert app.number_input(key=widget_key("stress_level")).value == 4
    app.number_input(key=widget_key("stress_level")).set_value(9).run()
    back.click().run()

    assert step_name(app) == REVIEW
    assert "- **Stress over the last month \\(0 to 10\\)**: 9" in review_lines(app)
    assert stored(app)["stress_level"] == 9
    go_to_step(app, STEPS.index(REVIEW) - 1)  # an ordinary visit: no way-back button
    assert not [b for b in app.button if b.key == "psoas_to_review"]


def test_review__change_to_a_bad_number__way_back_refused_until_fixed(app: AppTest) -> None:
    go_to_step(app, STEPS.index(REVIEW))
    app.button(key=CHANGE_KEY.format(step="habits")).click().run()
    app.number_input(key=widget_key("sitting_hours")).set_value(30).run()

    app.button(key="psoas_to_review").click().run()

    assert step_name(app) == "habits"
    app.number_input(key=widget_key("sitting_hours")).set_value(None).run()
    app.button(key="psoas_to_review").click().run()
    assert step_name(app) == REVIEW


def test_review__weight_in_kilograms__listed_in_kilograms(app: AppTest) -> None:
    go_to_step(app, step_of("abdominal_excess_lb"))
    app.radio(key=widget_key("unit")).set_value("kg").run()
    app.number_input(key=widget_key("abdominal_excess_kg")).set_value(10.0).run()
    go_to_step(app, STEPS.index(REVIEW))

    assert "- **Extra weight around the belly**: 10 kg" in review_lines(app)


def test_start_over__asked_then_kept__nothing_cleared(app: AppTest) -> None:
    answer(app, "sitting_hours", 8.0)

    app.button(key="psoas_start_over").click().run()

    assert QUESTION in markdown_values(app)
    assert [app.button(key=k).label for k in (YES_KEY, KEEP_KEY)] == [YES, KEEP]
    assert not [b for b in app.button if b.key == "psoas_start_over"]
    app.button(key=KEEP_KEY).click().run()

    assert stored(app)["sitting_hours"] == 8.0
    assert step_name(app) == "habits"
    assert QUESTION not in markdown_values(app)
    assert app.button(key="psoas_start_over").label == "Start over"


def test_start_over__from_results_and_confirmed__cleared_to_the_first_step(app: AppTest) -> None:
    answer(app, "red_flags", ["night_pain"])
    answer(app, "pain_bother", 3)
    app.button(key="psoas_results_early").click().run()

    app.button(key="psoas_start_over_results").click().run()
    assert stored(app)["pain_bother"] == 3
    app.button(key=YES_KEY).click().run()

    assert stored(app) == dict.fromkeys(FIELDS)
    assert (step_name(app), app.session_state["psoas_view"]) == ("warning", "form")
    assert app.success[0].value == CLEARED
    assert app.checkbox(key=widget_key("red_flags", "night_pain")).value is False


def test_start_over__asked_then_next_pressed__question_closes(app: AppTest) -> None:
    go_to_step(app, 1)
    app.button(key="psoas_start_over").click().run()

    app.button(key="psoas_next").click().run()

    assert QUESTION not in markdown_values(app)
    assert step_name(app) == STEPS[2]


def test_results__change_my_answers__opens_the_review_with_every_answer(app: AppTest) -> None:
    answer(app, "stress_level", 6)
    app.button(key="psoas_results_early").click().run()

    app.button(key="psoas_change").click().run()

    assert (step_name(app), app.session_state["psoas_view"]) == (REVIEW, "form")
    assert "- **Stress over the last month \\(0 to 10\\)**: 6" in review_lines(app)


def test_start_over__asked_then_summary_loaded__question_closed_on_the_results(
    app: AppTest,
) -> None:
    app.button(key="psoas_start_over").click().run()

    open_loader(app)
    app.file_uploader[0].upload("mine.json", b'{"pain_bother": 2}', "application/json").run()

    assert app.session_state["psoas_view"] == "results"
    assert QUESTION not in markdown_values(app)
    assert app.button(key="psoas_start_over_results").label == "Start over"
    assert stored(app)["pain_bother"] == 2
