"""The questionnaire on a 390 px wide phone: the page's header once, the questions near
the top of every later step, the review and the "Start over" question fitting the screen.

Positions are measured from the top of the page (the layout, not a timing).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from psoas_check.ui.self_check import BACK_TO_REVIEW
from psoas_check.ui.start_over import KEEP, YES

from .app_flow import main, number_box, open_app, press
from .harness import PHONE, isolated_page

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator

TOLERANCE_PX = 1  # sub-pixel rounding only
LOADER = "Continue from a saved summary"
#: Where a later step's first question must start: well inside the first screen.
FIRST_QUESTION_MAX_PX = PHONE["height"] // 2

_PAGE_TOP = "el => el.getBoundingClientRect().top + window.scrollY"
_WIDTH = "() => document.scrollingElement.scrollWidth"


def top(target: Locator) -> float:
    """The target's distance from the top of the page, in CSS pixels."""
    return float(target.first.evaluate(_PAGE_TOP))


def test_phone_form__later_step__question_near_the_top_and_notice_in_one_line(
    browser: Browser, app_url: str
) -> None:
    with isolated_page(browser, viewport=PHONE, is_mobile=True, has_touch=True) as page:
        open_app(page, app_url)
        first_step = top(main(page).get_by_role("checkbox"))
        assert main(page).get_by_text(LOADER, exact=True).count() == 1
        press(page, "Next")

        later = top(number_box(page, "sitting_hours"))
        notice = main(page).get_by_text("Not a diagnosis", exact=False)

        print(f"first checkbox of step 1 at {first_step:.0f} px; "
              f"first question of step 2 at {later:.0f} px")
        assert later < FIRST_QUESTION_MAX_PX, later
        assert later < first_step
        assert main(page).get_by_text(LOADER, exact=True).count() == 0
        assert notice.count() == 1
        assert notice.first.is_visible()
        assert page.evaluate(_WIDTH) <= PHONE["width"] + TOLERANCE_PX


def test_phone_form__review_and_start_over__fit_and_work_by_touch(
    browser: Browser, app_url: str
) -> None:
    with isolated_page(browser, viewport=PHONE, is_mobile=True, has_touch=True) as page:
        open_app(page, app_url)
        press(page, "Next")
        box = number_box(page, "sitting_hours")
        box.tap()
        page.keyboard.type("10")
        for _ in range(5):  # "Next" to the review (Tab sends the typed number first)
            page.keyboard.press("Tab")
            press(page, "Next")

        assert "Hours sitting on a typical day: 10 hours" in main(page).inner_text()
        assert page.evaluate(_WIDTH) <= PHONE["width"] + TOLERANCE_PX
        press(page, "Change “Daily habits”")
        assert number_box(page, "sitting_hours").input_value() == "10"
        press(page, BACK_TO_REVIEW)

        press(page, "Start over")
        for name in (YES, KEEP):
            button = main(page).get_by_role("button", name=name, exact=True)
            placed = button.bounding_box()
            assert placed is not None
            assert placed["x"] + placed["width"] <= PHONE["width"] + TOLERANCE_PX
        press(page, KEEP)
        assert "Hours sitting on a typical day: 10 hours" in main(page).inner_text()
        press(page, "Start over")
        press(page, YES)

        assert main(page).get_by_text("Your answers are cleared.").count() == 1
        assert main(page).get_by_text(LOADER, exact=True).count() == 1  # the first step again
