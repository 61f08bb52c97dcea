"""Helpers for AppTest tests of the app's pages.

Each page is a function in ``psoas_check.ui``; ``page_app("self_check")`` runs one alone,
the way AppTest drives a callable page (``switch_page`` only reaches file pages).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest
from ui_helpers import TIMEOUT_S


def page_script(module: str) -> str:
    return f"from psoas_check.ui.{module} import render\n\nrender()\n"


@pytest.fixture
def page_app() -> Callable[[str], AppTest]:
    """``page_app("about")``: an AppTest of one page, already run once."""

    def make(module: str) -> AppTest:
        return AppTest.from_string(page_script(module), default_timeout=TIMEOUT_S).run()

    return make
