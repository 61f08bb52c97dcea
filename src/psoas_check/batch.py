"""Screening a whole sheet at once, with the same results as assessing row by row.

Four facts make this fast:

1. a column holds few distinct cells, so each is parsed once, by the same readers
   :func:`~psoas_check.answers.parse_answers` uses;
2. a rule test reads one field, so each test is evaluated once per distinct value, by the
   operator table itself, and spread over the rows with numpy (three-valued, as in
   :mod:`psoas_check.conditions`: 0 false, 1 not answered, 2 true);
3. a screen record depends only on which rules fire, the red-flag tier, whether the warning
   signs are unreadable or unanswered, whether the row has errors, and the answers quoted
   in caution texts, so rows alike in these share one :class:`Outcome`;
4. an outcome is the votes of the fired rules, combined as :func:`~psoas_check.assess.assess`
   combines them (:func:`_combine` follows it step by step). The first outcomes of every
   sheet are checked against assess() itself; on any difference every outcome comes from
   assess() and a RuntimeWarning says so.
"""

from __future__ import annotations

import string
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .answers import FIELDS, KG_FIELD, Answers, parse_answers, parse_value
from .assess import Assessment, assess
from .combine import Outcome, Votes, collector_paused, combine, distinct_rows
from .conditions import Condition, Group, Negation, Test
from .errors import AnswerError
from .operators import OPERATORS
from .options import RED_FLAG_TIER
from .rules import DERIVED, Rule, RuleSet
from .values import is_blank, read_set

__all__ = ["Batch", "Distinct", "Outcome", "distinct_cells", "fired_rules", "outcome_of",
           "screen_frame"]

FALSE, UNKNOWN, TRUE = 0, 1, 2
LB_FIELD = "abdominal_excess_lb"
TEXT_LIMIT = 100
CHECKED = 8  # outcomes per sheet compared with assess() itself


@dataclass
class Batch:
    """Each row's outcome (an index into ``outcomes``), attendee and reading errors."""

    group: list[int]
    outcomes: list[Outcome]
    attendees: list[str | None]
    errors: dict[int, list[str]]


@dataclass
class _Column:
    codes: np.ndarray  # per row: index into values
    values: list[Any]  # parsed value per distinct cell; None when blank or unreadable
    errors: list[str | None]
    blank: list[bool]


def _parse_cell(name: str, cell: str) -> tuple[Any, str | None]:
    """One cell, read exactly as parse_answers reads it."""
    spec = FIELDS.get(name)
    try:
        if spec is not None and spec.kind == "set":
            values, bad = read_set(name, cell, spec.options)
            return values, str(AnswerError(name, bad)) if bad else None
        return parse_value(name, cell), None
    except AnswerError as err:
        return None, str(err)


#: A column's distinct cells, as ``pd.factorize`` gives them: per row an index into the list.
Distinct = tuple[np.ndarray, list[Any]]


def distinct_cells(cells: pd.Series) -> Distinct:
    """The column's cells numbered by first appearance, and the distinct ones in that order."""
    codes, found = pd.factorize(cells.to_numpy(dtype=object))
    return codes, found.tolist()


def _column(name: str, cells: pd.Series, known: Distinct | None = None) -> _Column:
    codes, uniques = known or distinct_cells(cells)
    blank = [is_blank(c) for c in uniques] if name == LB_FIELD else []
    if name in FIELDS and FIELDS[name].kind == "text":
        texts = [c.strip() for c in uniques]
        # One scan of all names instead of one call each; a problem sends us cell by cell.
        if " ".join(texts).isprintable() and max(map(len, texts), default=0) <= TEXT_LIMIT:
            return _Column(codes, [t or None for t in texts], [None] * len(texts), blank)
    values: list[Any] = []
    errors: list[str | None] = []
    for cell in uniques:
        value, error = _parse_cell(name, cell)
        values.append(value)
        errors.append(error)
    return _Column(codes, values, errors, blank)


