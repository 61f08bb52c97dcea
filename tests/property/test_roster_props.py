"""Properties of the roster readers and screen: any table in, one record per data row out.

Each example writes a CSV with arbitrary cells (quotes, delimiters, line breaks, control
characters, right-to-left text, emoji), headers naming some fields in any spelling plus
junk headers, in one of the contract's encodings (UTF-8, UTF-8 with BOM, Windows-1252)
and delimiters (``,`` ``;`` tab). Reading never raises anything but InputError, no data
row is dropped or reordered, and a red flag written among junk is never lost.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from psoas_check.answers import FIELDS, KG_FIELD
from psoas_check.cli import main
from psoas_check.errors import InputError
from psoas_check.options import RED_FLAG_TIER
from psoas_check.readers import column_field, read_bytes
from psoas_check.readers.sheet import note_cells
from psoas_check.roster import screen

from .test_answers_props import flags_among_junk

ENCODINGS = ["utf-8", "utf-8-sig", "cp1252"]
DELIMITERS = [",", ";", "\t"]
NAMES = [*FIELDS, KG_FIELD]
TRICKY = ["", " ", "\t", "=1+1", "+cmd", "-2", "@SUM(A1)", "\u202eevil", "שלום", "😀", '"',
          '""', "a\nb", "a\r\nb", "\r", "yes", "NaN", "1e400", "7,5", "#note: x", "none"]


@dataclass
class Table:
    encoding: str
    delimiter: str
    headers: list[str]
    rows: list[list[str]]
    flags: list[frozenset[str]]  # per row: red flags written in its red_flags cell
    data: bytes

    def data_rows(self) -> list[list[str]]:
        """Rows the contract counts: not wholly blank, and not a `#note` row."""
        return [r for r in self.rows if not (_blank(r) or _note(r))]


def _blank(row: list[str]) -> bool:
    return all(not cell.strip() for cell in row)


def _note(row: list[str]) -> bool:
    """Only the template's own note row is a note: every cell one of its cells, or blank."""
    first = row[0] if row else ""
    return (first[:1] == "#" and first.replace(" ", "").lower().startswith("#note")
            and all(not c.strip() or c.strip() in NOTE_CELLS for c in row))


NOTE_CELLS = note_cells()
NOTE_FIRST = next(c for c in NOTE_CELLS if c.startswith("#"))


def _filled(row: list[str]) -> int:
    """Cells up to the last one holding something."""
    return max((i + 1 for i, c in enumerate(row) if c.strip()), default=0)


def _spelt(name: str) -> st.SearchStrategy[str]:
    """A header naming a field in any case, with spaces or hyphens for underscores."""
    return st.tuples(
        st.sampled_from(["_", " ", "-"]), st.sampled_from([str.lower, str.upper, str.title]),
        st.sampled_from(["", " "]),
    ).map(lambda t: t[2] + t[1](name.replace("_", t[0])) + t[2])


@st.composite
def tables(draw: st.DrawFn, *, with_flags: bool = False) -> Table:
    encoding = draw(st.sampled_from(ENCODINGS))
    delimiter = draw(st.sampled_from(DELIMITERS))
    chars = st.characters(codec="cp1252" if encoding == "cp1252" else "utf-8",
                          exclude_characters="\x00")
    cells = st.text(chars, max_size=12) | st.sampled_from(TRICKY)
    if encoding == "cp1252":
        cells = cells.filter(lambda c: _encodable(c, "cp1252"))
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=6, unique=True))
    if with_flags and "red_flags" not in names:
        names.append("red_flags")
    headers = [draw(_spelt(n)) for n in names]
    # Junk headers: any text that is not a field name and holds no delimiter or quote.
    junk = st.text(chars, min_size=1, max_size=10).filter(
        lambda h: column_field(h) is None and h.strip() and not set(h) & set(',;\t"\r\n')
        and _encodable(h, encoding)
    )
    headers += draw(st.lists(junk, max_size=3))
    headers = draw(st.permutations(headers))
    width = len(headers)
    if width == 1:  # one column: its cells are never split, whatever commas they hold
        delimiter = ","
    rows: list[list[str]] = []
    flags: list[frozenset[str]] = []
    flag_column = next((i for i, h in enumerate(headers) if column_field(h) == "red_flags"), None)
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.integers(0, 9)) == 0:  # now and then the template's own note row
            row = [NOTE_FIRST, *draw(st.lists(
                st.sampled_from(sorted(NOTE_CELLS)), min_size=width - 1, max_size=width - 1))]
        else:
            row = draw(st.lists(cells, min_size=width, max_size=width))
        if width > 1:
            row += draw(st.lists(cells, max_size=2))  # ragged: a few rows run long
        if draw(st.booleans()):
            row = row[: draw(st.integers(0, width))]  # ... and some short
        given: frozenset[str] = frozenset()
        if with_flags and flag_column is not None and len(row) > flag_column:
            given, cell = draw(flags_among_junk().filter(
                # NUL marks a file as binary (see tests/data/bad/nul_byte.csv)
                lambda case: isinstance(case[1], str) and "\x00" not in case[1]
                and _encodable(case[1], encoding)
            ))
            row[flag_column] = cell
        rows.append(row)
        flags.append(given)
    end = draw(st.sampled_from(["\n", "\r\n"]))
    text = "".join(delimiter.join(_quoted(c, delimiter) for c in r) + end
                   for r in [headers, *rows])
    data = text.encode(encoding)
    return Table(encoding, delimiter, headers, rows, flags, data)


