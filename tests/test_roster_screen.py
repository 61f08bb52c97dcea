"""Roster screening: exact records, tallies, the fast path against assess(), helpers."""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from psoas_check.answers import FIELDS, parse_answers
from psoas_check.assess import assess
from psoas_check.errors import InputError
from psoas_check.options import RED_FLAGS
from psoas_check.readers import plan_columns, read_bytes, read_paths
from psoas_check.roster import EXTRA_KEYS, RECORD_KEYS, factor_prevalence, screen, screen_files
from psoas_check.rules import RuleSet, default_rules, load_rules

ROSTER = Path(__file__).parent / "data" / "roster"
PERSONAS = Path(__file__).parent / "data" / "personas.yaml"


@pytest.fixture
def ruleset(rules_dir: Path, write_rules: Callable[[str, str], Path]) -> RuleSet:
    """The small inline rules of tests/data/roster/test_rules.yaml on the contract catalogue."""
    write_rules("rules.yaml", (ROSTER / "test_rules.yaml").read_text(encoding="utf-8"))
    return load_rules(rules_dir)


def _record(row: int, attendee: str | None, status: str, **lists: Any) -> dict[str, Any]:
    record: dict[str, Any] = {"row": row, "attendee": attendee, "status": status}
    for key in (*RECORD_KEYS[3:], *EXTRA_KEYS):
        record[key] = lists.get(key, [])
    return record


def _dicts(paths: list[Path], ruleset: RuleSet, mapping: dict[str, str] | None = None
           ) -> list[dict[str, Any]]:
    return [r.to_dict() for r in screen_files(paths, mapping, ruleset).records]


def _expected(raw: dict[str, str], row: int, ruleset: RuleSet) -> dict[str, Any]:
    """The record assess() gives for one row of raw cells: the reference for the fast path."""
    parsed = parse_answers(raw)
    result = assess(parsed.answers, ruleset, parsed.errors)
    return {"row": row, "attendee": parsed.answers.attendee, "status": result.status,
            "sections": result.sections, "poses": result.poses,
            "cautions": [c.as_json() for c in result.cautions], "rules": result.rules,
            "errors": result.errors,
            "care_points": [c.as_json() for c in result.care_points]}


def _reference(path: Path, ruleset: RuleSet, mapping: dict[str, str] | None = None
               ) -> list[dict[str, Any]]:
    sheet = read_paths([path])[0]
    fields = plan_columns(sheet, mapping).fields
    return [_expected({name: cells[i] for i, name in fields.items()}, row, ruleset)
            for row, cells in enumerate(sheet.frame.itertuples(index=False), start=1)]


CAUTION_LOW_BACK = {"pose": "active-supine-stretch",
                    "text": "Slide the leg out only as far as is easy."}


def test_screen__signup_form__exact_records_in_input_order(ruleset: RuleSet) -> None:
    records = _dicts([ROSTER / "signup_form.csv"], ruleset, {"Your name": "attendee"})

    assert records == [
        _record(1, "Ana Silva", "caution", sections=["back-pain", "psoas-major"],
                poses=["constructive-rest", "active-supine-stretch"],
                cautions=[CAUTION_LOW_BACK], rules=["long-sitting", "low-back"]),
        # warning signs left blank: never screened, so no pose and no caution
        _record(2, "Ben Okafor", "incomplete"),
        _record(3, "Chloé Martin", "see_clinician", sections=["back-pain", "psoas-major"],
                rules=["long-sitting", "low-back"]),
        # an urgent sign: one instruction, no reading list
        _record(4, "Dev Patel", "urgent"),
    ]


def test_screen__signup_form__tally_names_the_ignored_questions(ruleset: RuleSet) -> None:
    result = screen_files([ROSTER / "signup_form.csv"], {"Your name": "attendee"}, ruleset)

    assert result.tally.line() == (
        "screened 4 rows (1 urgent, 1 see_clinician, 0 invalid, 1 incomplete, 1 caution, 0 ok); "
        'skipped 0 blank rows; ignored columns: Timestamp, "How did you hear about us?", '
        '"Roughly how many days a week do you exercise, for 30 minute…"'
    )


