"""Screened rosters out: CSV (formula-safe), JSON, Excel, a zip of summaries, the template.

Every text cell that a spreadsheet could take for a formula (one starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) is prefixed with ``'`` in CSV and Excel.

Example::

    >>> result = screen_files(["roster.csv"])
    >>> sys.stdout.write(to_csv(result.records))
"""

from __future__ import annotations

import io
import itertools
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
    outcome met is kept in ``kept``, so no identity is reused for another list meanwhile.
    Outcome number ``n`` is written as ``head[n]``, ``rules[n]``, the row's errors and
    ``care[n]``; the separating commas are already in place.
    """

    def __init__(self) -> None:
        self.lists: dict[int, str] = {}
        self.heads: dict[tuple[int, ...], str] = {}
        self.cares: dict[int, str] = {}
        self.number: dict[int, int] = {}
        self.kept: list[Outcome] = []
        self.head: list[str] = []  # "status,sections,poses,cautions,"
        self.rules: list[str] = []
        self.care: list[str] = []  # "care points\n" (the row's errors come before them)

    def _list(self, items: tuple[Any, ...], render: Callable[[Any], str]) -> str:
        found = self.lists.get(id(items))
        if found is None:
            found = self.lists[id(items)] = _cell(render(items))
        return found

    def _head(self, o: Outcome) -> str:
        key = (id(o.status), id(o.sections), id(o.poses), id(o.cautions))
        head = self.heads.get(key)
        if head is None:
            head = self.heads[key] = (
                f"{_cell(o.status)},{self._list(o.sections, _joined)},"
                f"{self._list(o.poses, _joined)},{self._list(o.cautions, _notes)},")
        return head

    def _care(self, items: tuple[Caution, ...]) -> str:
        found = self.cares[id(items)] = self._list(items, _notes) + "\n"
        return found

    def numbers(self, outcomes: Sequence[Outcome]) -> list[int]:
        """Each outcome's number, the outcomes not met before encoded first."""
        number, kept, heads, cares = self.number, self.kept, self.heads, self.cares
        for key, o in dict(zip(map(id, outcomes), outcomes, strict=True)).items():
            if key in number:
                continue
            number[key] = len(kept)
            kept.append(o)
            status, sections, poses, cautions, rules, care = o
            self.head.append(heads.get((id(status), id(sections), id(poses), id(cautions)))
                             or self._head(o))
            self.rules.append(_cell(JOIN.join(rules)))
            self.care.append(cares.get(id(care)) or self._care(care))
        return list(map(number.__getitem__, map(id, outcomes)))


def _names(names: Sequence[str | None]) -> list[str]:
    """Attendee names as CSV fields; one scan of them all finds whether any needs quotes."""
    cells = [n or "" for n in names]
    text = "\n".join(cells)
    if '"' in text or "," in text or "\r" in text or text.count("\n") != len(cells) - 1:
        return list(map(_cell, cells))
    return ["'" + n if n.startswith(UNSAFE_START) else n for n in cells]


#: Records turned into text together: the cells of a chunk are made column by column, then
#: written as one string of about 2 MB (fewer, larger writes; bounded memory when streaming).
CHUNK = 1024


@collector_paused()
def write_csv(records: Iterable[ScreenRecord], stream: Any) -> None:
    """Write the header and one line per record to a text stream.

    Records are taken a chunk at a time and their cells made column by column: numbers
    and names in one pass, errors in another, and the rest looked up by the outcome's
    number (its cells encoded once, see :class:`_OutcomeCells`), so no row costs a Python
    statement of its own. The chunk's lines are joined and written as one string.
    """
    stream.write(",".join(RECORD_KEYS + EXTRA_KEYS) + "\n")
    cells = _OutcomeCells()
    head, rules, care = cells.head, cells.rules, cells.care
    records = iter(records)
    while chunk := list(itertools.islice(records, CHUNK)):
        rows, names, outcomes, errors = list(zip(*chunk, strict=False))[:4]
        numbers = cells.numbers(outcomes)
        wrong = [f",{_cell(JOIN.join(e))}," if e else ",," for e in errors]
        lines = zip(map("{},{},".format, rows, _names(names)), map(head.__getitem__, numbers),
                    map(rules.__getitem__, numbers), wrong, map(care.__getitem__, numbers),
                    strict=True)
        stream.write("".join(itertools.chain.from_iterable(lines)))


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
