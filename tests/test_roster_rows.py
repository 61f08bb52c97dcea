"""Ragged rows screened again: every row kept with its error, every sign kept, rows alike
sharing one assessment without a row taking another's outcome (through screen and the CLI)."""

from __future__ import annotations

import csv
import io
import warnings
from pathlib import Path

import pytest
from ragged_roster import ROWS, ragged_roster

from psoas_check.batch import outcome_of
from psoas_check.cli import main
from psoas_check.readers import read_bytes
from psoas_check.roster import RECORD_KEYS, screen


def test_screen__every_row_ragged__kept_reported_urgent_and_alike_rows_truly_alike() -> None:
    text, urgent = ragged_roster()
    sheet = read_bytes("ragged.csv", text.encode("utf-8"), None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the shared outcomes' own check must not fall back
        result = screen([sheet])

    assert len(result.records) == ROWS
    for index, record in enumerate(result.records):
        assert any("9 cells, the header has 8" in e for e in record.errors), record
        if record.row in urgent:
            assert record.status == "urgent", (record.row, urgent[record.row])
        # What the row shares is what assessing it alone gives (the attendee's own view).
        assert record.outcome == outcome_of(result.person(index)[1]), record.row
    assert len({r.outcome for r in result.records}) > 5  # varied rows, not one outcome


def test_cli_screen__every_row_ragged__every_row_and_urgent_sign_in_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text, urgent = ragged_roster(seed=11)
    path = tmp_path / "ragged.csv"
    path.write_text(text, encoding="utf-8")

    code = main(["screen", str(path)])
    out, _ = capsys.readouterr()

    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [int(r["row"]) for r in rows] == list(range(1, ROWS + 1))
    errors = next(key for key in RECORD_KEYS if "error" in key)
    assert all("9 cells, the header has 8" in r[errors] for r in rows)
    assert {int(r["row"]) for r in rows if r["status"] == "urgent"} >= set(urgent)


def test_screen__template_help_text_left_in_a_row__names_no_sign() -> None:
    # The template's allowed-answers cell lists every sign; a teacher's copy may leave it in
    # a spare column. It is not an answer: only the sign the person wrote counts, and a
    # ragged row holding it is not made urgent by it.
    from psoas_check.readers.sheet import note_cells

    allowed = next(c for c in note_cells() if "chest_pain" in c and "fever_unwell" in c)
    lines = [["attendee", "red_flags", "notes"], ["Ann", "fever_unwell", allowed],
             ["Bo", "none", allowed, "spilled"]]
    out = io.StringIO()
    csv.writer(out).writerows(lines)
    result = screen([read_bytes("class.csv", out.getvalue().encode("utf-8"), None)])

    assert [r.status for r in result.records] == ["see_clinician", "invalid"]
    assert "the header has 3" in " ".join(result.records[1].errors)
