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
          incomplete: int = 0, extra: str = "") -> tuple[str]:
    noun = "row" if rows == 1 else "rows"
    return (
        f"screened {rows} {noun} ({urgent} urgent, {clinician} see_clinician, {invalid} invalid, "
        f"{incomplete} incomplete, 0 caution, 0 ok); skipped 0 blank rows{extra}",
    )


CONTROL = "contains control characters; use plain text"
FLAGS = ", ".join(RED_FLAGS)

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
            f"1,{'A' * 99}…,invalid,,,,,attendee: is 1000000 characters long; the most allowed is 100"
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
    # Answers files through `assess`.
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


#: Files too big to commit, written at test time.
GENERATED: dict[str, Callable[[Path], object]] = {
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
