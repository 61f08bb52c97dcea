"""The Markdown summary and the shared summary content it is rendered from."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from psoas_check.answers import FIELDS, parse_answers
from psoas_check.assess import assess
from psoas_check.errors import AnswerError
from psoas_check.follow_up import FIRM_TEXT, USUAL_TEXT
from psoas_check.messages import (
    EVALUATION_NOTE,
    FLAGS_INTRO,
    LARGE_LOAD_CLAIM,
    NOTICE,
    PAGE_LOAD_CLAIM,
    PREGNANCY_TEXT,
    STATUS_TEXT,
    TIMING_TEXT,
)
from psoas_check.plan import PLAN_INTRO
from psoas_check.report import Item, Why, summary_content, to_markdown
from psoas_check.rules import DEFAULT_RULES_DIR, RuleSet, load_rules

TODAY = date(2024, 5, 6)
RULES = """
rules:
  - id: long-sitting
    title: Long days of sitting
    factor: Sitting and movement
    when:
      all:
        - {field: sitting_hours, op: ">=", value: 6}
        - {field: stretch_breaks, op: in, value: [rarely]}
    suggest:
      sections:
        - {id: back-pain, reason: "You sit about {sitting_hours} hours a day."}
      poses:
        - {id: constructive-rest, reason: "It rests the hips."}
    cautions:
      - {pose: constructive-rest, text: "Put a cushion under your head."}
    source: {section: back-pain}
  - id: belly-weight
    title: Weight around the belly
    factor: Body
    when: {field: abdominal_excess_lb, op: ">=", value: 10}
    suggest:
      sections:
        - {id: back-pain, reason: "About {page_low_back_load_lb} lb on the low back, by the page."}
    source: {section: back-pain}
