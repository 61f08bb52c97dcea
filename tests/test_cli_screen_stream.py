"""``screen`` writes its CSV report as it is made (the report is many times the roster).

The command line streams :func:`~psoas_check.export.write_csv` to ``--out`` or standard
output instead of building the whole report as one string first; what a person gets must
be the same bytes, across chunk boundaries, and a write that fails part-way must still end
in one line and exit 2.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from psoas_check.cli import main
from psoas_check.export import to_csv
from psoas_check.roster import screen_files

ROWS = 2600  # more than two of write_csv's chunks


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    """A class list long enough to be written in several chunks, names that need care."""
    names = ["Ann", "=cmd()", "Smith, Jo", 'Say "hi"', "", "Chloé"]
    flags = ["none", "", "chest_pain", "pregnancy", "none"]
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["attendee", "sitting_hours", "stress_level", "balance_difficulty",
                     "pain_lying_on_back", "red_flags"])
    for i in range(ROWS):
        writer.writerow([f"{names[i % 6]} {i}", str(i % 16), str(i % 12),
                         ["yes", "no", ""][i % 3], ["yes", "no"][i % 2], flags[i % 5]])
    path = tmp_path / "class.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_screen__csv_out_file__same_bytes_as_the_report_built_in_memory(
    roster: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / "screened.csv"

    code = main(["screen", str(roster), "--out", str(target)])

    _, err = capsys.readouterr()
    expected = to_csv(screen_files([roster]).records)
    assert (code, err.count("\n")) == (0, 1)
    assert target.read_bytes() == expected.encode("utf-8")
    rows = list(csv.reader(io.StringIO(expected)))
    assert len(rows) == ROWS + 1
    assert rows[-1][0] == str(ROWS)
    assert {r[2] for r in rows[1:]} >= {"urgent", "see_clinician", "caution"}


def test_screen__csv_to_standard_output__same_text_as_the_file(
    roster: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / "screened.csv"
    main(["screen", str(roster), "--out", str(target)])
    capsys.readouterr()

    code = main(["screen", str(roster)])

    out, _ = capsys.readouterr()
    assert code == 0
    assert out == target.read_text(encoding="utf-8")


def test_screen__out_in_a_missing_folder__exit_2_one_line(
    roster: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["screen", str(roster), "--out", str(tmp_path / "nowhere" / "out.csv")])

    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"psoas_check: {tmp_path}/nowhere/out.csv: cannot be written (No such file or directory)"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
def test_screen__disk_full_part_way__exit_2_one_line(
    roster: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["screen", str(roster), "--out", "/dev/full"])

    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "psoas_check: /dev/full: cannot be written (No space left on device)"]
