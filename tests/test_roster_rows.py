"""Ragged rows screened again: every row kept with its error, every sign kept, rows alike
sharing one assessment without a row taking another's outcome (through screen and the CLI)."""

from __future__ import annotations

import csv
import io
import random
import warnings
from pathlib import Path

import pytest

from psoas_check.batch import outcome_of
from psoas_check.cli import main
from psoas_check.options import RED_FLAG_TIER
from psoas_check.readers import read_bytes
from psoas_check.roster import RECORD_KEYS, screen

ROWS = 400
URGENT = sorted(f for f, tier in RED_FLAG_TIER.items() if tier == "urgent")
OTHER = sorted(f for f, tier in RED_FLAG_TIER.items() if tier != "urgent")


def ragged_roster(rows: int = ROWS, seed: int = 7) -> tuple[str, dict[int, str]]:
    """A roster whose every name holds an unquoted comma (each row one cell too long).

    The warning-sign column comes before others, so the shift moves a sign into another
    field's column. Returns the CSV and, per data row (1-based), the urgent sign written.
    """
    rng = random.Random(seed)
    # Yes/no questions in a row: shifted by one, each answer still reads (as its neighbour's).
    header = ["attendee", "red_flags", "back_fatigue", "knee_discomfort_sitting",
              "balance_difficulty", "arms_overhead_difficulty", "pain_lying_on_back",
              "money_stress"]
    lines = [",".join(header)]
    urgent: dict[int, str] = {}
    for row in range(1, rows + 1):
        signs = []
        if rng.random() < 0.1:
            signs.append(rng.choice(URGENT))
            urgent[row] = signs[0]
        if rng.random() < 0.2:
            signs.append(rng.choice(OTHER))
        cells = [f"Smith, J{row}", "; ".join(signs) or rng.choice(["none", ""]),
                 *(rng.choice(["yes", "no", ""]) for _ in header[2:-1]), rng.choice(["yes", "no"])]
        lines.append(",".join(cells))
    return "\n".join(lines) + "\n", urgent


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
    errors = [key for key in RECORD_KEYS if "error" in key][0]
    assert all("9 cells, the header has 8" in r[errors] for r in rows)
    assert {int(r["row"]) for r in rows if r["status"] == "urgent"} >= set(urgent)
