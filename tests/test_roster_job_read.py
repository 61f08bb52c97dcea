"""Uploads read for the roster page (:func:`psoas_check.roster_job.read_bounded`): the same
sheet as the readers give, with equal cells held once, and the same one-sentence refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from ragged_roster import ragged_roster

from psoas_check import worker
from psoas_check.errors import InputError
from psoas_check.readers import Sheet, read_bytes
from psoas_check.roster_job import read_bounded

BAD = Path(__file__).parent / "data" / "bad"


def _same(got: Sheet, want: Sheet) -> None:
    assert [p.label for p in got.parts()] == [p.label for p in want.parts()]
    for mine, theirs in zip(got.parts(), want.parts(), strict=True):
        assert mine.headers == theirs.headers
        assert mine.frame.equals(theirs.frame)
        assert list(mine.frame.dtypes) == list(theirs.frame.dtypes)
        assert mine.problems == theirs.problems
        assert (mine.blank_rows, mine.note_rows, mine.skipped) == (
            theirs.blank_rows, theirs.note_rows, theirs.skipped)


@pytest.mark.parametrize("isolated", [True, False])
def test_read_bounded__ragged_roster__same_sheet_equal_cells_held_once(
    monkeypatch: pytest.MonkeyPatch, isolated: bool,
) -> None:
    if isolated and not worker.ISOLATED:
        pytest.skip("reading is bounded only where the worker can fork")
    monkeypatch.setattr(worker, "ISOLATED", isolated and worker.ISOLATED)
    text, _ = ragged_roster(rows=300)
    data = text.encode("utf-8")

    sheet = read_bounded("ragged.csv", data)

    _same(sheet, read_bytes("ragged.csv", data))
    if isolated:  # what the server gets back: each distinct cell and reason one string
        cells = sheet.frame.to_numpy().ravel().tolist()
        assert len({id(c) for c in cells}) == len(set(cells))
        reasons = [r for found in sheet.problems.values() for _, _, r in found]
        assert len(reasons) == 300
        assert len({id(r) for r in reasons}) == len(set(reasons)) == 1


def test_read_bounded__workbook_of_two_days__both_worksheets_as_read() -> None:
    data = (BAD / "workbook_two_days.xlsx").read_bytes()

    sheet = read_bounded("week.xlsx", data)

    assert len(sheet.parts()) == 2
    _same(sheet, read_bytes("week.xlsx", data))


def test_read_bounded__summaries_and_unreadable_files__as_the_readers_say() -> None:
    summary = (b'{"schema": "psoas-check/answers@1", "answers": {"attendee": "Cy", '
               b'"red_flags": []}}')
    assert read_bounded("cy.json", summary).parsed == read_bytes("cy.json", summary).parsed
    with pytest.raises(InputError) as raised:
        read_bounded("notes.pdf", b"%PDF-1.7")
    with pytest.raises(InputError) as expected:
        read_bytes("notes.pdf", b"%PDF-1.7")
    assert str(raised.value) == str(expected.value)
