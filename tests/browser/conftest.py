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

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from . import harness

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_TIMEOUT_S = 60.0


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under this directory as ``browser`` (before ``-m`` selects)."""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


def _app_script() -> Path:
    return Path(os.environ.get("PSOAS_APP_SCRIPT", REPO_ROOT / "streamlit_app.py")).resolve()


def _free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _is_healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:  # noqa: S310
            body: bytes = response.read()
            return body.decode("utf-8", "replace").strip() == "ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _tail(path: Path, lines: int = 40) -> str:
    text = path.read_text(encoding="utf-8", errors="replace")
    return "\n".join(text.splitlines()[-lines:]) or "(no output)"


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serve the app with ``streamlit run`` on a free loopback port; yield its URL."""
    script = _app_script()
    if not script.is_file():
        pytest.fail(f"app script not found: {script} (set PSOAS_APP_SCRIPT to override)")
    port = _free_loopback_port()
    url = f"http://127.0.0.1:{port}"
    logs = tmp_path_factory.mktemp("streamlit-server")
    stdout_path, stderr_path = logs / "stdout.log", logs / "stderr.log"
    command = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    # Output goes to files, not pipes: a chatty server can never fill a pipe and
    # stall, and nothing is left open for a ResourceWarning when the test ends.
    with stdout_path.open("wb") as stdout, stderr_path.open("wb") as stderr:
        process = subprocess.Popen(
            command, cwd=REPO_ROOT, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr
        )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while not _is_healthy(url):
            if process.poll() is not None:
                pytest.fail(
                    f"streamlit exited with code {process.returncode} before serving "
                    f"{script}.\n--- stderr ---\n{_tail(stderr_path)}"
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"streamlit did not answer {url}/_stcore/health within "
                    f"{SERVER_START_TIMEOUT_S:.0f} s.\n--- stderr ---\n{_tail(stderr_path)}"
                )
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


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
