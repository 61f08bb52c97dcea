"""Roster files -> sheets of text cells, and which column gives which field.

Every cell is read as text (pandas never guesses a type), so that each value is parsed by
:func:`~psoas_check.answers.parse_answers` rules and every unreadable one is reported.
JSON summaries are read by :func:`~psoas_check.report.load_summary`, one row each.

Example::

    >>> sheets = read_paths(["signups.csv"])
    >>> plan = plan_columns(sheets[0], {"Your name": "attendee"})
    >>> plan.fields, plan.ignored
    ({1: 'attendee', 2: 'sitting_hours'}, ['Timestamp'])
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .answers import FIELDS, KG_FIELD, ParsedAnswers, suggest_name
from .errors import InputError
from .files import read_file
from .report import load_summary
from .values import normalise

__all__ = [
    "DELIMITERS",
    "NOTE_MARK",
    "ColumnPlan",
    "Sheet",
    "column_field",
    "parse_mapping",
    "plan_columns",
    "read_bytes",
    "read_paths",
]

DELIMITERS = (",", ";", "\t")
#: A row whose first cell starts with this (any case, spaces ignored) is a note for
#: people, not data: the blank template documents the allowed values this way.
NOTE_MARK = "#note"
ACCEPTED = frozenset(FIELDS) | {KG_FIELD}
#: Excel's own limit; a wider "roster" is a broken or hostile file, refused before parsing.
MAX_COLUMNS = 16_384
SNIFF_LINES = 50


@dataclass
class Sheet:
    """One input file as read: its headers and data rows as text, or parsed JSON summaries."""

    name: str
    headers: list[str]
    frame: pd.DataFrame  # columns 0..len(headers)-1, object dtype, text cells, data rows only
    blank_rows: int = 0
    note_rows: int = 0
    parsed: list[ParsedAnswers] = field(default_factory=list)

    @property
    def rows(self) -> int:
        """How many data rows the sheet holds."""
        return len(self.parsed) if self.is_summaries else len(self.frame)

    @property
    def is_summaries(self) -> bool:
        return not self.headers and bool(self.parsed)

    def preview(self, header: str, limit: int = 5) -> list[str]:
        """Up to ``limit`` distinct non-blank values of a column, for the mapping view."""
        found: list[str] = []
        for index, name in enumerate(self.headers):
            if name == header:
                cells = self.frame[index].str.strip()
                found += [c for c in cells.unique().tolist() if c and c not in found]
        return found[:limit]


@dataclass(frozen=True)
class ColumnPlan:
    """Which column gives which field, and which headers are ignored."""

    fields: dict[int, str]
    ignored: list[str]


def column_field(header: str) -> str | None:
    """The field a header names (any case, spaces or hyphens for underscores), or None."""
    name = normalise(header)
    return name if name in ACCEPTED else None


def parse_mapping(items: Iterable[str]) -> dict[str, str]:
    """``HEADER=field`` strings (``HEADER=`` to ignore a column) -> a mapping; checks fields."""
    mapping: dict[str, str] = {}
    for item in items:
        header, sep, name = item.rpartition("=")
        if not sep or not header.strip():
            raise InputError(f"--map {item!r}: write it as 'HEADER=field'")
        mapping[header.strip()] = check_field(name, f"--map {item!r}")
    return mapping


def check_field(name: str, where: str) -> str:
    """A mapping target read as a field name; blank means ignore the column."""
    if not name.strip():
        return ""
    field_name = normalise(name)
    if field_name not in ACCEPTED:
        hint = suggest_name(field_name, sorted(ACCEPTED))
        raise InputError(f"{where}: `{name.strip()}` is not a field{hint}")
    return field_name


def plan_columns(sheet: Sheet, mapping: Mapping[str, str] | None = None) -> ColumnPlan:
    """Match headers to fields, ``mapping`` first; InputError if none is recognisable."""
    if not sheet.headers:
        raise InputError(f"{sheet.name}: is empty; expected a header row naming the fields")
    chosen = {normalise(h): check_field(f, f"mapping for {h!r}")
              for h, f in (mapping or {}).items()}
    fields: dict[int, str] = {}
    first: dict[str, str] = {}
    ignored: list[str] = []
    for index, header in enumerate(sheet.headers):
        key = normalise(header)
        name = chosen[key] if key in chosen else column_field(header)
        if not name:
            if header.strip():
                ignored.append(header)
            elif (sheet.frame[index].str.strip() != "").any():
                ignored.append(f"column {index + 1} (no header)")
            continue
        if name in first:
            raise InputError(
                f"{sheet.name}: columns {first[name]!r} and {header!r} both give `{name}`; "
                "remove one or map it elsewhere"
            )
        first[name] = header
        fields[index] = name
    if not fields:
        shown = ", ".join(repr(h) for h in sheet.headers[:4]) or "nothing"
        raise InputError(
            f"{sheet.name}: no recognisable columns (found {shown}); name them as in the "
            "template (attendee, sitting_hours, ...) or map one to a field "
            "(--map 'HEADER=field' on the command line)"
        )
    return ColumnPlan(fields, ignored)


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
    """Read one file's bytes (an upload, say); the suffix of ``name`` picks the format."""
    suffix = Path(name).suffix.lower()
    if suffix == ".json":
        return Sheet(name, [], pd.DataFrame(), parsed=[load_summary(data, name=name)])
    if suffix in (".xlsx", ".xlsm"):
        return _sheet(name, _xlsx_rows(name, data))
    if suffix in (".csv", ".tsv", ".txt"):
        return _csv_sheet(name, _decode(name, data), mapping)
    raise InputError(
        f"{name}: unsupported file type {suffix or '(none)'}; use .csv, .xlsx or .json"
    )


