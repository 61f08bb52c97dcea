"""``show_results`` on its own, as the roster page will use it."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest
from ui_helpers import TIMEOUT_S, page_order

from psoas_check.answers import parse_answers
from psoas_check.assess import assess
from psoas_check.follow_up import FIRM_TEXT, USUAL_TEXT
from psoas_check.messages import (
    EVALUATION_NOTE,
    NOTICE,
    STATUS_TEXT,
    UNREADABLE_FLAGS,
)
from psoas_check.plan import PLAN_INTRO, START_HERE
from psoas_check.report import CARE_POINTS, WHY_HEADING, summary_content
from psoas_check.rules import default_rules
from psoas_check.summary import PRACTICE
from psoas_check.ui.diagram import describe_diagram
from psoas_check.ui.results import DETAILS, WHAT_IT_SAYS
from psoas_check.ui.safe import plain

#: The issue's office worker: ten hours sitting, rarely a break, stress 8, little exercise.
OFFICE_WORKER = {"sitting_hours": 10, "stretch_breaks": "rarely", "stress_level": 8,
                 "exercise_days": 1, "red_flags": "none"}


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


def test_show_results__pose_suggested__how_to_expander_holds_summary_steps_how_often() -> None:
    at = run({"sitting_hours": 9, "stretch_breaks": "rarely", "red_flags": "none"})

    how = [e for e in at.expander if e.label == "How to do it"]
    assert how
    for expander in how:
        summary, steps, often = (m.value for m in expander.markdown)
        assert not summary.startswith("1. ")
        assert steps.startswith("1. ")
        assert often.startswith(f"**{PRACTICE}:** ")
    assert any(m.value.startswith(f"**{CARE_POINTS}:**") for m in at.markdown)


def position(order: list[str], start: str) -> int:
    return next(i for i, shown in enumerate(order) if shown.startswith(start))


def test_show_results__office_worker__start_here_first_then_downloads_then_poses() -> None:
    at = run(OFFICE_WORKER)
    catalog = default_rules().catalog
    rest = next(p for p in catalog.poses if p.id == "constructive-rest")

    order = page_order(at)
    assert not at.exception
    start = position(order, f"subheader: {START_HERE}")
    assert start < position(order, "markdown: **Take your summary with you**") < position(
        order, "subheader: Poses to try") < position(order, "subheader: Sections to read")
    habit = next(h for h in catalog.habits if h.id == "get-up").text
    assert order[start + 1] == f"caption: {PLAN_INTRO}"  # ours, not the page's
    assert order[start + 2] == (
        f"markdown: 1. **Every day:** {habit}\n2. **Try {rest.title}:** {rest.practice} "
        "Its steps are in its card below.")
    assert order[start + 3] == f"markdown: **If it does not help:** {USUAL_TEXT}"


@pytest.mark.parametrize("pain", [{"pain_duration": "over_3_months"}, {"pain_bother": 7}])
def test_show_results__long_or_bothersome_pain__firmer_advice_to_see_someone(
    pain: dict[str, object],
) -> None:
    at = run({**OFFICE_WORKER, "pain_areas": "low back", **pain})

    shown = [m.value for m in at.markdown]
    assert f"**If it does not help:** {FIRM_TEXT}" in shown
    assert f"**If it does not help:** {USUAL_TEXT}" not in shown


def test_show_results__bothersome_pain_and_nothing_to_practise__firm_advice_still_first() -> None:
    at = run({"pain_bother": 8, "red_flags": "none"})

    order = page_order(at)
    start = position(order, f"subheader: {START_HERE}")
    assert order[start + 1] == f"markdown: **If it does not help:** {FIRM_TEXT}"
    assert f"caption: {PLAN_INTRO}" not in order  # no habit or pose to call ours


def test_show_results__bother_below_seven__usual_advice() -> None:
    at = run({**OFFICE_WORKER, "pain_areas": "low back", "pain_bother": 6})

    assert f"**If it does not help:** {USUAL_TEXT}" in [m.value for m in at.markdown]


def test_show_results__see_clinician__no_start_here_plan() -> None:
    at = run({**OFFICE_WORKER, "red_flags": "night_pain"})

    assert START_HERE not in [s.value for s in at.subheader]


def test_show_results__each_card__one_sentence_why_and_folded_details() -> None:
    at = run(OFFICE_WORKER)
    answers = parse_answers(OFFICE_WORKER).answers
    doc = summary_content(answers, assess(answers))

    whys = [m.value for m in at.markdown if m.value.startswith("**Why?** ")]
    assert whys == [f"**Why?** {item.why}" for item in doc.items]
    for why in whys:  # one sentence: one full stop, at the end
        assert why.count(". ") == 0
        assert why.endswith(".")
    details = [e for e in at.expander if e.label == DETAILS]
    assert len(details) == len(doc.items)
    for expander, item in zip(details, doc.items, strict=True):
        (text,) = (m.value for m in expander.markdown)
        assert text.splitlines() == [f"- {plain(r.text)} (rule `{r.rule}`)" for r in item.reasons]
    sections = [e for e in at.expander if e.label == WHAT_IT_SAYS]
    assert [e.markdown[0].value for e in sections] == [i.summary for i in doc.of_kind("section")]


def test_show_results__rule_behind_several_items__explained_once() -> None:
    at = run(OFFICE_WORKER)
    answers = parse_answers(OFFICE_WORKER).answers
    result = assess(answers)

    (rules,) = [e for e in at.expander if e.label == WHY_HEADING]
    explained = [m.value for m in rules.markdown]
    sitting = next(f for f in result.fired if f.rule == "sitting-without-breaks")
    assert len(sitting.sections) + len(sitting.poses) > 1
    assert [f"**{f.title}** (rule `{f.rule}`)" for f in result.fired] == [
        text.splitlines()[0] for text in explained]
    everything = "\n".join(m.value for m in at.markdown)
    assert everything.count(f"Because {plain(sitting.because)}.") == 1
    assert f"- Design note: {plain(sitting.note or '')}" in explained[
        [f.rule for f in result.fired].index("sitting-without-breaks")]


def test_show_results__read_lines_and_source__link_to_the_page() -> None:
    at = run(OFFICE_WORKER)
    url = default_rules().catalog.page.url

    reads = [m.value for m in at.markdown if m.value.startswith("Read: ")]
    assert reads
    assert all(read.endswith(f"]({url})") for read in reads)
    assert any(c.value.endswith(f"[Read the page: David Keil, Psoas Muscle Resources]({url})")
               for c in at.caption)
