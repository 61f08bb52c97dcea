"""A screened roster as people read it: plain status words, titles, and why, urgent first.

The command line's ``screen`` output keeps the contract's ids for machines; the app's table
and its downloads are for a teacher, so each attendee becomes a :class:`PersonRow` with the
status in words, the warning sign (or unreadable answer, or caution) that decided it, what
to change in practice, and section and pose titles instead of ids. Rows come most urgent
first and keep the row number of the file.

Example::

    >>> rows = person_rows(screen_files(["signups.csv"]))
    >>> rows[0].status, rows[0].why
    ('Urgent', 'New trouble starting, stopping or controlling urine or bowels')
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from .assess import STATUSES
from .fields import FIELDS, KG_FIELD
from .roster import Outcome, RosterScreen, ScreenRecord

__all__ = [
    "SIGN_NOT_LOOKED_UP",
    "STATUS_COLOURS",
    "STATUS_MEANINGS",
    "STATUS_WORDS",
    "PersonRow",
    "errors_counted",
    "person_rows",
]

#: Each status in plain words, as the teacher reads it (contract order).
STATUS_WORDS: dict[str, str] = {
    "urgent": "Urgent",
    "see_clinician": "See a clinician",
    "invalid": "Invalid answers",
    "incomplete": "Incomplete: warning signs not answered",
    "caution": "Caution",
    "ok": "OK",
}
#: What each status asks of the teacher, for the report's legend.
STATUS_MEANINGS: dict[str, str] = {
    "urgent": "Marked a sign that needs emergency care now. No practice: they should get "
    "help today, before anything else.",
    "see_clinician": "Marked a warning sign (or pregnancy). They should see a doctor, or a "
    "midwife, before practising; no poses are suggested.",
    "invalid": "An answer could not be read or is out of range. Check it with them; if it "
    "is the warning signs, no poses are suggested until it is.",
    "incomplete": "Did not answer the warning-sign question. Ask it before they practise; "
    "reading only until then.",
    "caution": "Poses are suggested, and at least one needs a change for them (see What to "
    "change).",
    "ok": "Poses are suggested, none with a caution of its own for them.",
}
#: Light fills for each status in the Excel report (text stays black, readable in print).
STATUS_COLOURS: dict[str, str] = {
    "urgent": "FCA5A5",
    "see_clinician": "FDBA74",
    "invalid": "FDE68A",
    "incomplete": "C7D2FE",
    "caution": "FEF3C7",
    "ok": "BBF7D0",
}
#: Why, when a warning sign decided the status but was not looked up (see person_rows).
SIGN_NOT_LOOKED_UP = "A warning sign: open the attendee to see which"


class PersonRow(NamedTuple):
    """One attendee as the teacher's table and report show them."""

    record: int  # position in RosterScreen.records
    row: int  # data row in the file(s)
    attendee: str
    status: str  # in words
    why: str
    change: str  # the cautions: what to change in practice for this person
    read: str
    poses: str
    errors: str
    source: str
    key: str  # the contract's status id, for colours and filters


_FIELD_PREFIXES = tuple(f"{name}:" for name in (*FIELDS, KG_FIELD))


def errors_counted(errors: Sequence[str]) -> str:
    """An unreadable row's errors counted, not quoted: "2 answers could not be read: ...".

    Texts like this are shared by every row with the same counts, where the errors
    themselves differ from row to row (each names its value, a row problem its row
    number). Whether the warning signs are among them is said: it decides the status.
    """
    answers = [e for e in errors if e.startswith(_FIELD_PREFIXES)]
    other = len(errors) - len(answers)
    said = []
    if answers:
        said.append(f"{len(answers)} answer{' could' if len(answers) == 1 else 's could'} "
                    "not be read")
        if any(e.startswith("red_flags:") for e in answers):
            said[0] += ", the warning signs among them"
    if other:
        said.append(f"{other} problem{'' if other == 1 else 's'} with the row")
    return f"{'; '.join(said) or 'An answer could not be read'}: open the attendee to see each"


class _Titles(dict[str, str]):
    """Id -> title; an id the catalogue lacks shows as itself rather than failing."""

    def __missing__(self, item: str) -> str:
        return item


def _why(record: ScreenRecord, result: RosterScreen, index: int, look_up: bool,
         title: dict[str, str], quoted: bool) -> str:
    status = record.status
    if status in ("urgent", "see_clinician"):
        if not look_up:
            return SIGN_NOT_LOOKED_UP
        _, assessment = result.person(index)
        return "; ".join(flag.label for flag in assessment.red_flags) or SIGN_NOT_LOOKED_UP
    if status == "invalid":
        if not quoted:
            return errors_counted(record.errors)
        return "Could not read: " + "; ".join(record.errors)
    if status == "incomplete":
        return "Warning signs not answered: ask them before they practise"
    if status == "caution":
        poses = dict.fromkeys(title[c.pose] for c in record.cautions)
        return "A caution for " + ", ".join(poses)
    return ""


def person_rows(
    result: RosterScreen, look_ups: int | None = None, *, quotes: int | None = None,
) -> list[PersonRow]:
    """Every record as a :class:`PersonRow`, most urgent first (file order within a status).

    The warning signs of an urgent or see-clinician attendee are read back from their row
    (a moment each); ``look_ups`` bounds how many, for a page that must stay quick, and
    the rest say to open the attendee. Downloads pass None: every sign is named.
    ``quotes`` likewise bounds how many unreadable rows quote their errors in ``why``; the
    rest count them (:func:`errors_counted`), and ``errors`` is left empty. The page's
    table passes a bound (a ragged roster's errors differ on every row); downloads pass
    None and quote them all.
    """
    catalog = result.ruleset.catalog
    title = _Titles({item.id: item.title for item in (*catalog.sections, *catalog.poses)})
    shared: dict[int, tuple[str, str, str, Outcome]] = {}  # outcome id -> its joined cells
    rows: list[PersonRow] = []
    looked = quoted = 0
    for index in result.by_priority():
        record = result.records[index]
        cells = shared.get(id(record.outcome))
        if cells is None:
            change = " | ".join(f"{title[c.pose]}: {c.text}" for c in record.cautions)
            cells = (change, ", ".join(title[s] for s in record.sections),
                     ", ".join(title[p] for p in record.poses), record.outcome)
            shared[id(record.outcome)] = cells
        signs = record.status in ("urgent", "see_clinician")
        look_up = not signs or look_ups is None or looked < look_ups
        looked += signs and look_up
        quote = record.status != "invalid" or quotes is None or quoted < quotes
        quoted += record.status == "invalid" and quote
        rows.append(PersonRow(
            index, record.row, record.attendee or "", STATUS_WORDS[record.status],
            _why(record, result, index, look_up, title, quote), cells[0], cells[1], cells[2],
            " | ".join(record.errors) if quotes is None else "", record.source, record.status,
        ))
    return rows


assert list(STATUS_WORDS) == list(STATUSES) == list(STATUS_MEANINGS)  # one order everywhere