def _answer_columns(parsed: dict[str, _Column]) -> dict[str, _Column]:
    """Field -> the values Answers would hold (kilograms become pounds when no lb is given)."""
    columns = dict(parsed)
    kg = columns.pop(KG_FIELD, None)
    if kg is not None:
        lb = columns.get(LB_FIELD)
        if lb is None:
            columns[LB_FIELD] = kg
        else:
            use_kg = np.asarray(lb.blank, dtype=bool)[lb.codes]
            codes = np.where(use_kg, kg.codes + len(lb.values), lb.codes)
            columns[LB_FIELD] = _Column(codes, lb.values + kg.values, [], [])
    return columns


def _evaluate(condition: Condition, columns: dict[str, _Column], rows: int,
              cache: dict[Test, np.ndarray]) -> np.ndarray:
    if isinstance(condition, Test):
        if condition not in cache:
            operator = OPERATORS[condition.op]
            column = columns.get(condition.field)
            values = column.values if column is not None else [None]
            lut = np.array([_code(operator.evaluate(v, condition.value)) for v in values], np.int8)
            cache[condition] = lut[column.codes] if column is not None else np.full(rows, lut[0])
        return cache[condition]
    if isinstance(condition, Negation):
        return TRUE - _evaluate(condition.part, columns, rows, cache)
    assert isinstance(condition, Group)
    parts = [_evaluate(p, columns, rows, cache) for p in condition.parts]
    # all: a false part decides, then a blank one; any: a true part decides. Hence min, max.
    combine = np.minimum if condition.kind == "all" else np.maximum
    return combine.reduce(parts) if len(parts) > 1 else parts[0]


def _code(result: bool | None) -> int:
    return UNKNOWN if result is None else TRUE if result else FALSE


def _quoted(rule: Rule) -> list[str]:
    """Fields whose answers a rule's caution texts quote."""
    names = [name for c in rule.cautions for _, name, _, _ in string.Formatter().parse(c.text)
             if name]
    return [DERIVED[n].source if n in DERIVED else n for n in names]


def _per_row(column: _Column | None, lut: list[int], rows: int) -> np.ndarray:
    if column is None or not lut:
        return np.zeros(rows, np.int32)
    table: np.ndarray = np.asarray(lut, dtype=np.int32)
    per_row: np.ndarray = table[column.codes]
    return per_row


def _row_errors(parsed: dict[str, _Column]) -> dict[int, list[str]]:
    """Row -> its reading errors, in column order (as parse_answers lists them)."""
    errors: dict[int, list[str]] = {}
    for column in parsed.values():
        bad = np.array([e is not None for e in column.errors], dtype=bool)
        if bad.any():
            for row in np.flatnonzero(bad[column.codes]).tolist():
                errors.setdefault(row, []).append(str(column.errors[column.codes[row]]))
    return errors


