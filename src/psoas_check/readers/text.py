"""CSV and TSV rosters: the encoding, the delimiter, and ragged rows kept whole.

UTF-32 and UTF-16 are told apart by their byte-order marks (UTF-32's first, since its
little-endian mark begins with UTF-16's). A UTF-8 file with a few stray Windows-1252
bytes stays UTF-8, with each bad byte reported in its cell, rather than turning every
other accented name into mojibake.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..errors import InputError
from ..headers import normalise_header
from .columns import column_field
from .sheet import RawRows, Sheet, check_width, framed

__all__ = ["DELIMITERS", "csv_sheet", "decode"]

DELIMITERS = (",", ";", "\t")
#: A header with none of the delimiters is one column; this never occurs in text.
ONE_COLUMN = "\x1f"
SNIFF_LINES = 50
#: The csv module's default field limit (128 kB) would make a long cell fatal.
FIELD_LIMIT = 16 * 1024 * 1024
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"))
#: Excel's first line naming the delimiter, as some locales and exporters write it.
EXCEL_SEP = re.compile(r"sep=([,;\t|])[ ]*(?:\r\n?|\n)", re.IGNORECASE)
#: A multi-byte UTF-8 sequence: proof the file was written as UTF-8.
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


def decode(name: str, data: bytes) -> tuple[str, bool]:
    """The file's text, and whether stray bytes were replaced (each is then reported)."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), False
            except UnicodeDecodeError:
                raise InputError(f"{name}: is not readable {codec} text") from None
    if b"\x00" in data:
        raise InputError(f"{name}: holds binary data, not CSV text")
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if UTF8_SEQUENCE.search(data) and bad <= len(UTF8_SEQUENCE.findall(data)):
        return text, True  # UTF-8 with a few stray bytes: keep it UTF-8, report the cells
    try:
        return data.decode("cp1252"), False
    except UnicodeDecodeError:
        raise InputError(f"{name}: is neither UTF-8 nor Windows-1252 text") from None


def _lines(text: str) -> list[str]:
    # Split on CR/LF only: str.splitlines() also breaks at \x1c-\x1e, \x85 and U+2028,
    # which may sit inside a header cell and would hide the real header row.
    # maxsplit: a large file's other lines are never split (a tenth of reading 100,000 rows).
    lines = re.split(r"\r\n?|\n", text, maxsplit=SNIFF_LINES * 2)[: SNIFF_LINES * 2]
    return [line for line in lines if line.strip()][:SNIFF_LINES]


def delimiter(text: str, mapping: Mapping[str, str] | None) -> str:
    """The delimiter whose header row names the most fields, then gives the steadiest rows.

    A header holding none of the delimiters is one column: a warning-sign list written
    "leg_weakness, fever_unwell" below it is one cell, not two columns.
    """
    lines = _lines(text)
    if not lines:
        return ","
    if not any(d in lines[0] for d in DELIMITERS) and ONE_COLUMN not in text:
        return ONE_COLUMN
    known = {normalise_header(h) for h in mapping or {}}

    def score(delimiter: str) -> tuple[int, int, int]:
        try:
            rows = list(csv.reader(lines, delimiter=delimiter))
        except csv.Error:
            return (-1, 0, 0)
        header = rows[0]
        named = sum(1 for h in header if column_field(h) or normalise_header(h) in known)
        steady = sum(1 for r in rows[1:] if len(r) == len(header))
        return (named, steady if len(header) > 1 else 0, len(header))

    return max(DELIMITERS, key=score)


def _header_width(text: str, delimiter: str) -> int:
    """Cells in the first non-blank line, read before anything costly is built."""
    # Runs between line breaks, found lazily: only the lines up to the first are looked at.
    for line in (m.group() for m in re.finditer(r"[^\r\n]+", text)):
        if line.strip():
            try:
                return len(next(csv.reader([line], delimiter=delimiter)))
            except csv.Error:
                return 0
    return 0


def csv_sheet(name: str, data: bytes, mapping: Mapping[str, str] | None) -> Sheet:
    """Read CSV bytes into a sheet; rows longer than the header are kept and reported."""
    text, replaced = decode(name, data)
    # Excel's "sep=;" first line names the delimiter; Excel itself hides that line.
    hint = EXCEL_SEP.match(text)
    if hint:
        sep, text = hint.group(1), text[hint.end():]
    else:
        sep = delimiter(text, mapping)
    check_width(name, _header_width(text, sep))
    options: dict[str, Any] = {"header": None, "dtype": object, "na_filter": False,
                               "skip_blank_lines": False, "sep": sep}
    try:
        frame = pd.read_csv(io.StringIO(text), **options)
    except pd.errors.EmptyDataError:
        frame = pd.DataFrame()
    except pd.errors.ParserError:
        return _ragged(name, text, sep, replaced)
    return framed(name, RawRows(frame, replaced=replaced))


def _ragged(name: str, text: str, sep: str, replaced: bool) -> Sheet:
    """Rows of uneven length (more cells than the first line), read with the csv module."""
    if csv.field_size_limit() < FIELD_LIMIT:
        csv.field_size_limit(FIELD_LIMIT)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
        rows = list(reader)
    except csv.Error as err:
        raise InputError(f"{name}: is not readable CSV ({err})") from err
    width = max((len(r) for r in rows), default=0)
    check_width(name, width)
    widths = [len(r) for r in rows]
    lengths = [_filled(r) for r in rows]
    padded = [r + [""] * (width - len(r)) if len(r) < width else r for r in rows]
    frame = pd.DataFrame(padded, dtype=object) if padded else pd.DataFrame()
    return framed(name, RawRows(frame, lengths=lengths, widths=widths, replaced=replaced))


def _filled(row: list[str]) -> int:
    """Cells up to the last one holding something (``a,b,,`` holds two)."""
    for index in range(len(row) - 1, -1, -1):
        if row[index].strip():
            return index + 1
    return 0
