"""The page's table counts an unreadable row's errors (:func:`errors_counted`) in words
many rows share; the downloads' rows still quote every error."""

from __future__ import annotations

from psoas_check.people import errors_counted, person_rows
from psoas_check.readers import read_bytes
from psoas_check.roster import screen
from psoas_check.roster_table import result_table

ROSTER = (b"attendee,sitting_hours,red_flags,back_fatigue\n"
          b"Ana,99,saddle_numbnes,maybe\n"
          b"Bo,lots,none,no\n"
          b"Cy,3,none,no,extra\n")


def test_errors_counted__answers_signs_and_row_problems__said_in_counts() -> None:
    assert errors_counted(["sitting_hours: 'lots' is not a number"]) == (
        "1 answer could not be read: open the attendee to see each")
    assert errors_counted(["red_flags: 'x' not recognised", "back_fatigue: 'maybe' no",
                           "row 9: 4 cells, the header has 3"]) == (
        "2 answers could not be read, the warning signs among them; 1 problem with the row: "
        "open the attendee to see each")
    assert errors_counted(["row 9: 4 cells", "row 9: another"]) == (
        "2 problems with the row: open the attendee to see each")
    assert errors_counted([]) == "An answer could not be read: open the attendee to see each"


def test_result_table__unreadable_rows__counted_in_why_quoted_in_the_report_rows() -> None:
    result = screen([read_bytes("roster.csv", ROSTER)])
    table = result_table(result).set_index("Attendee")
    report = {row.attendee: row for row in person_rows(result)}

    assert table.loc["Ana", "Why"] == ("3 answers could not be read, the warning signs among "
                                       "them: open the attendee to see each")
    assert table.loc["Bo", "Why"] == "1 answer could not be read: open the attendee to see each"
    assert table.loc["Cy", "Why"] == "1 problem with the row: open the attendee to see each"
    for name in ("Ana", "Bo", "Cy"):
        errors = result.records[int(table.loc[name, "index"])].errors
        assert report[name].why == "Could not read: " + "; ".join(errors)
        assert report[name].errors == " | ".join(errors)
