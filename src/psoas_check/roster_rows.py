"""Rows the fast screen cannot take at face value, screened again with their problems.

The readers keep every row and note what they found wrong in it (a row longer than its
header, a formula with no saved value, an Excel error, a byte that is not UTF-8). Such a
row gets its problems added to its errors and its outcome worked out again by
:func:`~psoas_check.assess.assess`. A row longer than its header has its cells shifted,
so a warning sign may sit in any of them: every cell is searched for one, and the
warning-sign answer counts as unreadable (no pose is suggested), so a recognised urgent
sign still makes the row urgent. Rows alike (the same rules firing, signs and errors, found
for all of them at once as :mod:`.batch` does) share one assessment, so a file of a hundred
thousand ragged rows costs no more than a few distinct ones.
"""

from __future__ import annotations

import functools
import re
import string
import warnings
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .answers import FIELDS, KG_FIELD, Answers, parse_answers, parse_value
from .assess import assess
from .batch import Distinct, Outcome, distinct_cells, fired_rules, outcome_of
from .errors import AnswerError
from .options import RED_FLAGS
from .rules import DERIVED
from .values import is_blank, read_set, safe_name

if TYPE_CHECKING:
    from .readers import Problem, Sheet
    from .roster import ScreenRecord
    from .rules import RuleSet

__all__ = ["flags_in", "revisit", "row_answers", "stray_signs"]

#: Distinct cells of one column whose reading is kept while rows are screened again.
CACHED_CELLS = 200_000
#: Rows sharing an outcome that are assessed anyway, to check they really are alike.
CHECKED = 8
#: Why a row is screened again when a column not read as the warning signs names one.
STRAY = ("names a warning sign but is not read as the warning-sign column; the sign counts "
         "(check the column matches)")


def flags_in(cells: list[Any], seen: dict[str, frozenset[str]] | None = None) -> frozenset[str]:
    """Every warning sign named (by id or label) in any of the cells.

    The template's own help cells (the allowed answers, which list every sign) are not
    anyone's answer and name none.
    """
    from .readers.sheet import note_cells  # late: the readers import this module

    seen = {} if seen is None else seen
    found: set[str] = set()
    mentions = _sign_words().search
    notes = note_cells()
    for cell in cells:
        if isinstance(cell, str) and cell.strip() and cell.strip() not in notes:
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

    Matched against lower-cased text: many times faster than ``re.IGNORECASE``. The
    words share their beginnings in one tree (``chest`` once for the id and the label):
    Python's regex tries every alternative in turn at each character, so a column of
    100,000 names is searched in under half the time of a flat list of words.
    """
    words = [["[ _-]?" if c == "_" else re.escape(c) for c in option] for option in RED_FLAGS]
    words += [[re.escape(c) for c in label.lower()] for label in RED_FLAGS.values()]
    return re.compile(_tree(words))


def _tree(words: list[list[str]]) -> str:
    """A pattern found wherever one of the words (each a list of pattern atoms) is.

    A word that begins with another is left out: a search only asks whether one is there.
    """
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for atom in word:
            if "" in node:  # a shorter word ends here
                break
            node = node.setdefault(atom, {})
        else:
            node.clear()
            node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        if "" in node:
            return ""
        parts = [atom + pattern(child) for atom, child in node.items()]
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return pattern(tree)


def stray_signs(sheet: Sheet, fields: dict[int, str],
                known: dict[int, Distinct] | None = None) -> dict[int, list[Problem]]:
    """Rows where a column not read as the warning signs holds nothing but warning signs.

    Such a column was ignored (a near header, "ignore this column", a cell with no
    header) or gives another field; its sign must not be lost. Returned as problems for
    the whole row (the rows are screened again, every cell searched for signs). One
    vectorised pass per column; only cells that mention a sign are read as answers.
    The field columns' distinct cells are left in ``known`` for the screen to reuse.
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
        distinct = distinct_cells(column)
        if known is not None and index in fields:
            known[index] = distinct
        values = [v for v in distinct[1] if isinstance(v, str)]
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
    cells = sheet.frame.iloc[local].tolist()  # one row taken out, not a column per field
    parsed = parse_answers({name: cells[i] for i, name in fields.items()})
    problems = _applicable(sheet, fields, local)
    answers = parsed.answers
    if any(column is None for column, _, _ in problems):
        found = flags_in(cells) if found is None else found
        if found:
            answers = Answers.read(
                {**answers.as_dict(), "red_flags": (answers.red_flags or frozenset()) | found})
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
    rows = [(local, problems) for local in sheet.problems
            if (problems := _applicable(sheet, fields, local))]
    if not rows:
        return
    frame = sheet.frame
    every = None
    seen: dict[str, frozenset[str]] = {}
    found: list[frozenset[str]] = []
    for local, problems in rows:
        if any(column is None for column, _, _ in problems):
            every = frame.to_numpy(dtype=object) if every is None else every
            found.append(flags_in(every[local].tolist(), seen))
        else:
            found.append(frozenset())
    keys = _Keys(frame, fields, ruleset, [local for local, _ in rows], found)
    shared: dict[tuple[Any, ...], Outcome] = {}
    texts: dict[str, str] = {}  # one copy of each error text, however many rows say it
    checks = CHECKED
    for number, (local, problems) in enumerate(rows):
        record = records[start + local]
        key = keys.key(number, bool(record.errors), problems)
        outcome = shared.get(key)
        if outcome is None or checks > 0:
            answers, errors = row_answers(sheet, fields, local, found[number])
            exact = outcome_of(assess(answers, ruleset, errors))
            if outcome is not None:  # a row sharing a key: is it really alike?
                checks -= 1
                if exact != outcome:
                    warnings.warn("rows screened again fell back to assessing each one, "
                                  "because rows taken as alike were not; please report this",
                                  RuntimeWarning, stacklevel=3)
                    keys.exact = True
                    shared.clear()
            outcome = shared.setdefault(key if not keys.exact else keys.key(
                number, bool(record.errors), problems), exact)
        added = tuple(texts.setdefault(t, t) for t in map(str, _errors(problems, fields)))
        records[start + local] = record._replace(outcome=outcome, errors=record.errors + added)


