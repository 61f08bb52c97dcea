"""Roster readers: formats, encodings, delimiters, blank rows, headers and mapping."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from psoas_check.errors import InputError
from psoas_check.files import distinct_name
from psoas_check.readers import (
    Sheet,
    column_field,
    parse_mapping,
    plan_columns,
    read_bytes,
    read_paths,
)
from psoas_check.template import template_csv

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


def _book(*sheets: tuple[str, list[list[object]], str]) -> bytes:
    """A workbook of (title, rows, state) sheets, written by openpyxl as Excel would read it."""
    book = Workbook()
    book.remove(book.active)
    for title, rows, state in sheets:
        sheet = book.create_sheet(title)
        sheet.sheet_state = state
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


ROSTER_ROWS: list[list[object]] = [["attendee", "red_flags"], ["Ann", "leg_weakness"]]


def test_read__workbook__every_visible_sheet_with_a_field_header_in_order() -> None:
    data = _book(("Notes", [["Read me first"], ["Fill in the next sheets"]], "visible"),
                 ("Monday", ROSTER_ROWS, "visible"),
                 ("Old", ROSTER_ROWS, "hidden"),
                 ("Tuesday", [["Attendee", "Red flags"], ["Bea", ""], ["Cy", "none"]], "visible"),
                 ("Blank", [], "visible"))

    sheet = read_bytes("week.xlsx", data)

    assert [(p.label, p.own_rows) for p in sheet.parts()] == [
        ("week.xlsx [Monday]", 1), ("week.xlsx [Tuesday]", 2)]
    assert sheet.rows == 3
    assert sheet.skipped == ["'Notes' (no header naming a field)", "'Old' (hidden)",
                             "'Blank' (empty)"]


def test_read__workbook_without_field_headers__first_sheet_whole_for_mapping() -> None:
    data = _book(("Hidden", ROSTER_ROWS, "hidden"),
                 ("Form", [["Your name", "Signs"], ["Ann", "leg_weakness"]], "visible"))

    sheet = read_bytes("form.xlsx", data)

    assert (sheet.label, sheet.headers, _rows(sheet)) == (
        "form.xlsx", ["Your name", "Signs"], [["Ann", "leg_weakness"]])
    assert plan_columns(sheet, {"Your name": "attendee", "Signs": "red_flags"}).fields == {
        0: "attendee", 1: "red_flags"}


def test_read__workbook_formulas_and_errors__blank_cells_with_a_problem_each() -> None:
    data = _book(("Roster", [["attendee", "red_flags"], ["Ann", '=IF(TRUE,"leg_weakness","")'],
                             ["#N/A", "none"]], "visible"))

    sheet = read_bytes("f.xlsx", data)

    assert _rows(sheet) == [["Ann", ""], ["", "none"]]
    assert [(row, col, where) for row, found in sheet.problems.items()
            for col, where, _ in found] == [(0, 1, "row 2, red_flags"), (1, 0, "row 3, attendee")]
    assert sheet.problems[1][0][2] == (
        "#N/A is an Excel error value, not an answer; correct the cell")


def test_read__workbook_declaring_every_cell__only_the_header_width_and_a_margin_kept() -> None:
    rows = [["attendee", "red_flags"], ["Ann", "none", *[""] * 40, "far away"]]
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.active["AZ1000"] = "beyond the roster"
    buffer = io.BytesIO()
    book.save(buffer)

    sheet = read_bytes("wide.xlsx", buffer.getvalue())

    assert sheet.frame.shape[1] <= 2 + 16
    assert _rows(sheet)[0][:2] == ["Ann", "none"]
    assert [p[2] for p in sheet.problems[0]] == [
        "43 cells, the header has 2; warning signs are looked for in every cell"]


def test_read__workbook_with_a_doctype__refused_before_any_entity_is_expanded() -> None:
    from xlsx_bombs import workbook

    xml = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]>'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           "<sheetData/></worksheet>")
    with pytest.raises(InputError) as caught:
        read_bytes("lol.xlsx", workbook([("Roster", xml, "visible")]))

    assert str(caught.value) == ("lol.xlsx: part xl/worksheets/sheet1.xml declares a document "
                                 "type, which a workbook never does")


def test_read__row_longer_than_its_header__kept_with_a_problem() -> None:
    sheet = read_bytes("r.csv", b"attendee,red_flags\nSmith, John,leg_weakness\nAnn,none,\n")

    assert _rows(sheet) == [["Smith", " John", "leg_weakness"], ["Ann", "none", ""]]
    assert sheet.problems == {0: [(None, "row 2", "3 cells, the header has 2; warning signs "
                                   "are looked for in every cell")]}


def test_read__one_column_of_signs__commas_stay_inside_the_cell() -> None:
    sheet = read_bytes("signs.csv", b"red_flags\nleg_weakness, fever_unwell\nnone\n")

    assert (sheet.headers, _rows(sheet)) == (
        ["red_flags"], [["leg_weakness, fever_unwell"], ["none"]])
    assert sheet.problems == {}


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-be", "utf-16"])
def test_read__utf32_and_utf16_with_their_marks__told_apart(codec: str) -> None:
    data = "attendee,red_flags\nZoë,none\n".encode(codec)
    if codec == "utf-32-be":
        data = b"\x00\x00\xfe\xff" + data

    assert _rows(read_bytes("u.csv", data)) == [["Zoë", "none"]]


def test_read__utf8_with_one_stray_windows_byte__utf8_kept_and_the_cell_reported() -> None:
    data = "attendee,red_flags\nZoë,none\n".encode() + b"Ren\xe9e,none\n"

    sheet = read_bytes("s.csv", data)

    assert _rows(sheet) == [["Zoë", "none"], ["Ren\ufffde", "none"]]
    assert [(c, w) for c, w, _ in sheet.problems[1]] == [(0, "row 3, attendee")]


@pytest.mark.parametrize(
    ("header", "field"),
    [("ＲＥＤ＿ＦＬＡＧＳ", "red_flags"), ("attendee\u200b", "attendee"),
     ("sitting\u00ad hours\u2060", "sitting_hours"), ("\ufeffstress level", "stress_level")],
)
def test_column_field__full_width_and_invisible_characters__still_the_field(
    header: str, field: str
) -> None:
    assert column_field(header) == field


def test_plan_columns__header_close_to_a_field__did_you_mean() -> None:
    sheet = read_bytes("c.csv", b"attendee,Sittng hours,Timestamp\nAnn,3,now\n")

    plan = plan_columns(sheet)

    assert (plan.ignored, plan.close) == (["Sittng hours", "Timestamp"],
                                          {"Sittng hours": "sitting_hours"})


@pytest.mark.parametrize(
    ("taken", "expected"),
    [([], "a.csv"), (["a.csv"], "a (2).csv"), (["a.csv", "a (2).csv"], "a (3).csv"),
     (["notes"], "notes (2)")],
)
def test_distinct_name__a_taken_name__numbered_before_the_suffix(
    taken: list[str], expected: str
) -> None:
    assert distinct_name(expected.replace(" (2)", "").replace(" (3)", ""), taken) == expected


def test_plan_columns__workbook_of_hidden_sheets__empty_naming_what_was_skipped() -> None:
    data = _book(("Old", ROSTER_ROWS, "hidden"), ("Blank", [], "visible"))
    sheet = read_bytes("hidden.xlsx", data)

    with pytest.raises(InputError) as caught:
        plan_columns(sheet)

    assert str(caught.value) == ("hidden.xlsx: is empty; expected a header row naming the fields "
                                 "(skipped sheets: 'Old' (hidden), 'Blank' (empty))")
