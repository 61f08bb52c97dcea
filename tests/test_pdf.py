"""The PDF summary, built as a plain function and read back with pypdf."""

from __future__ import annotations

import io
import shutil
import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from psoas_check.answers import Answers, parse_answers
from psoas_check.assess import Assessment, assess
from psoas_check.follow_up import USUAL_TEXT
from psoas_check.messages import (
    EVALUATION_NOTE,
    FLAGS_INTRO,
    NOTICE,
    PAGE_LOAD_CLAIM,
    STATUS_TEXT,
    TIMING_TEXT,
)
from psoas_check.pdf import pdf_text, to_pdf
from psoas_check.plan import PLAN_INTRO
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
        - {id: constructive-rest, reason: "It lets the front of the hips soften after sitting."}
    source: {section: back-pain}
  - id: belly-weight
    title: Weight around the belly
    factor: Body
    when: {field: abdominal_excess_lb, op: ">=", value: 10}
    suggest:
      sections:
        - {id: back-pain, reason: "The page ties belly weight to load on the low back."}
    source: {section: back-pain}
  - id: pain-hip-front
    title: Pain at the front of the hip
    factor: Pain
    when: {field: pain_areas, op: contains, value: hip_front}
    suggest:
      sections:
        - {id: iliacus, reason: "The iliacus runs past the front of the hip."}
      poses:
        - {id: pigeon-lunge, reason: "The article's main psoas stretch."}
    cautions:
      - {pose: pigeon-lunge, text: "Your hip front hurts now: stretch only to a mild feeling."}
    source: {section: iliacus}
"""
TYPICAL = {
    "sitting_hours": 9,
    "stretch_breaks": "rarely",
    "abdominal_excess_lb": 20,
    "exercise_days": 1,
    "pain_areas": "low_back;hip_front",
    "back_fatigue": "yes",
    "red_flags": "none",
}


@pytest.fixture(scope="module")
def ruleset(tmp_path_factory: pytest.TempPathFactory) -> RuleSet:
    """The shipped catalogue (for realistic lengths) with a small rules file of our own."""
    folder = tmp_path_factory.mktemp("rules")
    shutil.copy(DEFAULT_RULES_DIR / "catalog.yaml", folder / "catalog.yaml")
    (folder / "rules.yaml").write_text(textwrap.dedent(RULES).lstrip(), encoding="utf-8")
    return load_rules(folder)


def build(ruleset: RuleSet, raw: dict[str, Any]) -> tuple[Answers, Assessment, bytes]:
    parsed = parse_answers(raw)
    result = assess(parsed.answers, ruleset, parsed.errors)
    return parsed.answers, result, to_pdf(parsed.answers, result, ruleset, TODAY)


def pages(data: bytes) -> list[str]:
    """Each page's text with whitespace (line wraps included) collapsed to single spaces."""
    reader = PdfReader(io.BytesIO(data))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def flat(text: str) -> str:
    return " ".join(pdf_text(text).split())


def test_to_pdf__typical_person__a_few_a4_pages(ruleset: RuleSet) -> None:
    _, _, data = build(ruleset, TYPICAL)
    reader = PdfReader(io.BytesIO(data))
    assert data.startswith(b"%PDF-")
    assert 1 <= len(reader.pages) <= 4  # two poses with their steps, the diagram, the rules
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_to_pdf__typical_person__notice_boxed_first_then_title_date(ruleset: RuleSet) -> None:
    _, _, data = build(ruleset, TYPICAL)
    first = pages(data)[0]
    assert first.startswith("Not a diagnosis. " + flat(NOTICE))
    assert first.index(flat(NOTICE)) < first.index("psoas-check summary")
    assert "Date: 2024-05-06" in first


