"""The blank roster template an instructor hands out, as CSV or Excel.

The CSV holds the header row, one example row of valid values and one notes row (first
cell ``# note: ...``) documenting the allowed values under each header; ``screen`` skips
the template's own note row, so the template loads back without errors. The Excel version
keeps the notes on a second sheet, "Allowed values".

Two spellings of the header row: field names (``template_csv()``, what ``python -m
psoas_check template`` writes, contract section 4) or the questions as attendees read
them (``questions=True``, what the app hands out). Question headers are mapped back to
their fields by :mod:`psoas_check.suggestions` without asking; the printable sheet of the
same questions is :func:`psoas_check.template_pdf.template_pdf`.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from .answers import FIELDS, KG_MAX, FieldSpec
from .export import safe_cell

__all__ = ["EXAMPLE", "NOTE_LEAD", "allowed_values", "headers", "template_csv", "template_xlsx"]

#: A complete, valid example row (screened like any other row if left in).
EXAMPLE: dict[str, Any] = {
    "attendee": "Example attendee (replace this row)",
    "sitting_hours": 8,
    "stretch_breaks": "rarely",
    "exercise_days": 2,
    "stress_level": 6,
    "money_stress": "no",
    "abdominal_excess_lb": 10,
    "back_fatigue": "yes",
    "pain_areas": "low_back; si_joint",
    "pain_duration": "under_6_weeks",
    "pain_bother": 4,
    "pain_lying_on_back": "no",
    "knee_discomfort_sitting": "no",
    "balance_difficulty": "no",
    "arms_overhead_difficulty": "no",
    "red_flags": "none",
}


def allowed_values(spec: FieldSpec) -> str:
    """What a cell of this field may hold, in a few words."""
    unit = f" ({spec.unit})" if spec.unit else ""
    if spec.name == "attendee":
        return "any name or code, at most 100 characters"
    if spec.kind in ("number", "integer"):
        whole = "a whole number" if spec.kind == "integer" else "a number"
        text = f"{whole} from {spec.minimum:g} to {spec.maximum:g}{unit}"
        if spec.name == "abdominal_excess_lb":
            text += f"; or a column abdominal_excess_kg, 0 to {KG_MAX:g} kg"
        return text
    if spec.kind == "bool":
        return "yes or no (also y/n, true/false, 1/0)"
    if spec.kind == "choice":
        return "one of: " + ", ".join(spec.options)
    if spec.kind == "set":
        return "any of: " + ", ".join(spec.options) + " (separate with ;), or none"
    return "text"


#: What the note row says of itself; the readers skip this exact row and no other.
NOTE_LEAD = ("# note: this row lists the allowed answers and is skipped only while it is "
             "exactly as written here; an edited copy is read as a person, so delete it "
             "instead. attendee: ")


def _notes() -> list[str]:
    cells = [allowed_values(spec) for spec in FIELDS.values()]
    cells[0] = NOTE_LEAD + cells[0]
    return cells


def headers(questions: bool = False) -> list[str]:
    """The header row: field names, or each field's question as the self-check asks it."""
    return [spec.question if questions else spec.name for spec in FIELDS.values()]


def template_csv(questions: bool = False) -> str:
    """The template as CSV text: header (names, or questions), example row, notes row."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers(questions))
    writer.writerow([str(EXAMPLE[name]) for name in FIELDS])
    writer.writerow([safe_cell(c) for c in _notes()])
    return buffer.getvalue()


def template_xlsx(questions: bool = False) -> bytes:
    """The template as an Excel workbook: "Roster" (header and example) and "Allowed values".

    With ``questions`` the header cells are the questions, wrapped, over columns wide
    enough to read them.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    roster = book.active
    roster.title = "Roster"
    roster.append(headers(questions))
    roster.append([EXAMPLE[name] for name in FIELDS])
    roster.freeze_panes = "A2"
    for cell in roster[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        width = min(32, len(str(cell.value)) + 2) if questions else len(str(cell.value)) + 2
        roster.column_dimensions[cell.column_letter].width = max(14, width)
    notes = book.create_sheet("Allowed values")
    notes.append(["field", "allowed values", "question"])
    for spec in FIELDS.values():
        notes.append([spec.name, allowed_values(spec), spec.question])
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for letter, width in (("A", 26), ("B", 60), ("C", 80)):
        notes.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
