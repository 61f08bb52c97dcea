"""The instructors' roster page in AppTest: upload, column mapping, screening, the table."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from ui_helpers import REPO_ROOT, TIMEOUT_S

from psoas_check.answers import FIELDS
from psoas_check.assess import STATUSES
from psoas_check.errors import InputError
from psoas_check.messages import NOTICE, STATUS_TEXT
from psoas_check.options import RED_FLAGS
from psoas_check.readers import read_bytes
from psoas_check.roster import RosterScreen, screen, screen_files
from psoas_check.suggestions import Suggestion
from psoas_check.template import template_csv
from psoas_check.ui import roster_assist, roster_mapping, roster_state
from psoas_check.ui.roster_state import (
    MAPPING,
    PREVALENCE,
    PREVIEWS,
    RESULT,
    SHEETS,
    STATUS_LABELS,
    TABLE,
    load_mapping,
    map_key,
    mapping_json,
)
from psoas_check.ui.roster_view import PAGE_SIZE, UNSCREENED_HELP
from psoas_check.ui.safe import plain

ROSTER = REPO_ROOT / "tests" / "data" / "roster"
BAD = REPO_ROOT / "tests" / "data" / "bad"
SIGNUP = ROSTER / "signup_form.csv"
SIGNUP_UNKNOWN = [
    "Timestamp",
    "Your name",
    "How did you hear about us?",
    "Roughly how many days a week do you exercise, for 30 minutes or more?",
]
EXERCISE = SIGNUP_UNKNOWN[3]
#: What the page preselects for the sign-up export, with no click.
SIGNUP_SUGGESTED = {"Your name": "attendee", EXERCISE: "exercise_days"}
MIME = {".csv": "text/csv", ".json": "application/json", ".xlsx": "application/octet-stream"}


def roster_app() -> AppTest:
    script = "from psoas_check.ui.roster_page import render\n\nrender()\n"
    return AppTest.from_string(script, default_timeout=TIMEOUT_S).run()


def upload(at: AppTest, *files: Path | tuple[str, bytes]) -> None:
    """Give the roster uploader these files at once, as a person selecting several would."""
    given = [
        (f.name, f.read_bytes(), MIME[f.suffix]) if isinstance(f, Path) else (*f, "text/csv")
        for f in files
    ]
    at.file_uploader[0].set_value(given).run()


def choose(at: AppTest, header: str, field: str) -> None:
    at.selectbox(key=map_key(header)).set_value(field).run()


def screened(at: AppTest) -> None:
    at.button(key="roster_screen").click().run()


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def expected_metrics(counts: dict[str, int]) -> dict[str, str]:
    return {STATUS_LABELS[s]: f"{counts[s]:,}" for s in STATUSES}


def signup_screened() -> AppTest:
    """The sign-up export uploaded: every column matched or ignored, so screened at once."""
    at = roster_app()
    upload(at, SIGNUP)
    return at


def test_roster_page__nothing_uploaded__empty_state_notice_and_template() -> None:
    at = roster_app()

    assert not at.exception
    assert at.title[0].value == "Screen a workshop roster"
    assert at.info[0].value == f"**Not a diagnosis.** {NOTICE}"
    assert at.info[1].value.startswith("Nothing uploaded yet. Upload a CSV")
    assert any("PAR-Q+" in m.value for m in at.markdown)
    assert [b.proto.label for b in at.download_button] == [
        "Question sheet (PDF, to print)",
        "Blank roster (CSV)",
        "Blank roster (Excel)",
    ]
    assert [b.label for b in at.button] == []
    assert not at.metric


def test_roster_page__signup_form__suggestions_preselected_with_their_values() -> None:
    at = roster_app()
    upload(at, SIGNUP)

    assert not at.exception
    assert at.success[0].value == "Loaded 1 file with 4 rows in all."
    # Matched columns first, then those no field resembles (left ignored).
    order = ["Your name", EXERCISE, "Timestamp", "How did you hear about us?"]
    assert [s.label for s in at.selectbox] == [plain(h) for h in order]
    assert [s.value for s in at.selectbox] == ["attendee", "exercise_days", "", ""]
    captions = [c.value for c in at.caption if "Values in this column" in c.value]
    assert captions[0] == ("Matched to Name or code (matches a usual name for it). Values in "
                           "this column: Ana Silva; Ben Okafor; Chloé Martin; Dev Patel")
    assert captions[1].startswith("Matched to Days a week with 30\\+ minutes of exercise")
    assert captions[1].endswith("Values in this column: 1; 5; 2")
    assert "ignored unless you choose one" in captions[2]


def test_roster_page__nothing_to_decide__screened_at_once_without_a_click() -> None:
    at = roster_app()
    upload(at, SIGNUP)
    expected = screen([read_bytes(SIGNUP.name, SIGNUP.read_bytes())], SIGNUP_SUGGESTED)

    assert [(s.label, s.state) for s in at.status] == [("Screened 4 rows", "complete")]
    assert metrics(at) == expected_metrics(expected.tally.counts)
    at.run()  # a rerun shows the same result, and does not screen again
    assert not at.status
    assert metrics(at) == expected_metrics(expected.tally.counts)


def test_roster_page__close_but_unsure_match__preselected_and_waits_for_a_decision() -> None:
    at = roster_app()
    upload(at, ("hours.csv", b"Name,Hours sitting each day,Red flags\nAna,9,none\nBo,3,\n"))

    assert not at.exception
    assert at.selectbox(key=map_key("Hours sitting each day")).value == "sitting_hours"
    assert at.caption[0].value.startswith("**Please check:** a close match\\, not an exact one")
    assert "1 column needs your decision above" in [m.value for m in at.markdown][-1]
    assert not at.metric  # not screened until the teacher looks
    screened(at)  # the teacher looked, and keeps the match
    assert metrics(at)[STATUS_LABELS["incomplete"]] == "1"
    assert at.session_state[RESULT].tally.ignored == ()  # the hours column was read
    choose(at, "Hours sitting each day", "")
    assert not any("decision" in m.value for m in at.markdown)


def test_roster_page__suggested_column_values_do_not_fit__not_preselected() -> None:
    at = roster_app()
    upload(at, ("stress.csv", b"attendee,Stress level?,red_flags\nAna,very high,none\n"))

    assert at.selectbox(key=map_key("Stress level?")).value == ""
    assert "values do not read as answers to" in at.caption[0].value
    assert not at.metric


def test_roster_page__missing_questions__said_in_plain_words_before_mapping() -> None:
    at = roster_app()
    upload(at, ("names.csv", b"Full name,Sitting hours\nAna,9\n"))

    warnings = [w.value for w in at.warning]
    assert warnings[0].startswith("No column gives the warning signs")
    infos = [i.value for i in at.info]
    asked = "Not asked in this roster: Stretch breaks while sitting;"
    assert any(i.startswith(asked) for i in infos)
    assert not any("No column gives names" in i for i in infos)  # "Full name" is matched
    page_text = " ".join(e.value for e in [*at.markdown, *at.info, *at.warning, *at.caption])
    assert "--map" not in page_text


@pytest.mark.parametrize("count", [2_000, 16_000])
def test_roster_page__thousands_of_unknown_headers__bounded_widgets_and_a_filter(
    count: int,
) -> None:
    headers = ["attendee", "red_flags", *(f"Question {i} about your week" for i in range(count))]
    cells = ["Ana", "none", *(str(i % 7) for i in range(count))]
    data = (",".join(headers) + "\n" + ",".join(cells) + "\n").encode()
    at = roster_app()
    upload(at, ("wide.csv", data))

    assert not at.exception
    assert len(at.selectbox) == roster_mapping.SHOWN
    assert len(at.text_input) == 1
    summary = f"{count:,} columns are not named as a field"
    assert any(c.value.startswith(summary) for c in at.caption)
    at.text_input(key=roster_mapping.FILTER).set_value("question 1234 about").run()
    assert [s.label for s in at.selectbox] == ["Question 1234 about your week"]
    choose(at, "Question 1234 about your week", "stress_level")
    screened(at)
    assert not at.exception
    assert at.dataframe[0].value["Attendee"].tolist() == ["Ana"]


def test_roster_page__reruns__suggestions_and_factor_counts_not_worked_out_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = {"suggest": 0, "prevalence": 0}
    real_suggest, real_prevalence = roster_assist.suggest_fields, roster_state.factor_counts

    def suggest(headers: Iterable[str]) -> dict[str, Suggestion]:
        calls["suggest"] += 1
        return real_suggest(headers)

    def prevalence(result: RosterScreen) -> list[tuple[str, int]]:
        calls["prevalence"] += 1
        return real_prevalence(result)

    monkeypatch.setattr(roster_assist, "suggest_fields", suggest)
    monkeypatch.setattr(roster_state, "factor_counts", prevalence)
    at = signup_screened()
    after_screening = dict(calls)
    at.run()
    at.run()

    assert not at.exception
    assert after_screening == {"suggest": 1, "prevalence": 1}
    assert calls == after_screening


def test_roster_page__file_read__uploaded_bytes_leave_the_session() -> None:
    at = roster_app()
    upload(at, SIGNUP)

    assert "roster_upload_0" not in at.session_state
    assert at.file_uploader[0].value == []
    assert [s.name for s in at.session_state[SHEETS]] == ["signup_form.csv"]


def test_roster_page__name_column_mapped__counts_match_screen() -> None:
    at = signup_screened()
    sheet = read_bytes(SIGNUP.name, SIGNUP.read_bytes())
    expected = screen([sheet], SIGNUP_SUGGESTED)

    assert not at.exception
    assert [(s.label, s.state) for s in at.status] == [("Screened 4 rows", "complete")]
    assert metrics(at) == expected_metrics(expected.tally.counts)
    assert at.session_state[MAPPING] == SIGNUP_SUGGESTED


def test_roster_page__screened__table_sorted_urgent_first() -> None:
    at = signup_screened()

    table = at.dataframe[0].value
    assert table["Attendee"].tolist() == ["Dev Patel", "Chloé Martin", "Ben Okafor", "Ana Silva"]
    # Ben Okafor left the warning-sign cell blank: incomplete, never OK.
    assert table["Status"].tolist() == [
        "Urgent", "See a clinician", "Incomplete: warning signs not answered", "Caution"
    ]
    assert table["Poses"].tolist()[:3] == ["", "", ""]
    assert table["Row"].tolist() == [4, 3, 2, 1]
    assert not at.warning  # the file has a warning-sign column


def test_roster_page__status_filter__table_and_list_follow() -> None:
    at = signup_screened()
    at.pills(key="roster_filter").set_value(["urgent", "caution"]).run()

    assert at.dataframe[0].value["Attendee"].tolist() == ["Dev Patel", "Ana Silva"]
    listed = [e.label for e in at.expander if e.label.startswith("Row ")]
    assert listed == ["Row 4: Dev Patel · Urgent", "Row 1: Ana Silva · Caution"]
    assert at.download_button(key="roster_zip").proto.label == "PDF summaries (zip, 2)"


def test_roster_page__attendee_opened__shows_the_persons_status_banner() -> None:
    at = signup_screened()
    assert not at.error  # closed expanders draw nothing

    at.session_state["roster_open_3"] = True  # record index 3 is Dev Patel, row 4
    at.run()

    opened = next(e for e in at.expander if e.label == "Row 4: Dev Patel · Urgent")
    assert opened.error[0].value.startswith(f"**{STATUS_TEXT['urgent'][0]}**")
    assert not at.exception


def test_roster_page__screened__downloads_built_on_click() -> None:
    at = signup_screened()

    buttons = {b.proto.label: b for b in at.download_button}
    for label in ("Roster report (CSV)", "Roster report (Excel)", "PDF summaries (zip, 4)"):
        assert buttons[label].proto.deferred_file_id
        assert buttons[label].proto.ignore_rerun


def test_roster_page__several_json_summaries__screened_as_one_roster() -> None:
    at = roster_app()
    files = sorted((ROSTER / "summaries").glob("*.json"))
    upload(at, *files)
    assert at.success[0].value == "Loaded 3 files with 3 rows in all."
    screened(at)
    expected = screen_files([ROSTER / "summaries"])

    assert not at.exception
    assert metrics(at) == expected_metrics(expected.tally.counts)
    assert sorted(at.dataframe[0].value["Attendee"]) == ["Vera", "Wim", "Xia"]


@pytest.mark.parametrize(
    "path", [BAD / "junk_bytes.csv", BAD / "zip_not_xlsx.xlsx", BAD / "wrong_schema.json"]
)
def test_roster_page__unreadable_file__one_line_error_and_no_exception(path: Path) -> None:
    with pytest.raises(InputError) as raised:
        read_bytes(path.name, path.read_bytes())
    at = roster_app()
    upload(at, path)

    assert not at.exception
    assert [e.value for e in at.error] == [f"Could not read a file. {plain(str(raised.value))}"]
    assert "\n" not in at.error[0].value
    assert at.info[1].value.startswith("Nothing uploaded yet.")


def test_roster_page__good_and_bad_files__good_one_kept() -> None:
    at = roster_app()
    upload(at, BAD / "junk_bytes.csv", ROSTER / "bom_utf8.csv")

    assert at.success[0].value == "Loaded 1 file with 2 rows in all."
    assert len(at.error) == 1
    assert [s.name for s in at.session_state[SHEETS]] == ["bom_utf8.csv"]


def test_roster_page__file_over_upload_limit__plain_size_message() -> None:
    at = roster_app()
    upload(at, ("huge.csv", b"attendee\n" + b"x" * (10 * 1024 * 1024)))

    assert not at.exception
    assert [e.value for e in at.error] == [plain("huge.csv is larger than the 10 MB upload limit.")]
    assert SHEETS not in at.session_state


def test_roster_page__no_known_columns__screen_explains_without_exception() -> None:
    at = roster_app()
    upload(at, ROSTER / "no_known_columns.csv")
    screened(at)

    assert not at.exception
    assert [(s.label, s.state) for s in at.status] == [("Could not screen the roster", "error")]
    assert at.error[0].value.startswith("Could not screen the roster. no\\_known\\_columns\\.csv")
    assert "\\-\\-map" not in at.error[0].value  # the command line's word, not this page's
    assert any(m.value.startswith("No column is matched to a question yet") for m in at.markdown)
    assert RESULT not in at.session_state


def test_roster_page__column_matched_after_screening__result_dropped() -> None:
    at = signup_screened()
    assert PREVALENCE in at.session_state
    choose(at, "Timestamp", "sitting_hours")

    assert not at.exception
    for key in (RESULT, TABLE, PREVALENCE):
        assert key not in at.session_state
    assert not at.metric


def test_roster_page__saved_mapping_uploaded__choices_follow_it() -> None:
    at = roster_app()
    upload(at, SIGNUP)
    saved = mapping_json({"Your name": "attendee", "How did you hear about us?": ""})
    at.file_uploader[1].set_value(("mapping.json", saved.encode(), "application/json")).run()

    assert not at.exception
    assert at.success[0].value == "Loaded a mapping of 1 columns."
    assert at.selectbox(key=map_key("Your name")).value == "attendee"
    screened(at)
    assert at.dataframe[0].value["Attendee"].tolist()[0] == "Dev Patel"


@pytest.mark.parametrize("content", [b'{"columns": {}}', b"not json"], ids=["read", "bad"])
def test_roster_page__mapping_uploaded__its_bytes_leave_the_session(content: bytes) -> None:
    at = roster_app()
    upload(at, SIGNUP)
    at.file_uploader[1].set_value(("mapping.json", content, "application/json")).run()

    assert not at.exception
    assert "roster_map_upload_0" not in at.session_state
    assert at.session_state["roster_map_uploads"] == 1


def test_load_mapping__misspelt_field__names_column_and_suggests() -> None:
    data = json.dumps({"columns": {"Your name": "atendee"}}).encode()

    with pytest.raises(InputError) as raised:
        load_mapping(data, "mine.json")

    assert str(raised.value) == (
        "mine.json, column 'Your name': `atendee` is not a field (did you mean `attendee`?)"
    )


def test_load_mapping__downloaded_mapping__reads_back_the_same() -> None:
    mapping = {"Your name": "attendee", "Timestamp": "", "Sitting (kg)": "abdominal_excess_kg"}

    assert load_mapping(mapping_json(mapping).encode(), "m.json") == mapping


def test_roster_page__clear_everything__roster_mapping_and_results_dropped() -> None:
    at = signup_screened()
    at.button(key="roster_clear").click().run()

    assert not at.exception
    assert at.success[0].value.startswith("Cleared:")
    assert at.info[1].value.startswith("Nothing uploaded yet.")
    for key in (SHEETS, MAPPING, RESULT, PREVALENCE, PREVIEWS):
        assert key not in at.session_state
    assert not at.metric
    assert not at.dataframe


def _large_roster(rows: int) -> bytes:
    lines = ["attendee,sitting_hours,stretch_breaks,stress_level,red_flags"]
    flags = ["", "", "", "", "night_pain", "", "", "", "", "saddle_numbness"]
    breaks = ["rarely", "hourly", "every_few_hours", "sometimes"]
    for i in range(rows):
        lines.append(f"Person {i},{i % 13},{breaks[i % 4]},{i % 11},{flags[i % 10]}")
    return ("\n".join(lines) + "\n").encode()


def test_roster_page__large_roster__progress_completes_and_list_is_paged() -> None:
    data = _large_roster(1205)
    at = roster_app()
    upload(at, ("large.csv", data))
    screened(at)
    expected = screen([read_bytes("large.csv", data)])

    assert not at.exception
    assert [(s.label, s.state) for s in at.status] == [("Screened 1,205 rows", "complete")]
    assert metrics(at) == expected_metrics(expected.tally.counts)
    attendees = [e for e in at.expander if e.label.startswith("Row ")]
    assert len(attendees) == PAGE_SIZE
    assert at.get("pagination")
    assert at.download_button(key="roster_zip").proto.disabled


def test_plain__links_and_addresses__joined_so_nothing_autolinks() -> None:
    text = plain("see http://x.org, WWW.y.org or a@b.co")

    assert text == (
        "see http\\:\u2060\\/\\/x\\.org\\, WWW\u2060\\.y\\.org or a\\@\u2060b\\.co"
    )


def test_roster_page__formula_names__expander_labels_inert() -> None:
    at = roster_app()
    upload(at, ROSTER / "formula_names.csv")
    screened(at)

    link = '=HYPERLINK("http://example.com","click")'
    labels = [e.label for e in at.expander if e.label.startswith("Row ")]
    assert labels[0] == f"Row 1: {plain(link)} · {STATUS_LABELS['incomplete']}"
    assert labels[3] == f"Row 4: {plain('@handle')} · {STATUS_LABELS['incomplete']}"


@pytest.mark.parametrize(
    ("files", "has_file_column"),
    [
        ((ROSTER / "bad_values.csv",), False),
        ((ROSTER / "bad_values.csv", ROSTER / "header_only.csv"), False),
        ((ROSTER / "bad_values.csv", ROSTER / "european_semicolon.csv"), True),
    ],
)
def test_roster_page__files_with_rows__file_column_only_when_several(
    files: tuple[Path, ...], has_file_column: bool
) -> None:
    at = roster_app()
    upload(at, *files)
    screened(at)

    assert not at.exception
    assert ("File" in at.dataframe[0].proto.column_order) is has_file_column


def test_roster_page__no_warning_sign_column__note_and_every_row_incomplete() -> None:
    data = b"attendee,sitting_hours,stretch_breaks\nAna,9,rarely\nBen,2,hourly\n"
    at = roster_app()
    upload(at, ("no_signs.csv", data))
    screened(at)
    expected = screen([read_bytes("no_signs.csv", data)])

    assert not at.exception
    note = expected.tally.unscreened_note()
    assert note is not None
    assert note.startswith("no warning-sign column")
    assert at.warning[0].value.startswith("No column gives the warning signs")  # before mapping
    assert at.warning[1].value == (
        f"**{plain(note[0].upper() + note[1:])}.** {UNSCREENED_HELP}"
    )
    assert metrics(at)[STATUS_LABELS["incomplete"]] == "2"
    assert metrics(at)[STATUS_LABELS["ok"]] == "0"
    table = at.dataframe[0].value
    assert table["Status"].tolist() == [STATUS_LABELS["incomplete"]] * 2
    assert table["Poses"].tolist() == ["", ""]
    assert table["Read"].tolist()[0] != ""  # reading is still suggested
    listed = [e.label for e in at.expander if e.label.startswith("Row ")]
    assert listed == [f"Row 1: Ana · {STATUS_LABELS['incomplete']}",
                      f"Row 2: Ben · {STATUS_LABELS['incomplete']}"]


def test_roster_page__incomplete_attendee_opened__incomplete_banner_no_poses() -> None:
    at = signup_screened()
    at.session_state["roster_open_1"] = True  # record index 1 is Ben Okafor, row 2
    at.run()

    opened = next(e for e in at.expander if e.label.startswith("Row 2: Ben Okafor"))
    assert opened.warning[0].value.startswith(f"**{STATUS_TEXT['incomplete'][0]}**")
    assert "Poses to try" not in [s.value for s in opened.subheader]
    assert not [b for b in opened.button if b.label == "Answer the warning-sign questions"]
    assert not at.exception


def test_roster_page__screened__triage_columns_first_and_why_names_the_sign() -> None:
    at = signup_screened()
    table = at.dataframe[0]

    assert list(table.proto.column_order) == ["Attendee", "Status", "Why", "What to change",
                                              "Row"]
    rows = table.value.set_index("Attendee")
    assert rows.loc["Dev Patel", "Why"].startswith(RED_FLAGS["bladder_bowel"])
    assert rows.loc["Chloé Martin", "Why"] == RED_FLAGS["pregnancy"]
    caution_for = rows.loc["Ana Silva", "Why"].removeprefix("A caution for ")
    assert caution_for in rows.loc["Ana Silva", "Poses"]
    assert rows.loc["Ana Silva", "What to change"].startswith(f"{caution_for}: ")


def test_roster_page__factor_chart__unasked_factors_left_out_withheld_rules_counted() -> None:
    data = b"attendee,knee_discomfort_sitting,red_flags\nAna,yes,pregnancy\nBo,no,none\n"
    at = roster_app()
    upload(at, ("knees.csv", data))  # every column named: screened at once

    # Ana's knee rule only adds a pose caution, withheld after a warning sign; it still counts.
    assert at.session_state[RESULT].records[0].rules == ()
    chart = at.get("vega_lite_chart")[0].proto
    assert chart.alt == "Bar chart of attendees per factor. Pose-specific: 1."
    left_out = next(c.value for c in at.caption if c.value.startswith("Left out"))
    assert "Stress" in left_out
    assert "Pose-specific" not in left_out


def test_roster_page__filled_question_template__screened_with_no_mapping_needed() -> None:
    lines = template_csv(questions=True).splitlines()
    ana = "Ana,9,rarely,1,7,no,,yes,low_back,,,no,no,no,no,none"
    bo = "Bo,,,,,,,,,,,,,,,bladder_bowel"
    assert len(ana.split(",")) == len(FIELDS) == len(bo.split(","))
    data = "\n".join([lines[0], ana, bo, lines[2]]).encode("utf-8-sig")
    at = roster_app()
    upload(at, ("class-questions.csv", data))

    assert not at.exception
    assert not any("decision" in m.value for m in at.markdown)
    assert not at.warning  # the warning-sign question was recognised
    assert [(s.label, s.state) for s in at.status] == [("Screened 2 rows", "complete")]
    mapped = {h: f for h, f in at.session_state[MAPPING].items() if f}
    assert mapped == {spec.question: spec.name for spec in FIELDS.values()}
    table = at.dataframe[0].value
    assert table["Attendee"].tolist() == ["Bo", "Ana"]
    assert table["Status"].tolist()[0] == STATUS_LABELS["urgent"]
    assert at.session_state[RESULT].tally.note_rows == 1
