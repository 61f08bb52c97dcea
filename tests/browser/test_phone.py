"""The results on a 390 px wide phone: nothing wider than the screen, and a screenshot."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from psoas_check.answers import Answers
from psoas_check.assess import assess
from psoas_check.messages import STATUS_TEXT
from psoas_check.options import RED_FLAG_GROUPS, RED_FLAGS
from psoas_check.report import to_json

from .app_flow import (
    banner,
    banner_text,
    card_titles,
    main,
    open_app,
    scroll_to_top,
    upload_summary,
)
from .harness import PHONE, isolated_page, wait_for_app

if TYPE_CHECKING:
    from playwright.sync_api import Browser

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = REPO_ROOT / "docs" / "screenshot-phone.png"
#: Sub-pixel rounding only; a real overflow is tens of pixels.
TOLERANCE_PX = 1

ANSWERS = Answers(
    sitting_hours=9.0,
    stretch_breaks="rarely",
    stress_level=8,
    money_stress=True,
    abdominal_excess_lb=20.0,
    back_fatigue=True,
    pain_areas=frozenset({"low_back", "hip_front"}),
    pain_lying_on_back=True,
    balance_difficulty=True,
    red_flags=frozenset(),
)

# The widest element box in the main area and the main area's own scroll width, against
# the viewport: catches an image, table or code block that overflows only its container.
_WIDEST_JS = """
() => {
  const mainArea = document.querySelector('[data-testid="stMain"]');
  let widest = 0;
  for (const el of mainArea.querySelectorAll('*')) {
    widest = Math.max(widest, el.getBoundingClientRect().right);
  }
  return {
    page: document.scrollingElement.scrollWidth,
    main: mainArea.scrollWidth,
    widest: Math.ceil(widest),
  };
}
"""


def test_phone__warning_step_at_390px__headings_and_boxes_fit(
    browser: Browser, app_url: str
) -> None:
    with isolated_page(browser, viewport=PHONE, is_mobile=True, has_touch=True) as page:
        open_app(page, app_url)
        widths = page.evaluate(_WIDEST_JS)
        headings = [t.strip() for t in main(page).locator("h3").all_inner_texts()]
        boxes = main(page).get_by_role("checkbox")
        placed = [box.bounding_box() for box in boxes.all()]

        assert headings[: len(RED_FLAG_GROUPS)] == list(RED_FLAG_GROUPS.values())
        assert boxes.count() == len(RED_FLAGS) + 1
        limit = PHONE["width"] + TOLERANCE_PX
        assert widths["page"] <= limit, widths
        assert widths["main"] <= limit, widths
        assert widths["widest"] <= limit, widths
        assert all(b is not None and b["x"] + b["width"] <= limit for b in placed)


def test_phone__results_at_390px__no_horizontal_scroll_and_screenshot(
    browser: Browser, app_url: str, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.json"
    summary.write_text(to_json(ANSWERS, assess(ANSWERS)), encoding="utf-8")
    expected = assess(ANSWERS)

    with isolated_page(browser, viewport=PHONE, is_mobile=True, has_touch=True) as page:
        open_app(page, app_url)
        upload_summary(page, summary)
        main(page).locator("summary", has_text="Why?").first.click()
        wait_for_app(page)
        widths = page.evaluate(_WIDEST_JS)

        assert banner_text(page)[0] == STATUS_TEXT[expected.status][0]
        poses_first = sorted(expected.suggestions, key=lambda s: s.kind != "pose")
        assert card_titles(page) == [s.title for s in poses_first]
        limit = PHONE["width"] + TOLERANCE_PX
        assert widths["page"] <= limit, widths
        assert widths["main"] <= limit, widths
        assert widths["widest"] <= limit, widths

        scroll_to_top(page, banner(page))
        page.screenshot(path=SCREENSHOT)
    assert SCREENSHOT.stat().st_size > 0
