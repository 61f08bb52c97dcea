"""An all-ragged roster through the page: screened in the worker's child, every row and
every urgent sign in the table; too large to screen within the limits, one sentence."""

from __future__ import annotations

import pytest
from ragged_roster import ROWS, ragged_roster
from streamlit.testing.v1 import AppTest
from ui_helpers import TIMEOUT_S

from psoas_check import worker
from psoas_check.batch import outcome_of
from psoas_check.ui.roster_state import RESULT, SHEETS, STATUS_LABELS
from psoas_check.ui.safe import plain


def _uploaded(text: str) -> AppTest:
    script = "from psoas_check.ui.roster_page import render\n\nrender()\n"
    at = AppTest.from_string(script, default_timeout=TIMEOUT_S).run()
    at.file_uploader[0].set_value([("ragged.csv", text.encode("utf-8"), "text/csv")]).run()
    return at


def test_roster_page__every_row_ragged__every_row_error_and_urgent_sign_in_the_table() -> None:
    text, urgent = ragged_roster()

    at = _uploaded(text)  # nothing needs a decision: screened in the same run

    assert not at.exception
    assert [(s.label, s.state) for s in at.status] == [(f"Screened {ROWS:,} rows", "complete")]
    table = at.dataframe[0].value
    assert sorted(table["Row"]) == list(range(1, ROWS + 1))
    status = dict(zip(table["Row"], table["Status"], strict=True))
    assert {row: status[row] for row in urgent} == dict.fromkeys(urgent, STATUS_LABELS["urgent"])
    # The result screened in the child is put back around the session's own sheets: each
    # attendee's own view (read again here) agrees with the table.
    result = at.session_state[RESULT]
    # The table keeps the start of long texts; the records (the downloads) say them all.
    assert all(any("9 cells, the header has 8" in e for e in r.errors) for r in result.records)
    assert result.parts[0][0].frame is at.session_state[SHEETS][0].frame
    for index in (0, 1, ROWS - 1):
        assert outcome_of(result.person(index)[1]) == result.records[index].outcome


def test_roster_page__screening_over_the_time_limit__one_sentence_no_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if not worker.ISOLATED:
        pytest.skip("screening is bounded only where the worker can fork")
    text, _ = ragged_roster()
    at = _uploaded(text)  # read and screened within the limits
    # Screened again with no time to spare (as a roster too large to screen in time is).
    monkeypatch.setattr(worker, "TIMEOUT_S", 0.001)
    at.button(key="roster_screen").click().run()

    assert not at.exception
    assert [(s.label, s.state) for s in at.status] == [("Could not screen the roster", "error")]
    assert [e.value for e in at.error] == ["Could not screen the roster. " + plain(
        "The roster: took longer than 0.001 seconds to screen, so it was left out; split it "
        "into smaller files and screen each on its own")]
    assert "Check the column matches above, then screen again." in [m.value for m in at.markdown]
