"""The instructors' roster page in Chromium: upload a roster, see it screened, download it."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from psoas_check.people_report import PEOPLE_COLUMNS, people_csv
from psoas_check.roster import screen_files

from .app_flow import scroll_to_top

if TYPE_CHECKING:
    from playwright.sync_api import Page

REPO_ROOT = Path(__file__).resolve().parents[2]
ROSTER = REPO_ROOT / "tests" / "data" / "roster" / "formula_names.csv"
SIGNUP = REPO_ROOT / "tests" / "data" / "roster" / "signup_form.csv"
SCREENSHOT = REPO_ROOT / "docs" / "screenshot-roster.png"
#: What the page matches in the sign-up export by itself.
SIGNUP_SUGGESTED = {
    "Your name": "attendee",
    "Roughly how many days a week do you exercise, for 30 minutes or more?": "exercise_days",
}


def _upload(page: Page, app_url: str, wait_for_app: Callable[..., None], path: Path) -> None:
    page.goto(f"{app_url}/roster")
    wait_for_app(page)
    uploader = page.get_by_test_id("stMain").get_by_test_id("stFileUploader").first
    uploader.locator("input[type=file]").set_input_files(path)
    wait_for_app(page)


def test_roster__formula_names_uploaded__people_report_downloads_formula_safe(
    page: Page, app_url: str, wait_for_app: Callable[..., None], tmp_path: Path
) -> None:
    _upload(page, app_url, wait_for_app, ROSTER)
    main = page.get_by_test_id("stMain")
    # Every column is named as a field: screened at once, no button pressed.
    assert main.get_by_text("Who may practise", exact=True).count() == 1

    with page.expect_download() as info:
        main.get_by_role("button", name="Roster report (CSV)", exact=True).click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)

    data = saved.read_bytes()
    assert saved.name.startswith("psoas-check-roster-")
    assert saved.suffix == ".csv"
    assert data == people_csv(screen_files([ROSTER])).encode("utf-8-sig")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith('"Not a diagnosis.')
    rows = list(csv.DictReader(io.StringIO("\n".join(lines[1:]))))
    assert list(rows[0]) == list(PEOPLE_COLUMNS)
    # The file has no warning-sign column: every row is incomplete, and the page says so.
    assert {row["Status"] for row in rows} == {"Incomplete: warning signs not answered"}
    assert main.get_by_test_id("stAlert").filter(has_text="No warning-sign column").count() == 1
    assert [row["Attendee"] for row in rows][1:] == [
        "'+44 7700 900123", "'-minus", "'@handle", "Tabbed", "plain name"]
    assert rows[0]["Attendee"].startswith("'=HYPERLINK(")
    assert page.get_by_test_id("stException").count() == 0


def test_roster__signup_at_1280__triage_columns_in_view_and_screenshot(
    page: Page, app_url: str, wait_for_app: Callable[..., None]
) -> None:
    page.set_viewport_size({"width": 1280, "height": 1300})
    _upload(page, app_url, wait_for_app, SIGNUP)
    main = page.get_by_test_id("stMain")
    result = screen_files([SIGNUP], SIGNUP_SUGGESTED)
    main.locator("h2", has_text="Who may practise").wait_for()

    counts = main.get_by_test_id("stMetricValue").all_inner_texts()
    assert counts == [str(result.tally.counts[s]) for s in result.tally.counts]
    table = main.get_by_test_id("stDataFrame").first
    box = table.bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= 1280  # who, status, why and what to change, no scrolling
    scroll_to_top(page, main.locator("h2", has_text="Who may practise"))
    page.screenshot(path=SCREENSHOT)

    assert SCREENSHOT.stat().st_size > 0
    assert page.get_by_test_id("stException").count() == 0
