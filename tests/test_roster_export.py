"""Roster exports: formula-safe CSV, JSON, Excel, the zip of summaries, the template."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from psoas_check.answers import FIELDS
from psoas_check.export import (
    csv_field,
    record_cells,
    safe_cell,
    summaries_zip,
    to_csv,
    to_json,
    to_xlsx,
)
from psoas_check.readers import read_bytes
from psoas_check.roster import EXTRA_KEYS, RECORD_KEYS, RosterScreen, screen, screen_files
from psoas_check.rules import RuleSet, load_rules
from psoas_check.template import template_csv, template_xlsx

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
