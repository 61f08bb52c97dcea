"""Files of many people -> validated rows -> one screened table (contract section 4).

Rows are never dropped and keep their input order; every unreadable value is listed in
its row's ``errors``; red flags survive bad values elsewhere in the row.

Example::

    >>> result = screen_files(["signups.csv"], mapping={"Your name": "attendee"})
    >>> result.tally.line()
    'screened 12 rows (2 urgent, 1 see_clinician, 3 invalid, 0 incomplete, 4 caution, 2 ok); ...'
    >>> result.records[0].to_dict()["status"]
    'urgent'
"""

from __future__ import annotations

import bisect
import dataclasses
import gc
import itertools
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .answers import Answers, ParsedAnswers
from .assess import STATUSES, Assessment, assess
from .batch import Batch, Distinct, Outcome, outcome_of, screen_frame
from .errors import InputError
from .readers import Sheet, plan_columns, read_paths
from .roster_records import EXTRA_KEYS, RECORD_KEYS, ScreenRecord, Tally
from .roster_rows import revisit, row_answers, stray_signs
from .rules import RuleSet, default_rules

__all__ = [
    "EXTRA_KEYS",
    "RECORD_KEYS",
    "Outcome",
    "Progress",
    "RosterScreen",
    "ScreenRecord",
    "Tally",
    "factor_prevalence",
    "screen",
    "screen_files",
]

#: Called with the fraction done (0 to 1) and a short message; st.progress takes the same.
Progress = Callable[[float, str], None]


@dataclass
class _Part:
    sheet: Sheet
    fields: dict[int, str]
    start: int  # index of the sheet's first row among all records


@dataclass
class RosterScreen:
    """Every record in input order, the tally, and each row's answers on demand."""

    records: list[ScreenRecord]
    tally: Tally
    ruleset: RuleSet
    _parts: list[_Part]

    @property
    def files(self) -> int:
        """How many of the screened sheets (files) gave at least one record."""
        return sum(1 for part in self._parts if part.sheet.own_rows)

    @property
    def several_files(self) -> bool:
        """Whether the records came from more than one file or worksheet (then each
        record's ``source`` is worth showing)."""
        return len({part.sheet.label for part in self._parts}) > 1

    @property
    def parts(self) -> list[tuple[Sheet, dict[int, str], int]]:
        """Each screened sheet, its column -> field plan, and the index of its first record."""
        return [(part.sheet, part.fields, part.start) for part in self._parts]

    @classmethod
    def from_parts(cls, records: list[ScreenRecord], tally: Tally, ruleset: RuleSet,
                   parts: Sequence[tuple[Sheet, dict[int, str], int]]) -> RosterScreen:
        """A screen put back together from its :attr:`parts` (screened in another process)."""
        return cls(records, tally, ruleset, [_Part(*part) for part in parts])

    def person(self, index: int) -> tuple[Answers, Assessment]:
        """The answers and full result of ``records[index]``, as the person's own page shows them.

        The row is read once, as assess() reads it (its reading errors go into the assessment).
        """
        part = self._parts[bisect.bisect_right([p.start for p in self._parts], index) - 1]
        local = index - part.start
        if part.sheet.is_summaries:
            parsed = part.sheet.parsed[local]
            answers, errors = parsed.answers, parsed.errors
        else:
            answers, errors = row_answers(part.sheet, part.fields, local)
        return answers, assess(answers, self.ruleset, errors)

    def by_priority(self) -> list[int]:
        """Indexes into ``records``, most urgent first, in the order of :data:`STATUSES`.

        Rows of one status keep their input order.
        """
        rank = {status: place for place, status in enumerate(STATUSES)}
        records = self.records
        return sorted(range(len(records)), key=lambda i: (rank[records[i].status], i))


