"""The bad-input corpus: the exact outcome of every hostile or broken file through the CLI.

Small files live in ``tests/data/bad/``; big ones (a million-column header, 1 MB cells,
100,000-deep JSON) are generated into ``tmp_path`` by :data:`GENERATED`. Rosters go
through ``screen``, answers files through ``assess``, rule files through ``rules check``.

:data:`EXPECTED` is the one table of outcomes, keyed by file name, so the app's tests can
reuse it: ``message`` is what the user is told (the CLI prints it after ``psoas_check: ``).
The rows of a screened roster hold only fields no rule reads on its own, so the expected
output does not depend on the shipped rules.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from xlsx_bombs import cached, many_parts, shared_string_bomb, unpacked_bomb

from psoas_check.cli import main
from psoas_check.options import RED_FLAGS
from psoas_check.rules import DEFAULT_RULES_DIR

BAD = Path(__file__).parent / "data" / "bad"
HEADER = "row,attendee,status,sections,poses,cautions,rules,errors,care_points"


@dataclass(frozen=True)
class Expect:
    """The outcome of one bad input: exit code, what the user is told, and (exit 0) the output."""

    command: str  # screen | assess | rules check
    code: int
    message: str | None = None  # exit 2: the one line naming the file and the problem
    stdout: str | None = None  # screen: the exact CSV written
    stderr: tuple[str, ...] = ()  # exit 0 / exit 1: the exact lines on standard error
    status: str | None = None  # assess: the status in the JSON summary
    errors: tuple[str, ...] = ()  # assess: the errors listed in the JSON summary


def csv_out(*rows: str) -> str:
    """The screen CSV; no row here suggests a pose, so each ends with no care points."""
    return "\n".join([HEADER, *(f"{row}," for row in rows)]) + "\n"


#: The tally's last words for a roster that never asks the warning signs.
NO_SIGNS = "; no warning-sign column: every attendee there is incomplete, ask them before the class"


def tally(rows: int, urgent: int = 0, clinician: int = 0, invalid: int = 0,
          incomplete: int = 0, extra: str = "", ok: int = 0) -> tuple[str]:
    noun = "row" if rows == 1 else "rows"
    return (
        f"screened {rows} {noun} ({urgent} urgent, {clinician} see_clinician, {invalid} invalid, "
        f"{incomplete} incomplete, 0 caution, {ok} ok); skipped 0 blank rows{extra}",
    )


CONTROL = "contains control characters; use plain text"
FLAGS = ", ".join(RED_FLAGS)
FORMULA = ("a formula the file holds no result for (written by a program, never opened in "
           "Excel); open and save it in Excel, or type the value")
EXCEL_ERROR = "is an Excel error value, not an answer; correct the cell"
RAGGED = "warning signs are looked for in every cell"
SHIFTED = ("5 cells, the header has 4 (the extra ones empty, so answers may have moved a "
           f"column); {RAGGED}")

EXPECTED: dict[str, Expect] = {
    # Rosters: unusable files stop with exit 2 and one line naming the file.
    "truncated.csv": Expect(
        "screen", 2, "truncated.csv: is not readable CSV (unexpected end of data)"
    ),
    "binary.csv": Expect("screen", 2, "binary.csv: holds binary data, not CSV text"),
    "nul_byte.csv": Expect("screen", 2, "nul_byte.csv: holds binary data, not CSV text"),
    "junk_bytes.csv": Expect(
        "screen", 2, "junk_bytes.csv: is neither UTF-8 nor Windows-1252 text"
    ),
    "empty.csv": Expect(
        "screen", 2, "empty.csv: is empty; expected a header row naming the fields"
    ),
    "zip_not_xlsx.xlsx": Expect(
        "screen", 2, "zip_not_xlsx.xlsx: is not a readable Excel .xlsx workbook"
    ),
    "text_not_xlsx.xlsx": Expect(
        "screen", 2, "text_not_xlsx.xlsx: is not a readable Excel .xlsx workbook"
    ),
    "empty.xlsx": Expect("screen", 2, "empty.xlsx: is not a readable Excel .xlsx workbook"),
    "million_columns.csv": Expect(
        "screen", 2,
        "million_columns.csv: has 1,000,000 columns; a roster may have at most 16,384",
    ),
    # Rosters whose bad cells are reported row by row: exit 0, nothing dropped.
    "long_cells.csv": Expect(
        "screen", 0,
        stdout=csv_out(
            f"1,{'A' * 99}…,invalid,,,,,attendee: is 1000000 characters long; the most allowed "
            "is 100"
            " | stress_level: '999999999999999999999999999999999999999…' is not a finite number",
            "2,Bob,incomplete,,,,,",
        ),
        stderr=tally(2, invalid=1, incomplete=1, extra=NO_SIGNS),
    ),
    "control_chars.csv": Expect(
        "screen", 0,
        stdout=csv_out(
            rf"1,Ann\x07Bell,invalid,,,,,attendee: 'Ann\x07Bell' {CONTROL}",
            rf"2,Esc\x1b[31mRed,invalid,,,,,attendee: 'Esc\x1b[31mRed' {CONTROL}",
            rf"3,Del\x7f,invalid,,,,,attendee: 'Del\x7f' {CONTROL}",
            "4,Plain Name,incomplete,,,,,",
            rf"5,Tab Inside,invalid,,,,,attendee: 'Tab\tInside' {CONTROL}",
        ),
        stderr=tally(5, invalid=4, incomplete=1, extra=NO_SIGNS),
    ),
    "rtl_emoji.csv": Expect(
        "screen", 0,
        stdout=csv_out(
            "1,שרה כהן,incomplete,,,,,",
            "2,محمد علي,incomplete,,,,,",
            "3,\u200fשלום\u200f,incomplete,,,,,",
            rf"4,\u202eexe.live,invalid,,,,,attendee: '\u202eexe.live' {CONTROL}",
            "5,😀 Zoë 👩\u200d👩\u200d👧,see_clinician,,,,,",
        ),
        stderr=tally(5, clinician=1, invalid=1, incomplete=3),
    ),
    "formulas.csv": Expect(
        "screen", 0,
        stdout=csv_out(
            '1,"\'=HYPERLINK(""http://example.com"",""click"")",incomplete,,,,,',
            "2,'+cmd|' /C calc'!A0,incomplete,,,,,",
            "3,'-2+3,incomplete,,,,,",
            "4,'@SUM(1+1),incomplete,,,,,",
            "5,'=1+1,incomplete,,,,,",
            "6,'=1+1,incomplete,,,,,",
            "7,Eve,invalid,,,,,stress_level: '=1+1' is not a number",
            "8,Fay,invalid,,,,,stress_level: -1 is outside the allowed range 0 to 10",
            "9,Gus,invalid,,,,,stress_level: '@SUM(A1)' is not a number",
        ),
        stderr=tally(9, invalid=3, incomplete=6, extra=NO_SIGNS),
    ),
    # Workbooks: every visible worksheet whose header names a field; the rest named.
    "workbook_two_days.xlsx": Expect(
        "screen", 0,
        stdout=(f"{HEADER},file\n1,Ann,incomplete,,,,,,,workbook_two_days.xlsx [Monday]\n"
                "2,Abe,see_clinician,,,,,,,workbook_two_days.xlsx [Monday]\n"
                "3,Bea,urgent,,,,,,,workbook_two_days.xlsx [Tuesday]\n"),
        stderr=tally(3, urgent=1, clinician=1, incomplete=1, extra='; read sheets '
                     '"workbook_two_days.xlsx [Monday]", "workbook_two_days.xlsx [Tuesday]"'),
    ),
    "workbook_hidden_first.xlsx": Expect(
        "screen", 0, stdout=csv_out("1,Cal,urgent,,,,,"),
        stderr=tally(1, urgent=1, extra="; skipped sheets workbook_hidden_first.xlsx: 'Old' "
                     "(hidden)"),
    ),
    # Every worksheet hidden or blank: the one line names each and why, CLI and app alike.
    "workbook_nothing_visible.xlsx": Expect(
        "screen", 2, "workbook_nothing_visible.xlsx: is empty; expected a header row naming the "
        "fields (skipped sheets: 'Old' (hidden), 'Blank' (empty))"
    ),
    # A warning sign typed 30 columns past the header (beyond the cells kept) still counts.
    "workbook_far_sign.xlsx": Expect(
        "screen", 0,
        stdout=csv_out(f'1,Far,urgent,,,,,"row 2: 34 cells, the header has 2; {RAGGED}"'),
        stderr=tally(1, urgent=1, extra='; ignored columns: "column 19 (no header)"'),
    ),
    # Formulas typed as text, shared text or yes/no, none with a saved value: each reported.
    "workbook_typed_formulas.xlsx": Expect(
        "screen", 0,
        stdout=csv_out(*(f'{n},{who},invalid,,,,,"row {n + 1}, red_flags: {FORMULA}"'
                         for n, who in enumerate(("Str", "Shared", "Bool"), start=1))),
        stderr=tally(3, invalid=3),
    ),
    # Excel's "sep=;" first line: the delimiter it names is used and the line is not a header.
    "excel_sep_line.csv": Expect(
        "screen", 0, stdout=csv_out('1,"Smith, John",urgent,,,,,'), stderr=tally(1, urgent=1),
    ),
    # A sign in a column not read as the warning signs (here ignored) still counts, and says so.
    "stray_sign_column.csv": Expect(
        "screen", 0,
        stdout=csv_out("1,Ann,urgent,,,,,Warning signs: names a warning sign but is not read as "
                       "the warning-sign column; the sign counts (check the column matches)",
                       "2,Bea,ok,,,,,"),
        stderr=tally(2, urgent=1, ok=1, extra='; ignored columns: "Warning signs"'),
    ),
    # Shared-text cells with an empty or missing index: never the first shared text ("none").
    "workbook_empty_index.xlsx": Expect(
        "screen", 0,
        stdout=csv_out('1,Ann,invalid,,,,,"row 2, red_flags: refers to a text the workbook does '
                       'not hold"', "2,Bo,incomplete,,,,,"),
        stderr=tally(2, invalid=1, incomplete=1),
    ),
    "workbook_active_second.xlsx": Expect(
        "screen", 0, stdout=csv_out("1,Dee,urgent,,,,,"),
        stderr=tally(1, urgent=1, extra="; skipped sheets workbook_active_second.xlsx: "
                     "'Read me' (no header naming a field)"),
    ),
    "workbook_formulas.xlsx": Expect(
        "screen", 0,
        stdout=csv_out(f'1,Eve,invalid,,,,,"row 2, red_flags: {FORMULA}"',
                       f'2,Fay,invalid,,,,,"row 3, stress_level: {FORMULA}"'),
        stderr=tally(2, invalid=2),
    ),
    "workbook_errors.xlsx": Expect(
        "screen", 0,
        stdout=csv_out(f'1,,urgent,,,,,"row 2, attendee: #N/A {EXCEL_ERROR}"',
                       f'2,Gus,invalid,,,,,"row 3, stress_level: #DIV/0! {EXCEL_ERROR}"'),
        stderr=tally(2, urgent=1, invalid=1),
    ),
    # Excel bombs: read within bounds, or refused before they are unpacked.
    "dimension_bomb.xlsx": Expect(
        "screen", 0, stdout=csv_out("1,Ann,urgent,,,,,"), stderr=tally(1, urgent=1),
    ),
    "long_shared_string.xlsx": Expect(
        "screen", 2, "long_shared_string.xlsx: shared text 1 is longer than 32,767 characters, "
        "Excel's own limit for a cell",
    ),
    "zip_bomb.xlsx": Expect(
        "screen", 2, "zip_bomb.xlsx: unpacks to 351 MiB or more; a roster workbook may unpack "
        "to at most 96 MiB (save it as CSV, or split it)",
    ),
    "shared_string_bomb.xlsx": Expect(
        "screen", 2, "shared_string_bomb.xlsx: part xl/sharedStrings.xml unpacks 229 times "
        "larger than it is stored; a workbook part stays under 200",
    ),
    "many_parts.xlsx": Expect(
        "screen", 2, "many_parts.xlsx: holds 5,005 parts; a workbook has at most 1,000",
    ),
    # Rows that only look like notes, rows longer than their header, one-column lists.
    "note_lookalikes.csv": Expect(
        "screen", 0,
        stdout=csv_out("1,#NOTE-7,urgent,,,,,", "2,# note: call back,urgent,,,,,",
                       "3,#note,incomplete,,,,,"),
        stderr=tally(3, urgent=2, incomplete=1),
    ),
    "ragged_name.csv": Expect(
        "screen", 0,
        stdout=csv_out(f"1,Smith,urgent,,,,,\"red_flags: '555 0101' not recognised; allowed: "
                       f"{FLAGS} | row 2: 4 cells, the header has 3; {RAGGED}\"",
                       "2,Lee,incomplete,,,,,", "3,Park,see_clinician,,,,,"),
        stderr=tally(3, urgent=1, clinician=1, incomplete=1,
                     extra='; ignored columns: phone, "column 4 (no header)"'),
    ),
    # One cell too many but the extra empty: the answers after the name moved a column
    # ("no" lands in red_flags), so the row is reported and no pose offered on its word.
    "shifted_empty_last.csv": Expect(
        "screen", 0,
        stdout=csv_out(f'1,Smith,invalid,,,,,"money_stress: \' John\' is not yes or no (use '
                       f'yes/no, y/n, true/false, 1/0) | row 2: {SHIFTED}"',
                       "2,Lee,incomplete,,,,,",
                       f'3,Park,invalid,,,,,"money_stress: \' Jo\' is not yes or no (use yes/no, '
                       f"y/n, true/false, 1/0) | red_flags: 'yes' not recognised; allowed: "
                       f"{FLAGS} | pain_duration: 'none' is not one of: under_6_weeks, "
                       f'6_to_12_weeks, over_3_months | row 4: {SHIFTED}"'),
        stderr=tally(3, invalid=2, incomplete=1),
    ),
    # Every line ends in a delimiter the header lacks: the file's habit, nothing moved.
    "trailing_delimiter.csv": Expect(
        "screen", 0,
        stdout=csv_out("1,Ann,ok,,,,,", "2,Lee,incomplete,back-pain,,,money-stress,",
                       "3,Kai,urgent,,,,,"),
        stderr=tally(3, urgent=1, incomplete=1, ok=1),
    ),
    "long_and_ragged.csv": Expect(
        "screen", 0,
        stdout=csv_out(f"1,{'A' * 99}…,invalid,,,,,attendee: is 200000 characters long; "
                       "the most allowed is 100",
                       f'2,Bo,urgent,,,,,"row 3: 3 cells, the header has 2; {RAGGED}"'),
        stderr=tally(2, urgent=1, invalid=1, extra='; ignored columns: "column 3 (no header)"'),
    ),
    "one_column_flags.csv": Expect(
        "screen", 0, stdout=csv_out("1,,urgent,,,,,", "2,,ok,,,,,", "3,,see_clinician,,,,,"),
        stderr=tally(3, urgent=1, clinician=1, ok=1),
    ),
    # Encodings: UTF-32 by its mark; a stray Windows-1252 byte reported in its cell.
    "utf32.csv": Expect(
        "screen", 0, stdout=csv_out("1,Zoë,urgent,,,,,"), stderr=tally(1, urgent=1),
    ),
    "stray_cp1252.csv": Expect(
        "screen", 0,
        stdout=csv_out("1,Zoë,incomplete,,,,,", "2,José,see_clinician,,,,,",
                       "3,Ren\ufffde,urgent,,,,,\"row 4, attendee: holds a byte that is not UTF-8 "
                       "text (shown as \ufffd); check the name or value in the file\""),
        stderr=tally(3, urgent=1, clinician=1, incomplete=1),
    ),
    # Headers in full-width letters or with invisible characters still name their field.
    "near_headers.csv": Expect(
        "screen", 0, stdout=csv_out("1,Ann,urgent,,,,,"),
        stderr=tally(1, urgent=1,
                     extra='; ignored columns: "Sittng hours" (did you mean sitting_hours?)'),
    ),
    # A name with a tab or over 100 characters: shown shortened, never dropped.
    "odd_names.csv": Expect(
        "screen", 0,
        stdout=csv_out(f"1,Ann Bell,urgent,,,,,attendee: 'Ann\\tBell' {CONTROL}",
                       f"2,Bo{'b' * 97}…,see_clinician,,,,,attendee: is 152 characters long; "
                       "the most allowed is 100"),
        stderr=tally(2, urgent=1, clinician=1),
    ),
    # Answers files through `assess`.
    "dup_red_flags.json": Expect(
        "assess", 2,
        'dup_red_flags.json: is not a JSON summary (the key "red_flags" is given twice; keep one)',
    ),
    "dup_answers.json": Expect(
        "assess", 2,
        'dup_answers.json: is not a JSON summary (the key "answers" is given twice; keep one)',
    ),
    "nan.json": Expect(
        "assess", 2,
        "nan.json: is not a JSON summary (holds NaN, which is not a JSON value; write a number "
        "or null)",
    ),
    "null_flag.json": Expect(
        "assess", 0, status="invalid",
        errors=(f"red_flags: null not recognised; allowed: {FLAGS}",),
    ),
    # Signs inside a nested list or an object: reported as unreadable, yet the row stays urgent.
    "nested_flags.json": Expect(
        "assess", 0, status="urgent",
        errors=("red_flags: ['leg_weakness'], {'chest_pain': True} not recognised; allowed: "
                f"{FLAGS}",),
    ),
    "list_attendee.json": Expect(
        "assess", 0, status="see_clinician",
        errors=("attendee: is a list, not text; give a name or code",),
    ),
    "empty.json": Expect(
        "assess", 2, "empty.json: is not a JSON summary (Expecting value: line 1 column 1 (char 0))"
    ),
    "list.json": Expect(
        "assess", 2, "list.json: expected a JSON object of answers, found list"
    ),
    "wrong_schema.json": Expect(
        "assess", 2,
        "wrong_schema.json: schema 'psoas-check/answers@2' is not psoas-check/answers@1",
    ),
    "no_answers.json": Expect("assess", 2, "no_answers.json: the summary has no `answers` object"),
    "huge_number.json": Expect(
        "assess", 2,
        "huge_number.json: is not a JSON summary (Exceeds the limit (4300 digits) for integer "
        "string conversion: value has 5000 di)",
    ),
    "json_bomb_list.json": Expect(
        "assess", 2, "json_bomb_list.json: is nested too deeply to be a summary"
    ),
    "json_bomb_object.json": Expect(
        "assess", 2, "json_bomb_object.json: is nested too deeply to be a summary"
    ),
    "json_too_big.json": Expect(
        "assess", 2, "json_too_big.json: is larger than a summary can be (1,000,012 bytes)"
    ),
    "overflow_number.json": Expect(
        "assess", 0, status="see_clinician",
        errors=("sitting_hours: '100000000000000000000000000000000000000…' is not a finite number",
                f"red_flags: 'junk' not recognised; allowed: {FLAGS}"),
    ),
    # Rule files through `rules check` (beside a copy of the shipped catalogue).
    "rules_bomb.yaml": Expect(
        "rules check", 1,
        stderr=("rules_bomb.yaml: uses a YAML alias (*name) at line 10; write each value out "
                "in full", "1 problem(s) found"),
    ),
    "rules_deep.yaml": Expect(
        "rules check", 1,
        stderr=("rules_deep.yaml: is nested too deeply to be rules", "1 problem(s) found"),
    ),
    "rules_too_big.yaml": Expect(
        "rules check", 1,
        stderr=("rules_too_big.yaml: is larger than 1,000,000 bytes; split it",
                "1 problem(s) found"),
    ),
}


def _million_columns(path: Path) -> None:
    names = ",".join(f"q{i}" for i in range(999_998))
    path.write_text(f"attendee,sitting_hours,{names}\nAnn,9\n", encoding="utf-8")


def _long_cells(path: Path) -> None:
    path.write_text(f"attendee,stress_level\n{'A' * 1_000_000},{'9' * 1_000_000}\nBob,\n",
                    encoding="utf-8")


def _long_and_ragged(path: Path) -> None:
    path.write_text(f"attendee,red_flags\n{'A' * 200_000},\nBo,none,leg_weakness\n",
                    encoding="utf-8")


#: Files too big to commit, written at test time.
GENERATED: dict[str, Callable[[Path], object]] = {
    "long_and_ragged.csv": _long_and_ragged,
    "zip_bomb.xlsx": cached(unpacked_bomb),
    "shared_string_bomb.xlsx": cached(shared_string_bomb),
    "many_parts.xlsx": cached(many_parts),
    "million_columns.csv": _million_columns,
    "long_cells.csv": _long_cells,
    "json_bomb_list.json": lambda p: p.write_text("[" * 100_000 + "]" * 100_000),
    "json_bomb_object.json": lambda p: p.write_text('{"a":' * 100_000 + "1" + "}" * 100_000),
    "json_too_big.json": lambda p: p.write_text('{"attendee": "' + "x" * 999_996 + '"}'),
    "rules_deep.yaml": lambda p: p.write_text("rules: " + "[" * 100_000 + "]" * 100_000),
    "rules_too_big.yaml": lambda p: p.write_text("rules: []\n" + "#" * 1_000_000 + "\n"),
}
#: Known gaps: the outcome in EXPECTED is what the product should do; the reason says why not.
PENDING: dict[str, str] = {}


def place(name: str, folder: Path) -> Path:
    """The corpus file ``name`` inside ``folder``: copied, or generated when too big to commit."""
    path = folder / name
    if name in GENERATED:
        GENERATED[name](path)
    else:
        shutil.copyfile(BAD / name, path)
    return path


def argv(name: str, expect: Expect, folder: Path) -> list[str]:
    if expect.command == "rules check":
        shutil.copyfile(DEFAULT_RULES_DIR / "catalog.yaml", folder / "catalog.yaml")
        return ["rules", "check", "."]
    if expect.command == "assess":
        return ["assess", name, "--format", "json"]
    return ["screen", name]


def _cases() -> list[object]:
    marks = {name: pytest.mark.xfail(reason=why, run=False) for name, why in PENDING.items()}
    return [pytest.param(name, marks=marks.get(name, ())) for name in EXPECTED]


def test_corpus__every_committed_file__has_an_expected_outcome() -> None:
    committed = {p.name for p in BAD.iterdir()}

    assert committed | set(GENERATED) == set(EXPECTED)
    assert not committed & set(GENERATED)


@pytest.mark.parametrize("name", _cases())
def test_cli__bad_input__exact_outcome_and_never_a_traceback(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    expect = EXPECTED[name]
    place(name, tmp_path)
    monkeypatch.chdir(tmp_path)

    code = main(argv(name, expect, tmp_path))

    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert code == expect.code
    if expect.code == 2:
        assert (out, err) == ("", f"psoas_check: {expect.message}\n")
    elif expect.command == "screen":
        assert out == expect.stdout
        assert tuple(err.splitlines()) == expect.stderr
    elif expect.command == "assess":
        assessment = json.loads(out)["assessment"]
        assert (assessment["status"], assessment["errors"]) == (expect.status, list(expect.errors))
        assert (assessment["poses"], assessment["cautions"]) == ([], [])
        assert err == ""
    else:
        assert out == ""
        assert tuple(err.splitlines()) == expect.stderr


@pytest.mark.parametrize(
    "name", ["binary.csv", "zip_not_xlsx.xlsx", "json_bomb_list.json", "overflow_number.json"]
)
def test_cli_process__bad_input__same_outcome_in_a_real_process(name: str, tmp_path: Path) -> None:
    expect = EXPECTED[name]
    place(name, tmp_path)

    done = subprocess.run(
        [sys.executable, "-m", "psoas_check", *argv(name, expect, tmp_path)],
        cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", check=False,
    )

    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == expect.code
    if expect.code == 2:
        assert done.stderr == f"psoas_check: {expect.message}\n"


def test_cli__rules_bomb_explained__one_line_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    place("rules_bomb.yaml", tmp_path)
    shutil.copyfile(DEFAULT_RULES_DIR / "catalog.yaml", tmp_path / "catalog.yaml")
    monkeypatch.chdir(tmp_path)

    code = main(["rules", "explain", "."])

    assert code == 2
    assert capsys.readouterr() == (
        "",
        "psoas_check: bad rules: rules_bomb.yaml: uses a YAML alias (*name) at line 10; "
        "write each value out in full\n",
    )


@pytest.mark.parametrize("name", ["formulas.csv", "rtl_emoji.csv", "control_chars.csv"])
def test_cli__bad_cells_as_json__every_row_kept_text_unprefixed(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = list(csv.DictReader(io.StringIO(EXPECTED[name].stdout or "")))
    place(name, tmp_path)
    monkeypatch.chdir(tmp_path)

    code = main(["screen", name, "--format", "json"])

    records = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [r["row"] for r in records] == [int(r["row"]) for r in expected]
    assert [r["status"] for r in records] == [r["status"] for r in expected]
    # JSON is not a spreadsheet: names come back exactly, with no `'` added.
    assert [r["attendee"] or "" for r in records] == [
        r["attendee"].removeprefix("'") for r in expected
    ]