def test_screen__many_unknown_columns__tally_names_ten_and_counts_the_rest(
    ruleset: RuleSet,
) -> None:
    headers = [f"Q{i}" for i in range(1, 16)] + ["sitting_hours", "red_flags"]
    data = (",".join(headers) + "\n" + ",".join(["x"] * 15 + ["3", "none"]) + "\n").encode()
    result = screen([read_bytes("wide.csv", data)], None, ruleset)

    assert result.tally.line() == (
        "screened 1 row (0 urgent, 0 see_clinician, 0 invalid, 0 incomplete, 0 caution, 1 ok); "
        "skipped 0 blank rows; ignored columns: Q1, Q2, Q3, Q4, Q5, Q6, Q7, Q8, Q9, Q10 "
        "and 5 more"
    )


def test_screen__header_with_control_characters__tally_shows_it_escaped(
    ruleset: RuleSet,
) -> None:
    data = b"\x1b[31mRed\x07,Plain question?,sitting_hours\nx,y,3\n"
    result = screen([read_bytes("odd.csv", data)], None, ruleset)

    assert result.tally.line() == (
        "screened 1 row (0 urgent, 0 see_clinician, 0 invalid, 1 incomplete, 0 caution, 0 ok); "
        "skipped 0 blank rows; ignored columns: '\\x1b[31mRed\\x07', \"Plain question?\"; "
        "no warning-sign column: every attendee there is incomplete, ask them before the class"
    )


def test_screen__several_files_some_without_warning_signs__tally_names_them(
    ruleset: RuleSet,
) -> None:
    sheets = [read_bytes("asked.csv", b"attendee,red_flags\nAnn,none\n"),
              read_bytes("forgot.csv", b"attendee,sitting_hours\nBo,9\n")]
    result = screen(sheets, None, ruleset)

    assert [(r.attendee, r.status) for r in result.records] == [
        ("Ann", "ok"), ("Bo", "incomplete")]
    assert result.tally.unscreened_note() == (
        'no warning-sign column in "forgot.csv": every attendee there is incomplete, ask them '
        "before the class")
    assert result.tally.line().endswith(result.tally.unscreened_note() or "?")


def test_read_bytes__wider_than_excel__refused_before_parsing() -> None:
    data = (",".join(f"c{i}" for i in range(16_385)) + "\n").encode()

    with pytest.raises(InputError) as caught:
        read_bytes("wide.csv", data)
    assert str(caught.value) == "wide.csv: has 16,385 columns; a roster may have at most 16,384"


def test_screen__european_file__decimal_commas_and_kilograms_read(ruleset: RuleSet) -> None:
    records = _dicts([ROSTER / "european_semicolon.csv"], ruleset)

    assert records[0]["errors"] == [
        "balance_difficulty: 'nein' is not yes or no (use yes/no, y/n, true/false, 1/0)"]
    assert records[0]["status"] == "invalid"
    assert records[0]["rules"] == ["long-sitting", "low-back"]  # 7,5 hours read as 7.5
    # No warning-sign column: reading only, the balance rule's pose and caution held back.
    assert records[2] == _record(
        3, "Lucía Gómez", "incomplete", sections=["iliopsoas"], rules=["belly-weight"]
    )  # 12,5 kg is 27.6 lb


def test_screen__bad_values__every_error_listed_and_red_flags_kept(ruleset: RuleSet) -> None:
    records = _dicts([ROSTER / "bad_values.csv"], ruleset)

    assert [(r["attendee"], r["status"], r["errors"]) for r in records] == [
        ("Ola", "invalid", ["sitting_hours: 25 is outside the allowed range 0 to 24 hours"]),
        ("Pat", "invalid", [
            "sitting_hours: 'lots' is not a number",
            "stretch_breaks: 'sometimes' is not one of: rarely, every_few_hours, hourly",
            "exercise_days: 3.5 is not a whole number (0 to 7 days)",
            "stress_level: 11 is outside the allowed range 0 to 10",
            "money_stress: 'maybe' is not yes or no (use yes/no, y/n, true/false, 1/0)",
            "pain_areas: 'knees' not recognised; allowed: low_back, si_joint, leg, hip_front",
        ]),
        ("Quinn", "urgent", [
            "sitting_hours: 'abc' is not a number",
            "red_flags: 'headache' not recognised; allowed: " + ", ".join(RED_FLAGS),
        ]),
        ("Rae", "see_clinician", [
            "sitting_hours: -1 is outside the allowed range 0 to 24 hours",
            "exercise_days: 8 is outside the allowed range 0 to 7 days",
        ]),
        ("Sam", "incomplete", []),
    ]
    assert records[1]["sections"] == ["psoas-major", "back-pain"]  # low_back kept
    assert (records[1]["poses"], records[4]["poses"]) == ([], [])  # never screened