def screen(
    sheets: Sequence[Sheet],
    mapping: Mapping[str, str] | None = None,
    ruleset: RuleSet | None = None,
    progress: Progress | None = None,
) -> RosterScreen:
    """Screen sheets already read (see :mod:`psoas_check.readers`), in order, rows numbered on.

    ``mapping`` assigns unrecognised headers to fields (``""`` ignores a column); a mapped
    header found in no sheet is an :class:`InputError`, as is a sheet with no usable column.
    ``progress`` is called now and then with the fraction done and a message.
    """
    ruleset = ruleset or default_rules()
    files = sheets
    sheets = [part for sheet in files for part in sheet.parts()]
    plans = [None if s.is_summaries else plan_columns(s, mapping) for s in sheets]
    _check_mapping(sheets, mapping)
    total = sum(s.own_rows for s in sheets) or 1
    records: list[ScreenRecord] = []
    parts: list[_Part] = []
    ignored: dict[str, None] = {}
    close: dict[str, str] = {}
    for sheet, plan in zip(sheets, plans, strict=True):
        start = len(records)
        known: dict[int, Distinct] = {}  # columns hashed once, for both passes
        if plan is not None and (stray := stray_signs(sheet, plan.fields, known)):
            # A sign outside the warning-sign column: the row is screened again with it.
            merged = {row: [*sheet.problems.get(row, []), *stray.get(row, [])]
                      for row in sheet.problems.keys() | stray.keys()}
            sheet = dataclasses.replace(sheet, problems=merged, more=[])
        parts.append(_Part(sheet, plan.fields if plan else {}, start))
        if plan is None:
            records += [_record(start + i + 1, sheet.label, p, ruleset)
                        for i, p in enumerate(sheet.parsed)]
        else:
            ignored.update(dict.fromkeys(plan.ignored))
            close.update(plan.close)
            done = start

            def report(fraction: float, done: int = done, rows: int = sheet.own_rows) -> None:
                if progress:
                    progress(min(1.0, (done + fraction * rows) / total), "screening rows")

            batch = screen_frame(sheet.frame, plan.fields, ruleset, report, known)
            records += _records(batch, start, sheet.label)
            revisit(records, sheet, plan.fields, start, ruleset)
        if progress:
            progress(len(records) / total, f"screened {sheet.label}")
    counts = Counter(r.outcome.status for r in records)
    unscreened = tuple(
        sheet.label for sheet, plan in zip(sheets, plans, strict=True)
        if plan is not None and sheet.own_rows and "red_flags" not in plan.fields.values()
    )
    tally = Tally(len(records), {s: counts.get(s, 0) for s in STATUSES},
                  sum(s.blank_rows for s in sheets), sum(s.note_rows for s in sheets),
                  tuple(ignored), unscreened, len(sheets),
                  tuple(s.label for s in sheets if s.tab),
                  tuple(f"{f.name}: {why}" for f in files for why in f.skipped),
                  tuple((h, f) for h, f in close.items() if h in ignored))
    if progress:
        progress(1.0, "done")
    return RosterScreen(records, tally, ruleset, parts)


def _records(batch: Batch, start: int, source: str) -> list[ScreenRecord]:
    rows = len(batch.group)
    outcomes = [batch.outcomes[g] for g in batch.group]
    errors: list[tuple[str, ...]] = [()] * rows
    for row, found in batch.errors.items():
        errors[row] = tuple(found)
    parts = zip(range(start + 1, start + rows + 1), batch.attendees, outcomes, errors,
                itertools.repeat(source, rows), strict=True)
    # These tuples hold no cycles; pausing the collector spares it rescanning the heap
    # every few hundred records (a third of the time for a large roster).
    paused = gc.isenabled()
    gc.disable()
    try:
        return list(map(ScreenRecord._make, parts))
    finally:
        if paused:
            gc.enable()


def _record(row: int, source: str, parsed: ParsedAnswers, ruleset: RuleSet) -> ScreenRecord:
    try:
        a = assess(parsed.answers, ruleset, parsed.errors)
    except Exception as err:  # a bug must still say which file it met, in one line
        raise InputError(f"{source}: could not be assessed (internal error: "
                         f"{type(err).__name__}: {str(err)[:80]})") from err
    return ScreenRecord(row, parsed.answers.attendee, outcome_of(a), tuple(a.errors), source)


def _check_mapping(sheets: Sequence[Sheet], mapping: Mapping[str, str] | None) -> None:
    from .headers import normalise_header

    present = {normalise_header(h) for s in sheets for h in s.headers}
    missing = [h for h in mapping or {} if normalise_header(h) not in present]
    if missing:
        names = ", ".join(dict.fromkeys(s.name for s in sheets))
        raise InputError(f"--map: no column {missing[0]!r} in {names}")


def screen_files(
    paths: Sequence[str | Path],
    mapping: Mapping[str, str] | None = None,
    ruleset: RuleSet | None = None,
    progress: Progress | None = None,
) -> RosterScreen:
    """Read roster files (CSV, Excel, JSON summaries or folders of them) and screen them."""
    return screen(read_paths(paths, mapping), mapping, ruleset, progress)


def factor_prevalence(result: RosterScreen) -> list[tuple[str, int]]:
    """How many attendees each contributing factor applies to, most common first.

    A factor counts for an attendee when one of its rules fired for them (the record's
    ``rules``). Every factor of the rule set is listed, zero counts included, for a chart.
    """
    factor_of = {rule.id: rule.factor for rule in result.ruleset.rules}
    order = list(dict.fromkeys(factor_of.values()))
    counts: Counter[str] = Counter()
    for record in result.records:
        counts.update({factor_of[r] for r in record.rules if r in factor_of})
    return sorted(((f, counts[f]) for f in order), key=lambda item: -item[1])
