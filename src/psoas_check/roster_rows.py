"""Rows the fast screen cannot take at face value, screened again with their problems.

The readers keep every row and note what they found wrong in it (a row longer than its
header, a formula with no saved value, an Excel error, a byte that is not UTF-8). Such a
row gets its problems added to its errors and its outcome worked out again by
:func:`~psoas_check.assess.assess`. A row longer than its header has its cells shifted,
so a warning sign may sit in any of them: every cell is searched for one, and the
warning-sign answer counts as unreadable (no pose is suggested), so a recognised urgent
sign still makes the row urgent. Rows alike share one assessment, so a file of a hundred
thousand ragged rows costs no more than a few distinct ones.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

from .answers import Answers, parse_answers
from .assess import assess
from .batch import Outcome, outcome_of
from .errors import AnswerError
from .options import RED_FLAGS
from .values import is_blank, read_set, safe_name

if TYPE_CHECKING:
    from .readers import Problem, Sheet
    from .roster import ScreenRecord
    from .rules import RuleSet

__all__ = ["flags_in", "revisit", "row_answers", "stray_signs"]

#: Why a row is screened again when a column not read as the warning signs names one.
STRAY = ("names a warning sign but is not read as the warning-sign column; the sign counts "
         "(check the column matches)")


def flags_in(cells: list[Any], seen: dict[str, frozenset[str]] | None = None) -> frozenset[str]:
    """Every warning sign named (by id or label) in any of the cells."""
    seen = {} if seen is None else seen
    found: set[str] = set()
    mentions = _sign_words().search
    for cell in cells:
        if isinstance(cell, str) and cell.strip():
            flags = seen.get(cell)
            if flags is None:
                # Only a cell that mentions a sign by id or label can name one: one regex
                # search spares reading every name and number as a set of options.
                named = mentions(cell.lower()) is not None
                flags = frozenset(read_set("red_flags", cell, RED_FLAGS)[0] or ()) if named \
                    else frozenset()
                if len(seen) < 100_000:
                    seen[cell] = flags
            found |= flags
    return frozenset(found)


@functools.cache
def _sign_words() -> re.Pattern[str]:
    """Any warning sign's id (``chest_pain``, ``chest pain``) or label, in lower case.

    Matched against lower-cased text: many times faster than ``re.IGNORECASE``.
    """
    words = [re.escape(option).replace("_", "[ _-]?") for option in RED_FLAGS]
    words += [re.escape(label.lower()) for label in RED_FLAGS.values()]
    return re.compile("|".join(words))


def stray_signs(sheet: Sheet, fields: dict[int, str]) -> dict[int, list[Problem]]:
    """Rows where a column not read as the warning signs holds nothing but warning signs.

    Such a column was ignored (a near header, "ignore this column", a cell with no
    header) or gives another field; its sign must not be lost. Returned as problems for
    the whole row (the rows are screened again, every cell searched for signs). One
    vectorised pass per column; only cells that mention a sign are read as answers.
    """
    found: dict[int, list[Problem]] = {}
    pattern = _sign_words()
    seen: dict[str, frozenset[str]] = {}
    for index in range(sheet.frame.shape[1]):
        if fields.get(index) == "red_flags":
            continue
        column = sheet.frame[index]
        # Distinct values, searched as one text: an answer column holds a handful, and a
        # column of names that mention no sign costs one search.
        values = [v for v in column.unique().tolist() if isinstance(v, str)]
        if not pattern.search("\n".join(values).lower()):
            continue
        signs = [v for v in values if pattern.search(v.lower()) and flags_in([v], seen)]
        if not signs:
            continue
        header = sheet.headers[index] if index < len(sheet.headers) else ""
        where = (header or f"column {index + 1}").strip()[:60]
        for local in column.isin(signs).to_numpy(dtype=bool).nonzero()[0].tolist():
            if not any(p[0] is None for p in sheet.problems.get(local, ())):  # not said yet
                found.setdefault(local, []).append((None, where, STRAY))
    return found


def _applicable(sheet: Sheet, fields: dict[int, str], local: int) -> list[Problem]:
    """The row's problems that touch its answers (not those of ignored columns)."""
    return [p for p in sheet.problems.get(local, ()) if p[0] is None or p[0] in fields]


def _errors(problems: list[Problem], fields: dict[int, str]) -> list[AnswerError]:
    return [AnswerError("red_flags" if column is None else fields[column], reason, shown=where)
            for column, where, reason in problems]


def row_answers(sheet: Sheet, fields: dict[int, str], local: int,
                found: frozenset[str] | None = None) -> tuple[Answers, list[AnswerError]]:
    """One data row's answers and errors, the reader's problems with the row included.

    ``found`` is the warning signs already found in the row's cells, when known.
    """
    frame = sheet.frame
    parsed = parse_answers({name: frame[i].iat[local] for i, name in fields.items()})
    problems = _applicable(sheet, fields, local)
    answers = parsed.answers
    if any(column is None for column, _, _ in problems):
        found = flags_in(frame.iloc[local].tolist()) if found is None else found
        if found:
            answers = answers.model_copy(
                update={"red_flags": (answers.red_flags or frozenset()) | found})
    return answers, [*parsed.errors, *_errors(problems, fields)]


def revisit(records: list[ScreenRecord], sheet: Sheet, fields: dict[int, str], start: int,
            ruleset: RuleSet) -> None:
    """Screen again the sheet's rows with problems; name attendees whose name was refused."""
    if sheet.problems:
        _rescreen(records, sheet, fields, start, ruleset)
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


def _rescreen(records: list[ScreenRecord], sheet: Sheet, fields: dict[int, str], start: int,
              ruleset: RuleSet) -> None:
    frame = sheet.frame
    columns = {i: frame[i].to_numpy(dtype=object) for i in fields if fields[i] != "attendee"}
    every = None
    seen: dict[str, frozenset[str]] = {}
    shared: dict[tuple[Any, ...], Outcome] = {}
    for local in sheet.problems:
        problems = _applicable(sheet, fields, local)
        if not problems:
            continue
        record = records[start + local]
        found: frozenset[str] = frozenset()
        if any(column is None for column, _, _ in problems):
            every = frame.to_numpy(dtype=object) if every is None else every
            found = flags_in(every[local].tolist(), seen)
        # The outcome depends on the answers (not the name), the flags found and which
        # fields have problems: rows alike in these share one assessment.
        key = (tuple(c[local] for c in columns.values()), bool(record.errors), found,
               frozenset(column for column, _, _ in problems))
        outcome = shared.get(key)
        if outcome is None:
            answers, errors = row_answers(sheet, fields, local, found)
            outcome = shared[key] = outcome_of(assess(answers, ruleset, errors))
        added = tuple(str(e) for e in _errors(problems, fields))
        records[start + local] = record._replace(outcome=outcome, errors=record.errors + added)