def test_screen__blank_rows_and_header_only__counted_not_screened(ruleset: RuleSet) -> None:
    result = screen_files([ROSTER / "blank_rows.csv", ROSTER / "header_only.csv"], None, ruleset)

    assert [(r.row, r.attendee, r.status) for r in result.records] == [
        (1, "Tess", "incomplete"), (2, "Uma", "urgent")]
    assert result.tally.line() == (
        "screened 2 rows (1 urgent, 0 see_clinician, 0 invalid, 1 incomplete, 0 caution, 0 ok); "
        "skipped 4 blank rows")


def test_screen__summaries_folder_and_csv__rows_numbered_on_across_files(
    ruleset: RuleSet,
) -> None:
    result = screen_files([ROSTER / "summaries", ROSTER / "bom_utf8.csv"], None, ruleset)

    assert [(r.row, r.attendee, r.status, Path(r.source).name) for r in result.records] == [
        (1, "Vera", "caution", "01-vera.json"),
        (2, "Wim", "incomplete", "02-wim.json"),
        (3, "Xia", "see_clinician", "03-xia.json"),
        (4, "Søren Kierkegaard", "incomplete", "bom_utf8.csv"),
        (5, "Ελένη", "ok", "bom_utf8.csv"),
    ]
    assert result.records[2].errors == ("sitting_hours: 'all day' is not a number",)


def test_screen__mapped_header_in_no_file__input_error(ruleset: RuleSet) -> None:
    with pytest.raises(InputError, match=r"^--map: no column 'Full name' in .*bom_utf8\.csv$"):
        screen_files([ROSTER / "bom_utf8.csv"], {"Full name": "attendee"}, ruleset)


@pytest.mark.parametrize(
    ("name", "mapping"),
    [
        ("signup_form.csv", {"Your name": "attendee"}),
        ("european_semicolon.csv", None),
        ("bom_utf8.csv", None),
        ("windows_1252.csv", None),
        ("formula_names.csv", None),
        ("bad_values.csv", None),
        ("blank_rows.csv", None),
    ],
)
def test_screen__data_files__same_records_as_assess_row_by_row(
    ruleset: RuleSet, name: str, mapping: dict[str, str] | None
) -> None:
    path = ROSTER / name

    assert _dicts([path], ruleset, mapping) == _reference(path, ruleset, mapping)


def _generated(rows: int, seed: int) -> bytes:
    """Random rows over every field, blanks, junk, labels, kilograms and red flags."""
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    pools: dict[str, list[str]] = {
        "attendee": ["", "Ann", "=Bob", "Cy"],
        "sitting_hours": ["", "0", "3", "6", "7,5", "9", "24", "25", "lots"],
        "stretch_breaks": ["", "rarely", "Every few hours", "hourly", "often"],
        "exercise_days": ["", "0", "2", "3", "7", "3.5"],
        "stress_level": ["", "2", "8", "11"],
        "money_stress": ["", "yes", "no", "maybe"],
        "abdominal_excess_lb": ["", "", "", "0", "15", "400"],
        "abdominal_excess_kg": ["", "3", "9,5", "-2"],
        "back_fatigue": ["", "y", "n"],
        "pain_areas": ["", "none", "low_back", "leg; hip_front", "Low back, SI joint", "knee"],
        "pain_lying_on_back": ["", "yes", "no"],
        "knee_discomfort_sitting": ["", "yes", "no"],
        "balance_difficulty": ["", "true", "false"],
        "arms_overhead_difficulty": ["", "1", "0"],
        "red_flags": ["", "", "", "", "none", "pregnancy", "leg_weakness", "night_pain; oops"],
    }
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(pools)
    for _ in range(rows):
        writer.writerow([rng.choice(pool) for pool in pools.values()])
    return out.getvalue().encode()