def _quoted(cell: str, delimiter: str) -> str:
    """A cell as a spreadsheet writes it (csv.writer leaves a lone CR bare with "\\n" lines)."""
    if set(cell) & {delimiter, '"', "\r", "\n"}:
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


@given(table=tables())
def test_read_and_screen__arbitrary_csv__one_record_per_data_row_in_order(table: Table) -> None:
    sheet = read_bytes("roster.csv", table.data)

    result = screen([sheet])

    expected = table.data_rows()
    assert [r.row for r in result.records] == list(range(1, len(expected) + 1))
    assert result.tally.rows == len(expected)
    assert sum(result.tally.counts.values()) == len(expected)


@given(table=tables(with_flags=True))
def test_read_and_screen__red_flags_among_junk__status_follows_the_flags(table: Table) -> None:
    result = screen([read_bytes("roster.csv", table.data)])

    kept = [f for r, f in zip(table.rows, table.flags, strict=True)
            if not (_blank(r) or _note(r))]
    assert len(result.records) == len(kept)
    rows = [r for r in table.rows if not (_blank(r) or _note(r))]
    for record, flags, row in zip(result.records, kept, rows, strict=True):
        if flags:
            tiers = {RED_FLAG_TIER[f] for f in flags}
            if _filled(row) > len(table.headers):
                # A row longer than its header is searched cell by cell: other cells may
                # name signs too, so it may be more urgent, never less.
                assert record.status in (("urgent",) if "urgent" in tiers
                                         else ("urgent", "see_clinician"))
            else:
                assert record.status == ("urgent" if "urgent" in tiers else "see_clinician")
            assert (record.poses, record.cautions) == ((), ())


@given(data=st.binary(max_size=300), suffix=st.sampled_from([".csv", ".xlsx", ".json"]))
def test_read_and_screen__arbitrary_bytes__records_or_input_error(
    data: bytes, suffix: str
) -> None:
    failed: list[InputError] = []
    try:
        result = screen([read_bytes("junk" + suffix, data)])
    except InputError as err:
        failed.append(err)
    else:
        assert result.tally.rows == len(result.records)
    for err in failed:
        assert str(err).startswith("junk" + suffix + ": ")
        assert "\n" not in str(err)


@given(table=tables(with_flags=True))
def test_cli_screen__arbitrary_csv__json_records_match_the_rows(
    table: Table, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(table.data)

    code = main(["screen", str(path), "--format", "json"])

    out, err = capsys.readouterr()
    assert code == 0, err
    records = json.loads(out)
    kept = [f for r, f in zip(table.rows, table.flags, strict=True)
            if not (_blank(r) or _note(r))]
    assert [r["row"] for r in records] == list(range(1, len(kept) + 1))
    for record, flags in zip(records, kept, strict=True):
        assert list(record) == ["row", "attendee", "status", "sections", "poses", "cautions",
                                "rules", "errors", "care_points"]
        if flags:
            assert record["status"] in ("urgent", "see_clinician")
            assert record["poses"] == []
    assert len(err.splitlines()) == 1
    assert err.startswith(f"screened {len(kept):,} row")