@collector_paused()
def screen_frame(frame: pd.DataFrame, fields: dict[int, str], ruleset: RuleSet,
                 progress: Callable[[float], None] | None = None,
                 known: dict[int, Distinct] | None = None) -> Batch:
    """Screen every row of a sheet's text frame; ``fields`` maps column -> field name.

    ``known`` holds columns already numbered by :func:`distinct_cells` (the search for
    stray warning signs hashes every column first), so none is hashed twice.
    """
    rows = len(frame)
    known = known or {}
    parsed: dict[str, _Column] = {}
    for step, (index, name) in enumerate(fields.items()):
        parsed[name] = _column(name, frame[index], known.get(index))
        if progress:
            progress(0.7 * (step + 1) / len(fields))
    errors = _row_errors(parsed)
    columns = _answer_columns(parsed)
    cache: dict[Test, np.ndarray] = {}
    fired = [_evaluate(rule.condition, columns, rows, cache) == TRUE for rule in ruleset.rules]
    flags = parsed.get("red_flags")
    tiers = [max((2 if RED_FLAG_TIER[f] == "urgent" else 1 for f in v or ()), default=0)
             for v in (flags.values if flags else [])]
    unreadable = [int(e is not None) for e in (flags.errors if flags else [])]
    # Blank (or wholly unreadable) warning signs, or no such column: never screened.
    unscreened = (_per_row(flags, [int(v is None) for v in flags.values], rows) if flags
                  else np.ones(rows, np.int32))
    has_error = np.zeros(rows, np.int32)
    has_error[list(errors)] = 1
    keys = [*fired, _per_row(flags, tiers, rows), _per_row(flags, unreadable, rows), has_error,
            unscreened]
    quoted = dict.fromkeys(f for rule in ruleset.rules for f in _quoted(rule) if f in columns)
    keys += [_per_row(columns[f], list(range(len(columns[f].values))), rows) for f in quoted]
    if progress:
        progress(0.8)
    if rows == 0:
        return Batch([], [], [], {})
    matrix = np.empty((rows, len(keys)), np.int32)
    for index, key in enumerate(keys):
        matrix[:, index] = key
    first, group = distinct_rows(matrix)

    def answers(row: int) -> tuple[Answers, list[AnswerError]]:
        read = parse_answers({name: frame[index].iat[row] for index, name in fields.items()})
        return read.answers, read.errors

    outcomes = _outcomes(ruleset, matrix, first.tolist(), answers)
    attendee = columns.get("attendee")
    attendees = (np.asarray([*attendee.values, None], dtype=object)[attendee.codes].tolist()
                 if attendee else [None] * rows)
    if progress:
        progress(1.0)
    return Batch(group.tolist(), outcomes, attendees, errors)


def fired_rules(frame: pd.DataFrame, fields: dict[int, str], ruleset: RuleSet) -> np.ndarray:
    """Rows x rules: whether each rule's condition holds for each row, read as screen_frame reads.

    Unlike a record's ``rules`` this includes rules whose suggestions were withheld (poses
    are not offered after a warning sign), for counting what applies to a group.
    """
    rows = len(frame)
    columns = _answer_columns({name: _column(name, frame[i]) for i, name in fields.items()})
    cache: dict[Test, np.ndarray] = {}
    fired = np.zeros((rows, len(ruleset.rules)), dtype=bool)
    for number, rule in enumerate(ruleset.rules):
        fired[:, number] = _evaluate(rule.condition, columns, rows, cache) == TRUE
    return fired


def _outcomes(ruleset: RuleSet, matrix: np.ndarray, firsts: list[int],
              answers: Callable[[int], tuple[Answers, list[AnswerError]]]) -> list[Outcome]:
    """One outcome per group (given by its first row); the first are checked with assess()."""
    count = len(ruleset.rules)
    keys = matrix[firsts]
    tier, unreadable, errors, unscreened = (keys[:, count + i] for i in range(4))
    outcomes = combine(Votes(ruleset), keys[:, :count].astype(bool),
                       (tier > 0) | (unreadable > 0) | (unscreened > 0), tier, errors > 0,
                       unscreened > 0, lambda g: answers(firsts[g])[0])

    def assessed(row: int) -> Outcome:
        read, errors = answers(row)
        return outcome_of(assess(read, ruleset, errors))

    slow = [assessed(row) for row in firsts[:CHECKED]]
    if slow != outcomes[:CHECKED]:
        warnings.warn("roster screening fell back to assessing every distinct row, because the "
                      "fast path disagreed with assess(); please report this", RuntimeWarning,
                      stacklevel=3)
        return [assessed(row) for row in firsts]
    return outcomes


def outcome_of(result: Assessment) -> Outcome:
    """The part of an assessment a screen record keeps (what rows alike share)."""
    return Outcome(result.status, tuple(result.sections), tuple(result.poses),
                   tuple(result.cautions), tuple(result.rules), tuple(result.care_points))
