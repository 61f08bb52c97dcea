"""A restored summary with unreadable values: results stay invalid until answered again."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest
from ui_helpers import answer, markdown_values, open_loader, see_results

from psoas_check.messages import STATUS_TEXT
from psoas_check.report import ERRORS_HEADING
from psoas_check.ui.state import ERRORS, forget_error, start_over

PageApp = Callable[[str], AppTest]

SITTING_ERROR = "sitting_hours: 99 is outside the allowed range 0 to 24 hours"
KG_ERROR = "abdominal_excess_kg: 999 is outside the allowed range 0 to 136 kg"
DOCUMENT = b'{"sitting_hours": 99, "abdominal_excess_kg": 999, "stress_level": 5}'


@pytest.fixture
def app(page_app: PageApp) -> AppTest:
    at = page_app("self_check")
    open_loader(at)
    at.file_uploader[0].upload("old.json", DOCUMENT, "application/json").run()
    return at


def banner(at: AppTest) -> str:
    """The status banner: the one alert that opens with a status headline."""
    headlines = tuple(f"**{headline}**" for headline, _ in STATUS_TEXT.values())
    alerts = [e.value for e in (*at.success, *at.info, *at.warning, *at.error)]
    return next(value for value in alerts if value.startswith(headlines))


def listed_errors(at: AppTest) -> list[str]:
    values = markdown_values(at)
    heading = f"**{ERRORS_HEADING}:**"
    if heading not in values:
        return []
    return values[values.index(heading) + 1].splitlines()


def test_restore__unreadable_values__results_invalid_and_errors_listed(app: AppTest) -> None:
    assert not app.exception
    assert banner(app).startswith(f"**{STATUS_TEXT['invalid'][0]}**")
    assert listed_errors(app) == [
        "- sitting\\_hours\\: 99 is outside the allowed range 0 to 24 hours",
        "- abdominal\\_excess\\_kg\\: 999 is outside the allowed range 0 to 136 kg",
    ]
    assert app.session_state[ERRORS] == [
        ("sitting_hours", "99 is outside the allowed range 0 to 24 hours"),
        ("abdominal_excess_kg", "999 is outside the allowed range 0 to 136 kg"),
    ]


def test_restore__other_answer_changed__errors_kept(app: AppTest) -> None:
    app.button(key="psoas_change").click().run()
    answer(app, "stress_level", 3)
    see_results(app)

    assert banner(app).startswith(f"**{STATUS_TEXT['invalid'][0]}**")
    assert len(listed_errors(app)) == 2


def test_restore__bad_answers_given_again__errors_dropped_and_status_clears(
    app: AppTest,
) -> None:
    app.button(key="psoas_change").click().run()
    answer(app, "sitting_hours", 7.0)
    see_results(app)

    assert listed_errors(app) == [
        "- abdominal\\_excess\\_kg\\: 999 is outside the allowed range 0 to 136 kg"
    ]
    app.button(key="psoas_change").click().run()
    answer(app, "abdominal_excess_lb", 12.0)
    see_results(app)

    assert listed_errors(app) == []
    assert not banner(app).startswith(f"**{STATUS_TEXT['invalid'][0]}**")
    assert ERRORS not in app.session_state


def test_restore__start_over__errors_forgotten(app: AppTest) -> None:
    app.button(key="psoas_start_over_results").click().run()
    app.button(key="psoas_start_over_yes").click().run()  # "Start over" asks first

    assert ERRORS not in app.session_state
    see_results(app)
    assert listed_errors(app) == []


def test_forget_error__either_weight_unit__drops_both_weight_columns() -> None:
    state = {ERRORS: [("abdominal_excess_kg", "bad"), ("sitting_hours", "bad")]}

    forget_error(state, "abdominal_excess_lb")

    assert state == {ERRORS: [("sitting_hours", "bad")]}


def test_forget_error__last_error__key_removed() -> None:
    state = {ERRORS: [("sitting_hours", "bad")]}

    forget_error(state, "sitting_hours")

    assert state == {}


def test_start_over__after_restore__error_store_empty() -> None:
    state: dict[str, object] = {ERRORS: [("sitting_hours", "bad")]}

    start_over(state)

    assert ERRORS not in state