def test_screen__generated_rows__same_records_as_assess_row_by_row(
    ruleset: RuleSet, tmp_path: Path
) -> None:
    path = tmp_path / "generated.csv"
    path.write_bytes(_generated(600, seed=5))

    assert _dicts([path], ruleset) == _reference(path, ruleset)


def test_screen__personas_with_shipped_rules__same_records_as_assess(tmp_path: Path) -> None:
    personas = yaml.safe_load(PERSONAS.read_text(encoding="utf-8"))["personas"]
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=[*FIELDS, "abdominal_excess_kg"])
    writer.writeheader()
    for persona in personas:
        writer.writerow({"attendee": persona["name"], **persona["answers"]})
    path = tmp_path / "personas.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    shipped = default_rules()

    assert _dicts([path], shipped) == _reference(path, shipped)


def test_screen__generated_rows_with_shipped_rules__same_records_as_assess(
    tmp_path: Path,
) -> None:
    path = tmp_path / "generated.csv"
    path.write_bytes(_generated(400, seed=11))
    shipped = default_rules()

    assert _dicts([path], shipped) == _reference(path, shipped)


def test_screen__progress_callback__rises_to_one(ruleset: RuleSet) -> None:
    seen: list[tuple[float, str]] = []
    sheets = read_paths([ROSTER / "bad_values.csv", ROSTER / "summaries"])

    screen(sheets, ruleset=ruleset, progress=lambda done, text: seen.append((done, text)))

    fractions = [done for done, _ in seen]
    assert fractions == sorted(fractions)
    assert seen[-1] == (1.0, "done")
    assert 0 < fractions[0] < 1


def test_roster_screen__person__answers_and_assessment_of_the_row(ruleset: RuleSet) -> None:
    result = screen_files([ROSTER / "bad_values.csv", ROSTER / "summaries"], None, ruleset)

    (quinn, quinn_result), (xia, _) = result.person(2), result.person(7)
    assert (quinn.attendee, quinn.red_flags) == ("Quinn", frozenset({"saddle_numbness"}))
    assert xia.attendee == "Xia"
    assert quinn_result.red_flags[0].id == "saddle_numbness"
    assert (quinn_result.status, quinn_result.errors) == (
        result.records[2].status, list(result.records[2].errors))


def test_roster_screen__by_priority__urgent_first_then_input_order(ruleset: RuleSet) -> None:
    result = screen_files([ROSTER / "bad_values.csv"], None, ruleset)

    records = result.records
    assert [(records[i].status, records[i].row) for i in result.by_priority()] == [
        ("urgent", 3), ("see_clinician", 4), ("invalid", 1), ("invalid", 2), ("incomplete", 5)]


def test_factor_prevalence__roster__attendees_per_factor_most_common_first(
    ruleset: RuleSet,
) -> None:
    result = screen_files([ROSTER / "signup_form.csv", ROSTER / "european_semicolon.csv"],
                          {"Your name": "attendee"}, ruleset)

    # Dev Patel is urgent: no rule is applied to him, so his sitting is not counted; the
    # two with hard balance never answered the warning signs, so no pose rule applies.
    assert factor_prevalence(result) == [
        ("Sitting and movement", 4),
        ("Where it hurts", 3),
        ("Body", 1),
        ("Pose-specific", 0),
        ("Exercise", 0),
    ]


def test_screen__no_rows_anywhere__empty_records_and_zero_tally(ruleset: RuleSet) -> None:
    result = screen([read_bytes("h.csv", b"attendee\n")], ruleset=ruleset)

    assert (result.records, result.tally.rows, factor_prevalence(result)[0]) == (
        [], 0, ("Sitting and movement", 0))


def test_screen__fast_path_disagrees_with_assess__warns_and_uses_assess(
    ruleset: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    import psoas_check.batch as batch

    real = batch.combine

    def wrong(*args: Any) -> list[Any]:
        return [o._replace(status="ok") for o in real(*args)]

    monkeypatch.setattr(batch, "combine", wrong)
    path = ROSTER / "bad_values.csv"

    with pytest.warns(RuntimeWarning, match="fell back to assessing every distinct row"):
        records = _dicts([path], ruleset)

    assert records == _reference(path, ruleset)
