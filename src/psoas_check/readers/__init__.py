"""Roster files -> sheets of text cells, and which column gives which field.

Every cell is read as text (pandas never guesses a type), so that each value is parsed by
:func:`~psoas_check.answers.parse_answers` rules and every unreadable one is reported.
JSON summaries are read by :func:`~psoas_check.report.load_summary`, one row each.
CSV lives in :mod:`.text`, Excel in :mod:`.xlsx` (checked as an archive first, in
:mod:`.archive`), the header/data split in :mod:`.sheet`, header matching in :mod:`.columns`.

Example::

    >>> sheets = read_paths(["signups.csv"])
    >>> plan = plan_columns(sheets[0], {"Your name": "attendee"})
    >>> plan.fields, plan.ignored
    ({1: 'attendee', 2: 'sitting_hours'}, ['Timestamp'])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..files import read_file
from ..report import load_summary
from .columns import (
    ColumnPlan,
    check_field,
    column_field,
    empty_message,
    parse_mapping,
    plan_columns,
)
from .sheet import NOTE_MARK, Problem, Sheet
from .text import DELIMITERS

__all__ = [
    "DELIMITERS",
    "NOTE_MARK",
    "ColumnPlan",
    "Problem",
    "Sheet",
    "check_field",
    "column_field",
    "empty_message",
    "parse_mapping",
    "plan_columns",
    "read_bytes",
    "read_paths",
]


def read_paths(
    paths: Sequence[str | Path], mapping: Mapping[str, str] | None = None
) -> list[Sheet]:
    """Read every roster file named; a folder stands for the ``.json`` summaries inside it."""
    sheets: list[Sheet] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() == ".json" and p.is_file())
            if not found:
                raise InputError(f"{raw}: folder holds no .json summaries")
            sheets += [read_bytes(str(p), read_file(p), mapping) for p in found]
        else:
            sheets.append(read_bytes(str(raw), read_file(path), mapping))
    return sheets


def read_bytes(name: str, data: bytes, mapping: Mapping[str, str] | None = None) -> Sheet:
    """Read one file's bytes (an upload, say); the suffix of ``name`` picks the format.

    A workbook's further readable worksheets come back in the sheet's ``more`` (see
    :meth:`Sheet.parts`); the worksheets skipped, and why, in its ``skipped``.
    """
    suffix = Path(name).suffix.lower()
    if suffix == ".json":
        return Sheet(name, [], pd.DataFrame(), parsed=[load_summary(data, name=name)])
    if suffix in (".xlsx", ".xlsm"):
        from .xlsx import xlsx_sheets

        return xlsx_sheets(name, data, mapping)
    if suffix in (".csv", ".tsv", ".txt"):
        from .text import csv_sheet

        return csv_sheet(name, data, mapping)
    raise InputError(
        f"{name}: unsupported file type {suffix or '(none)'}; use .csv, .xlsx or .json"
    )
