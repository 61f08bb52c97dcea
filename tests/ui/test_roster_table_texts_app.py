"""An all-ragged roster on the page: the table quotes a class's unreadable rows' errors
(cut to its width), opening the attendee and the downloads quote every one in full."""

from __future__ import annotations

import csv
import io

from ragged_roster import ragged_roster
from streamlit.testing.v1 import AppTest
from ui_helpers import TIMEOUT_S

from psoas_check.people_report import people_csv
from psoas_check.roster_table import TABLE_TEXT
from psoas_check.ui.roster_state import RESULT, STATUS_LABELS
from psoas_check.ui.safe import plain

ROWS = 60


def _screened() -> AppTest:
    text, _ = ragged_roster(rows=ROWS)
    script = "from psoas_check.ui.roster_page import render\n\nrender()\n"
    at = AppTest.from_string(script, default_timeout=TIMEOUT_S).run()
    at.file_uploader[0].set_value([("ragged.csv", text.encode("utf-8"), "text/csv")]).run()
    return at


def test_roster_page__ragged_rows_of_a_class__why_quotes_their_errors() -> None:
    # A class's worth of unreadable rows (under QUOTED_ERRORS) is quoted in the table;
    # past the bound the rows count their errors instead (tests/test_people_counted.py).
    at = _screened()
    result = at.session_state[RESULT]
    table = at.dataframe[0].value
    invalid = table[table["Status"] == STATUS_LABELS["invalid"]]

    assert not at.exception
    assert len(invalid) > ROWS // 2
    assert "Unreadable answers" not in table.columns
    for index, why in zip(invalid["index"], invalid["Why"], strict=True):
        errors = result.records[index].errors
        quoted = "Could not read: " + "; ".join(errors)
        assert why == (quoted if len(quoted) <= TABLE_TEXT else quoted[: TABLE_TEXT - 1] + "…")


def test_roster_page__ragged_row_opened__every_error_quoted() -> None:
    at = _screened()
    at.pills(key="roster_filter").set_value(["invalid"]).run()
    table = at.dataframe[0].value
    index = int(table["index"].iloc[0])
    record = at.session_state[RESULT].records[index]

    at.session_state[f"roster_open_{index}"] = True
    at.run()

    opened = next(e for e in at.expander if e.label.startswith(f"Row {record.row}: "))
    shown = "\n".join(m.value for m in opened.markdown)
    assert not at.exception
    assert len(record.errors) >= 2
    for error in record.errors:  # the value, the row's own problem with its row number
        assert plain(error) in shown
    assert plain(": 9 cells, the header has 8") in shown


def test_roster_page__ragged_rows__roster_report_quotes_every_error() -> None:
    at = _screened()
    result = at.session_state[RESULT]
    # What the "Roster report (CSV)" button builds from the session's result.
    assert any(b.proto.label == "Roster report (CSV)" for b in at.download_button)
    lines = people_csv(result).splitlines()[1:]
    report = {int(row["Row"]): row for row in csv.DictReader(io.StringIO("\n".join(lines)))}

    assert len(report) == ROWS
    for record in result.records:
        row = report[record.row]
        assert row["Unreadable answers"] == " | ".join(record.errors)
        if record.status == "invalid":
            assert row["Why"] == "Could not read: " + "; ".join(record.errors)
