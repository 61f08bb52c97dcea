"""Roster exports: formula-safe CSV, JSON, Excel, the zip of summaries, the template."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from psoas_check.answers import FIELDS
from psoas_check.assess import STATUSES
from psoas_check.export import (
    csv_field,
    record_cells,
    safe_cell,
    summaries_zip,
    to_csv,
    to_json,
    to_xlsx,
)
from psoas_check.messages import NOTICE
from psoas_check.options import RED_FLAGS
from psoas_check.pdf_layout import pdf_text
from psoas_check.people import SIGN_NOT_LOOKED_UP, STATUS_COLOURS, STATUS_WORDS, person_rows
from psoas_check.people_report import PEOPLE_COLUMNS, people_csv, people_xlsx
from psoas_check.readers import read_bytes
from psoas_check.roster import EXTRA_KEYS, RECORD_KEYS, RosterScreen, screen, screen_files
from psoas_check.rules import RuleSet, load_rules
from psoas_check.suggestions import suggest_fields
from psoas_check.template import NOTE_LEAD, template_csv, template_xlsx
from psoas_check.template_pdf import template_pdf

ROSTER = Path(__file__).parent / "data" / "roster"


@pytest.fixture
def ruleset(rules_dir: Path, write_rules: Callable[[str, str], Path]) -> RuleSet:
    write_rules("rules.yaml", (ROSTER / "test_rules.yaml").read_text(encoding="utf-8"))
    return load_rules(rules_dir)


@pytest.fixture
def formulas(ruleset: RuleSet) -> RosterScreen:
    return screen_files([ROSTER / "formula_names.csv"], None, ruleset)


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+44 7700", "'+44 7700"),
        ("-minus", "'-minus"),
        ("@handle", "'@handle"),
        ("\tTabbed", "'\tTabbed"),
        ("\rReturn", "'\rReturn"),
        ("plain", "plain"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_safe_cell__leading_formula_characters__prefixed(text: str, safe: str) -> None:
    assert safe_cell(text) == safe


@pytest.mark.parametrize("text", ["plain", "a,b", 'say "hi"', "two\nlines", "cr\rhere", "", " x "])
def test_csv_field__any_text__as_csv_writer_writes_it(text: str) -> None:
    out = io.StringIO(newline="")
    csv.writer(out).writerow(["a", text, "b"])  # the excel dialect quotes \r and \n

    assert f"a,{csv_field(text)},b\r\n" == out.getvalue()


def test_to_csv__formula_names__every_risky_cell_prefixed(formulas: RosterScreen) -> None:
    rows = list(csv.reader(io.StringIO(to_csv(formulas.records))))

    assert rows[0] == [*RECORD_KEYS, *EXTRA_KEYS]
    assert [r[1] for r in rows[1:]] == [
        "'=HYPERLINK(\"http://example.com\",\"click\")",
        "'+44 7700 900123",
        "'-minus",
        "'@handle",
        "Tabbed",  # names are trimmed when read
        "plain name",
    ]
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
               for row in rows for cell in row)


def test_to_csv__lists_and_cautions__joined_with_bars(ruleset: RuleSet) -> None:
    result = screen_files([ROSTER / "signup_form.csv"], {"Your name": "attendee"}, ruleset)

    rows = list(csv.reader(io.StringIO(to_csv(result.records))))

    assert rows[1] == [
        "1", "Ana Silva", "caution", "back-pain | psoas-major",
        "constructive-rest | active-supine-stretch",
        "active-supine-stretch: Slide the leg out only as far as is easy.",
        "long-sitting | low-back", "", "",
    ]
    assert rows[1:] == [record_cells(r) for r in result.records]


def test_to_csv__bad_values__errors_joined_in_one_cell(ruleset: RuleSet) -> None:
    result = screen_files([ROSTER / "bad_values.csv"], None, ruleset)

    rows = list(csv.reader(io.StringIO(to_csv(result.records))))

    assert rows[4][7] == ("'sitting_hours: -1 is outside the allowed range 0 to 24 hours | "
                          "exercise_days: 8 is outside the allowed range 0 to 7 days")[1:]


def test_to_json__records__contract_shapes(formulas: RosterScreen) -> None:
    records = json.loads(to_json(formulas.records))

    assert records[0]["attendee"] == '=HYPERLINK("http://example.com","click")'
    assert [list(r) for r in records] == [[*RECORD_KEYS, *EXTRA_KEYS]] * 6


def test_to_xlsx__roster__formula_safe_text_and_counts(formulas: RosterScreen) -> None:
    book = load_workbook(io.BytesIO(to_xlsx(formulas)))
    sheet = book["Roster"]

    assert [c.value for c in sheet[1]] == [*RECORD_KEYS, *EXTRA_KEYS]
    assert [sheet.cell(row=r, column=2).value for r in range(2, 8)] == [
        "'=HYPERLINK(\"http://example.com\",\"click\")", "'+44 7700 900123", "'-minus",
        "'@handle", "Tabbed", "plain name"]
    assert all(sheet.cell(row=r, column=2).data_type == "s" for r in range(2, 8))
    assert [[c.value for c in row] for row in book["Counts"].iter_rows()] == [
        ["status", "attendees"], ["urgent", 0], ["see_clinician", 0], ["invalid", 0],
        ["incomplete", 6], ["caution", 0], ["ok", 0]]


def test_summaries_zip__markdown__one_safe_name_per_attendee(formulas: RosterScreen) -> None:
    archive = zipfile.ZipFile(io.BytesIO(summaries_zip(formulas)))

    assert archive.namelist() == [
        "001-HYPERLINK-http-example-com-click.md", "002-44-7700-900123.md", "003-minus.md",
        "004-handle.md", "005-Tabbed.md", "006-plain-name.md"]
    assert "Attendee: plain name" in archive.read("006-plain-name.md").decode()


def test_summaries_zip__custom_builder_and_rows__called_per_chosen_row(
    formulas: RosterScreen,
) -> None:
    def builder(answers: object, assessment: object, ruleset: RuleSet) -> bytes:
        name, status = getattr(answers, "attendee", None), getattr(assessment, "status", None)
        return f"{name}:{status}".encode()

    archive = zipfile.ZipFile(io.BytesIO(
        summaries_zip(formulas, builder, extension="txt", rows=[5])))  # type: ignore[arg-type]

    assert archive.namelist() == ["006-plain-name.txt"]
    assert archive.read("006-plain-name.txt") == b"plain name:incomplete"


def test_template_csv__loaded_back__one_example_row_without_errors(ruleset: RuleSet) -> None:
    text = template_csv()
    rows = list(csv.reader(io.StringIO(text)))

    result = screen([read_bytes("template.csv", text.encode())], ruleset=ruleset)

    assert rows[0] == list(FIELDS)
    assert rows[2][0].startswith("# note:")
    assert rows[2][1] == "a number from 0 to 24 (hours)"
    assert [(r.attendee, r.errors) for r in result.records] == [
        ("Example attendee (replace this row)", ())]
    assert result.tally.line().endswith("skipped 0 blank rows and 1 note row")


def test_template_xlsx__loaded_back__example_row_and_allowed_values_sheet(
    ruleset: RuleSet,
) -> None:
    data = template_xlsx()
    book = load_workbook(io.BytesIO(data))

    result = screen([read_bytes("template.xlsx", data)], ruleset=ruleset)

    assert book.sheetnames == ["Roster", "Allowed values"]
    assert [c.value for c in book["Roster"][1]] == list(FIELDS)
    assert [c.value for c in book["Allowed values"]["A"]][1:] == list(FIELDS)
    assert [(r.attendee, r.errors) for r in result.records] == [
        ("Example attendee (replace this row)", ())]


def test_to_csv_and_json__shipped_rules__every_pose_carries_the_article_care_points() -> None:
    data = b"attendee,pain_areas,pain_lying_on_back,red_flags\nAnn,hip_front,yes,none\n"
    result = screen([read_bytes("class.csv", data)])
    catalog = result.ruleset.catalog
    expected = [{"pose": pose, "text": text} for pose in result.records[0].poses
                for text in next(p for p in catalog.poses if p.id == pose).cautions]

    record = json.loads(to_json(result.records))[0]
    row = list(csv.reader(io.StringIO(to_csv(result.records))))[1]

    assert "pigeon-lunge" in record["poses"]
    assert len(expected) >= 3
    assert record["care_points"] == expected
    assert row[-1] == " | ".join(f"{c['pose']}: {c['text']}" for c in expected)


SIGNUP = ROSTER / "signup_form.csv"
SIGNUP_MAP = {"Your name": "attendee"}
ACCENTED = ("attendee,red_flags,pain_areas\nChloé Martin,none,leg\nZoë/../Ørsted,pregnancy,\n"
            "=HYPERLINK(\"x\"),bladder_bowel,\n")


def test_people_csv__signup__notice_then_plain_words_most_urgent_first() -> None:
    result = screen_files([SIGNUP], SIGNUP_MAP)
    lines = people_csv(result).splitlines()
    rows = list(csv.DictReader(io.StringIO("\n".join(lines[1:]))))

    assert lines[0] == f'"Not a diagnosis. {NOTICE}"'
    assert list(rows[0]) == list(PEOPLE_COLUMNS)
    assert [(r["Row"], r["Attendee"], r["Status"]) for r in rows] == [
        ("4", "Dev Patel", "Urgent"), ("3", "Chloé Martin", "See a clinician"),
        ("2", "Ben Okafor", "Incomplete: warning signs not answered"),
        ("1", "Ana Silva", "Caution")]
    assert rows[0]["Why"] == f"{RED_FLAGS['bladder_bowel']}; {RED_FLAGS['night_pain']}"
    assert rows[1]["Why"] == RED_FLAGS["pregnancy"]
    assert rows[2]["Why"].startswith("Warning signs not answered")
    titles = {p.id: p.title for p in result.ruleset.catalog.poses}
    ana = result.records[0]
    assert rows[3]["Poses"] == ", ".join(titles[p] for p in ana.poses)
    assert rows[3]["What to change"].startswith(f"{titles[ana.cautions[0].pose]}: ")
    assert rows[3]["Why"] == f"A caution for {titles[ana.cautions[0].pose]}"
    ids = {*titles, *(s.id for s in result.ruleset.catalog.sections), *STATUSES}
    cells = {c.strip() for r in rows for v in r.values() for c in v.split(",")}
    assert not cells & ids  # no id where a person reads


def test_people_csv__formula_name__prefixed_and_why_names_the_sign() -> None:
    result = screen([read_bytes("class.csv", ACCENTED.encode())])
    rows = list(csv.reader(io.StringIO(people_csv(result))))[2:]

    assert rows[0][:4] == ["3", "'=HYPERLINK(\"x\")", "Urgent", RED_FLAGS["bladder_bowel"]]


def test_people_xlsx__signup__notice_sheet_legend_frozen_header_filters_and_colours() -> None:
    result = screen_files([SIGNUP], SIGNUP_MAP)
    book = load_workbook(io.BytesIO(people_xlsx(result)))

    assert book.sheetnames == ["Read me", "Attendees"]
    notes = book["Read me"]
    assert notes["B2"].value == NOTICE
    legend = {row[0].value: row for row in notes.iter_rows(min_row=6, max_row=11)}
    assert list(legend) == [STATUS_WORDS[s] for s in STATUSES]
    for status in STATUSES:
        cell = legend[STATUS_WORDS[status]][0]
        assert cell.fill.fgColor.rgb == "00" + STATUS_COLOURS[status]
        assert legend[STATUS_WORDS[status]][2].value == result.tally.counts[status]
    sheet = book["Attendees"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:H5"
    assert [c.value for c in sheet[1]] == list(PEOPLE_COLUMNS)
    assert [sheet.cell(r, 2).value for r in range(2, 6)] == [
        "Dev Patel", "Chloé Martin", "Ben Okafor", "Ana Silva"]
    assert sheet["A2"].value == 4  # the row number of the file, kept
    fills = [sheet.cell(r, 3).fill.fgColor.rgb for r in range(2, 6)]
    assert fills == ["00" + STATUS_COLOURS[s] for s in
                     ("urgent", "see_clinician", "incomplete", "caution")]


def test_summaries_zip__accented_names__kept_and_marked_utf8() -> None:
    result = screen([read_bytes("class.csv", ACCENTED.encode())])
    archive = zipfile.ZipFile(io.BytesIO(summaries_zip(result)))

    assert archive.namelist() == [
        "001-Chloé-Martin.md", "002-Zoë-Ørsted.md", "003-HYPERLINK-x.md"]
    assert all(info.flag_bits & 0x800 for info in archive.infolist()[:2])
    assert "Chloé Martin" in archive.read("001-Chloé-Martin.md").decode()


def test_cli_screen__people_report_added__output_keeps_contract_ids_and_file_order(
    tmp_path: Path,
) -> None:
    out = tmp_path / "report.csv"
    done = subprocess.run(
        [sys.executable, "-m", "psoas_check", "screen", str(SIGNUP), "--map",
         "Your name=attendee", "--out", str(out)],
        capture_output=True, text=True, check=False, timeout=120)
    result = screen_files([SIGNUP], SIGNUP_MAP)

    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    assert text == to_csv(result.records)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == [*RECORD_KEYS, *EXTRA_KEYS]
    assert [r["row"] for r in rows] == ["1", "2", "3", "4"]
    assert [r["status"] for r in rows] == ["caution", "incomplete", "see_clinician", "urgent"]
    poses = {p.id for p in result.ruleset.catalog.poses}
    assert rows[0]["poses"]
    assert set(rows[0]["poses"].split(" | ")) <= poses


def test_template_csv__questions__headers_are_the_questions_note_row_as_before() -> None:
    rows = list(csv.reader(io.StringIO(template_csv(questions=True))))
    plain_rows = list(csv.reader(io.StringIO(template_csv())))

    assert rows[0] == [spec.question for spec in FIELDS.values()]
    assert rows[1:] == plain_rows[1:]  # the same example and allowed values
    found = {h: (s.field, s.score) for h, s in suggest_fields(rows[0]).items()}
    assert found == {spec.question: (spec.name, 1.0) for spec in FIELDS.values()}


@pytest.mark.parametrize("edit", ["none", "first cell", "another cell"])
def test_template_csv__note_row__skipped_exactly_as_its_own_words_say(edit: str) -> None:
    lines = template_csv().splitlines()
    note = lines[2]
    assert NOTE_LEAD.strip('"') in note  # the row says what happens to it
    if edit == "first cell":
        note = note.replace("this row lists", "this row shows")
    elif edit == "another cell":
        note = note.replace("(separate with ;)", "(separate with ; please)", 1)
    data = "\n".join([lines[0], note, lines[1]]) + "\n"

    sheet = read_bytes("template.csv", data.encode())

    # Untouched: skipped and counted; edited: read as a person, as the note warns.
    assert (sheet.note_rows, len(sheet.frame)) == ((1, 1) if edit == "none" else (0, 2))


def test_template_xlsx__questions__question_headers_and_example_read_back() -> None:
    data = template_xlsx(questions=True)
    book = load_workbook(io.BytesIO(data))
    sheet = read_bytes("template.xlsx", data)

    assert [c.value for c in book["Roster"][1]] == [spec.question for spec in FIELDS.values()]
    mapping = {h: s.field for h, s in suggest_fields(sheet.headers).items()}
    result = screen([sheet], mapping)
    assert [(r.attendee, r.errors) for r in result.records] == [
        ("Example attendee (replace this row)", ())]


def test_template_pdf__printed_sheet__every_question_its_answers_and_the_notice() -> None:
    reader = PdfReader(io.BytesIO(template_pdf()))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    text = " ".join(pages)

    assert reader.metadata is not None
    assert reader.metadata.title == "psoas-check: questions before class"
    for spec in FIELDS.values():
        assert spec.question in text
        for label in spec.options.values():
            assert " ".join(pdf_text(label).split()) in text
    assert "None of these apply to me" in text
    assert text.index(FIELDS["red_flags"].question) < text.index(FIELDS["sitting_hours"].question)
    assert "a number, 0 to 24 hours" in text
    notice = " ".join(f"Not a diagnosis. {NOTICE}".split())
    assert all(notice in page for page in pages)
    assert template_pdf() == template_pdf()  # the same sheet every time


def test_cli_template__still_field_names_as_the_contract_says(tmp_path: Path) -> None:
    out = tmp_path / "template.csv"
    done = subprocess.run([sys.executable, "-m", "psoas_check", "template", "--out", str(out)],
                          capture_output=True, text=True, check=False, timeout=120)

    assert done.returncode == 0, done.stderr
    assert next(csv.reader(io.StringIO(out.read_text(encoding="utf-8")))) == list(FIELDS)


def test_person_rows__sign_look_ups_bounded__the_rest_point_to_the_attendee() -> None:
    data = "attendee,red_flags\n" + "".join(f"P{i},night_pain\n" for i in range(5))
    result = screen([read_bytes("signs.csv", data.encode())])

    bounded = person_rows(result, look_ups=2)
    full = person_rows(result)

    assert [r.why for r in bounded] == [RED_FLAGS["night_pain"]] * 2 + [SIGN_NOT_LOOKED_UP] * 3
    assert [r.why for r in full] == [RED_FLAGS["night_pain"]] * 5
    assert [r.row for r in full] == [1, 2, 3, 4, 5]