def test_to_pdf__caution__headline_suggestions_reasons_and_cautions(ruleset: RuleSet) -> None:
    _, result, data = build(ruleset, TYPICAL)
    text = " ".join(pages(data))
    assert result.status == "caution"
    assert STATUS_TEXT["caution"][0] in text
    assert result.sections == ["back-pain", "iliacus"]
    assert result.poses == ["constructive-rest", "pigeon-lunge"]
    for item in result.sections + result.poses:
        assert flat(ruleset.catalog.entry(item).title) in text
    assert "Why: Suggested because your answers show long days of sitting." in text
    assert "Why: Suggested because your answers show pain at the front of the hip." in text
    assert "Caution for you: Your hip front hurts now: stretch only to a mild feeling." in text
    assert "Sections to read" in text
    assert "Poses to try" in text
    assert text.index("Poses to try") < text.index("Sections to read")  # practice first


def test_to_pdf__suggested_poses__steps_practice_and_care_points_in_order(
    ruleset: RuleSet,
) -> None:
    _, result, data = build(ruleset, TYPICAL)
    text = " ".join(pages(data))
    for pose_id in result.poses:
        pose = next(p for p in ruleset.catalog.poses if p.id == pose_id)
        block = text.split(flat(pose.summary))[1]
        assert pose.steps
        assert pose.practice
        steps = [flat(f"{n}. {step}") for n, step in enumerate(pose.steps, 1)]
        where = [block.index(step) for step in steps]
        assert where == sorted(where)
        often = flat(f"How long, how often (our suggestion): {pose.practice}")
        assert block.index(often) > where[-1]


def test_to_pdf__start_here__habit_pose_and_when_to_see_someone(ruleset: RuleSet) -> None:
    _, _, data = build(ruleset, TYPICAL)
    first = pages(data)[0]
    rest = next(p for p in ruleset.catalog.poses if p.id == "constructive-rest")
    plan = first.split("Start here")[1]
    assert plan.lstrip().startswith(flat(PLAN_INTRO))  # the schedule is ours, and says so
    assert plan.index(flat(f"Try {rest.title}: {rest.practice}")) < plan.index(
        flat(f"If it does not help: {USUAL_TEXT}"))
    assert first.index("Start here") < first.index("Poses to try")


def test_to_pdf__any_result__whole_notice_on_every_page(ruleset: RuleSet) -> None:
    for raw in (TYPICAL, {**TYPICAL, "red_flags": "saddle_numbness"}, {}):
        found = pages(build(ruleset, raw)[2])
        for number, page in enumerate(found, 1):
            assert flat(NOTICE) in page.split("Date:")[-1]  # the footer, not only the box
            assert f"page {number} of {len(found)}" in page


def test_to_pdf__rule_ids__left_out(ruleset: RuleSet) -> None:
    _, result, data = build(ruleset, TYPICAL)
    text = " ".join(pages(data))
    assert result.rules
    for rule in result.rules:
        assert rule not in text
    assert "The rules behind these suggestions \u2022 Long days of sitting: when" in text


def test_to_pdf__source_page__named_and_linked(ruleset: RuleSet) -> None:
    _, _, data = build(ruleset, TYPICAL)
    reader = PdfReader(io.BytesIO(data))
    url = ruleset.catalog.page.url
    assert url == "https://www.yoganatomy.com/psoas-muscle-resources/"
    assert f"The page: David Keil, Psoas Muscle Resources, {url}" in " ".join(pages(data))
    links = [
        annot.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annot in page.get("/Annots", [])
        if "/A" in annot.get_object()
    ]
    assert len(links) >= 5  # every "Read:" line (four items here) and the page line
    assert set(links) == {url}


def test_to_pdf__pain_marked__diagram_drawn_with_its_labels(ruleset: RuleSet) -> None:
    _, _, data = build(ruleset, TYPICAL)
    text = " ".join(pages(data))
    assert "Where the psoas and iliacus run" in text
    for label in ("psoas major (T12 to L4)", "iliacus (iliac fossa)", "lesser trochanter"):
        assert label in text  # drawn from the app's own SVG, as vector shapes and text
    assert "Areas you marked: low back; front of the hip" in text


def test_to_pdf__20_lb_around_belly__page_claim_with_60_lb(ruleset: RuleSet) -> None:
    _, _, data = build(ruleset, TYPICAL)
    text = " ".join(pages(data))
    assert flat(PAGE_LOAD_CLAIM) in text
    assert "For your estimate of 20 lb that would be about 60 lb" in text


