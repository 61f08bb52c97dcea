"""The whole self-check by keyboard alone: Tab, Shift+Tab, Space, Enter and arrow keys.

Nothing is clicked and nothing is filled: locators are used only to ask whether the
keyboard focus has arrived, and every key goes through ``page.keyboard``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from psoas_check.answers import FIELDS, Answers, parse_value
from psoas_check.assess import assess
from psoas_check.messages import STATUS_TEXT
from psoas_check.report import to_json
from psoas_check.ui.review_step import change_label
from psoas_check.ui.self_check import BACK_TO_REVIEW
from psoas_check.ui.warning_step import NONE_APPLY

from .app_flow import banner_text, card_titles, main, number_box, open_app, radio_group
from .harness import wait_for_app

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

#: More Tab presses than a page has stops; reaching this means the control is unreachable.
MAX_TABS = 80
_HAS_FOCUS = "el => el === document.activeElement || el.contains(document.activeElement)"

TYPED = Answers(
    sitting_hours=8.0,
    stretch_breaks="rarely",
    stress_level=7,
    money_stress=True,
    abdominal_excess_lb=parse_value("abdominal_excess_kg", 12),
    pain_areas=frozenset({"leg"}),
    pain_duration="under_6_weeks",
    pain_bother=3,
    knee_discomfort_sitting=False,
    arms_overhead_difficulty=True,
    red_flags=frozenset(),
)


def tab_to(page: Page, target: Locator, *, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the keyboard focus is on or inside ``target``."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MAX_TABS):
        if target.evaluate(_HAS_FOCUS):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{key} never reached {target}")


def key(page: Page, name: str) -> None:
    page.keyboard.press(name)
    wait_for_app(page)


def type_into(page: Page, box: Locator, text: str) -> None:
    tab_to(page, box)
    page.keyboard.type(text)
    key(page, "Tab")  # leaving the box sends its value


def checked(group: Locator) -> str:
    label: str = group.get_by_role("radio", checked=True).evaluate("el => el.labels[0].innerText")
    return label


def button(page: Page, name: str) -> Locator:
    return main(page).get_by_role("button", name=name, exact=True)


def test_keyboard__whole_self_check__results_download_and_why(
    page: Page, app_url: str, tmp_path: Path
) -> None:
    open_app(page, app_url)

    # Warning signs first: Space ticks "None of these apply to me", Enter on Next.
    none = main(page).get_by_role("checkbox", name=NONE_APPLY, exact=True)
    tab_to(page, none)
    key(page, "Space")
    assert none.is_checked()
    tab_to(page, button(page, "Next"))
    key(page, "Enter")

    # Daily habits: type a number, pick a radio option with the arrow key.
    type_into(page, number_box(page, "sitting_hours"), "8")
    breaks = radio_group(page, "stretch_breaks")
    tab_to(page, breaks)
    key(page, "ArrowDown")
    assert checked(breaks) == FIELDS["stretch_breaks"].options["rarely"]
    tab_to(page, button(page, "Next"))
    key(page, "Enter")

    # Stress: a whole number, then "Yes" to the right of "Not answered".
    type_into(page, number_box(page, "stress_level"), "7")
    money = radio_group(page, "money_stress")
    tab_to(page, money)
    key(page, "ArrowRight")
    assert checked(money) == "Yes"
    tab_to(page, button(page, "Next"))
    key(page, "Enter")

    # Your body: switch the unit to kilograms, then type the weight in kg.
    unit = page.get_by_role("radiogroup", name="Unit for the weight", exact=True)
    tab_to(page, unit)
    key(page, "ArrowRight")
    assert checked(unit) == "Kilograms (kg)"
    type_into(page, number_box(page, "abdominal_excess_lb", "kg"), "12")
    tab_to(page, button(page, "Next"))
    key(page, "Enter")

    # Your pain: Space ticks a checkbox, an arrow key picks how long, digits how much.
    leg = main(page).get_by_role("checkbox", name="Leg", exact=True)
    tab_to(page, leg)
    key(page, "Space")
    assert leg.is_checked()
    duration = radio_group(page, "pain_duration")
    tab_to(page, duration)
    key(page, "ArrowDown")
    assert checked(duration) == FIELDS["pain_duration"].options["under_6_weeks"]
    type_into(page, number_box(page, "pain_bother"), "3")
    tab_to(page, button(page, "Next"))
    key(page, "Enter")

    # Moving and resting: go to the Next button first, then Shift+Tab back to the
    # last question.
    tab_to(page, button(page, "Next"))
    arms = radio_group(page, "arms_overhead_difficulty")
    tab_to(page, arms, backwards=True)
    key(page, "ArrowRight")
    knees = radio_group(page, "knee_discomfort_sitting")
    tab_to(page, knees, backwards=True)
    key(page, "ArrowRight")
    key(page, "ArrowRight")
    assert (checked(knees), checked(arms)) == ("No", "Yes")
    tab_to(page, button(page, "Next"))
    key(page, "Enter")

    # The review: Enter on "Change" goes to that step, Enter on the way back returns.
    tab_to(page, button(page, change_label("stress")))
    key(page, "Enter")
    assert number_box(page, "stress_level").input_value() == "7"
    tab_to(page, button(page, BACK_TO_REVIEW))
    key(page, "Enter")
    assert "Stress over the last month (0 to 10): 7" in main(page).inner_text()
    tab_to(page, button(page, "See my results"))
    key(page, "Enter")

    expected = assess(TYPED)
    headline, todo = STATUS_TEXT[expected.status]
    assert banner_text(page) == [headline, "", todo]
    poses_first = sorted(expected.suggestions, key=lambda s: s.kind != "pose")
    assert card_titles(page) == [s.title for s in poses_first]

    # The JSON download, by Enter on its button, holds exactly what was typed.
    tab_to(page, button(page, "JSON (to load again later)"))
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    saved = tmp_path / "summary.json"
    info.value.save_as(saved)
    document = json.loads(saved.read_text(encoding="utf-8"))
    assert document["answers"] == json.loads(to_json(TYPED, expected))["answers"]

    # A "Why?" expander opens with Enter, further down the page (the downloads come first).
    why = main(page).locator("summary", has_text="Why?").first
    tab_to(page, why)
    key(page, "Enter")
    assert why.evaluate("el => el.parentElement.open") is True
    details = why.locator("xpath=..").get_by_test_id("stExpanderDetails")
    assert details.inner_text().startswith(poses_first[0].reasons[0].text)
