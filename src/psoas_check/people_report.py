"""The teacher's roster report: CSV and Excel in plain words, most urgent first.

Built from :func:`psoas_check.people.person_rows`. Every text cell is formula-safe (see
:func:`psoas_check.export.safe_cell`). The CSV opens with the non-diagnostic notice; the
workbook's first sheet holds the notice and a legend of the statuses, its "Attendees"
sheet a frozen header, filters and a colour per status. The command line's ``screen``
output (contract ids, file order) is :func:`psoas_check.export.write_csv`, unchanged.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from .assess import STATUSES
from .export import safe_cell
from .messages import NOTICE
from .people import STATUS_COLOURS, STATUS_MEANINGS, STATUS_WORDS, PersonRow, person_rows
from .roster import RosterScreen

__all__ = ["PEOPLE_COLUMNS", "people_csv", "people_xlsx"]

#: The report's columns, in order ("File" is added when several files were screened).
PEOPLE_COLUMNS = ("Row", "Attendee", "Status", "Why", "What to change", "Read", "Poses",
                  "Unreadable answers")
_WIDTHS = (7, 26, 22, 48, 60, 40, 40, 40, 24)
NOTICE_LINE = f"Not a diagnosis. {NOTICE}"


def _cells(row: PersonRow, several: bool) -> list[Any]:
    texts = [row.attendee, row.status, row.why, row.change, row.read, row.poses, row.errors]
    cells: list[Any] = [row.row, *(safe_cell(t) for t in texts)]
    if several:
        cells.append(safe_cell(row.source))
    return cells


def _columns(several: bool) -> list[str]:
    return [*PEOPLE_COLUMNS, *(["File"] if several else [])]


def people_csv(result: RosterScreen) -> str:
    """The report as CSV text: the notice on the first line, then a header and one row each."""
    several = result.files > 1  # sheets that gave rows
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([NOTICE_LINE])
    writer.writerow(_columns(several))
    writer.writerows(_cells(row, several) for row in person_rows(result))
    return buffer.getvalue()


def _read_me(book: Any, result: RosterScreen) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    sheet = book.create_sheet("Read me")
    sheet.column_dimensions["A"].width = 38
    sheet.column_dimensions["B"].width = 90
    sheet.column_dimensions["C"].width = 12

    def cell(value: Any, bold: bool = False, fill: str | None = None) -> Any:
        made = WriteOnlyCell(sheet, value)
        made.alignment = Alignment(wrap_text=True, vertical="top")
        if bold:
            made.font = Font(bold=True)
        if fill:
            made.fill = PatternFill("solid", fgColor=fill)
        return made

    sheet.append([cell("psoas-check roster report", bold=True),
                  cell(f"Made on {date.today().isoformat()}")])
    sheet.append([cell("Not a diagnosis", bold=True), cell(NOTICE)])
    sheet.append([cell("How to read it", bold=True),
                  cell("The Attendees sheet lists everyone, most urgent first; Row is their "
                       "row in your file. Why names the warning sign, unreadable answer or "
                       "caution behind each status.")])
    sheet.append([])
    sheet.append([cell("Status", bold=True), cell("What it means", bold=True),
                  cell("Attendees", bold=True)])
    for status in STATUSES:
        sheet.append([cell(STATUS_WORDS[status], fill=STATUS_COLOURS[status]),
                      cell(STATUS_MEANINGS[status]), result.tally.counts.get(status, 0)])


def _attendees(book: Any, result: RosterScreen) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    several = result.files > 1  # sheets that gave rows
    columns = _columns(several)
    sheet = book.create_sheet("Attendees")
    sheet.freeze_panes = "A2"
    rows = person_rows(result)
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
    for number, width in enumerate(_WIDTHS[: len(columns)], start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    bold = Font(bold=True)
    header = []
    for name in columns:
        made = WriteOnlyCell(sheet, name)
        made.font = bold
        header.append(made)
    sheet.append(header)
    fills = {s: PatternFill("solid", fgColor=c) for s, c in STATUS_COLOURS.items()}
    for row in rows:
        cells = _cells(row, several)
        status = WriteOnlyCell(sheet, cells[2])
        status.fill = fills[row.key]  # one shared style per status keeps large files small
        cells[2] = status
        sheet.append(cells)


def people_xlsx(result: RosterScreen) -> bytes:
    """The report as an Excel workbook: "Read me" (notice, legend), then "Attendees"."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)  # streams rows: a roster may hold many thousands
    _read_me(book, result)
    _attendees(book, result)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
