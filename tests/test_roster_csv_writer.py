"""The roster CSV writer: each row's exact cells, however the outcomes are shared.

``write_csv`` encodes each distinct list of an outcome once and reuses the text (that is
what keeps a 100,000-row report fast); these tests hold it to the plain cell-by-cell
reference, :func:`record_cells` quoted with :func:`csv_field` (itself checked against
``csv.writer`` in test_roster_export.py), on a large generated roster and on records
built so that a cache keyed by the wrong thing would mix two rows up.
"""

from __future__ import annotations

import csv
import gc
import io
import json
import random
from collections.abc import Iterable, Iterator

from psoas_check.answers import FIELDS
from psoas_check.assess import Caution
from psoas_check.export import csv_field, record_cells, to_csv, to_json, write_csv
from psoas_check.readers import read_bytes
from psoas_check.roster import EXTRA_KEYS, RECORD_KEYS, Outcome, ScreenRecord, screen


def note(pose: str, text: str) -> Caution:
    return Caution(pose=pose, text=text)


HEADER = ",".join(RECORD_KEYS + EXTRA_KEYS) + "\n"


def reference(records: Iterable[ScreenRecord]) -> str:
    """The report as the cells of each record give it, one by one, nothing reused."""
    return HEADER + "".join(",".join(map(csv_field, record_cells(r))) + "\n" for r in records)


def generated_roster(rows: int, seed: int = 7) -> bytes:
    """A sign-up sheet with every field, names that need quoting or a formula prefix."""
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["attendee", "sitting_hours", "stretch_breaks", "exercise_days",
                     "stress_level", "balance_difficulty", "pain_areas", "pain_duration",
                     "pain_lying_on_back", "red_flags"])
    flags, areas = list(FIELDS["red_flags"].options), list(FIELDS["pain_areas"].options)
    for i in range(rows):
        name = rng.choice(["Ann", "=cmd()", "-dash", "Smith, Jo", 'Say "hi"', "@at", ""])
        writer.writerow([
            f"{name} {i}" if name else "",
            rng.choice(["", "2", "6", "9", "lots", "30"]),
            rng.choice(["", "rarely", "hourly", "every_few_hours"]),
            rng.choice(["", "0", "2", "5", "8"]),
            rng.choice(["", "3", "8", "11"]),
            rng.choice(["", "yes", "no"]),
            "; ".join(rng.sample(areas, rng.randint(0, 3))) or rng.choice(["", "none"]),
            rng.choice(["", *FIELDS["pain_duration"].options]),
            rng.choice(["", "yes", "no"]),
            rng.choice(["", "none", "none", "none", *flags]),
        ])
    return out.getvalue().encode()


def test_to_csv__generated_roster_with_shipped_rules__every_line_as_its_cells_say() -> None:
    result = screen([read_bytes("class.csv", generated_roster(3000))])
    records = result.records
    text = to_csv(records)

    assert text == reference(records)
    assert len({r.outcome for r in records}) > 50  # many outcomes, many lists shared
    statuses = {r.status for r in records}
    assert {"urgent", "see_clinician", "invalid", "incomplete", "caution"} <= statuses
    assert any(r.care_points for r in records)
    names = [row[1] for row in csv.reader(io.StringIO(text))][1:]
    assert any(n.startswith("'=cmd()") for n in names)
    assert any(n.startswith("Smith, Jo") for n in names)


def _fresh(rows: int) -> Iterator[ScreenRecord]:
    """Records whose outcomes and lists are made anew for each row and dropped after it,
    so the memory of one is free for the next (a cache keyed by identity alone would
    hand a later row the cells of an earlier one)."""
    for i in range(rows):
        pose = f"pose-{i % 3}"
        yield ScreenRecord(
            i + 1, f"Name {i}",
            Outcome("caution" if i % 2 else "ok", (f"section-{i % 5}",), (pose,),
                    (note(pose, f"caution {i % 7}"),), (f"rule-{i}",),
                    (note(pose, f"care {i % 4}"),)),
            (f"error {i}",) if i % 11 == 0 else ())


def test_write_csv__outcomes_made_and_dropped_row_by_row__no_row_gets_another_rows_cells() -> None:
    buffer = io.StringIO(newline="")

    write_csv(_fresh(5000), buffer)

    assert buffer.getvalue() == reference(_fresh(5000))


