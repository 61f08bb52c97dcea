"""Driving psoas-check's own widgets in Chromium, found the way a person finds them.

Questions are found by their label (the answers model's question text), options by their
visible text, buttons by their name. Every action waits for the app's run to finish.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from psoas_check.answers import FIELDS
from psoas_check.messages import STATUS_TEXT

from .harness import wait_for_app

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

__all__ = [
    "banner",
    "banner_text",
    "card_titles",
    "download",
    "main",
    "number_box",
    "open_app",
    "pick",
    "press",
    "radio_group",
    "scroll_to_top",
    "subheadings",
    "tick",
    "type_number",
    "upload_summary",
]

#: Units a box's label adds to its question (only where the question does not say it).
UNITS = {"abdominal_excess_lb": " (lb)"}
_HEADLINES = re.compile("^(" + "|".join(re.escape(h) for h, _ in STATUS_TEXT.values()) + ")$")


def open_app(page: Page, url: str, path: str = "/") -> None:
    page.goto(url + path)
    wait_for_app(page)


def main(page: Page) -> Locator:
    """The page's main area (not the sidebar or Streamlit's header)."""
    return page.get_by_test_id("stMain")


def radio_group(page: Page, field: str) -> Locator:
    return page.get_by_role("radiogroup", name=FIELDS[field].question, exact=True)


def number_box(page: Page, field: str, unit: str | None = None) -> Locator:
    suffix = f" ({unit})" if unit else UNITS.get(field, "")
    return page.get_by_role("spinbutton", name=FIELDS[field].question + suffix, exact=True)


def pick(page: Page, field: str, option: str) -> None:
    """Click a radio option by its visible text (mouse)."""
    radio_group(page, field).get_by_text(option, exact=True).click()
    wait_for_app(page)


def type_number(page: Page, box: Locator, value: str) -> None:
    """Click into a number box, type the digits and Tab away, which sends the value."""
    box.click()
    page.keyboard.type(value)
    page.keyboard.press("Tab")
    wait_for_app(page)


def tick(page: Page, label: str) -> None:
    """Click a checkbox by its label (mouse)."""
    main(page).get_by_text(label, exact=True).click()
    wait_for_app(page)


def press(page: Page, name: str) -> None:
    main(page).get_by_role("button", name=name, exact=True).click()
    wait_for_app(page)


def banner(page: Page) -> Locator:
    """The results' status banner: the one alert that opens with a status headline."""
    return (
        main(page)
        .get_by_test_id("stAlert")
        .filter(has=page.locator("strong").filter(has_text=_HEADLINES))
    )


def banner_text(page: Page) -> list[str]:
    """The banner's text (not its icon's ligature name), one entry per line."""
    return banner(page).get_by_test_id("stMarkdownContainer").inner_text().split("\n")


def scroll_to_top(page: Page, target: Locator, gap_px: int = 12) -> None:
    """Scroll ``target`` to the top of the view, just below Streamlit's sticky header."""
    header = page.get_by_test_id("stHeader").bounding_box()
    margin = (header["y"] + header["height"] if header else 0) + gap_px
    target.evaluate(
        "(el, margin) => { el.style.scrollMarginTop = margin + 'px'; el.scrollIntoView(); }",
        margin,
    )


def subheadings(page: Page) -> list[str]:
    """The main area's h2 and h3 headings, in page order."""
    return [t.strip() for t in main(page).locator("h2, h3").all_inner_texts()]


def card_titles(page: Page) -> list[str]:
    """The titles of the suggestion cards, in page order."""
    return [t.strip() for t in main(page).locator("h4").all_inner_texts()]


def download(page: Page, label: str, folder: Path) -> Path:
    """Press a download button and save the file under its suggested name."""
    with page.expect_download() as info:
        main(page).get_by_role("button", name=label, exact=True).click()
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return path


def upload_summary(page: Page, path: Path) -> None:
    """Open "Continue from a saved summary" and give its uploader a file."""
    main(page).get_by_text("Continue from a saved summary", exact=True).click()
    uploader = main(page).get_by_test_id("stFileUploader")
    uploader.locator("input[type=file]").set_input_files(path)
    wait_for_app(page)
