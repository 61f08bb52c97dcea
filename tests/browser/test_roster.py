"""The instructors' roster page in Chromium: upload a roster, screen it, download the report."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from psoas_check.export import to_csv
from psoas_check.roster import screen_files

if TYPE_CHECKING:
    from playwright.sync_api import Page

REPO_ROOT = Path(__file__).resolve().parents[2]
ROSTER = REPO_ROOT / "tests" / "data" / "roster" / "formula_names.csv"


def test_roster__formula_names_uploaded__csv_report_matches_screen_and_is_formula_safe(
    page: Page, app_url: str, wait_for_app: Callable[..., None], tmp_path: Path
) -> None:
    page.goto(f"{app_url}/roster")
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    main.get_by_test_id("stFileUploader").first.locator("input[type=file]").set_input_files(ROSTER)
    wait_for_app(page)
    main.get_by_role("button", name="Screen roster", exact=True).click()
    wait_for_app(page)

    with page.expect_download() as info:
        main.get_by_role("button", name="Roster report (CSV)", exact=True).click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)

    expected = to_csv(screen_files([ROSTER]).records)
    data = saved.read_bytes()
    assert saved.name.startswith("psoas-check-roster-")
    assert saved.suffix == ".csv"
    assert data == expected.encode("utf-8-sig")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "row,attendee,status,sections,poses,cautions,rules,errors,care_points"
    # The file has no warning-sign column: every row is incomplete, and the page says so.
    rows = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    assert {row["status"] for row in rows} == {"incomplete"}
    assert main.get_by_test_id("stAlert").filter(has_text="No warning-sign column").count() == 1
    attendees = [line.split(",")[1] for line in lines[2:]]
    assert attendees == ["'+44 7700 900123", "'-minus", "'@handle", "Tabbed", "plain name"]
    assert lines[1].startswith('1,"\'=HYPERLINK(')
    assert page.get_by_test_id("stException").count() == 0
