"""Everyone's first page stays light: what it draws, what it leaves folded, what it imports.

The first step draws the notice and the warning signs; "Continue from a saved summary"
and "Joining a workshop? Type its code" stay folded, and their uploader and code field
are drawn only once opened. The router imports the self-check only: every other page,
the results view and the workshop store load when someone needs them.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from streamlit.testing.v1 import AppTest
from ui_helpers import REPO_ROOT, TIMEOUT_S, open_loader
from workshop_helpers import attendee, store_fixture, texts  # noqa: F401 - fixture

from psoas_check.intake import Intake
from psoas_check.messages import NOTICE
from psoas_check.options import RED_FLAGS
from psoas_check.ui import about_page, rules, workshop
from psoas_check.ui.self_check import LOADER
from psoas_check.ui.workshop_join import ENTRY, ENTRY_OPEN

ROUTER = REPO_ROOT / "streamlit_app.py"


@pytest.fixture
def first() -> AppTest:
    """The app as a visitor's browser first opens it, through the router."""
    return AppTest.from_file(str(ROUTER), default_timeout=TIMEOUT_S).run()


def test_first_page__opened__notice_and_warning_signs_with_both_extras_folded(
    first: AppTest,
) -> None:
    assert not first.exception
    assert [i.value for i in first.info] == [f"**Not a diagnosis.** {NOTICE}"]
    assert len(first.checkbox) == len(RED_FLAGS) + 1  # every sign, then "none of these"
    assert [e.label for e in first.expander] == [ENTRY, LOADER]
    assert not first.file_uploader  # drawn once "Continue from a saved summary" is opened
    assert not first.text_input  # drawn once "Joining a workshop?" is opened


def test_loader__opened__uploader_drawn_and_kept_open(first: AppTest) -> None:
    open_loader(first)

    assert [u.label for u in first.file_uploader] == [
        "Load the JSON summary you downloaded before"
    ]
    first.checkbox[0].check().run()  # answering on the same step keeps it open

    assert len(first.file_uploader) == 1


def test_code_entry__opened__field_and_join_button_drawn(first: AppTest) -> None:
    first.session_state[ENTRY_OPEN] = True  # as a click on "Joining a workshop?" does
    first.run()

    assert [t.label for t in first.text_input] == ["Workshop code"]
    assert "Join workshop" in [b.label for b in first.button]


def test_code_entry__unknown_code_in_link__field_open_to_try_again(store: Intake) -> None:
    at = attendee("ZZZZ9999")

    assert not at.exception
    assert texts(at, "warning")  # the one sentence saying the code is unknown
    assert [t.label for t in at.text_input] == ["Workshop code"]


@pytest.mark.parametrize(
    ("page", "title"),
    [
        (rules, "How suggestions are made"),
        (workshop, "Run a live workshop"),
        (about_page, "About psoas-check"),
    ],
    ids=["rules", "workshop", "about"],
)
def test_lazy_page__first_visit__imports_and_renders_it(page: object, title: str) -> None:
    name = getattr(page, "__name__", "")
    at = AppTest.from_string(
        f"from psoas_check.ui import {name}\n\n{name}()\n", default_timeout=TIMEOUT_S
    ).run()

    assert not at.exception
    assert at.title[0].value == title


def test_router__first_run__imports_only_what_the_first_step_shows() -> None:
    # A fresh interpreter: the router's first run, as a new server's first visitor has it.
    code = (
        "import sys\n"
        "from streamlit.testing.v1 import AppTest\n"
        f"at = AppTest.from_file({str(ROUTER)!r}, default_timeout=60).run()\n"
        "assert not at.exception, at.exception\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    loaded = set(done.stdout.split())

    assert "psoas_check.ui.self_check" in loaded
    later = {
        f"psoas_check.{name}"
        for name in (
            "ui.rules_page", "ui.about", "ui.workshop_page", "ui.workshop_dashboard",
            "ui.results", "ui.workshop_send", "ui.downloads", "report", "pdf", "intake",
        )
    }
    assert sorted(loaded & later) == []
    heavy = {"sqlalchemy", "nacl", "segno", "pandas", "numpy", "altair", "fpdf", "openpyxl"}
    assert sorted(loaded & heavy) == []
