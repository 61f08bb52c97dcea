"""One worksheet's cells, streamed from its XML with every size bounded.

The reader keeps the rows that hold something, each as a list of text cells up to the
header's width (plus :data:`OVERFLOW` columns, so a warning sign typed past the last
header is still seen), with the spreadsheet row number a person would look for.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..roster_rows import flags_in
from .archive import Archive, refuse
from .columns import column_field
from .sheet import MAX_COLUMNS

__all__ = ["MAX_CELLS", "MAX_ELEMENTS", "MAX_SEEN", "MAX_STRING", "OVERFLOW", "Read",
           "SheetReader"]

#: Excel's own limit on the characters in one cell.
MAX_STRING = 32_767
#: Cells kept from the whole workbook (within the header's width): 70,000 rows of every
#: field. Bigger rosters are screened from CSV, which reads many times faster.
MAX_CELLS = 1_000_000
#: Cell elements looked at in all, kept or not, and XML elements of any kind: these bound
#: the time a hostile sheet can cost, whatever its declared size.
MAX_SEEN = 2_000_000
MAX_ELEMENTS = 5_000_000
MAX_ROW = 1_048_576
#: Columns beyond the header's width still looked at for a stray warning sign.
OVERFLOW = 16
#: Short values are shared between cells, so a long roster of repeated answers stays small.
SHARE_LONGEST = 40
SHARE_MOST = 200_000
EPOCH = datetime(1899, 12, 30)
ERROR_HINT = "an Excel error value, not an answer; correct the cell"
FORMULA_HINT = ("a formula the file holds no result for (written by a program, never "
                "opened in Excel); open and save it in Excel, or type the value")


@dataclass
class Read:
    """The rows of one worksheet that hold something, the first being the header."""

    rows: list[list[str]] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)
    problems: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    known: bool = False


class _Stop(Exception):
    """The header names no field: the rest of this worksheet is not needed yet."""


class SheetReader:
    """Reads worksheets of one workbook, sharing its strings, styles and cell budget."""

    def __init__(self, book: Archive, shared: list[str], dates: set[int],
                 known: set[str]) -> None:
        self.book, self.shared, self.dates, self.known = book, shared, dates, known
        self.kept = 0
        self.seen = 0
        self.elements = 0
        self.common: dict[str, str] = {}
        self.signs: dict[str, frozenset[str]] = {}  # cell text -> warning signs it names

    def read(self, part: str, *, stop_unknown: bool) -> Read:
        """The worksheet's rows; with ``stop_unknown``, stop after a header naming no field."""
        state = _State(self, Read(), stop_unknown)
        with contextlib.suppress(_Stop):
            self.book.parse(part, {"StartElementHandler": state.start,
                                   "EndElementHandler": state.end,
                                   "CharacterDataHandler": state.chars})
        return state.read



