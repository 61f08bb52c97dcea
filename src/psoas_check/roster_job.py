"""Screening an uploaded roster out of the server's way, in the worker's bounded child.

The roster page reads each upload in a child process (:mod:`psoas_check.worker`); once
its columns are matched, screening the rows and building the page's table is the other
costly step. :func:`screen_bounded` runs both in a child too, with the same memory cap
and time limit, and rebuilds the :class:`~psoas_check.roster.RosterScreen` in the server
around the sheets the server already holds: only the records, the tally, the table and
what screening added to each sheet (the rows it screened again) come back. There is one
screening code path, :func:`psoas_check.roster.screen`, wherever it runs::

    result, table = screen_bounded(sheets, {"Your name": "attendee"}, ruleset)

A roster that cannot be screened within the limits is refused with one sentence (an
:class:`~psoas_check.errors.InputError`). Where the worker cannot isolate (no ``fork``),
the screening runs in the calling process, as before.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import worker
from .roster import RosterScreen, ScreenRecord, Tally, screen
from .roster_table import result_table
from .rules import RuleSet, default_rules

if TYPE_CHECKING:
    import pandas as pd

    from .readers import Problem, Sheet

__all__ = ["SCREEN_JOB", "Screened", "screen_bounded", "screen_job", "warm"]

#: The function the worker's child runs (``module:function``).
SCREEN_JOB = "psoas_check.roster_job:screen_job"


@dataclass
class Screened:
    """What the child sends back: plain data, no sheet (the server has them already)."""

    records: list[ScreenRecord]
    tally: Tally
    #: Per screened worksheet, in order: its fields, its first record, and its problems
    #: when screening added some (``None``: the sheet's own).
    parts: list[tuple[dict[int, str], int, dict[int, list[Problem]] | None]]
    table: pd.DataFrame


def warm() -> None:
    """Load the rules once in the worker's helper, so each forked child has them."""
    default_rules()


def screen_job(sheets: Sequence[Sheet], mapping: Mapping[str, str] | None) -> Screened:
    """Screen ``sheets`` with the shipped rules and build the table (in the child)."""
    result = screen(sheets, mapping, default_rules())
    worksheets = [part for sheet in sheets for part in sheet.parts()]
    parts = [(fields, start, None if sheet.problems is own.problems else sheet.problems)
             for (sheet, fields, start), own in zip(result.parts, worksheets, strict=True)]
    return Screened(result.records, result.tally, parts, result_table(result))


def screen_bounded(
    sheets: Sequence[Sheet], mapping: Mapping[str, str] | None, ruleset: RuleSet,
) -> tuple[RosterScreen, pd.DataFrame]:
    """:func:`~psoas_check.roster.screen` and the page's table, in a bounded child.

    ``ruleset`` must be the shipped rules (the child loads its own copy); the result
    refers to it and to ``sheets``, as if screened here.
    """
    if not worker.ISOLATED:
        result = screen(sheets, mapping, ruleset)
        return result, result_table(result)
    plain_mapping = dict(mapping) if mapping is not None else None
    done: Screened = worker.run_bounded(  # the limits as they are now, as for reading
        SCREEN_JOB, list(sheets), plain_mapping, label="The roster", action="screen",
        advice="split it into smaller files and screen each on its own",
        timeout_s=worker.TIMEOUT_S, memory_mib=worker.MEMORY_MIB,
    )
    worksheets = [part for sheet in sheets for part in sheet.parts()]
    parts: list[Any] = []
    for sheet, (fields, start, problems) in zip(worksheets, done.parts, strict=True):
        if problems is not None:  # as screen() keeps it: the rows screened again noted
            sheet = dataclasses.replace(sheet, problems=problems, more=[])
        parts.append((sheet, fields, start))
    return RosterScreen.from_parts(done.records, done.tally, ruleset, parts), done.table
