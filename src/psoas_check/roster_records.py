"""One screened attendee (:class:`ScreenRecord`) and the one-line tally (:class:`Tally`).

Split from :mod:`psoas_check.roster`, which re-exports both: the records are the
contract's section 4 shape, the tally is what the command line prints on standard error
and the roster page shows above its table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from .assess import STATUSES, Caution, Status
from .batch import Outcome

__all__ = ["EXTRA_KEYS", "IGNORED_SHOWN", "RECORD_KEYS", "ScreenRecord", "Tally"]

#: Contract section 4: the keys of a screen record, in output order.
RECORD_KEYS = ("row", "attendee", "status", "sections", "poses", "cautions", "rules", "errors")
#: Our extension, after the contract's keys: the article's own care points for each pose.
EXTRA_KEYS = ("care_points",)
#: Ignored column names listed in the one-line tally; the rest are counted.
IGNORED_SHOWN = 10


class ScreenRecord(NamedTuple):
    """One attendee's screening result (contract section 4).

    ``status``, ``sections``, ``poses``, ``cautions`` and ``rules`` come from the shared
    :class:`Outcome` of every row alike; ``source`` (the file) is extra to the contract.
    A named tuple, because a roster may hold a hundred thousand of them.
    """

    row: int
    attendee: str | None
    outcome: Outcome
    errors: tuple[str, ...] = ()
    source: str = ""

    @property
    def status(self) -> Status:
        return self.outcome.status

    @property
    def sections(self) -> tuple[str, ...]:
        return self.outcome.sections

    @property
    def poses(self) -> tuple[str, ...]:
        return self.outcome.poses

    @property
    def cautions(self) -> tuple[Caution, ...]:
        return self.outcome.cautions

    @property
    def rules(self) -> tuple[str, ...]:
        return self.outcome.rules

    @property
    def care_points(self) -> tuple[Caution, ...]:
        return self.outcome.care_points

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON shape: real lists, cautions as {"pose", "text"} objects."""
        return {
            "row": self.row,
            "attendee": self.attendee,
            "status": self.status,
            "sections": list(self.sections),
            "poses": list(self.poses),
            "cautions": [{"pose": c.pose, "text": c.text} for c in self.cautions],
            "rules": list(self.rules),
            "errors": list(self.errors),
            "care_points": [{"pose": c.pose, "text": c.text} for c in self.care_points],
        }


@dataclass(frozen=True)
class Tally:
    """Counts for the one-line summary on standard error and the roster view's header."""

    rows: int
    counts: dict[str, int]
    blank_rows: int = 0
    note_rows: int = 0
    ignored: tuple[str, ...] = ()
    #: Sheets with no warning-sign column: every attendee in them is ``incomplete``.
    unscreened: tuple[str, ...] = ()
    sheets: int = 1
    #: Worksheets read, when a workbook gave more than one ("book.xlsx [Monday]").
    parts: tuple[str, ...] = ()
    #: Worksheets left out, each with why ('book.xlsx: "Old" (hidden)').
    skipped_sheets: tuple[str, ...] = ()
    #: Ignored headers close to a field name: (header, field).
    close: tuple[tuple[str, str], ...] = ()

    def unscreened_note(self) -> str | None:
        """What to tell the teacher when a sheet never asked the warning signs, or None."""
        if not self.unscreened:
            return None
        where = "" if self.sheets == 1 else " in " + ", ".join(map(_shown, self.unscreened))
        return (f"no warning-sign column{where}: every attendee there is incomplete, ask them "
                "before the class")

    def line(self) -> str:
        """E.g. ``screened 3 rows (1 urgent, 0 see_clinician, ...); skipped 1 blank row``."""
        counts = ", ".join(f"{self.counts.get(s, 0)} {s}" for s in STATUSES)
        text = f"screened {_plural(self.rows, 'row')} ({counts}); "
        text += f"skipped {_plural(self.blank_rows, 'blank row')}"
        if self.note_rows:
            text += f" and {_plural(self.note_rows, 'note row')}"
        if self.parts:
            text += "; read sheets " + ", ".join(map(_shown, self.parts))
        if self.skipped_sheets:
            text += "; skipped sheets " + ", ".join(self.skipped_sheets[:IGNORED_SHOWN])
        if self.ignored:
            close = dict(self.close)
            shown = ", ".join(_shown(h) + (f" (did you mean {close[h]}?)" if h in close else "")
                              for h in self.ignored[:IGNORED_SHOWN])
            more = len(self.ignored) - IGNORED_SHOWN
            text += f"; ignored columns: {shown}" + (f" and {more:,} more" if more > 0 else "")
        note = self.unscreened_note()
        return f"{text}; {note}" if note else text


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


def _shown(header: str) -> str:
    text = " ".join(header.split())
    if len(text) > 60:
        text = text[:59] + "…"
    if not text.isprintable():  # control characters (ESC, BEL) never reach a terminal
        return repr(text)
    if text.replace("_", "").isalnum():
        return text
    return '"' + text.replace('"', '\\"') + '"'
