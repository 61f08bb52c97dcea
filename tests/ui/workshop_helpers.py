"""A throwaway intake store per test, shared with the app the way a server shares it.

The pages reach the store through ``workshop_common.get_intake()``, a Streamlit resource
cached per process and keyed by the database URL; AppTest runs the page in this process,
so the store a test holds is the very one the page uses. Its clock is a :class:`Clock`
the test moves on (past the send rate limit, past an expiry) instead of sleeping.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from ui_helpers import TIMEOUT_S

from psoas_check.intake import Intake
from psoas_check.ui import workshop_common

PAGE = "from psoas_check.ui.workshop_page import render\n\nrender()\n"
SELF_CHECK = "from psoas_check.ui.self_check import render\n\nrender()\n"


class Clock:
    """A clock that stands still until told to move."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture(name="store")
def store_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Intake]:
    """The app's intake store, on a fresh SQLite file, with a :class:`Clock`."""
    monkeypatch.setenv("PSOAS_DATABASE_URL", f"sqlite:///{tmp_path / 'intake.sqlite3'}")
    monkeypatch.delenv("PSOAS_ORGANISER_PASSPHRASE", raising=False)
    workshop_common._intake.clear()
    intake = workshop_common.get_intake()
    intake.clock = Clock()
    yield intake
    intake.close()
    workshop_common._intake.clear()


def clock(intake: Intake) -> Clock:
    assert isinstance(intake.clock, Clock)
    return intake.clock


def teacher_page() -> AppTest:
    """The live-workshop page, run once."""
    return AppTest.from_string(PAGE, default_timeout=TIMEOUT_S).run()


def attendee(code: str | None = None) -> AppTest:
    """The self-check, opened from the workshop link ``/?workshop=code`` when given."""
    at = AppTest.from_string(SELF_CHECK, default_timeout=TIMEOUT_S)
    if code is not None:
        at.query_params["workshop"] = code
    return at.run()


def texts(at: AppTest, kind: str) -> list[str]:
    """The bodies of every ``st.<kind>`` element (error, warning, info, success, caption)."""
    return [element.value for element in getattr(at, kind)]
