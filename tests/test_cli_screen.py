"""``python -m psoas_check screen`` and ``template`` (contract section 4)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from psoas_check import roster, roster_cli
from psoas_check.answers import FIELDS
from psoas_check.cli import main
from psoas_check.options import RED_FLAGS
from psoas_check.roster import EXTRA_KEYS, RECORD_KEYS
from psoas_check.rules import RuleSet, load_rules

ROSTER = Path(__file__).parent / "data" / "roster"
NO_SIGNS = "no warning-sign column: every attendee there is incomplete, ask them before the class"


@pytest.fixture(autouse=True)
def ruleset(
    rules_dir: Path, write_rules: Callable[[str, str], Path], monkeypatch: pytest.MonkeyPatch
) -> RuleSet:
    """Screen with the small inline rules, not the shipped ones (edited independently)."""
    write_rules("rules.yaml", (ROSTER / "test_rules.yaml").read_text(encoding="utf-8"))
    rules = load_rules(rules_dir)
    monkeypatch.setattr(roster, "default_rules", lambda: rules)
    return rules


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, list[str]]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err.splitlines()


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_screen__signup_form_with_map__csv_records_and_one_tally_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = _run(capsys, "screen", str(ROSTER / "signup_form.csv"),
                          "--map", "Your name=attendee")

    assert code == 0
    assert _rows(out) == [
        [*RECORD_KEYS, *EXTRA_KEYS],
        ["1", "Ana Silva", "caution", "back-pain | psoas-major",
         "constructive-rest | active-supine-stretch",
         "active-supine-stretch: Slide the leg out only as far as is easy.",
         "long-sitting | low-back", "", ""],
        ["2", "Ben Okafor", "incomplete", "", "", "", "", "", ""],
        ["3", "Chloé Martin", "see_clinician", "back-pain | psoas-major", "", "",
         "long-sitting | low-back", "", ""],
        ["4", "Dev Patel", "urgent", "", "", "", "", "", ""],
    ]
    assert err == [
        "screened 4 rows (1 urgent, 1 see_clinician, 0 invalid, 1 incomplete, 1 caution, 0 ok); "
        "skipped 0 "
        'blank rows; ignored columns: Timestamp, "How did you hear about us?", '
        '"Roughly how many days a week do you exercise, for 30 minute…"'
    ]


def test_screen__json_format__list_of_records_with_real_lists(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = _run(capsys, "screen", str(ROSTER / "bad_values.csv"), "--format", "json")

    records = json.loads(out)
    assert code == 0
    assert records[2] == {
        "row": 3, "attendee": "Quinn", "status": "urgent", "sections": [], "poses": [],
        "cautions": [], "rules": [],
        "errors": [
            "sitting_hours: 'abc' is not a number",
            "red_flags: 'headache' not recognised; allowed: " + ", ".join(RED_FLAGS),
        ],
        "care_points": [],
    }
    # Pat left the warning signs blank: reading stays, the pose and its caution do not.
    assert (records[1]["status"], records[1]["poses"], records[1]["cautions"]) == (
        "invalid", [], [])
    assert records[1]["sections"] == ["psoas-major", "back-pain"]


def test_screen__out_file__written_and_stdout_empty(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "screened.csv"

    code, out, err = _run(capsys, "screen", str(ROSTER / "formula_names.csv"), "--out",
                          str(target))

    assert (code, out) == (0, "")
    assert [r[1] for r in _rows(target.read_text(encoding="utf-8"))] == [
        "attendee", "'=HYPERLINK(\"http://example.com\",\"click\")", "'+44 7700 900123",
        "'-minus", "'@handle", "Tabbed", "plain name"]
    assert err == ["screened 6 rows (0 urgent, 0 see_clinician, 0 invalid, 6 incomplete, "
                   "0 caution, 0 ok); skipped 0 blank rows; " + NO_SIGNS]


@pytest.mark.parametrize(
    ("paths", "tally"),
    [
        (["european_semicolon.csv"],
         "screened 3 rows (0 urgent, 0 see_clinician, 1 invalid, 2 incomplete, 0 caution, 0 ok); "
         "skipped 0 blank rows; " + NO_SIGNS),
        (["bom_utf8.csv"],
         "screened 2 rows (0 urgent, 0 see_clinician, 0 invalid, 1 incomplete, 0 caution, 1 ok); "
         "skipped 0 blank rows"),
        (["windows_1252.csv"],
         "screened 3 rows (0 urgent, 1 see_clinician, 0 invalid, 2 incomplete, 0 caution, 0 ok); "
         "skipped 0 blank rows"),
        (["bad_values.csv", "blank_rows.csv"],
         "screened 7 rows (2 urgent, 1 see_clinician, 2 invalid, 2 incomplete, 0 caution, 0 ok); "
         "skipped 4 blank rows"),
        (["summaries"],
         "screened 3 rows (0 urgent, 1 see_clinician, 0 invalid, 1 incomplete, 1 caution, 0 ok); "
         "skipped 0 blank rows"),
        (["header_only.csv"],
         "screened 0 rows (0 urgent, 0 see_clinician, 0 invalid, 0 incomplete, 0 caution, 0 ok); "
         "skipped 0 blank rows"),
    ],
)
def test_screen__real_world_files__exit_0_and_tally(
    capsys: pytest.CaptureFixture[str], paths: list[str], tally: str
) -> None:
    code, out, err = _run(capsys, "screen", *(str(ROSTER / p) for p in paths))

    assert (code, err) == (0, [tally])
    several = len(paths) > 1 or paths == ["summaries"]
    assert _rows(out)[0] == [*RECORD_KEYS, *EXTRA_KEYS, *(["file"] if several else [])]


def test_screen__windows_1252_names__written_as_utf8(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "screen", str(ROSTER / "windows_1252.csv"))

    assert [r[1] for r in _rows(out)[1:]] == ["Zoë Müller", "José Ñúñez", "François Æbelø"]


def test_screen__xlsx__read_from_the_first_sheet(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    for row in (["Attendee", "Sitting hours", "Red flags"], ["=Eve", 30, None],
                ["Fay", 7, "saddle_numbness"]):
        sheet.append(row)
    sheet["A2"].data_type = "s"  # a name typed as text, not a formula
    path = tmp_path / "roster.xlsx"
    book.save(path)

    code, out, err = _run(capsys, "screen", str(path))

    assert code == 0
    assert [r[:3] + r[7:] for r in _rows(out)[1:]] == [
        ["1", "'=Eve", "invalid", "sitting_hours: 30 is outside the allowed range 0 to 24 hours",
         ""],
        ["2", "Fay", "urgent", "", ""],
    ]
    assert err[0].startswith("screened 2 rows (1 urgent, 0 see_clinician, 1 invalid,")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["screen", "{roster}/no_known_columns.csv"],
         "psoas_check: {roster}/no_known_columns.csv: no recognisable columns (found "
         "'Timestamp', 'Email address', 'Favourite colour'); name them as in the template "
         "(attendee, sitting_hours, ...) or map one to a field "
         "(--map 'HEADER=field' on the command line)"),
        (["screen", "{roster}/nowhere.csv"], "psoas_check: {roster}/nowhere.csv: no such file"),
        (["screen", "{roster}/bom_utf8.csv", "--map", "Name=atendee"],
         "psoas_check: --map 'Name=atendee': `atendee` is not a field (did you mean `attendee`?)"),
        (["screen", "{roster}/bom_utf8.csv", "--map", "Name=attendee"],
         "psoas_check: --map: no column 'Name' in {roster}/bom_utf8.csv"),
        (["screen", "{roster}/test_rules.yaml"],
         "psoas_check: {roster}/test_rules.yaml: unsupported file type .yaml; use .csv, .xlsx "
         "or .json"),
        (["screen"], "psoas_check: the following arguments are required: ROSTER "
         "(see psoas_check screen --help)"),
    ],
)
def test_screen__unusable_input__exit_2_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = _run(capsys, *(a.format(roster=ROSTER) for a in argv))

    assert (code, out, err) == (2, "", [message.format(roster=ROSTER)])


def test_screen__binary_junk__exit_2_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")

    code, out, err = _run(capsys, "screen", str(path))

    assert (code, out, err) == (2, "", [f"psoas_check: {path}: holds binary data, not CSV text"])


def test_screen__terminal_and_large_roster__progress_bar_then_tally(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(roster_cli, "PROGRESS_ROWS", 1)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)

    code = main(["screen", str(ROSTER / "bad_values.csv")])
    err = capsys.readouterr().err

    assert code == 0
    bar, tally = err.rsplit("\r", 1)
    assert bar.startswith("\r[")
    assert "] 100% " in bar
    assert tally.startswith("screened 5 rows")
    assert tally.count("\n") == 1


def test_screen__not_a_terminal__no_progress_bar(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(roster_cli, "PROGRESS_ROWS", 1)

    main(["screen", str(ROSTER / "bad_values.csv")])

    assert "\r" not in capsys.readouterr().err


def test_template__stdout__header_example_and_notes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "template")

    rows = _rows(out)
    assert (code, err, len(rows)) == (0, [], 3)
    assert rows[0] == list(FIELDS)
    assert rows[1][0] == "Example attendee (replace this row)"


def test_template__csv_out__screens_back_without_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "roster.csv"
    assert _run(capsys, "template", "--out", str(path))[0] == 0

    code, out, err = _run(capsys, "screen", str(path), "--format", "json")

    assert code == 0
    assert [(r["row"], r["errors"]) for r in json.loads(out)] == [(1, [])]
    assert err == ["screened 1 row (0 urgent, 0 see_clinician, 0 invalid, 0 incomplete, "
                   "1 caution, 0 ok); skipped 0 blank rows and 1 note row"]


def test_template__xlsx_out__workbook_that_screens_back_without_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "roster.xlsx"
    assert _run(capsys, "template", "--out", str(path)) == (0, "", [])

    code, out, _ = _run(capsys, "screen", str(path), "--format", "json")

    assert load_workbook(path).sheetnames == ["Roster", "Allowed values"]
    assert (code, [r["errors"] for r in json.loads(out)]) == (0, [[]])


def test_screen__python_dash_m__no_streamlit_imported() -> None:
    code = ("import sys; from psoas_check.cli import main; "
            f"main(['screen', {str(ROSTER / 'bom_utf8.csv')!r}, '--out', '/dev/null']); "
            "print('streamlit' in sys.modules)")

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)

    assert done.stdout == "False\n"


def test_screen__one_header_mapped_twice__exit_2_naming_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = _run(capsys, "screen", str(ROSTER / "bad_values.csv"),
                          "--map", "Name=attendee", "--map", "name=")

    assert (code, out) == (2, "")
    assert err == ["psoas_check: --map: the column 'name' is mapped twice ('Name=attendee' and "
                   "'name='); give it once"]


@pytest.mark.parametrize("command", ["screen", "assess"])
def test_internal_error_in_assess__one_line_naming_the_file(
    command: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    path = tmp_path / "ann.json"
    path.write_text('{"attendee": "Ann", "red_flags": []}', encoding="utf-8")

    def broken(*_: object, **__: object) -> None:
        raise KeyError("catalog")

    monkeypatch.setattr(roster, "assess", broken)
    monkeypatch.setattr(sys.modules["psoas_check.assess"], "assess", broken)

    code, out, err = _run(capsys, command, str(path))

    assert (code, out) == (2, "")
    assert err == [f"psoas_check: {path}: could not be assessed (internal error: KeyError: "
                   "'catalog')"]


def test_screen__several_files__each_record_names_its_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for name, row in (("mon.csv", "Ann,leg_weakness"), ("tue.csv", "Bea,")):
        (tmp_path / name).write_text(f"attendee,red_flags\n{row}\n", encoding="utf-8")

    code, out, _ = _run(capsys, "screen", str(tmp_path / "mon.csv"), str(tmp_path / "tue.csv"),
                        "--format", "json")

    assert code == 0
    assert [(r["attendee"], r["status"], r["file"]) for r in json.loads(out)] == [
        ("Ann", "urgent", str(tmp_path / "mon.csv")),
        ("Bea", "incomplete", str(tmp_path / "tue.csv")),
    ]