def test_to_pdf__no_belly_weight__no_page_claim(ruleset: RuleSet) -> None:
    _, _, data = build(ruleset, {"sitting_hours": 9, "stretch_breaks": "rarely"})
    assert flat(PAGE_LOAD_CLAIM) not in " ".join(pages(data))


def test_to_pdf__ok__headline_and_evaluation_note_source_and_answers(ruleset: RuleSet) -> None:
    _, result, data = build(
        ruleset, {"sitting_hours": 9, "stretch_breaks": "rarely", "red_flags": "none"}
    )
    text = " ".join(pages(data))
    assert result.status == "ok"
    assert STATUS_TEXT["ok"][0] in text
    assert flat(EVALUATION_NOTE) in text
    assert "Your answers Question Answer Question Answer" in text
    assert "Hours sitting on a typical day 9 hours" in text
    assert "Source: Psoas Muscle Resources, by David Keil; pose article by Liz Koch." in text
    assert "Not answered: Days a week with 30+ minutes of exercise," in text


def test_to_pdf__urgent__one_instruction_each_urgent_sign_with_its_advice(
    ruleset: RuleSet,
) -> None:
    _, result, data = build(ruleset, {**TYPICAL, "red_flags": "saddle_numbness;pregnancy"})
    text = " ".join(pages(data))
    headline, todo = STATUS_TEXT["urgent"]
    assert result.status == "urgent"
    assert headline + " " + flat(todo) in text
    assert flat(FLAGS_INTRO["urgent"]) in text
    assert flat(f"{result.red_flags[0].label}: {result.red_flags[0].advice}") in text
    assert "also mention: Pregnant, or gave birth in the last few months." in text
    for absent in ("Sections to read", "Poses to try", "Caution for you",
                   flat(PAGE_LOAD_CLAIM), flat(EVALUATION_NOTE)):
        assert absent not in text


def test_to_pdf__see_clinician__how_soon_and_each_sign_with_its_advice(ruleset: RuleSet) -> None:
    _, result, data = build(ruleset, {**TYPICAL, "red_flags": "night_pain"})
    text = " ".join(pages(data))
    flag = result.red_flags[0]
    assert result.status == "see_clinician"
    assert STATUS_TEXT["see_clinician"][0] + " " + flat(TIMING_TEXT[flag.timing]) in text
    assert flat(f"{flag.label}: {flag.advice}") in text
    assert result.poses == []
    assert "Poses to try" not in text
    assert "Caution for you" not in text
    assert flat(ruleset.catalog.entry("back-pain").title) in text


def test_to_pdf__suggested_pose__carries_the_article_care_points(ruleset: RuleSet) -> None:
    _, result, data = build(ruleset, TYPICAL)
    text = " ".join(pages(data))
    pigeon = next(p for p in ruleset.catalog.poses if p.id == "pigeon-lunge")
    assert "pigeon-lunge" in result.poses
    assert pigeon.cautions
    for point in pigeon.cautions:
        assert flat(f"The article's own care points: {point}") in text


def test_to_pdf__invalid__errors_listed(ruleset: RuleSet) -> None:
    _, result, data = build(ruleset, {"sitting_hours": "lots", "exercise_days": 12})
    text = " ".join(pages(data))
    assert result.status == "invalid"
    assert STATUS_TEXT["invalid"][0] in text
    assert "Answers that could not be read" in text
    for error in result.errors:
        assert flat(error) in text


def test_to_pdf__unreadable_red_flags__poses_withheld_note(ruleset: RuleSet) -> None:
    _, result, data = build(ruleset, {**TYPICAL, "red_flags": "oops"})
    text = " ".join(pages(data))
    assert result.poses_withheld
    assert "could not be fully read, so no poses are suggested" in text
    assert "Poses to try" not in text