"""




CARE = "Keep your neck long."


STEPS = ["Lie on your back.", "Let the floor take your weight."]
PRACTICE = "Five minutes, once a day."
HABIT = "Stand up every 30 to 60 minutes."
URL = "https://example.org/the-page/"


@pytest.fixture
def ruleset(rules_dir: Path, write_rules: Callable[[str, str], Path]) -> RuleSet:
    """The rules above, on a catalogue with a page address, one habit, and a constructive
    rest that has steps, a practice line and one care point."""
    catalog = rules_dir / "catalog.yaml"
    text = catalog.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if "id: constructive-rest" in x)
    steps = ", ".join(f"'{step}'" for step in STEPS)
    pose = line[:-1] + f", cautions: [{CARE}], steps: [{steps}], practice: '{PRACTICE}'}}"
    text = text.replace(line, pose).replace(
        "article_author: A Writer", f"article_author: A Writer, url: '{URL}'")
    text += (f"habits:\n  - {{id: stand-up, rules: [long-sitting], text: '{HABIT}',"
             " evidence: 'Test only.'}\n")
    catalog.write_text(text, encoding="utf-8")
    write_rules("rules.yaml", RULES)
    return load_rules(rules_dir)


def markdown(ruleset: RuleSet, raw: dict[str, Any]) -> str:
    parsed = parse_answers(raw)
    result = assess(parsed.answers, ruleset, parsed.errors)
    return to_markdown(parsed.answers, result, ruleset, TODAY)


def test_to_markdown__sitting_person__whole_document_exactly(ruleset: RuleSet) -> None:
    raw = {"attendee": "Sam", "sitting_hours": 9, "stretch_breaks": "rarely", "red_flags": "none"}
    md = markdown(ruleset, raw)
    headline, todo = STATUS_TEXT["caution"]
    unanswered = parse_answers(raw).answers.unanswered()
    assert md == "\n".join(
        [
            f"> **Not a diagnosis.** {NOTICE}",
            "",
            "# psoas-check summary",
            "",
            "Date: 2024-05-06",
            "Attendee: Sam",
            "",
            f"## {headline}",
            "",
            todo,
            "",
            "## Start here",
            "",
            PLAN_INTRO,
            "",
            f"1. **Every day:** {HABIT}",
            f"2. **Try Pose constructive-rest:** {PRACTICE} "
            "The steps are under “Pose constructive-rest” below.",
            "",
            f"**If it does not help:** {USUAL_TEXT}",
            "",
            "## Poses to try",
            "",
            "### Pose constructive-rest",
            "",
            "About constructive-rest.",
            "",
            "*Why:* Suggested because your answers show long days of sitting.",
            "",
            "- **Caution for you:** Put a cushion under your head.",
            "",
            "**How to do it:**",
            "",
            "1. Lie on your back.",
            "2. Let the floor take your weight.",
            "",
            f"**How long, how often (our suggestion):** {PRACTICE}",
            "",
            "**The article's own care points:**",
            "",
            f"- {CARE}",
            "",
            f"Read: [Read constructive-rest.]({URL})",
            "",
            "## Sections to read",
            "",
            "### Section back-pain",
            "",
            "About back-pain.",
            "",
            "*Why:* Suggested because your answers show long days of sitting.",
            "",
            f"Read: [Read back-pain.]({URL})",
            "",
            "## The rules behind these suggestions",
            "",
            "- **Long days of sitting**: when “Hours sitting on a typical day” "
            "is 6 hours or more and “Stretch breaks while sitting” is “rarely or never”. "
            "Your answers: Hours sitting on a typical day\\: 9 hours\\; "
            "Stretch breaks while sitting\\: rarely or never. "
            "Led to: Pose constructive-rest; Section back-pain. "
            "Source: the page's section “Section back-pain”.",
            "",
            EVALUATION_NOTE,
            "",
            "## Your answers",
            "",
            "| Question | Answer |",
            "| --- | --- |",
            "| Hours sitting on a typical day | 9 hours |",
            "| Stretch breaks while sitting | rarely or never |",
            "| Warning signs | none of these |",
            "",
            "Not answered: " + ", ".join(FIELDS[name].label for name in unanswered) + ".",
            "",
            "Source: The Page, by An Author; pose article by A Writer. "
            "Summaries are our own words.",
            f"The page: An Author, The Page, <{URL}>",
            "",
        ]
    )


def test_to_markdown__any_pose__steps_and_care_points_without_rule_ids(ruleset: RuleSet) -> None:
    md = markdown(ruleset, {"sitting_hours": 9, "stretch_breaks": "rarely", "red_flags": []})

    pose = md.split("### Pose constructive-rest")[1].split("###")[0]
    assert [f"{n}. {step}" in pose for n, step in enumerate(STEPS, 1)] == [True, True]
    assert f"- {CARE}" in pose
    assert "long-sitting" not in md  # the rule's id stays in the JSON


@pytest.mark.parametrize(("pain", "firm"), [
    ({}, False),
    ({"pain_duration": "6_to_12_weeks", "pain_bother": 6}, False),
    ({"pain_duration": "over_3_months"}, True),
    ({"pain_bother": 7}, True),
])
def test_to_markdown__shipped_pain_rules__firm_advice_for_long_or_bothersome_pain(
    pain: dict[str, Any], firm: bool,
) -> None:
    shipped = load_rules(DEFAULT_RULES_DIR)
    raw = {"sitting_hours": 9, "stretch_breaks": "rarely", "red_flags": "none", **pain}
    md = markdown(shipped, raw)

    advice = f"**If it does not help:** {FIRM_TEXT if firm else USUAL_TEXT}"
    assert advice in md
    assert md.count("**If it does not help:**") == 1


def test_to_markdown__see_clinician__no_start_here_plan(ruleset: RuleSet) -> None:
    md = markdown(ruleset, {"sitting_hours": 9, "stretch_breaks": "rarely",
                            "red_flags": "not_improving"})
    assert "## Start here" not in md


def test_to_markdown__any_answers__opens_with_the_notice(ruleset: RuleSet) -> None:
    for raw in ({}, {"red_flags": "bladder_bowel"}, {"sitting_hours": "lots"}):
        assert markdown(ruleset, raw).startswith(f"> **Not a diagnosis.** {NOTICE}\n\n")


@pytest.mark.parametrize(("pounds", "load"), [(20, "60"), (12.5, "37.5")])
def test_to_markdown__belly_weight__page_claim_with_computed_figure(
    ruleset: RuleSet, pounds: float, load: str
) -> None:
    md = markdown(ruleset, {"abdominal_excess_lb": pounds})
    assert (
        f"{PAGE_LOAD_CLAIM} For your estimate of {pounds:g} lb that would be about {load} lb "
        "by the page's rule of thumb.\n" in md
    )
    assert "*Why:* Suggested because your answers show weight around the belly." in md


@pytest.mark.parametrize("raw", [{"sitting_hours": 9}, {"abdominal_excess_lb": 0},
                                 {"abdominal_excess_lb": 9.5}])
def test_to_markdown__no_or_small_belly_weight__no_page_claim(
    ruleset: RuleSet, raw: dict[str, Any]
) -> None:
    md = markdown(ruleset, raw)
    assert (PAGE_LOAD_CLAIM in md, "about 0 lb" in md, LARGE_LOAD_CLAIM in md) == (
        False, False, False)


def test_to_markdown__belly_weight_at_the_top_of_the_range__not_multiplied_out(
    ruleset: RuleSet,
) -> None:
    md = markdown(ruleset, {"abdominal_excess_lb": 300})
    assert (f"\n{LARGE_LOAD_CLAIM}\n" in md, "would be about 900" in md, PAGE_LOAD_CLAIM in md
            ) == (True, False, False)


def test_to_markdown__urgent_flag__one_instruction_each_sign_with_its_advice(
    ruleset: RuleSet,
) -> None:
    md = markdown(
        ruleset,
        {"red_flags": "saddle_numbness;pregnancy;fever_unwell", "sitting_hours": 9,
         "stretch_breaks": "rarely", "abdominal_excess_lb": 40},
    )
    headline, todo = STATUS_TEXT["urgent"]
    advice = ruleset.signs["saddle_numbness"].advice.strip()
    assert (
        f"## {headline}\n\n{todo}\n\n{FLAGS_INTRO['urgent']}\n\n"
        f"- **Numbness or tingling around the genitals, buttocks or inner thighs**: {advice}\n\n"
        "When you get there, also mention: Fever, or feeling very unwell, along with the back "
        "pain; Pregnant, or gave birth in the last few months.\n\n## Your answers\n" in md
    )
    # nothing else: no reading list, no rules, no weight arithmetic, no evaluation note
    for absent in ("## Sections to read", "## Poses to try", "Caution for you", "## Why",
                   PAGE_LOAD_CLAIM, EVALUATION_NOTE, "120 lb"):
        assert absent not in md


def test_to_markdown__see_clinician__how_soon_from_the_most_pressing_sign(
    ruleset: RuleSet,
) -> None:
    md = markdown(ruleset, {"red_flags": "not_improving; fever_unwell"})
    fever, slow = ruleset.signs["fever_unwell"], ruleset.signs["not_improving"]
    assert (fever.timing, slow.timing) == ("same_day", "before_practice")
    assert f"## {STATUS_TEXT['see_clinician'][0]}\n\n{TIMING_TEXT['same_day']}\n\n" in md
    assert md.index(fever.advice.strip()) < md.index(slow.advice.strip())


def test_to_markdown__pregnancy_alone__gentle_words_no_weight_arithmetic(
    ruleset: RuleSet,
) -> None:
    md = markdown(ruleset, {"red_flags": "pregnancy", "abdominal_excess_lb": 30,
                            "sitting_hours": 9, "stretch_breaks": "rarely"})
    headline, todo = PREGNANCY_TEXT
    assert f"## {headline}\n\n{todo}\n\n{FLAGS_INTRO['pregnancy']}\n\n" in md
    assert ("Warning sign" in md.split("## Your answers")[0], PAGE_LOAD_CLAIM in md) == (
        False, False)
    assert "## Sections to read" in md
    assert "## Poses to try" not in md


def test_to_markdown__warning_signs_unanswered__incomplete_reading_but_no_pose(
    ruleset: RuleSet,
) -> None:
    md = markdown(ruleset, {"sitting_hours": 9, "stretch_breaks": "rarely"})
    headline, todo = STATUS_TEXT["incomplete"]
    assert f"## {headline}\n\n{todo}\n\n## Start here\n" in md
    plan = md.split("## Start here")[1].split("## Sections to read\n")[0]
    assert (HABIT in plan, "**Try" in plan) == (True, False)  # the habit, but no pose yet
    assert ("## Poses to try" in md, "Caution for you" in md, CARE in md) == (False, False, False)


def test_to_markdown__invalid_and_warning_signs_unanswered__says_poses_come_after_them(
    ruleset: RuleSet,
) -> None:
    md = markdown(ruleset, {"sitting_hours": "lots"})
    assert f"## {STATUS_TEXT['invalid'][0]}" in md
    assert f"\n{STATUS_TEXT['incomplete'][1]}\n" in md


def test_to_markdown__unreadable_values__errors_listed_and_escaped(ruleset: RuleSet) -> None:
    md = markdown(ruleset, {"sitting_hours": "<b>lots</b>", "exercise_days": 12})
    assert f"## {STATUS_TEXT['invalid'][0]}" in md
    assert "## Answers that could not be read\n\n" in md
    assert "- exercise\\_days\\: 12 is outside the allowed range 0 to 7" in md
    assert "<b>" not in md


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("[x](http://evil)", "Attendee: \\[x\\]\\(http\\:\u2060\\/\\/evil\\)"),
        ("<b>bold</b>", "Attendee: \\<b\\>bold\\<\\/b\\>"),
        ("*star* _under_ `code` | pipe", "Attendee: \\*star\\* \\_under\\_ \\`code\\` \\| pipe"),
        ("see www.evil.example", "Attendee: see www\u2060\\.evil\\.example"),
        ("~~gone~~ $x^2$ &amp; a@b.example", "Attendee: \\~\\~gone\\~\\~ \\$x\\^2\\$ "
         "\\&amp\\; a\\@\u2060b\\.example"),
    ],
)
def test_to_markdown__attendee_markup__escaped_not_rendered(
    ruleset: RuleSet, name: str, shown: str
) -> None:
    md = markdown(ruleset, {"attendee": name})
    assert f"\n{shown}\n" in md
    assert "[x](" not in md
    assert "<b>" not in md


def test_summary_content__caution__what_both_renderers_say(ruleset: RuleSet) -> None:
    parsed = parse_answers({"sitting_hours": 9, "stretch_breaks": "rarely", "red_flags": []})
    result = assess(parsed.answers, ruleset)
    doc = summary_content(parsed.answers, result, ruleset, TODAY)
    assert (doc.status, doc.headline, doc.date, doc.attendee) == (
        "caution",
        STATUS_TEXT["caution"][0],
        TODAY,
        None,
    )
    assert [item.id for item in doc.of_kind("section")] == ["back-pain"]
    assert doc.of_kind("pose") == [
        Item(
            kind="pose",
            id="constructive-rest",
            title="Pose constructive-rest",
            summary="About constructive-rest.",
            reasons=result.suggestions[1].reasons,
            cautions=["Put a cushion under your head."],
            care_points=[CARE],
            read="Read constructive-rest.",
            why="Suggested because your answers show long days of sitting.",
            steps=STEPS,
            practice=PRACTICE,
        )
    ]
    assert doc.why == [
        Why(
            title="Long days of sitting",
            rule="long-sitting",
            because=result.fired[0].because,
            given="Hours sitting on a typical day: 9 hours; "
            "Stretch breaks while sitting: rarely or never",
            source="Section back-pain",
            items=["Pose constructive-rest", "Section back-pain"],
        )
    ]
    assert doc.answers == [
        ("Hours sitting on a typical day", "9 hours"),
        ("Stretch breaks while sitting", "rarely or never"),
        ("Warning signs", "none of these"),
    ]
    assert (doc.signs, doc.flags_intro, doc.also_tell, doc.flags_note) == ([], None, None, None)
    assert (doc.load_claim, doc.errors, doc.tone) == (None, [], "caution")


def test_to_markdown__error_with_line_breaks_and_control_codes__one_inert_line(
    ruleset: RuleSet,
) -> None:
    answers = parse_answers({}).answers
    result = assess(answers, ruleset, [AnswerError("x", "a\x07b\n# Heading")])

    lines = to_markdown(answers, result, ruleset, TODAY).splitlines()

    assert "- x\\: a b \\# Heading" in lines
    assert not any(line.startswith("# Heading") for line in lines)


def test_to_markdown__bothersome_pain_alone__start_here_is_the_firm_advice() -> None:
    shipped = load_rules(DEFAULT_RULES_DIR)
    md = markdown(shipped, {"pain_bother": 8, "red_flags": "none"})
    calm = markdown(shipped, {"pain_bother": 3, "red_flags": "none"})

    assert f"## Start here\n\n**If it does not help:** {FIRM_TEXT}\n" in md
    assert PLAN_INTRO not in md
    assert "## Start here" not in calm  # nothing to do this week and nothing firm to say
