"""One roster sheet as read: headers, data rows as text, and what the reader noticed.

Rows are split into the header (the first non-blank row), data rows, wholly blank rows
(counted, not read) and the template's own note row (counted, not read). Nothing else is
ever left out: a row that is longer than its header, or holds a cell the reader could not
take at face value (a formula with no saved value, an Excel error, a byte that is not
UTF-8), is kept and carries a problem that the screen adds to the row's errors.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..answers import ParsedAnswers
from ..errors import InputError

__all__ = ["MAX_COLUMNS", "NOTE_MARK", "Problem", "RawRows", "Sheet", "framed", "note_cells"]

#: The template's note row starts with this; only the template's own row is skipped.
NOTE_MARK = "#note"
#: Excel's own limit; a wider "roster" is a broken or hostile file, refused before parsing.
MAX_COLUMNS = 16_384

#: (column or None for the whole row, where: "row 4" or "row 4, red_flags", reason).
Problem = tuple[int | None, str, str]


@dataclass
class Sheet:
    """One input file (or worksheet) as read: headers and data rows as text, or summaries.

    A workbook with several readable worksheets is one Sheet per worksheet: the first is
    returned and the others are in ``more`` (see :meth:`parts`), each screened as its own
    part. ``rows`` counts them all, so a file's row count is right wherever it is shown.
    """

    name: str
    headers: list[str]
    frame: pd.DataFrame  # columns 0..width-1, object dtype, text cells, data rows only
    blank_rows: int = 0
    note_rows: int = 0
    parsed: list[ParsedAnswers] = field(default_factory=list)
    #: The worksheet's title when the workbook gave more than one readable worksheet.
    tab: str = ""
    more: list[Sheet] = field(default_factory=list)
    #: Worksheets left out, each with why: ``'"Old" (hidden)'``.
    skipped: list[str] = field(default_factory=list)
    #: Data row (0-based, in ``frame``) -> what the reader found wrong in it.
    problems: dict[int, list[Problem]] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        """How many data rows the file holds (every readable worksheet of a workbook)."""
        return self.own_rows + sum(part.own_rows for part in self.more)

    @property
    def own_rows(self) -> int:
        """Data rows of this sheet alone."""
        return len(self.parsed) if self.is_summaries else len(self.frame)

    @property
    def is_summaries(self) -> bool:
        return not self.headers and bool(self.parsed)

    @property
    def label(self) -> str:
        """The file name, with the worksheet's title when a workbook gave several."""
        return f"{self.name} [{self.tab}]" if self.tab else self.name

    def parts(self) -> list[Sheet]:
        """This sheet and the further worksheets of the same workbook, in workbook order."""
        return [self, *self.more]

    def preview(self, header: str, limit: int = 5) -> list[str]:
        """Up to ``limit`` distinct non-blank values of a column, for the mapping view."""
        found: list[str] = []
        for index, name in enumerate(self.headers):
            if name == header:
                cells = self.frame[index].str.strip()
                found += [c for c in cells.unique().tolist() if c and c not in found]
        return found[:limit]


@dataclass
class RawRows:
    """Rows as a reader produced them, before the header and data rows are told apart."""

    frame: pd.DataFrame
    #: The row number a person sees for each row (spreadsheet rows); default: 1, 2, 3...
    numbers: list[int] | None = None
    #: Cells that hold a value (trailing blanks left out) per row, when the reader knows.
    lengths: list[int] | None = None
    #: Cells as written per row (CSV: ``a,b,`` is three), when the reader knows.
    widths: list[int] | None = None
    #: Row index (into ``frame``) -> problems found while reading the cells.
    problems: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    #: The text was decoded with replacement characters (stray bytes that are not UTF-8).
    replaced: bool = False
    #: Wholly blank rows the reader skipped without building them (gaps in a workbook).
    gaps: int = 0


@functools.cache
def note_cells() -> frozenset[str]:
    """The cells of the template's own note row (imported late: template imports export)."""
    import csv
    import io

    from ..template import template_csv

    rows = list(csv.reader(io.StringIO(template_csv())))
    return frozenset(cell.strip() for row in rows[2:] for cell in row if cell.strip())


def framed(name: str, raw: RawRows) -> Sheet:
    """Split a reader's rows into headers (first non-blank row) and data rows."""
    frame = raw.frame
    if frame.empty:
        return Sheet(name, [], pd.DataFrame())
    check_width(name, frame.shape[1])
    frame.columns = pd.RangeIndex(frame.shape[1])
    blank = _blank_rows(frame)
    if raw.problems:
        blank[list(raw.problems)] = False  # a formula with no value is not a blank row
    filled = (~blank).nonzero()[0]
    if len(filled) == 0:
        return Sheet(name, [], pd.DataFrame())
    start = int(filled[0])
    headers = [str(h).strip() for h in frame.iloc[start].tolist()]
    width = _header_width(headers, raw, start)
    body, blank = frame.iloc[start + 1 :], blank[start + 1 :]
    note = _note_rows(body, blank)
    keep = ~(blank | note)
    kept = np.flatnonzero(keep)
    problems = _problems(raw, headers, width, start, kept)
    data = body if keep.all() else body[keep]
    data = data.reset_index(drop=True)
    return Sheet(name, headers, data, blank_rows=int(blank.sum()) + raw.gaps,
                 note_rows=int(note.sum()), problems=problems)


