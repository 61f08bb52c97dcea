"""A live workshop in Chromium: attendees on phones send, the teacher's open dashboard fills in.

Two browser contexts at once, as in a real class: the teacher opens the workshop (created
through the intake service, as ``intake create`` would) on a desktop page, then attendees
on 390 px phones open ``/?workshop=CODE``, answer the warning signs, tick the consent box
and send. The teacher's page is never reloaded: its live fragment refreshes itself and must
show both attendees, the urgent one announced at the top, within ten seconds.

The server gets a SQLite file of its own in a temporary folder (``PSOAS_DATABASE_URL``),
so the test never touches the user's data folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from psoas_check.intake import Intake

from .app_flow import main, scroll_to_top
from .harness import PHONE, isolated_page, wait_for_app
from .server import ServerFailed, serve
from .workshop_flow import (
    DASHBOARD_DEADLINE_MS,
    attendee_rows,
    open_dashboard,
    row_line,
    send_answers,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ViewportSize

REPO_ROOT = Path(__file__).resolve().parents[2]
APP = REPO_ROOT / "streamlit_app.py"
SCREENSHOT = REPO_ROOT / "docs" / "screenshot-workshop.png"
SCREENSHOT_VIEW: ViewportSize = {"width": 1100, "height": 1700}
TITLE = "Saturday hips, 10:00"
URGENT_SIGN = "bladder_bowel"
#: (name, warning sign ticked or None for "None of these apply to me"), in sending order:
#: the urgent answer arrives after an ordinary one, and must still be listed first.
ATTENDEES = [("Ben", None), ("Ana", URGENT_SIGN)]


@pytest.fixture(scope="module")
def workshop_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The app served on its own SQLite file; yields (app URL, database URL)."""
    folder = tmp_path_factory.mktemp("workshop")
    database = f"sqlite:///{folder / 'intake.sqlite3'}"
    env = {**os.environ, "PSOAS_DATABASE_URL": database}
    env.pop("PSOAS_ORGANISER_PASSPHRASE", None)  # creation open, the local default
    try:
        with serve(APP, folder, env=env) as url:
            yield url, database
    except ServerFailed as err:
        pytest.fail(str(err))


def test_workshop__phones_send__open_dashboard_shows_them_without_reload(
    browser: Browser, workshop_app: tuple[str, str]
) -> None:
    url, database = workshop_app
    intake = Intake(database)
    try:
        created = intake.create(TITLE, days=14)
    finally:
        intake.close()
    code = created.workshop.code

    with isolated_page(browser) as teacher:
        open_dashboard(teacher, url, code, created.key)
        expect(main(teacher).get_by_text(f"No answers yet: share the code {code}.")).to_be_visible()
        teacher.evaluate("window.__psoasNotReloaded = true")

        for name, sign in ATTENDEES:
            with isolated_page(browser, viewport=PHONE, is_mobile=True, has_touch=True) as phone:
                send_answers(phone, url, code, TITLE, name, sign)

        # The open attendee rows, one per sender, urgent first ("Row n: Name · Status").
        rows = attendee_rows(teacher)
        expected = [row_line(name, sign) for name, sign in reversed(ATTENDEES)]  # urgent first
        expect(rows).to_have_count(len(ATTENDEES), timeout=DASHBOARD_DEADLINE_MS)
        shown = [text.split(": ", 1)[1].strip() for text in rows.all_inner_texts()]
        announcement = main(teacher).get_by_test_id("stAlert").filter(
            has_text="A new answer with a warning sign."
        )
        received = main(teacher).get_by_test_id("stMetric").filter(has_text="Answers received")

        assert shown == expected
        expect(announcement).to_contain_text("Ana")
        expect(received).to_contain_text(str(len(ATTENDEES)))
        assert teacher.evaluate("window.__psoasNotReloaded === true")
        assert teacher.get_by_test_id("stException").count() == 0

        teacher.set_viewport_size(SCREENSHOT_VIEW)  # the announcement down to the table
        wait_for_app(teacher)
        scroll_to_top(teacher, announcement)
        teacher.screenshot(path=SCREENSHOT)
    assert SCREENSHOT.stat().st_size > 0
