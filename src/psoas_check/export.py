"""Screened rosters out: CSV (formula-safe), JSON, Excel, a zip of summaries, the template.

Every text cell that a spreadsheet could take for a formula (one starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) is prefixed with ``'`` in CSV and Excel.

Example::

    >>> result = screen_files(["roster.csv"])
    >>> sys.stdout.write(to_csv(result.records))
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from .answers import Answers
from .assess import STATUSES, Assessment, Caution
from .combine import collector_paused
from .roster import EXTRA_KEYS, RECORD_KEYS, Outcome, RosterScreen, ScreenRecord
from .rules import RuleSet

__all__ = [
    "JOIN",
    "Builder",
    "csv_field",
    "pdf_builder",
    "record_cells",
    "safe_cell",
    "summaries_zip",
    "to_csv",
    "to_json",
    "to_xlsx",
    "write_csv",
]

JOIN = " | "
UNSAFE_START = ("=", "+", "-", "@", "\t", "\r")
#: Builds one person's document: (answers, assessment, rules) -> text or bytes.
Builder = Callable[[Answers, Assessment, RuleSet], "str | bytes"]


def safe_cell(text: str) -> str:
    """The cell with ``'`` in front if a spreadsheet could read it as a formula."""
    return "'" + text if text.startswith(UNSAFE_START) else text


def _joined(items: tuple[str, ...]) -> str:
    return JOIN.join(items)


def _notes(items: tuple[Caution, ...]) -> str:
    return JOIN.join(f"{c.pose}: {c.text}" for c in items)


def _outcome_cells(outcome: Outcome) -> list[str]:
    """The cells rows alike share: status, sections, poses, cautions, rules (formula-safe)."""
    cells = [outcome.status, _joined(outcome.sections), _joined(outcome.poses),
             _notes(outcome.cautions), _joined(outcome.rules)]
    return [safe_cell(c) for c in cells]


def _care_cell(outcome: Outcome) -> str:
    """The article's care points for the suggested poses, as one formula-safe cell."""
    return safe_cell(_notes(outcome.care_points))


def record_cells(record: ScreenRecord) -> list[str]:
    """One record as formula-safe CSV cells, lists joined with `` | ``."""
    return [str(record.row), safe_cell(record.attendee or ""), *_outcome_cells(record.outcome),
            safe_cell(JOIN.join(record.errors)), _care_cell(record.outcome)]


def csv_field(text: str) -> str:
    """One CSV field as ``csv.writer`` writes it (quoted only when it must be)."""
    if '"' in text or "," in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def _cell(text: str) -> str:
    """A text as one formula-safe CSV field: :func:`safe_cell`, then :func:`csv_field`,
    written out because it runs for every name of a roster."""
    if text.startswith(UNSAFE_START):
        text = "'" + text
    if '"' in text or "," in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


class _OutcomeCells:
    """Each outcome's CSV text, encoded once per distinct list it is made of.

    Outcomes share their lists: a roster of 100,000 rows holds a few hundred distinct
    sections, poses, cautions and care-point lists and a few thousand combinations of
    them, but tens of thousands of rule lists. Lists are keyed by identity, and every
    outcome met is kept in ``done``, so no identity is reused for another list meanwhile.
    """

    def __init__(self) -> None:
        self.lists: dict[int, str] = {}
        self.heads: dict[tuple[int, ...], str] = {}
        self.done: dict[int, tuple[str, str, str, Outcome]] = {}

    def _list(self, items: tuple[Any, ...], render: Callable[[Any], str]) -> str:
        found = self.lists.get(id(items))
        if found is None:
            found = self.lists[id(items)] = _cell(render(items))
        return found

    def add(self, o: Outcome) -> tuple[str, str, str, Outcome]:
        """(status to cautions, rules, care points) as CSV text, and the outcome kept;
        ``done.get(id(o))`` finds it from then on."""
        key = (id(o.status), id(o.sections), id(o.poses), id(o.cautions))
        head = self.heads.get(key)
        if head is None:
            head = self.heads[key] = (
                f"{_cell(o.status)},{self._list(o.sections, _joined)},"
                f"{self._list(o.poses, _joined)},{self._list(o.cautions, _notes)}")
        found = self.done[id(o)] = (head, _cell(JOIN.join(o.rules)),
                                    self._list(o.care_points, _notes), o)
        return found


