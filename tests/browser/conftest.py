"""Fixtures that drive the real app in Chromium.

``app_url`` starts ``streamlit run`` once per session on a free loopback port;
``browser`` launches Debian's Chromium through Playwright; ``page`` gives each test a
fresh context. Use ``wait_for_app(page)`` after ``page.goto`` and after every
interaction, so assertions see the finished run rather than a half-drawn page.

Every test in this directory carries the ``browser`` marker, so
``pytest -m "not browser"`` runs everything else. Set ``PSOAS_APP_SCRIPT`` to drive
another script than the repository's ``streamlit_app.py``. The plain helpers behind
these fixtures live in ``harness.py``; driving the app's own widgets is in ``app_flow.py``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from . import harness
from .server import CHROMIUM, CHROMIUM_ARGS, ServerFailed, serve

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
SERVER_START_TIMEOUT_S = 60.0


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under this directory as ``browser`` (before ``-m`` selects)."""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


def _app_script() -> Path:
    return Path(os.environ.get("PSOAS_APP_SCRIPT", REPO_ROOT / "streamlit_app.py")).resolve()


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serve the app with ``streamlit run`` on a free loopback port; yield its URL."""
    script = _app_script()
    if not script.is_file():
        pytest.fail(f"app script not found: {script} (set PSOAS_APP_SCRIPT to override)")
    logs = tmp_path_factory.mktemp("streamlit-server")
    with contextlib.ExitStack() as stack:
        try:
            url = stack.enter_context(serve(script, logs, SERVER_START_TIMEOUT_S))
        except ServerFailed as err:
            pytest.fail(str(err))
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, with Chrome's own phoning home switched off."""
    if not CHROMIUM.is_file():
        message = f"Chromium not found at {CHROMIUM}; install it with: apt-get install -y chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh 1280x900 context and page; fails the test if the page asked any other host."""
    with harness.isolated_page(browser) as fresh:
        yield fresh


@pytest.fixture
def wait_for_app() -> Callable[..., None]:
    """``wait_for_app(page, timeout_ms=30_000)``: wait until the app's run is over."""
    return harness.wait_for_app