def test_write_csv__equal_outcomes_not_shared__same_text_as_shared_ones() -> None:
    one = Outcome("caution", ("back-pain",), ("tadasana",), (note("tadasana", "Go slow."),),
                  ("r",), (note("tadasana", "Stand tall."),))
    twin = Outcome(*[tuple(list(part)) if isinstance(part, tuple) else part for part in one])
    records = [ScreenRecord(1, "A", one), ScreenRecord(2, "B", twin), ScreenRecord(3, "C", one)]

    assert to_csv(records) == reference(records)


def test_to_csv__hand_made_record__exact_line_quoted_and_formula_safe() -> None:
    outcome = Outcome("caution", ("=sum", "back-pain"), ("tadasana",),
                      (note("tadasana", 'Say "stop", then\nrest.'),), ("r1", "r2"),
                      (note("tadasana", "Feet apart."),))
    record = ScreenRecord(7, 'Smith, "Jo"', outcome, ("-1 is out of range", "x: bad"))

    lines = to_csv([record, record._replace(row=8, attendee="+44 7700", errors=())])

    assert lines == HEADER + (
        '7,"Smith, ""Jo""",caution,\'=sum | back-pain,tadasana,'
        '"tadasana: Say ""stop"", then\nrest.",r1 | r2,\'-1 is out of range | x: bad,'
        "tadasana: Feet apart.\n"
        "8,'+44 7700,caution,'=sum | back-pain,tadasana,"
        '"tadasana: Say ""stop"", then\nrest.",r1 | r2,,tadasana: Feet apart.\n')
    assert list(csv.reader(io.StringIO(lines)))[1][2:] == [
        "caution", "'=sum | back-pain", "tadasana", 'tadasana: Say "stop", then\nrest.',
        "r1 | r2", "'-1 is out of range | x: bad", "tadasana: Feet apart."]


def test_to_json__hand_made_record__contract_shape_with_care_points() -> None:
    outcome = Outcome("caution", ("back-pain",), ("tadasana",), (note("tadasana", "Slow."),),
                      ("r1",), (note("tadasana", "Feet apart."), note("tadasana", "Soft.")))

    records = json.loads(to_json([ScreenRecord(3, None, outcome, ("e",))]))

    assert records == [{
        "row": 3, "attendee": None, "status": "caution", "sections": ["back-pain"],
        "poses": ["tadasana"], "cautions": [{"pose": "tadasana", "text": "Slow."}],
        "rules": ["r1"], "errors": ["e"],
        "care_points": [{"pose": "tadasana", "text": "Feet apart."},
                        {"pose": "tadasana", "text": "Soft."}]}]


def test_screen_and_write__garbage_collector__back_as_it_was() -> None:
    sheet = read_bytes("class.csv", generated_roster(200))
    assert gc.isenabled()

    to_csv(screen([sheet]).records)
    enabled_after = gc.isenabled()
    gc.disable()
    try:
        to_csv(screen([sheet]).records)
        disabled_after = not gc.isenabled()
    finally:
        gc.enable()

    assert enabled_after
    assert disabled_after


def _named(names: list[str | None]) -> list[ScreenRecord]:
    outcome = Outcome("ok", ("back-pain",), (), (), ("r1",), ())
    return [ScreenRecord(i + 1, name, outcome) for i, name in enumerate(names)]


def test_to_csv__formula_names_that_need_no_quotes__prefixed_as_cell_by_cell() -> None:
    records = _named(["Ann", "=cmd()", "-dash", None, "", "@at", "\tTab", "+44 7700", "Bo"])

    text = to_csv(records)

    assert text == reference(records)
    assert [row[1] for row in csv.reader(io.StringIO(text))][1:] == [
        "Ann", "'=cmd()", "'-dash", "", "", "'@at", "'\tTab", "'+44 7700", "Bo"]


def test_to_csv__name_with_a_line_break_only__quoted_as_cell_by_cell() -> None:
    records = _named(["Ann", "Jo\nSmith", "=x"])

    text = to_csv(records)

    assert text == reference(records)
    assert [row[1] for row in csv.reader(io.StringIO(text))][1:] == ["Ann", "Jo\nSmith", "'=x"]
