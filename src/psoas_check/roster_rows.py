"""Rows the fast screen cannot take at face value, screened again one by one.

The readers keep every row and note what they found wrong in it (a row longer than its
header, a formula with no saved value, an Excel error, a byte that is not UTF-8). Such a
row is read again here with :func:`~psoas_check.assess.assess`, its problems added to its
errors. A row longer than its header has its cells shifted, so a warning sign may sit in
any of them: every cell is searched for one, and the warning-sign answer is treated as
unreadable (no pose is suggested), so a recognised urgent sign still makes the row urgent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .answers import Answers, parse_answers
from .assess import assess
from .batch import outcome_of
from .errors import AnswerError
from .options import RED_FLAGS
from .values import is_blank, read_set, safe_name

if TYPE_CHECKING:
    from .readers import Sheet
    from .roster import ScreenRecord
    from .rules import RuleSet

__all__ = ["flags_in", "revisit", "row_answers"]


def flags_in(cells: list[Any]) -> frozenset[str]:
    """Every warning sign named (by id or label) in any of the cells."""
    found: set[str] = set()
    for cell in cells:
        if isinstance(cell, str) and cell.strip():
            values, _ = read_set("red_flags", cell, RED_FLAGS)
            found |= values or set()
    return frozenset(found)


def revisit(records: list[ScreenRecord], sheet: Sheet, fields: dict[int, str], start: int,
            ruleset: RuleSet) -> None:
    """Screen again the sheet's rows with problems; name attendees whose name was refused."""
    for local in sheet.problems:
        records[start + local] = _rescreen(records[start + local], sheet, fields, local, ruleset)
    column = next((i for i, name in fields.items() if name == "attendee"), None)
    if column is None:
        return
    cells = sheet.frame[column]
    for index in range(start, start + sheet.own_rows):
        record = records[index]
        if record.attendee is None and record.errors:
            raw = cells.iat[index - start]
            if not is_blank(raw):
                records[index] = record._replace(attendee=safe_name(raw))


def row_answers(sheet: Sheet, fields: dict[int, str],
                local: int) -> tuple[Answers, list[AnswerError]]:
    """One data row's answers and errors, the reader's problems with the row included."""
    frame = sheet.frame
    parsed = parse_answers({name: frame[i].iat[local] for i, name in fields.items()})
    answers, errors = parsed.answers, list(parsed.errors)
    shifted = False
    for column, where, reason in sheet.problems.get(local, ()):
        if column is None:
            shifted = True
            errors.append(AnswerError("red_flags", reason, shown=where))
        elif column in fields:
            errors.append(AnswerError(fields[column], reason, shown=where))
    if shifted:
        found = flags_in(frame.iloc[local].tolist())
        if found:
            answers = answers.model_copy(
                update={"red_flags": (answers.red_flags or frozenset()) | found})
    return answers, errors


def _rescreen(record: ScreenRecord, sheet: Sheet, fields: dict[int, str], local: int,
              ruleset: RuleSet) -> ScreenRecord:
    answers, errors = row_answers(sheet, fields, local)
    result = assess(answers, ruleset, errors)
    return record._replace(outcome=outcome_of(result), errors=tuple(result.errors))