class _Keys:
    """What a screened-again row's outcome depends on, so that rows alike share one.

    As in :mod:`psoas_check.batch`: the rules that fire (worked out for all the rows at
    once, with each row's warning signs as :func:`row_answers` reads them), the warning
    signs, whether they are unreadable, whether the row has errors, and the answers a
    caution quotes when cautions are given. ``exact`` keys on every answer as read instead.
    """

    def __init__(self, frame: pd.DataFrame, fields: dict[int, str], ruleset: RuleSet,
                 rows: list[int], found: list[frozenset[str]]) -> None:
        self.exact = False
        self.names = fields
        self.columns: dict[int, tuple[str, np.ndarray, dict[Any, tuple[Any, Any]]]] = {
            i: (name, frame[i].to_numpy(dtype=object)[rows], {})
                        for i, name in fields.items() if name != "attendee"}
        flag_columns = [i for i, name in fields.items() if name == "red_flags"]
        self.flag_column = flag_columns[-1] if flag_columns else None  # the last one counts
        self.signs: list[tuple[frozenset[str] | None, bool]] = []
        for number, extra in enumerate(found):
            values, bad = (None, False) if self.flag_column is None else \
                self._reading(self.flag_column, number)
            self.signs.append(((values or frozenset()) | extra if extra else values, bad))
        quoted = {DERIVED[n].source if n in DERIVED else n for rule in ruleset.rules
                  for c in rule.cautions for _, n, _, _ in string.Formatter().parse(c.text) if n}
        if "abdominal_excess_lb" in quoted:
            quoted.add(KG_FIELD)  # the pounds may come from the kilograms
        self.quoted = [i for i, name in fields.items() if name in quoted]
        # The rules read the warning signs as the row is screened: found ones added.
        cells = {i: frame[i].to_numpy(dtype=object)[rows] for i in fields}
        signs = np.asarray([_as_cell(signs) for signs, _ in self.signs], dtype=object)
        cells.update(dict.fromkeys(flag_columns, signs))
        if not flag_columns:
            fields = {**fields, frame.shape[1]: "red_flags"}
            cells[frame.shape[1]] = signs
        # Object columns, as the readers give: text columns would go through pyarrow, whose
        # allocator reserves a gigabyte of address space (the worker caps address space).
        sub = pd.DataFrame(cells, dtype=object, copy=False)
        self.fired = np.packbits(fired_rules(sub, fields, ruleset), axis=1)

    def _reading(self, column: int, number: int) -> tuple[Any, Any]:
        name, cells, cache = self.columns[column]
        return _read_once(name, cells[number], cache)

    def key(self, number: int, errors: bool, problems: list[Problem]) -> tuple[Any, ...]:
        """The key of the ``number``-th row screened again."""
        columns = frozenset(column for column, _, _ in problems)
        if self.exact:
            readings = [self._reading(i, number) for i in self.columns]
            return (tuple(readings), errors, self.signs[number], columns)
        signs, bad = self.signs[number]
        unreadable = bad or None in columns or self.flag_column in columns
        withheld = bool(signs) or unreadable or signs is None
        quoted = () if withheld else tuple(self._reading(i, number) for i in self.quoted
                                            if i in self.columns)
        return (self.fired[number].tobytes(), signs, unreadable, errors, columns, quoted)


def _as_cell(signs: frozenset[str] | None) -> str:
    """Warning signs written as a cell that reads back as exactly these signs."""
    if signs is None:
        return ""
    return "; ".join(sorted(signs)) if signs else "none"


def _read_once(name: str, cell: Any, cache: dict[Any, tuple[Any, Any]]) -> tuple[Any, Any]:
    """A cell as :func:`~psoas_check.answers.parse_answers` reads it: (value, unreadable).

    Two cells that read alike give the same answers and the same kind of errors, so they
    can share an assessment; the value itself is worked out again by :func:`row_answers`.
    """
    try:
        return cache[cell]
    except KeyError:
        pass
    except TypeError:  # not hashable (never from the readers): the cell itself, as text
        return (repr(cell), None)
    spec = FIELDS.get(name)
    try:
        if spec is not None and spec.kind == "set":
            values, bad = read_set(name, cell, spec.options)
            reading: tuple[Any, Any] = (values, bool(bad))
        else:
            reading = (parse_value(name, cell), False)
    except AnswerError:
        reading = (None, True)
    if len(cache) < CACHED_CELLS:
        cache[cell] = reading
    return reading