def test_to_pdf__everything_blank__one_page_everything_unanswered(ruleset: RuleSet) -> None:
    _, result, data = build(ruleset, {})
    found = pages(data)
    assert len(found) == 1
    assert STATUS_TEXT["incomplete"][0] in found[0]
    assert "Sections to read" not in found[0]
    assert "Not answered: Hours sitting on a typical day," in found[0]
    assert "Warning signs." in found[0]
    assert len(result.unanswered) == 15


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("=cmd|' /C calc'!A0", "Attendee: =cmd|' /C calc'!A0"),
        ("Zoë Ünal", "Attendee: Zoë Ünal"),
        ("Ana 😀", "Attendee: Ana ?"),
        ("שלום Dana", "Attendee: ???? Dana"),
        ("山田 “Yam” — ő", "Attendee: ?? “Yam” — o"),
        ("🇳🇴 Kari", "Attendee: ?? Kari"),
    ],
)
def test_to_pdf__attendee_any_unicode__shown_or_replaced_never_raises(
    ruleset: RuleSet, name: str, shown: str
) -> None:
    _, _, data = build(ruleset, {**TYPICAL, "attendee": name})
    assert shown in pages(data)[0]


def test_to_pdf__same_inputs_and_day__byte_identical(ruleset: RuleSet) -> None:
    assert build(ruleset, TYPICAL)[2] == build(ruleset, TYPICAL)[2]


def test_to_pdf__creation_date__set_from_today(ruleset: RuleSet) -> None:
    _, _, data = build(ruleset, TYPICAL)
    info = PdfReader(io.BytesIO(data)).metadata
    assert info is not None
    assert info["/CreationDate"].startswith("D:20240506")
    assert info.title == "psoas-check summary"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain ASCII", "plain ASCII"),
        ("“quotes” – dash … € é", "“quotes” – dash … € é"),
        ("ő ł ﬁ ＝cmd", "o ? fi =cmd"),
        ("a\u202eb\u200dc\ufe0f", "abc"),
        ("tab\there\x00", "tab here?"),
        ("line\nbreak", "line\nbreak"),
        ("😀 日本 مرحبا", "? ?? ?????"),
    ],
)
def test_pdf_text__any_text__reduced_to_windows_1252(text: str, expected: str) -> None:
    assert pdf_text(text) == expected
    pdf_text(text).encode("windows-1252")


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    name=st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=100
    ).filter(lambda s: s.strip() and s.isprintable()),
    hours=st.one_of(st.none(), st.floats(0, 24)),
    flags=st.sets(st.sampled_from(["bladder_bowel", "night_pain", "pregnancy"])),
)
def test_to_pdf__arbitrary_attendee_and_values__builds_a_pdf(
    ruleset: RuleSet, name: str, hours: float | None, flags: set[str]
) -> None:
    answers = Answers(attendee=name, sitting_hours=hours, red_flags=frozenset(flags))
    result = assess(answers, ruleset)
    data = to_pdf(answers, result, ruleset, TODAY)
    assert pages(data)[0].startswith("Not a diagnosis.")


def test_to_pdf__cli_assess_format_pdf__writes_the_summary(
    ruleset: RuleSet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from psoas_check.cli import main

    # The shipped rules/ folder is edited independently; the CLI reads these instead.
    monkeypatch.setattr("psoas_check.rules.default_rules", lambda: ruleset)
    answers = tmp_path / "me.json"
    answers.write_text('{"attendee": "Sam", "sitting_hours": 3}', encoding="utf-8")
    out = tmp_path / "me.pdf"
    assert main(["assess", str(answers), "--format", "pdf", "--out", str(out)]) == 0
    first = pages(out.read_bytes())[0]
    assert first.startswith("Not a diagnosis.")
    assert "Attendee: Sam" in first


def test_to_pdf__unbroken_100_character_name__wrapped_inside_the_page(ruleset: RuleSet) -> None:
    _, _, data = build(ruleset, {**TYPICAL, "attendee": "W" * 100})
    page = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    name_lines = [line for line in page.splitlines() if set(line) == {"W"}]
    assert len(name_lines) == 2
    assert "".join(name_lines) == "W" * 100
