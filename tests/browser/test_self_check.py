"""The self-check in Chromium: fill the form, read the results, download, load back in.

One filled-in results page is shared (module scope) by the read-only tests below, so the
questionnaire is answered once; the red-flag and restore paths each get a fresh page.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pypdf import PdfReader

from psoas_check.answers import FIELDS, Answers, parse_value
from psoas_check.assess import Assessment, assess
from psoas_check.messages import NOTICE, STATUS_TEXT
from psoas_check.plan import START_HERE
from psoas_check.report import KIND_HEADINGS, SCHEMA, WHY_HEADING, to_json
from psoas_check.rules import default_rules
from psoas_check.ui.form import STEP_TITLES
from psoas_check.ui.results import ANSWER_SIGNS
from psoas_check.ui.self_check import BLOCKED_TEXT
from psoas_check.ui.warning_step import NONE_APPLY

from .app_flow import (
    banner,
    banner_text,
    card_titles,
    download,
    main,
    number_box,
    open_app,
    pick,
    press,
    radio_group,
    scroll_to_top,
    subheadings,
    tick,
    type_number,
    upload_summary,
)
from .harness import isolated_page, wait_for_app

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = REPO_ROOT / "docs" / "screenshot-results.png"

#: What the person enters below; knee and arms questions are left unanswered.
ENTERED = Answers(
    sitting_hours=9.5,
    stretch_breaks="rarely",
    exercise_days=1,
    stress_level=8,
    money_stress=True,
    abdominal_excess_lb=parse_value("abdominal_excess_kg", 10),
    back_fatigue=True,
    pain_areas=frozenset({"low_back", "hip_front"}),
    pain_duration="over_3_months",
    pain_bother=7,
    pain_lying_on_back=True,
    balance_difficulty=True,
    red_flags=frozenset(),
)
EXPECTED: Assessment = assess(ENTERED)
#: Lines the review step shows for ENTERED, in the person's own units.
REVIEWED = (
    "Warning signs: none of these",
    "Hours sitting on a typical day: 9.5 hours",
    "Extra weight around the belly: 10 kg",
    "How long the pain has lasted: more than 3 months",
    "How much the pain bothers you (0 to 10): 7",
)


@dataclass(frozen=True)
class Filled:
    page: Page
    json_path: Path
    pdf_path: Path


def fill_questionnaire(page: Page) -> None:
    """Answer ENTERED through the form, by mouse and keyboard, step by step."""
    labels = FIELDS
    # Warning signs first: none apply.
    tick(page, NONE_APPLY)
    press(page, "Next")
    # Daily habits: two numbers typed, a radio clicked.
    type_number(page, number_box(page, "sitting_hours"), "9.5")
    assert number_box(page, "sitting_hours").input_value() == "9.5"  # as typed, not "9.50"
    pick(page, "stretch_breaks", labels["stretch_breaks"].options["rarely"])
    type_number(page, number_box(page, "exercise_days"), "1")
    press(page, "Next")
    # Stress: a number typed, then Tab to the yes/no group and choose "Yes" by arrow key.
    type_number(page, number_box(page, "stress_level"), "8")
    pick(page, "money_stress", "Yes")
    press(page, "Next")
    # Your body: switch the unit to kilograms, type 10 kg.
    pick_unit = page.get_by_role("radiogroup", name="Unit for the weight", exact=True)
    pick_unit.get_by_text("Kilograms (kg)", exact=True).click()
    wait_for_app(page)
    type_number(page, number_box(page, "abdominal_excess_lb", "kg"), "10")
    pick(page, "back_fatigue", "Yes")
    press(page, "Next")
    # Your pain: a set of checkboxes, how long (a radio) and how much it bothers (a number).
    tick(page, labels["pain_areas"].options["low_back"])
    tick(page, labels["pain_areas"].options["hip_front"])
    pick(page, "pain_duration", labels["pain_duration"].options["over_3_months"])
    type_number(page, number_box(page, "pain_bother"), "7")
    press(page, "Next")
    # Moving and resting: two of four yes/no questions, then the review, then the results.
    pick(page, "pain_lying_on_back", "Yes")
    pick(page, "balance_difficulty", "Yes")
    press(page, "Next")
    review = main(page).inner_text()
    assert [line for line in REVIEWED if line not in review] == []
    press(page, "See my results")


@pytest.fixture(scope="module")
def filled(
    browser: Browser, app_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Filled]:
    """One page with ENTERED answered and its results on show, plus its JSON and PDF."""
    folder = tmp_path_factory.mktemp("downloads")
    with isolated_page(browser) as page:
        open_app(page, app_url)
        fill_questionnaire(page)
        json_path = download(page, "JSON (to load again later)", folder)
        pdf_path = download(page, "PDF", folder)
        yield Filled(page, json_path, pdf_path)


def expected_titles() -> list[str]:
    """The cards' titles: the poses first (what a person practises), then the reading."""
    return [s.title for s in sorted(EXPECTED.suggestions, key=lambda s: s.kind != "pose")]


def test_results__form_filled__banner_and_titles_follow_assess(filled: Filled) -> None:
    page = filled.page
    headline, todo = STATUS_TEXT[EXPECTED.status]

    assert EXPECTED.status == "caution"  # the answers above are chosen to show cautions
    assert banner_text(page) == [headline, "", todo]
    assert subheadings(page) == ["Your results", START_HERE, *KIND_HEADINGS.values()]
    assert card_titles(page) == expected_titles()
    assert main(page).get_by_test_id("stException").count() == 0


