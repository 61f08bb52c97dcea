"""Driving the live workshop in Chromium: the teacher opens it, an attendee sends to it.

Shared by the two-context browser test (tests/browser/test_workshop.py) and the
two-replica test (tests/browser/test_replicas.py). Everything is found the way a person
finds it: by label, button name and visible text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from playwright.sync_api import expect

from psoas_check.answers import FIELDS, Answers
from psoas_check.assess import assess
from psoas_check.ui.roster_state import STATUS_LABELS
from psoas_check.ui.warning_step import NONE_APPLY

from .app_flow import main, open_app, press, tick
from .harness import wait_for_app

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

__all__ = [
    "DASHBOARD_DEADLINE_MS",
    "NAME_LABEL",
    "attendee_rows",
    "open_dashboard",
    "row_line",
    "send_answers",
    "status_of",
]

#: The issue's promise: a submission is on the teacher's dashboard within ten seconds.
DASHBOARD_DEADLINE_MS = 10_000
NAME_LABEL = "Your name for the teacher (optional)"


def status_of(sign: str | None) -> str:
    """What the app concludes for someone who answered only the warning signs."""
    return assess(Answers(red_flags=frozenset({sign} if sign else set()))).status


def row_line(name: str, sign: str | None) -> str:
    """How the dashboard names an attendee's row after its number: ``Ana · Urgent``."""
    return f"{name} · {STATUS_LABELS[status_of(sign)]}"


def open_dashboard(page: Page, url: str, code: str, key: str) -> None:
    """The teacher opens the workshop page and unlocks the workshop with code and key."""
    open_app(page, url, "/workshop")
    main(page).get_by_label("Workshop code", exact=True).fill(code)
    main(page).get_by_label("Teacher key", exact=True).fill(key)
    press(page, "Open workshop")


def send_answers(page: Page, url: str, code: str, title: str, name: str,
                 sign: str | None) -> None:
    """An attendee joins by link, answers the warning signs, agrees and sends.

    ``sign`` is the warning sign ticked, or None for "None of these apply to me".
    """
    open_app(page, url, f"/?workshop={code}")
    tick(page, FIELDS["red_flags"].options[sign] if sign else NONE_APPLY)
    press(page, "See my results")
    if status_of(sign) == "urgent":  # the panel waits, closed, under the instruction
        main(page).locator("summary", has_text=f"Send to {title}").click()
        wait_for_app(page)
    main(page).get_by_label(NAME_LABEL, exact=True).fill(name)
    tick(page, f"I agree to send my answers to {title}")
    press(page, f"Send to {title}")
    expect(main(page).get_by_text(f"Sent to {title} at", exact=False)).to_be_visible()


def attendee_rows(page: Page) -> Locator:
    """The dashboard's attendee rows (``Row n: Name · Status``), in the table's order."""
    return main(page).locator("summary").filter(has_text="Row ")