def _decode(name: str, data: bytes) -> str:
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise InputError(f"{name}: is not readable {codec} text") from None
    if b"\x00" in data:
        raise InputError(f"{name}: holds binary data, not CSV text")
    for codec in ("utf-8", "cp1252"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{name}: is neither UTF-8 nor Windows-1252 text")


def _delimiter(text: str, mapping: Mapping[str, str] | None) -> str:
    """The delimiter whose header row names the most fields, then gives the steadiest rows."""
    # Split on CR/LF only: str.splitlines() also breaks at \x1c-\x1e, \x85 and U+2028,
    # which may sit inside a header cell and would hide the real header row.
    lines = re.split(r"\r\n?|\n", text)[: SNIFF_LINES * 2]
    lines = [line for line in lines if line.strip()][:SNIFF_LINES]
    if not lines:
        return ","
    known = {normalise(h) for h in mapping or {}}

    def score(delimiter: str) -> tuple[int, int, int]:
        try:
            rows = list(csv.reader(lines, delimiter=delimiter))
        except csv.Error:
            return (-1, 0, 0)
        header = rows[0]
        named = sum(1 for h in header if column_field(h) or normalise(h) in known)
        steady = sum(1 for r in rows[1:] if len(r) == len(header))
        return (named, steady if len(header) > 1 else 0, len(header))

    return max(DELIMITERS, key=score)


def _check_width(name: str, columns: int) -> None:
    if columns > MAX_COLUMNS:
        raise InputError(
            f"{name}: has {columns:,} columns; a roster may have at most {MAX_COLUMNS:,}"
        )


def _header_width(text: str, delimiter: str) -> int:
    """Cells in the first non-blank line, read before anything costly is built."""
    for line in re.split(r"\r\n?|\n", text):
        if line.strip():
            try:
                return len(next(csv.reader([line], delimiter=delimiter)))
            except csv.Error:
                return 0
    return 0


def _csv_sheet(name: str, text: str, mapping: Mapping[str, str] | None) -> Sheet:
    delimiter = _delimiter(text, mapping)
    _check_width(name, _header_width(text, delimiter))
    options: dict[str, Any] = {"header": None, "dtype": object, "na_filter": False,
                               "skip_blank_lines": False, "sep": delimiter}
    try:
        frame = pd.read_csv(io.StringIO(text), **options)
    except pd.errors.EmptyDataError:
        frame = pd.DataFrame()
    except pd.errors.ParserError:
        # Ragged rows (more cells than the first line): read them with the csv module.
        try:
            reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
            rows = list(reader)
        except csv.Error as err:
            raise InputError(f"{name}: is not readable CSV ({err})") from err
        return _sheet(name, rows)
    return _framed(name, frame)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def _xlsx_rows(name: str, data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not read
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                sheet = book.worksheets[0]
                return [[_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            finally:
                book.close()
    except Exception as err:  # openpyxl raises many kinds on a damaged or foreign file
        raise InputError(f"{name}: is not a readable Excel .xlsx workbook") from err


def _sheet(name: str, rows: list[list[str]]) -> Sheet:
    width = max((len(r) for r in rows), default=0)
    padded = [r + [""] * (width - len(r)) if len(r) < width else r for r in rows]
    return _framed(name, pd.DataFrame(padded, dtype=object) if padded else pd.DataFrame())


def _framed(name: str, frame: pd.DataFrame) -> Sheet:
    """Split a frame of every row into headers (first non-blank row) and data rows."""
    if frame.empty:
        return Sheet(name, [], pd.DataFrame())
    _check_width(name, frame.shape[1])
    frame.columns = pd.RangeIndex(frame.shape[1])
    blank = _blank_rows(frame)
    filled = (~blank).nonzero()[0]
    if len(filled) == 0:
        return Sheet(name, [], pd.DataFrame())
    start = int(filled[0])
    headers = [str(h).strip() for h in frame.iloc[start].tolist()]
    body, blank = frame.iloc[start + 1 :], blank[start + 1 :]
    note = np.fromiter((c[:1] == "#" and c.replace(" ", "").lower().startswith(NOTE_MARK)
                        for c in body[0].tolist()), dtype=bool, count=len(body))
    keep = ~(blank | note)
    data = body if keep.all() else body[keep]
    data = data.reset_index(drop=True)
    return Sheet(name, headers, data, blank_rows=int(blank.sum()), note_rows=int(note.sum()))


def _blank_rows(frame: pd.DataFrame) -> np.ndarray:
    """Rows whose every cell is empty or white space; most rows are settled by one cell."""
    open_rows = np.arange(len(frame))
    for column in frame.columns:
        if not len(open_rows):
            break
        cells = frame[column].to_numpy(dtype=object)[open_rows].tolist()
        settled = np.fromiter((bool(c) and not c.isspace() for c in cells), bool, len(cells))
        open_rows = open_rows[~settled]
    blank = np.zeros(len(frame), dtype=bool)
    blank[open_rows] = True
    return blank
