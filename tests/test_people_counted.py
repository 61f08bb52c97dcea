"""The page's table quotes the errors of the first unreadable rows and counts the rest
(:func:`errors_counted`) in words many rows share; the downloads' rows quote every error."""

from __future__ import annotations

from psoas_check.people import errors_counted, person_rows
from psoas_check.readers import read_bytes
from psoas_check.roster import screen
from psoas_check.roster_table import TABLE_TEXT, result_table

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


def test_result_table__unreadable_rows__quoted_up_to_the_bound_then_counted() -> None:
    result = screen([read_bytes("roster.csv", ROSTER)])
    quoted = result_table(result).set_index("Attendee")  # a small class: every one quoted
    bounded = result_table(result, quotes=1).set_index("Attendee")
    report = {row.attendee: row for row in person_rows(result)}

    for name in ("Ana", "Bo", "Cy"):
        errors = result.records[int(quoted.loc[name, "index"])].errors
        why = "Could not read: " + "; ".join(errors)
        shown = why if len(why) <= TABLE_TEXT else why[: TABLE_TEXT - 1] + "…"  # the table's cut
        assert quoted.loc[name, "Why"] == shown
        assert report[name].why == "Could not read: " + "; ".join(errors)
        assert report[name].errors == " | ".join(errors)
    # Past the bound (file order among the unreadable): counted, in words rows share.
    assert bounded.loc["Ana", "Why"] == quoted.loc["Ana", "Why"]
    assert bounded.loc["Bo", "Why"] == "1 answer could not be read: open the attendee to see each"
    assert bounded.loc["Cy", "Why"] == "1 problem with the row: open the attendee to see each"