@collector_paused()
def write_csv(records: Iterable[ScreenRecord], stream: Any) -> None:
    """Write the header and one line per record to a text stream.

    A row costs its number, its name, its errors and one string join: the rest is the
    outcome's, encoded once (see :class:`_OutcomeCells`). Lines are written a thousand at
    a time as one string, sparing the stream thousands of small writes.
    """
    stream.write(",".join(RECORD_KEYS + EXTRA_KEYS) + "\n")
    cells = _OutcomeCells()
    done = cells.done
    lines: list[str] = []
    for r in records:
        head, rules, care, _ = done.get(id(r.outcome)) or cells.add(r.outcome)
        attendee = _cell(r.attendee) if r.attendee else ""
        errors = _cell(JOIN.join(r.errors)) if r.errors else ""
        lines.append(f"{r.row},{attendee},{head},{rules},{errors},{care}\n")
        if len(lines) >= 1024:
            stream.write("".join(lines))
            lines.clear()
    stream.write("".join(lines))


def to_csv(records: Iterable[ScreenRecord]) -> str:
    """The roster report as CSV text (encode as ``utf-8-sig`` for Excel downloads)."""
    buffer = io.StringIO(newline="")
    write_csv(records, buffer)
    return buffer.getvalue()


def to_json(records: Iterable[ScreenRecord]) -> str:
    """The roster report as a JSON list of contract records."""
    return json.dumps([r.to_dict() for r in records], indent=2, ensure_ascii=False) + "\n"


def to_xlsx(result: RosterScreen) -> bytes:
    """The roster report as an Excel workbook: sheet "Roster" (input order) and "Counts"."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Roster"
    sheet.append([*RECORD_KEYS, *EXTRA_KEYS])
    for record in result.records:
        cells: list[Any] = record_cells(record)
        cells[0] = record.row
        sheet.append(cells)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for letter, width in zip("ABCDEFGHI", (6, 24, 14, 30, 30, 50, 30, 50, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    counts = book.create_sheet("Counts")
    counts.append(["status", "attendees"])
    for status in STATUSES:
        counts.append([status, result.tally.counts.get(status, 0)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def pdf_builder(answers: Answers, assessment: Assessment, ruleset: RuleSet) -> bytes:
    """The person's PDF summary (imports the PDF module only when first used)."""
    from . import pdf

    data: bytes = pdf.to_pdf(answers, assessment, ruleset)
    return data


def _markdown(answers: Answers, assessment: Assessment, ruleset: RuleSet) -> str:
    from .report import to_markdown

    return to_markdown(answers, assessment, ruleset)


def _slug(text: str | None) -> str:
    """A file-safe form of a name that keeps its letters, accents included (Chloé, Zoë)."""
    composed = unicodedata.normalize("NFC", text or "")
    # \W is Unicode-aware: letters and digits of any script stay, the rest becomes "-".
    slug = re.sub(r"[\W_]+", "-", composed).strip("-")[:40].strip("-")
    return slug or "attendee"


def summaries_zip(
    result: RosterScreen,
    builder: Builder | None = None,
    extension: str = "md",
    rows: Sequence[int] | None = None,
) -> bytes:
    """A zip of one summary per attendee, named ``NNN-name.EXT`` (names made file-safe).

    Names keep their accents; zipfile marks such entries as UTF-8 (flag bit 11), so every
    unzip tool shows them as written.

    ``builder`` makes each document; the default is the Markdown summary. For PDFs pass
    ``builder=pdf_builder, extension="pdf"``. ``rows`` limits it to some record indexes.
    """
    build = builder or _markdown
    buffer = io.BytesIO()
    indexes = range(len(result.records)) if rows is None else rows
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index in indexes:
            record = result.records[index]
            answers, assessment = result.person(index)
            document = build(answers, assessment, result.ruleset)
            name = f"{record.row:03d}-{_slug(record.attendee)}.{extension}"
            archive.writestr(name, document)
    return buffer.getvalue()
