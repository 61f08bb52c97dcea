"""Roster readers: formats, encodings, delimiters, blank rows, headers and mapping."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from psoas_check.errors import InputError
from psoas_check.template import template_csv
from psoas_check.readers import (
    Sheet,
    column_field,
    parse_mapping,
    plan_columns,
    read_bytes,
    read_paths,
)

ROSTER = Path(__file__).parent / "data" / "roster"


def _rows(sheet: Sheet) -> list[list[str]]:
    return [list(map(str, row)) for row in sheet.frame.itertuples(index=False)]


def _xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.create_sheet("Second").append(["attendee", "never read"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("sitting_hours", "sitting_hours"),
        ("Sitting Hours", "sitting_hours"),
        ("  STRETCH-BREAKS ", "stretch_breaks"),
        ("Abdominal excess kg", "abdominal_excess_kg"),
        ("Timestamp", None),
        ("How many hours do you sit?", None),
    ],
)
def test_column_field__header_spellings__matched_to_the_field_or_none(
    header: str, field: str | None
) -> None:
    assert column_field(header) == field


def test_read__signup_form_export__question_headers_kept_aside(tmp_path: Path) -> None:
    sheet = read_paths([ROSTER / "signup_form.csv"])[0]
    plan = plan_columns(sheet, {"Your name": "attendee"})

    assert sheet.headers[:3] == ["Timestamp", "Your name", "How did you hear about us?"]
    assert plan.fields == {1: "attendee", 3: "sitting_hours", 4: "stretch_breaks",
                           6: "pain_areas", 7: "balance_difficulty", 8: "red_flags"}
    assert plan.ignored == [
        "Timestamp",
        "How did you hear about us?",
        "Roughly how many days a week do you exercise, for 30 minutes or more?",
    ]
    assert _rows(sheet)[2][2] == "The studio noticeboard, by the door"


def test_read__semicolons_and_decimal_commas__split_on_semicolons_only() -> None:
    sheet = read_paths([ROSTER / "european_semicolon.csv"])[0]

    assert sheet.headers == ["attendee", "sitting_hours", "stretch_breaks",
                             "abdominal_excess_kg", "pain_areas", "balance_difficulty"]
    assert _rows(sheet)[0] == ["Jana Nováková", "7,5", "rarely", "4,5", "low_back, si_joint",
                               "nein"]


def test_read__utf8_with_bom__first_header_clean() -> None:
    sheet = read_paths([ROSTER / "bom_utf8.csv"])[0]

    assert sheet.headers[0] == "attendee"
    assert [r[0] for r in _rows(sheet)] == ["Søren Kierkegaard", "Ελένη"]


def test_read__windows_1252_tab_separated__accents_and_tabs_read() -> None:
    sheet = read_paths([ROSTER / "windows_1252.csv"])[0]

    assert sheet.headers == ["Attendee", "Sitting hours", "Pain areas", "Red flags"]
    assert _rows(sheet) == [
        ["Zoë Müller", "5", "low_back", ""],
        ["José Ñúñez", "11", "hip_front", "cancer_history"],
        ["François Æbelø", "", "", ""],
    ]


def test_read__blank_lines_white_space_and_empty_cells__counted_not_read() -> None:
    sheet = read_paths([ROSTER / "blank_rows.csv"])[0]

    assert _rows(sheet) == [["Tess", "3", ""], ["Uma", "4", "major_trauma"]]
    assert sheet.blank_rows == 4


def test_read__header_only__no_rows() -> None:
    sheet = read_paths([ROSTER / "header_only.csv"])[0]

    assert (sheet.headers, sheet.rows, sheet.blank_rows) == (
        ["attendee", "sitting_hours", "red_flags"], 0, 0)


def test_read__more_cells_than_headers__extra_column_named_as_ignored() -> None:
    sheet = read_bytes("ragged.csv", b"attendee,sitting_hours\nAnn,3\nBob,4,surprise\n")
    plan = plan_columns(sheet)

    assert _rows(sheet) == [["Ann", "3", ""], ["Bob", "4", "surprise"]]
    assert plan.ignored == ["column 3 (no header)"]


def test_read__template_note_row__skipped_and_counted() -> None:
    data = template_csv().encode() + b"Ann,3\n"

    sheet = read_bytes("template.csv", data)

    assert [row[:2] for row in _rows(sheet)][1:] == [["Ann", "3"]]
    assert sheet.note_rows == 1


@pytest.mark.parametrize(
    "row", ["# Note: 0 to 24,hours", "#NOTE-7,leg_weakness", "#note,", "# note: call Ann,3"]
)
def test_read__rows_that_only_look_like_notes__kept_as_data(row: str) -> None:
    sheet = read_bytes("notes.csv", f"attendee,red_flags\n{row}\nAnn,3\n".encode())

    assert (len(_rows(sheet)), sheet.note_rows) == (2, 0)


def test_read__xlsx_first_sheet__typed_cells_read_as_text() -> None:
    data = _xlsx([
        ["Attendee", "sitting_hours", "money_stress", "Signed up"],
        ["Ann", 7.5, True, datetime.datetime(2024, 6, 1, 9, 30)],
        [None, None, None, None],
        [1001, 8.0, False, None],
    ])
    sheet = read_bytes("roster.xlsx", data)

    assert sheet.headers == ["Attendee", "sitting_hours", "money_stress", "Signed up"]
    assert _rows(sheet) == [["Ann", "7.5", "yes", "2024-06-01T09:30:00"], ["1001", "8", "no", ""]]
    assert sheet.blank_rows == 1


def test_read__folder_of_summaries__one_row_each_in_name_order() -> None:
    sheets = read_paths([ROSTER / "summaries"])

    assert [Path(s.name).name for s in sheets] == ["01-vera.json", "02-wim.json", "03-xia.json"]
    assert [s.parsed[0].answers.attendee for s in sheets] == ["Vera", "Wim", "Xia"]
    assert [str(e) for e in sheets[2].parsed[0].errors] == [
        "sitting_hours: 'all day' is not a number"]


def test_preview__a_column__distinct_non_blank_values() -> None:
    sheet = read_paths([ROSTER / "signup_form.csv"])[0]

    assert sheet.preview("How did you hear about us?", limit=2) == ["A friend", "Instagram"]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("junk.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
         "junk.csv: holds binary data, not CSV text"),
        ("junk.csv", b"attendee\n\x81\x8d\x8f\x90\x9d",
         "junk.csv: is neither UTF-8 nor Windows-1252 text"),
        ("empty.csv", b"", "empty.csv: is empty; expected a header row naming the fields"),
        ("broken.csv", b'attendee,sitting_hours\nAnn,"3\nBob,4\n',
         "broken.csv: is not readable CSV (unexpected end of data)"),
        ("fake.xlsx", b"attendee\nAnn\n", "fake.xlsx: is not a readable Excel .xlsx workbook"),
        ("roster.ods", b"whatever",
         "roster.ods: unsupported file type .ods; use .csv, .xlsx or .json"),
        ("x.json", b"[1, 2]", "x.json: expected a JSON object of answers, found list"),
    ],
)
def test_read__unusable_bytes__input_error_naming_the_file(
    name: str, data: bytes, message: str
) -> None:
    with pytest.raises(InputError) as caught:
        plan_columns(read_bytes(name, data))

    assert str(caught.value) == message


def test_read_paths__missing_file__input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nowhere\.csv: no such file$"):
        read_paths([tmp_path / "nowhere.csv"])


def test_read_paths__folder_without_summaries__input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r": folder holds no \.json summaries$"):
        read_paths([tmp_path])


def test_plan_columns__no_known_columns__input_error_naming_the_file() -> None:
    sheet = read_paths([ROSTER / "no_known_columns.csv"])[0]

    with pytest.raises(InputError) as caught:
        plan_columns(sheet)

    assert str(caught.value) == (
        f"{ROSTER / 'no_known_columns.csv'}: no recognisable columns (found 'Timestamp', "
        "'Email address', 'Favourite colour'); name them as in the template (attendee, "
        "sitting_hours, ...) or map one to a field (--map 'HEADER=field' on the command line)"
    )


def test_plan_columns__mapping__rescues_columns_and_lists_the_ignored_ones() -> None:
    sheet = read_paths([ROSTER / "no_known_columns.csv"])[0]

    plan = plan_columns(sheet, {"email ADDRESS": "attendee", "Timestamp": ""})

    assert (plan.fields, plan.ignored) == ({1: "attendee"}, ["Timestamp", "Favourite colour"])


def test_plan_columns__two_columns_for_one_field__input_error() -> None:
    sheet = read_bytes("two.csv", b"attendee,Attendee\nA,B\n")

    with pytest.raises(InputError, match=r"^two\.csv: columns 'attendee' and 'Attendee' both"):
        plan_columns(sheet)


def test_parse_mapping__header_with_equals_sign__split_at_the_last() -> None:
    assert parse_mapping(["Is 2+2=4?=money stress", "Timestamp="]) == {
        "Is 2+2=4?": "money_stress", "Timestamp": ""}


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("Your name", "--map 'Your name': write it as 'HEADER=field'"),
        ("=attendee", "--map '=attendee': write it as 'HEADER=field'"),
        ("Hours=siting_hours",
         "--map 'Hours=siting_hours': `siting_hours` is not a field "
         "(did you mean `sitting_hours`?)"),
    ],
)
def test_parse_mapping__bad_item__input_error(item: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_mapping([item])

    assert str(caught.value) == message
