"""The results on a 390 x 844 phone: "Start here", the first pose and the downloads come first.

The issue's office worker (10 hours sitting, rarely a break, stress 8, little exercise)
once had to scroll about 4,450 px to reach a pose and 7,300 px to reach the downloads.
Positions are measured from the top of the results (the "Your results" heading) in the
page's own coordinates, so they do not depend on where the page happens to be scrolled;
they are printed (``pytest -s``) for the record.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from pypdf import PdfReader

from psoas_check.answers import Answers
from psoas_check.assess import assess
from psoas_check.messages import NOTICE
from psoas_check.plan import START_HERE
from psoas_check.report import KIND_HEADINGS, to_json
from psoas_check.rules import default_rules

from .app_flow import download, main, open_app, upload_summary
from .harness import PHONE, isolated_page

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator

OFFICE_WORKER = Answers(
    sitting_hours=10.0,
    stretch_breaks="rarely",
    exercise_days=1,
    stress_level=8,
    red_flags=frozenset(),
)
SCREENS = 2


def top(target: Locator) -> float:
    """``target``'s top edge in px below the start of the main area's content."""
    return float(
        target.evaluate(
            "el => el.getBoundingClientRect().top - document.querySelector("
            "'[data-testid=\"stMainBlockContainer\"]').getBoundingClientRect().top"
        )
    )


def bottom(target: Locator) -> float:
    box = target.bounding_box()
    assert box is not None
    return top(target) + box["height"]


def test_phone__office_worker_results__first_pose_and_downloads_in_two_screens(
    browser: Browser, app_url: str, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.json"
    summary.write_text(to_json(OFFICE_WORKER, assess(OFFICE_WORKER)), encoding="utf-8")
    first_pose = next(
        p.title for p in default_rules().catalog.poses if p.id in assess(OFFICE_WORKER).poses
    )

    with isolated_page(browser, viewport=PHONE, is_mobile=True, has_touch=True) as page:
        open_app(page, app_url)
        upload_summary(page, summary)
        area = main(page)
        results = top(area.locator("h2", has_text="Your results"))
        plan = area.locator("h3", has_text=START_HERE)
        plan_pose = area.get_by_text(f"Try {first_pose}:")
        card = area.locator("h4", has_text=first_pose).first
        buttons = [area.get_by_role("button", name=name, exact=True)
                   for name in ("PDF", "Markdown", "JSON (to load again later)")]
        poses_heading = area.locator("h3", has_text=KIND_HEADINGS["pose"])
        measured = {
            "results_top": results,
            "start_here": top(plan) - results,
            "plan_pose": top(plan_pose) - results,
            "downloads_bottom": max(bottom(b) for b in buttons) - results,
            "poses_heading": top(poses_heading) - results,
            "first_pose_card": top(card) - results,
            "viewport_height": PHONE["height"],
        }
        print(f"\nphone results positions (px): {measured}")

        limit = SCREENS * PHONE["height"]
        assert measured["start_here"] < PHONE["height"]  # the plan opens on the first screen
        assert measured["plan_pose"] < limit
        assert measured["downloads_bottom"] <= limit
        assert measured["first_pose_card"] < limit


def test_phone__downloads_pressed__pdf_and_markdown_to_practise_from(
    browser: Browser, app_url: str, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.json"
    result = assess(OFFICE_WORKER)
    summary.write_text(to_json(OFFICE_WORKER, result), encoding="utf-8")
    catalog = default_rules().catalog
    poses = [p for p in catalog.poses if p.id in result.poses]

    with isolated_page(browser, viewport=PHONE, is_mobile=True, has_touch=True) as page:
        open_app(page, app_url)
        upload_summary(page, summary)
        pdf = download(page, "PDF", tmp_path)
        markdown = download(page, "Markdown", tmp_path).read_text(encoding="utf-8")

    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    text = " ".join(pages)
    notice = " ".join(NOTICE.split())
    assert all(notice in page_text.split("Date:")[-1] for page_text in pages)  # every footer
    for pose in poses:
        for number, step in enumerate(pose.steps, 1):
            assert " ".join(f"{number}. {step}".split()) in text
            assert f"{number}. {step}" in markdown
        for point in pose.cautions:
            assert " ".join(point.split()) in text
            assert f"- {point}" in markdown
    for rule in result.rules:
        assert rule not in text
        assert rule not in markdown
    assert f"{catalog.page.url}" in text
    assert f"]({catalog.page.url})" in markdown
    assert "Start here" in pages[0]
