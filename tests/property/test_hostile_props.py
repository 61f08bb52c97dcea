"""Properties of hostile roster files: an urgent sign written anywhere is never lost.

Rows run longer than their header (an unquoted comma in a name), start like notes
(``#NOTE-7``), sit on any of several worksheets (some hidden), and JSON keys repeat.
Whatever the shape, a recognised urgent sign in a row that is read makes it ``urgent``;
hidden worksheets are never read; a summary with a repeated key is refused, never
screened with the last value.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import PurePath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from psoas_check.errors import InputError
from psoas_check.files import distinct_name
from psoas_check.options import RED_FLAG_TIER, RED_FLAGS
from psoas_check.readers import read_bytes
from psoas_check.report import load_summary
from psoas_check.roster import screen

URGENT = sorted(f for f, tier in RED_FLAG_TIER.items() if tier == "urgent")
WORDS = st.text(st.characters(codec="utf-8", categories=["L", "N", "Zs"]), max_size=8)
JUNK = st.sampled_from(["", "Smith", " John", "4", "#note", "#NOTE-7", "# note: x", "none",
                        "yes", "n/a"]) | WORDS


@st.composite
def ragged_rows(draw: st.DrawFn) -> tuple[list[str], list[list[str]], list[bool]]:
    """A header with a warning-sign column, rows of any length, some holding an urgent sign
    in any cell."""
    header = draw(st.permutations(["attendee", "red_flags", *draw(st.lists(
        st.sampled_from(["phone", "notes", "Timestamp"]), max_size=2, unique=True))]))
    width = len(header)
    rows: list[list[str]] = []
    urgent: list[bool] = []
    for _ in range(draw(st.integers(1, 6))):
        row = draw(st.lists(JUNK, min_size=1, max_size=width + 3))
        place = draw(st.integers(0, len(row) - 1))
        sign = draw(st.booleans())
        if sign:
            row[place] = draw(st.sampled_from(URGENT))
        if not any(c.strip() for c in row):
            row[0] = "Ann"
        # Read as urgent wherever it sits: under the warning-sign header, under another
        # header (a stray sign), or past the header in a long row.
        urgent.append(sign)
        rows.append(row)
    return header, rows, urgent


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    # Written by hand, as a careless export would: no quoting, so commas shift cells.
    return "\n".join(",".join(r) for r in [header, *rows]).encode() + b"\n"


@given(ragged_rows())
def test_screen__urgent_sign_in_any_cell_of_a_row__row_urgent(
    case: tuple[list[str], list[list[str]], list[bool]],
) -> None:
    header, rows, urgent = case

    records = screen([read_bytes("r.csv", _csv(header, rows))]).records

    assert len(records) == len(rows)  # no row dropped, notes look-alikes included
    for record, expected in zip(records, urgent, strict=True):
        if expected:
            assert record.status == "urgent"
            assert record.poses == ()


@st.composite
def workbooks(draw: st.DrawFn) -> tuple[bytes, list[tuple[str, bool, list[str]]]]:
    """Worksheets in any order, some hidden, each with rows holding signs or not."""
    book = Workbook()
    book.remove(book.active)
    sheets: list[tuple[str, bool, list[str]]] = []
    count = draw(st.integers(1, 4))
    hidden = draw(st.lists(st.booleans(), min_size=count, max_size=count))
    if all(hidden):
        hidden[draw(st.integers(0, count - 1))] = False
    for index in range(count):
        signs = draw(st.lists(st.sampled_from([*URGENT, "none", ""]), min_size=1, max_size=3))
        sheet = book.create_sheet(f"S{index}")
        sheet.append(["attendee", "red_flags"])
        for row, sign in enumerate(signs):
            sheet.append([f"P{index}-{row}", sign or None])
        sheet.sheet_state = "hidden" if hidden[index] else "visible"
        sheets.append((f"S{index}", hidden[index], signs))
    book.active = hidden.index(False)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), sheets


@settings(max_examples=40, deadline=None)
@given(workbooks())
def test_screen__workbook__every_visible_sheet_in_order_hidden_ones_never(
    case: tuple[bytes, list[tuple[str, bool, list[str]]]],
) -> None:
    data, sheets = case

    records = screen([read_bytes("book.xlsx", data)]).records

    expected = [(f"P{i}-{r}", sign in URGENT) for i, (_, hidden, signs) in enumerate(sheets)
                if not hidden for r, sign in enumerate(signs)]
    assert [(r.attendee, r.status == "urgent") for r in records] == expected


KEYS = st.sampled_from(["attendee", "red_flags", "sitting_hours", "answers", "schema", "x"])


@given(st.lists(st.tuples(KEYS, st.sampled_from([[], ["leg_weakness"], "Ann", 3, None])),
                min_size=2, max_size=6).filter(lambda p: len({k for k, _ in p}) < len(p)))
def test_load_summary__any_key_given_twice__refused_naming_a_key(
    pairs: list[tuple[str, object]],
) -> None:
    text = "{" + ", ".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in pairs) + "}"

    with pytest.raises(InputError, match=r'is not a JSON summary \(the key "[a-z_]+" is given'):
        load_summary(text, name="dup.json")


@given(st.lists(st.sampled_from(["a.csv", "a (2).csv", "b.xlsx", "a", "a (2)"]), max_size=8))
def test_distinct_name__a_batch_of_uploads__every_name_kept_and_apart(names: list[str]) -> None:
    kept: list[str] = []
    for name in names:
        kept.append(distinct_name(name, kept))

    assert len(set(kept)) == len(names)
    assert [PurePath(k).suffix for k in kept] == [PurePath(n).suffix for n in names]


@given(st.lists(st.sampled_from([*RED_FLAGS, "none"]), min_size=1, max_size=4))
def test_read__one_column_of_signs__one_cell_whatever_the_commas(signs: list[str]) -> None:
    cell = ", ".join(signs)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([["red_flags"], [cell]])

    sheet = read_bytes("one.csv", buffer.getvalue().encode())

    assert (sheet.headers, sheet.frame[0].tolist(), sheet.problems) == (["red_flags"], [cell], {})


INVISIBLE = st.sampled_from(["\u200b", "\u200d", "\ufeff", "\u00ad", "\u2060"])


@st.composite
def near_header(draw: st.DrawFn) -> str:
    """``red_flags`` as forms and spreadsheets spell it: full-width, invisible marks, case."""
    chars = []
    for ch in "red_flags":
        ch = ch.upper() if draw(st.booleans()) else ch
        if draw(st.booleans()):  # the full-width form of the same letter
            ch = chr(ord(ch) + 0xFEE0)
        chars.append(ch + (draw(INVISIBLE) if draw(st.integers(0, 3)) == 0 else ""))
    return draw(st.sampled_from(["", " ", "\ufeff"])) + "".join(chars)


@settings(max_examples=60)
@given(near_header(), st.sampled_from(URGENT))
def test_screen__warning_sign_header_in_any_width_or_with_invisible_marks__row_urgent(
    header: str, sign: str
) -> None:
    data = f"attendee,{header}\nAnn,{sign}\n".encode()

    result = screen([read_bytes("r.csv", data)])

    assert [r.status for r in result.records] == ["urgent"]
    assert result.tally.ignored == ()


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 300), st.sampled_from(URGENT))
def test_screen__workbook_sign_any_number_of_columns_past_the_header__row_urgent(
    column: int, sign: str
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["attendee", "red_flags"])
    sheet.append(["Ann", "none"])
    sheet.cell(row=2, column=column + 1, value=sign)
    buffer = io.BytesIO()
    book.save(buffer)

    records = screen([read_bytes("book.xlsx", buffer.getvalue())]).records

    assert [r.status for r in records] == ["urgent"]


@given(st.lists(st.sampled_from([None, float("nan"), *URGENT, "none"]), min_size=1,
                max_size=4).filter(lambda items: None in items or any(
                    isinstance(i, float) for i in items)))
def test_load_summary__null_or_nan_in_the_signs__never_read_as_no_signs(
    items: list[object],
) -> None:
    data = json.dumps({"attendee": "Ann", "red_flags": items}).encode()  # NaN as JSON's NaN

    try:
        record = screen([read_bytes("a.json", data)]).records[0]
    except InputError:
        return  # refused in one line: nothing screened as "no signs"
    assert record.status in ("urgent", "invalid")
    if any(i in URGENT for i in items):
        assert record.status == "urgent"
