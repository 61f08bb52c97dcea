"""The bad-input corpus through the app: the same files, the message a person sees.

Rosters go to the instructors' page, answers files to the self-check's "Continue from a
saved summary"; the expected outcomes come from the one table in ``test_bad_inputs``, so
the command line and the app cannot drift apart. The app words a few cases its own way
(:data:`APP_MESSAGES`); everything else is the command line's line, escaped.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from test_bad_inputs import EXPECTED, Expect, place
from ui_helpers import TIMEOUT_S, open_loader

from psoas_check.assess import STATUSES
from psoas_check.messages import STATUS_TEXT
from psoas_check.ui.roster_state import STATUS_LABELS
from psoas_check.ui.safe import plain

#: Where the app says it differently from the command line, and why.
APP_MESSAGES: dict[str, str] = {}
#: Where the app's tally differs from the command line's, and why.
APP_TALLY = {
    # The column view matches a near header to its field itself, and shows that it did.
    "near_headers.csv": "screened 1 row (1 urgent, 0 see_clinician, 0 invalid, 0 incomplete, "
                        "0 caution, 0 ok); skipped 0 blank rows",
}
MIME = {".csv": "text/csv", ".json": "application/json", ".xlsx": "application/octet-stream"}


def _cases(command: str, code: int) -> list[str]:
    return [n for n, e in EXPECTED.items() if e.command == command and e.code == code]


def _app(module: str) -> AppTest:
    script = f"from psoas_check.ui.{module} import render\n\nrender()\n"
    return AppTest.from_string(script, default_timeout=TIMEOUT_S).run()


def _upload(at: AppTest, path: Path) -> None:
    if not at.file_uploader:  # the self-check draws its uploader once the loader is opened
        open_loader(at)
    at.file_uploader[0].set_value([(path.name, path.read_bytes(), MIME[path.suffix])]).run()


def _statuses(expect: Expect) -> Counter[str]:
    assert expect.stdout is not None
    return Counter(row["status"] for row in csv.DictReader(io.StringIO(expect.stdout)))


@pytest.mark.parametrize("name", _cases("screen", 0))
def test_roster_page__bad_cells__every_row_screened_with_the_cli_counts(
    name: str, tmp_path: Path
) -> None:
    at = _app("roster_page")
    _upload(at, place(name, tmp_path))
    at.button(key="roster_screen").click().run()

    assert not at.exception
    counts = _statuses(EXPECTED[name])
    assert {m.label: m.value for m in at.metric} == {
        STATUS_LABELS[s]: f"{counts[s]:,}" for s in STATUSES
    }
    # The same tally line as the command line: sheets read and skipped, near headers.
    line = APP_TALLY.get(name, EXPECTED[name].stderr[0])
    assert plain(line) in [c.value for c in at.caption]


#: Where each kind of file is uploaded, and how that page opens its one-line error.
UNUSABLE = [
    *[("roster_page", "Could not read a file.", n) for n in _cases("screen", 2)],
    *[("self_check", "Could not load that file.", n) for n in _cases("assess", 2)],
]


@pytest.mark.parametrize(("page", "opening", "name"), UNUSABLE)
def test_page__unusable_file__the_cli_line_escaped_and_no_exception(
    page: str, opening: str, name: str, tmp_path: Path
) -> None:
    at = _app(page)
    _upload(at, place(name, tmp_path))

    assert not at.exception
    message = EXPECTED[name].message or ""
    assert [e.value for e in at.error] == [APP_MESSAGES.get(name, f"{opening} {plain(message)}")]


@pytest.mark.parametrize("name", _cases("assess", 0))
def test_self_check__summary_with_bad_values__restored_with_the_cli_status(
    name: str, tmp_path: Path
) -> None:
    at = _app("self_check")
    _upload(at, place(name, tmp_path))

    assert not at.exception
    status = EXPECTED[name].status or ""
    headline = STATUS_TEXT[status][0]
    banners = [*at.error, *at.warning, *at.info, *at.success]
    assert any(headline in b.value for b in banners)


def test_roster_page__two_files_of_one_name__both_kept_and_screened() -> None:
    at = _app("roster_page")
    files = [("roster.csv", b"attendee,red_flags\nAnn,\n", "text/csv"),
             ("roster.csv", b"attendee,red_flags\nBea,leg_weakness\n", "text/csv")]
    at.file_uploader[0].set_value(files).run()
    loaded = [s.value for s in at.success]
    at.button(key="roster_screen").click().run()

    assert not at.exception
    assert loaded == ["Loaded 2 files with 2 rows in all."]
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics[STATUS_LABELS["urgent"]], metrics[STATUS_LABELS["incomplete"]]) == ("1", "1")


def _two_day_book() -> bytes:
    """Monday's sheet names every column; Tuesday's signs sit under a header no field knows."""
    from openpyxl import Workbook

    book = Workbook()
    monday = book.active
    assert monday is not None
    monday.title = "Monday"
    monday.append(["attendee", "red_flags"])
    monday.append(["Ann", "none"])
    tuesday = book.create_sheet("Tuesday")
    tuesday.append(["attendee", "Signs today"])
    tuesday.append(["Bea", "chest_pain"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_roster_page__later_worksheet_unknown_header__offered_for_mapping_and_screened() -> None:
    at = _app("roster_page")
    at.file_uploader[0].set_value([("days.xlsx", _two_day_book(), MIME[".xlsx"])]).run()
    chooser = next(s for s in at.selectbox if s.label == "Signs today")
    chooser.set_value("red_flags").run()
    at.button(key="roster_screen").click().run()

    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics[STATUS_LABELS["urgent"]], metrics[STATUS_LABELS["ok"]]) == ("1", "1")
