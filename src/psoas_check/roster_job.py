"""Reading and screening an uploaded roster out of the server's way, in bounded children.

The roster page reads each upload in the worker's bounded child (:mod:`psoas_check.worker`)
with :func:`read_bounded`: the reader's sheet with its equal cells made one string (read
cell by cell, the largest ragged CSV's 1.6 million cells are 1.2 million strings; shared,
90,000), so the copy the server gets back, keeps for the session and sends on to be
screened is a fraction of the size. Once its columns are matched, screening the rows and
building the page's table is the other costly step. :func:`screen_bounded` runs both in
a child too, with the same memory cap and time limit, and rebuilds the
:class:`~psoas_check.roster.RosterScreen` in the server around the sheets the server
already holds: only the records, the tally, the table and what screening added to each
sheet (the rows it screened again) come back. Both ways, what crosses is pickled and
compressed, and read back as a stream, so the server never holds a whole pickle beside
what it unpickles. There is one screening code path, :func:`psoas_check.roster.screen`,
wherever it runs::

    result, table = screen_bounded(sheets, {"Your name": "attendee"}, ruleset)

A roster that cannot be screened within the limits is refused with one sentence (an
:class:`~psoas_check.errors.InputError`). Where the worker cannot isolate (no ``fork``),
the screening runs in the calling process, as before.
"""

from __future__ import annotations

import dataclasses
import gzip
import io
import pickle
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from . import worker
from .readers import read_bytes
from .roster import RosterScreen, ScreenRecord, Tally, screen
from .roster_table import result_table
from .rules import RuleSet, default_rules

if TYPE_CHECKING:
    from .readers import Problem, Sheet

__all__ = [
    "READ_JOB", "SCREEN_JOB", "Screened", "read_bounded", "read_job", "screen_bounded",
    "screen_job", "screened", "shared_sheet", "warm",
]

#: The functions the worker's child runs (``module:function``).
READ_JOB = "psoas_check.roster_job:read_job"
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


def read_job(name: str, data: bytes, mapping: Mapping[str, str] | None) -> bytes:
    """:func:`~psoas_check.readers.read_bytes` in the child: its sheet packed (:func:`_pack`)
    with equal texts made one object (:func:`shared_sheet`)."""
    return _pack(shared_sheet(read_bytes(name, data, mapping)))


def shared_sheet(sheet: Sheet) -> Sheet:
    """``sheet`` with equal cells (and problem reasons) one object each: the same values.

    Pickling keeps shared objects shared, so the server unpickles each distinct cell (and
    problem text) once instead of once per cell.
    """
    memo: dict[Any, Any] = {}
    parts = [_shared(part, memo) for part in sheet.parts()]
    return dataclasses.replace(parts[0], more=parts[1:])


def _shared(sheet: Sheet, memo: dict[Any, Any]) -> Sheet:
    frame = sheet.frame
    columns: dict[Any, np.ndarray[Any, Any]] = {}
    for name in frame.columns:  # a column's distinct values are few: look each up once
        codes, uniques = pd.factorize(frame[name].to_numpy(dtype=object), use_na_sentinel=False)
        shared = np.empty(len(uniques), dtype=object)
        shared[:] = [memo.setdefault(value, value) for value in uniques]
        columns[name] = shared.take(codes)
    if columns:  # object columns, as read (pandas would infer its text dtype)
        frame = pd.DataFrame(columns, index=frame.index, columns=frame.columns, dtype=object)
    problems = {row: [(column, where, memo.setdefault(reason, reason))
                      for column, where, reason in found]
                for row, found in sheet.problems.items()}
    return dataclasses.replace(sheet, frame=frame, problems=problems, more=[])


def read_bounded(name: str, data: bytes, mapping: Mapping[str, str] | None = None) -> Sheet:
    """:func:`~psoas_check.readers.read_bytes` in the worker's bounded child (its limits
    and one-sentence refusals, the readers' own messages): the same sheet, its equal
    texts one object each."""
    if not worker.ISOLATED:
        return read_bytes(name, data, mapping)
    plain_mapping = dict(mapping) if mapping is not None else None
    packed = worker.run_bounded(READ_JOB, name, data, plain_mapping, label=name,
                                timeout_s=worker.TIMEOUT_S, memory_mib=worker.MEMORY_MIB)
    sheet: Sheet = _unpack(packed)
    return sheet


def _pack(value: Any) -> bytes:
    """``value`` pickled and compressed (quickly: a roster's texts repeat, 20 to 1).

    What crosses between the server and a child is held whole on the receiving side while
    it is unpickled: packed, that copy is a few MiB rather than the pickle's tens (an
    all-unreadable roster's records: 87 MiB), and :func:`_unpack` never makes it whole.
    """
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=1, mtime=0) as sink:
        pickle.dump(value, sink, protocol=pickle.HIGHEST_PROTOCOL)
    return buffer.getvalue()


def _unpack(packed: bytes) -> Any:
    """What :func:`_pack` packed, read as a stream (no whole pickle in memory)."""
    with gzip.GzipFile(fileobj=io.BytesIO(packed), mode="rb") as source:
        # Only ever what this module's own processes packed, never a visitor's bytes.
        return pickle.load(source)  # noqa: S301


def screen_job(packed: bytes, mapping: Mapping[str, str] | None) -> bytes:
    """:func:`screened` in the child, for the sheets :func:`_pack` packed; packed back."""
    return _pack(screened(_unpack(packed), mapping))


def screened(sheets: Sequence[Sheet], mapping: Mapping[str, str] | None) -> Screened:
    """Screen ``sheets`` with the shipped rules and build the table."""
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
    packed = worker.run_bounded(  # the limits as they are now, as for reading
        SCREEN_JOB, _pack(list(sheets)), plain_mapping, label="The roster", action="screen",
        advice="split it into smaller files and screen each on its own",
        timeout_s=worker.TIMEOUT_S, memory_mib=worker.MEMORY_MIB,
    )
    done: Screened = _unpack(packed)
    worksheets = [part for sheet in sheets for part in sheet.parts()]
    parts: list[Any] = []
    for sheet, (fields, start, problems) in zip(worksheets, done.parts, strict=True):
        if problems is not None:  # as screen() keeps it: the rows screened again noted
            sheet = dataclasses.replace(sheet, problems=problems, more=[])
        parts.append((sheet, fields, start))
    return RosterScreen.from_parts(done.records, done.tally, ruleset, parts), done.table