class _State:
    """The expat handlers and where they are in the worksheet."""

    def __init__(self, reader: SheetReader, read: Read, stop_unknown: bool) -> None:
        self.reader, self.read, self.stop_unknown = reader, read, stop_unknown
        self.limit = MAX_COLUMNS
        self.header = False
        self.row_number = 0
        self.cells: list[str] = []
        self.filled = 0
        self.row_problems: list[tuple[int, str]] = []
        self.far: set[str] = set()  # warning signs in cells past the kept width
        self.col = -1
        self.kind = ""
        self.style = -1
        self.keep = False
        self.formula = False
        self.has_value = False
        self.collect = False
        self.text: list[str] = []
        self.size = 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        reader = self.reader
        reader.elements += 1
        if reader.elements > MAX_ELEMENTS:
            refuse(f"holds more than {MAX_ELEMENTS:,} XML elements in its sheets; save the "
                   "roster as CSV or split it")
        local = _LOCAL.get(tag) or _local(tag)
        if local == "c":
            reader.seen += 1
            if reader.seen > MAX_SEEN:
                refuse(f"holds more than {MAX_SEEN:,} cells; save the roster as CSV or "
                       "split it")
            ref = attrs.get("r")
            col = _column(ref) if ref else self.col + 1
            self.col = col if col >= 0 else 0
            self.kind = attrs.get("t", "n")
            style = attrs.get("s")
            self.style = _int(style) if style else -1
            self.keep = self.col < self.limit
            self.formula = self.has_value = self.collect = False
            self.text = []
            self.size = 0
        elif local == "v" or local == "t":
            self.has_value = True
            self.collect = True
        elif local == "f":
            self.formula = True
        elif local == "row":
            number = attrs.get("r")
            self.row_number = int(number) if number and number.isdigit() else \
                self.row_number + 1
            if self.row_number > MAX_ROW:
                refuse(f"row {self.row_number:,} is past Excel's last row")
            self.cells, self.filled, self.row_problems, self.col = [], 0, [], -1
            self.far = set()

    def chars(self, data: str) -> None:
        if self.collect:
            self.size += len(data)
            if self.size > MAX_STRING:
                refuse(f"cell {_ref(self.col, self.row_number)} is longer than "
                       f"{MAX_STRING:,} characters, Excel's own limit")
            self.text.append(data)

    def end(self, tag: str) -> None:
        local = _LOCAL.get(tag) or _local(tag)
        if local == "c":
            self._end_cell()
        elif local == "v" or local == "t":
            self.collect = False
        elif local == "row":
            self._end_row()

    def _end_cell(self) -> None:
        if not self.keep:
            # Past the header's width (plus OVERFLOW) only a warning sign is kept: an
            # unquoted comma may have pushed it anywhere, and it must never be lost.
            if self.has_value:
                self.filled = max(self.filled, self.col + 1)
                far, _ = self._value("".join(self.text))
                if far:
                    self.far |= flags_in([far], self.reader.signs)
            return
        text = self.text
        value, problem = self._value(text[0] if len(text) == 1 else "".join(text))
        if problem:
            self.row_problems.append((self.col, problem))
        if not value:
            return
        reader = self.reader
        reader.kept += 1
        if reader.kept > MAX_CELLS:
            refuse(f"holds more than {MAX_CELLS:,} filled cells; save the roster as CSV "
                   "or split it")
        cells, col = self.cells, self.col
        if len(cells) <= col:
            cells.extend([""] * (col + 1 - len(cells)))
        cells[col] = reader.common.setdefault(value, value) if len(value) <= SHARE_LONGEST \
            and len(reader.common) < SHARE_MOST else value
        if col >= self.filled and not value.isspace():
            self.filled = col + 1

    def _value(self, text: str) -> tuple[str, str]:
        """The cell's text and a problem (empty when none)."""
        kind = self.kind
        if self.formula and not self.has_value:  # of any type: a text formula too
            return "", FORMULA_HINT
        if self.formula and kind in ("n", "") and not text:
            return "", FORMULA_HINT
        if not self.has_value:  # no <v>: blank, whatever type (t="s" is no index 0)
            return "", ""
        if kind == "s":
            index = _int(text) if text.strip() else -1  # an empty <v/> is no index 0
            if 0 <= index < len(self.reader.shared):
                return self.reader.shared[index], ""
            return "", "refers to a text the workbook does not hold"
        if kind == "e":
            return "", f"{text.strip() or '#ERROR'} is {ERROR_HINT}"
        if kind == "b":
            return {"1": "yes", "0": "no"}.get(text.strip(), text), ""
        if kind in ("n", ""):
            return _number(text, self.style in self.reader.dates) if text else "", ""
        return text, ""

    def _end_row(self) -> None:
        cells = self.cells
        if self.filled == 0 and not self.row_problems:
            return
        if self.far:  # one cell past the kept ones, naming the signs found out there
            cells.extend([""] * (self.limit - len(cells)))
            cells.append("; ".join(sorted(self.far)))
        read = self.read
        if not self.header:
            self.header = True
            width = self.filled
            self.limit = min(width + OVERFLOW, MAX_COLUMNS)
            del cells[width:]
            read.known = any(column_field(h) or _key(h) in self.reader.known for h in cells)
        if self.row_problems:
            read.problems[len(read.rows)] = self.row_problems
        read.rows.append(cells)
        read.numbers.append(self.row_number)
        read.lengths.append(self.filled)
        if len(read.rows) == 1 and self.stop_unknown and not read.known:
            raise _Stop


#: Tag -> its local name (writers may add a namespace prefix such as ``x:``).
_LOCAL: dict[str, str] = {"c": "c", "v": "v", "t": "t", "f": "f", "row": "row", "is": "is"}


def _local(tag: str) -> str:
    local = tag.rpartition(":")[2]
    if len(_LOCAL) < 256:  # a hostile file may invent endless tags; the cache stays small
        _LOCAL[tag] = local
    return local


def _key(header: str) -> str:
    from ..headers import normalise_header

    return normalise_header(header)


def _ref(col: int, row: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


def _int(text: str | None) -> int:
    try:
        return int(text or 0)
    except ValueError:
        return -1


def _column(ref: str) -> int:
    """``"AB12"`` -> 27 (0-based); -1 when the reference holds no letters."""
    number = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            number = number * 26 + ord(ch) - 64
        elif "a" <= ch <= "z":
            number = number * 26 + ord(ch) - 96
        else:
            break
        if number > MAX_COLUMNS:
            return MAX_COLUMNS
    return number - 1


def _number(text: str, date: bool) -> str:
    """A numeric cell as text: whole numbers without ``.0``, dates as ISO dates."""
    try:
        value = float(text)
    except ValueError:
        return text.strip()
    if date and 0 <= value < 2_958_466:  # Excel's last date, 9999-12-31
        moment = EPOCH + timedelta(days=value)
        moment = moment.replace(microsecond=0) + timedelta(seconds=round(moment.microsecond / 1e6))
        return moment.date().isoformat() if moment.time() == datetime.min.time() and \
            value.is_integer() else moment.isoformat()
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value)