def test_results__why_opened__names_the_rule_and_the_answers(filled: Filled) -> None:
    page = filled.page
    first = next(s for s in EXPECTED.suggestions if s.kind == "pose")  # the first card
    rule = next(f for f in EXPECTED.fired if f.rule == first.reasons[0].rule)
    # The innermost block holding the card's title: the bordered card itself.
    card = (
        main(page)
        .get_by_test_id("stVerticalBlock")
        .filter(has=page.locator("h4", has_text=first.title))
    )
    why = card.last.get_by_test_id("stExpander").filter(
        has=page.locator("summary", has_text="Why?")
    )
    # Each rule is explained once, in one expander after the cards.
    rules = main(page).get_by_test_id("stExpander").filter(
        has=page.locator("summary", has_text=WHY_HEADING)
    )

    why.locator("summary").click()
    rules.locator("summary").click()
    try:
        text = why.get_by_test_id("stExpanderDetails").inner_text()
        assert f"{first.reasons[0].text} (rule {rule.rule})" in " ".join(text.split())
        explained = rules.get_by_test_id("stExpanderDetails").inner_text()
        assert f"{rule.title} (rule {rule.rule})" in explained
        assert f"Because {rule.because}." in explained
        assert all(g.label in explained for g in rule.answers)
    finally:  # leave the shared page as it was
        why.locator("summary").click()
        rules.locator("summary").click()


def test_download__json__schema_notice_first_and_answers_as_entered(filled: Filled) -> None:
    document = json.loads(filled.json_path.read_text(encoding="utf-8"))
    expected = json.loads(to_json(ENTERED, EXPECTED))

    assert filled.json_path.name.startswith("psoas-check-summary-")
    assert list(document) == ["notice", "schema", "answers", "assessment"]
    assert document["notice"] == NOTICE
    assert document["schema"] == SCHEMA == "psoas-check/answers@1"
    assert document["answers"] == expected["answers"]
    assert document["assessment"] == expected["assessment"]


def test_download__pdf__notice_and_headline_on_page_one(filled: Filled) -> None:
    reader = PdfReader(io.BytesIO(filled.pdf_path.read_bytes()))
    first_page = " ".join(reader.pages[0].extract_text().split())

    assert filled.pdf_path.suffix == ".pdf"
    assert " ".join(NOTICE.split()) in first_page
    assert STATUS_TEXT[EXPECTED.status][0] in first_page


def test_restore__downloaded_json_uploaded__same_results(
    filled: Filled, page: Page, app_url: str
) -> None:
    open_app(page, app_url)

    upload_summary(page, filled.json_path)

    loaded = main(page).get_by_test_id("stAlert").filter(has_text="Loaded 13 answers from")
    assert loaded.count() == 1
    assert banner_text(page) == banner_text(filled.page)
    assert card_titles(page) == expected_titles()


def test_self_check__results_pressed_on_first_step__incomplete_and_no_pose(
    page: Page, app_url: str
) -> None:
    open_app(page, app_url)
    assert main(page).get_by_role("heading", name=STEP_TITLES["warning"]).count() == 1

    press(page, "See my results")

    headline, todo = STATUS_TEXT["incomplete"]
    assert banner_text(page) == [headline, "", todo]
    assert KIND_HEADINGS["pose"] not in subheadings(page)
    assert card_titles(page) == []
    for pose in default_rules().catalog.poses:
        assert main(page).get_by_text(pose.title, exact=True).count() == 0
    assert main(page).get_by_test_id("stException").count() == 0

    press(page, ANSWER_SIGNS)

    assert subheadings(page)[0] == STEP_TITLES["warning"]
    assert main(page).get_by_role("checkbox", name=NONE_APPLY, exact=True).count() == 1


def test_self_check__urgent_warning_sign__urgent_banner_and_no_poses(
    page: Page, app_url: str
) -> None:
    open_app(page, app_url)
    tick(page, FIELDS["red_flags"].options["bladder_bowel"])
    press(page, "Next")
    type_number(page, number_box(page, "sitting_hours"), "9")

    press(page, "See my results")

    headline, todo = STATUS_TEXT["urgent"]
    assert banner_text(page) == [headline, "", todo]
    assert banner(page).get_by_test_id("stAlertContentError").count() == 1
    assert subheadings(page) == ["Your results"]  # no reading list, no poses
    assert FIELDS["red_flags"].options["bladder_bowel"] in main(page).inner_text()


def test_self_check__thirty_hours_typed__reason_shown_and_next_refused(
    page: Page, app_url: str
) -> None:
    open_app(page, app_url)
    press(page, "Next")
    type_number(page, number_box(page, "sitting_hours"), "30")

    reason = "30 is outside the allowed range 0 to 24 hours"
    alert = main(page).get_by_test_id("stAlert").filter(has_text=reason)
    assert alert.count() == 1
    assert alert.is_visible()  # text on the page, not a tooltip
    press(page, "Next")

    assert subheadings(page)[0] == STEP_TITLES["habits"]
    assert main(page).get_by_text(BLOCKED_TEXT).is_visible()
    assert number_box(page, "sitting_hours").input_value() == "30"  # as typed, not "30.00"


def test_screenshot__results_at_1280__saved_for_the_readme(filled: Filled) -> None:
    page = filled.page
    page.set_viewport_size({"width": 1280, "height": 1300})
    wait_for_app(page)
    # The results' heading at the top, so the banner follows it with "Start here", the
    # downloads and the first pose below (the intro and notice are above, out of view).
    scroll_to_top(page, main(page).locator("h2", has_text="Your results"))

    page.screenshot(path=SCREENSHOT)

    assert radio_group(page, "stretch_breaks").count() == 0  # the results, not the form
    assert SCREENSHOT.stat().st_size > 0