def check_width(name: str, columns: int) -> None:
    """Refuse a sheet wider than Excel allows, naming the file."""
    if columns > MAX_COLUMNS:
        raise InputError(
            f"{name}: has {columns:,} columns; a roster may have at most {MAX_COLUMNS:,}"
        )


def _header_width(headers: list[str], raw: RawRows, start: int) -> int:
    """The header's cell count: as written for CSV (``a,b,`` has three), else as filled."""
    if raw.widths is not None:
        return raw.widths[start]
    if raw.lengths is not None:
        return raw.lengths[start]
    return len(headers)


def _note_rows(body: pd.DataFrame, blank: np.ndarray) -> np.ndarray:
    """The template's own note row: every cell blank or one of the template's note cells."""
    first = body[0].tolist()
    note = np.zeros(len(body), dtype=bool)
    candidates = [i for i, c in enumerate(first) if c[:1] == "#" and
                  c.replace(" ", "").lower().startswith(NOTE_MARK)]
    if candidates:
        allowed = note_cells()
        for i in candidates:
            cells = [str(c).strip() for c in body.iloc[i].tolist()]
            note[i] = all(not c or c in allowed for c in cells)
    result: np.ndarray = note & ~blank
    return result


def _problems(raw: RawRows, headers: list[str], width: int, start: int,
              kept: np.ndarray) -> dict[int, list[Problem]]:
    """Problems of the kept data rows, keyed by their place among the data rows."""
    numbers = raw.numbers

    def number(index: int) -> int:
        return numbers[index] if numbers is not None else index + 1

    def column(col: int) -> str:
        header = headers[col] if col < len(headers) else ""
        return header or f"column {col + 1}"

    found: dict[int, list[Problem]] = {}
    lengths = raw.lengths
    replaced = _replaced_cells(raw.frame, start) if raw.replaced else {}
    # Only rows with something to say are visited: a long roster is mostly clean.
    candidates = set(raw.problems) | set(replaced)
    if lengths is not None:
        candidates.update(np.flatnonzero(np.asarray(lengths) > width).tolist())
    kept_rows = kept + start + 1  # sorted frame indexes of the data rows
    moved = _moved_rows(raw.widths, width, kept_rows)
    candidates.update(moved)
    wanted = np.asarray(sorted(candidates), dtype=np.int64)
    places = np.searchsorted(kept_rows, wanted)
    inside = places < len(kept_rows)
    hits = inside.copy()
    hits[inside] = kept_rows[places[inside]] == wanted[inside]
    place_of = dict(zip(wanted[hits].tolist(), places[hits].tolist(), strict=True))
    for index in sorted(place_of):
        row: list[Problem] = []
        where = f"row {number(index)}"
        if lengths is not None and lengths[index] > width:
            row.append((None, where, f"{lengths[index]} cells, the header has {width}; "
                                     "warning signs are looked for in every cell"))
        elif index in moved:
            row.append((None, where, f"{moved[index]} cells, the header has {width} (the "
                                     "extra ones empty, so answers may have moved a column); "
                                     "warning signs are looked for in every cell"))
        for col, reason in raw.problems.get(index, []):
            row.append((col, f"{where}, {column(col)}", reason))
        for col in replaced.get(index, []):
            row.append((col, f"{where}, {column(col)}",
                        "holds a byte that is not UTF-8 text (shown as \ufffd); check the name "
                        "or value in the file"))
        if row:
            found[place_of[index]] = row
    return found


def _replaced_cells(frame: pd.DataFrame, start: int) -> dict[int, list[int]]:
    """Row -> columns holding the replacement character left by an undecodable byte."""
    cells: dict[int, list[int]] = {}
    for col in frame.columns:
        hits = frame[col].str.contains("\ufffd", regex=False).to_numpy(dtype=bool)
        for index in np.flatnonzero(hits).tolist():
            if index > start:
                cells.setdefault(index, []).append(int(col))
    return cells


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


def _moved_rows(widths: list[int] | None, width: int, rows: np.ndarray) -> dict[int, int]:
    """Data rows written wider than the header whose extra cells are empty: index -> width.

    ``Smith, John,...,`` with an empty last answer has one cell too many yet no more
    *filled* cells than the header, and every answer after the name sits one column to the
    right (a "no" can land in the warning-sign column). Such a row is reported like any
    longer row. Only when every data row is written equally wide is the extra a trailing
    delimiter the file writes on each line, and nothing is said.
    """
    if widths is None or not len(rows):
        return {}
    written = np.asarray(widths)[rows]
    if (written == written[0]).all():
        return {}
    wider = rows[written > width]
    return {int(i): int(widths[i]) for i in wider}
