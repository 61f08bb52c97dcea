"""Fixtures that drive the real app in Chromium.

``app_url`` starts ``streamlit run`` once per session on a free loopback port;
``browser`` launches Debian's Chromium through Playwright; ``page`` gives each test a
fresh context. Use ``wait_for_app(page)`` after ``page.goto`` and after every
interaction, so assertions see the finished run rather than a half-drawn page.

Every test in this directory carries the ``browser`` marker, so
``pytest -m "not browser"`` runs everything else. Set ``PSOAS_APP_SCRIPT`` to drive
another script than the repository's ``streamlit_app.py``.
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
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Request

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
APP_IDLE_TIMEOUT_MS = 30_000
# How long the app must stay idle before a run counts as finished. A click reaches the
# server over the websocket before the frontend reports "running"; on loopback that
# takes a few milliseconds, so a quiet quarter second means the run really is over.
APP_IDLE_SETTLE_MS = 250
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}

# True once the page shows a connected app whose script is not running, with no
# loading skeleton and no stale (greyed-out) elements from an unfinished run; the
# condition must hold for ``settleMs`` in a row. Attribute values are Streamlit 1.67's
# (``data-test-script-state`` is "initial" before the first run, then "running",
# "rerunRequested" or "notRunning").
_APP_IDLE_JS = """
(settleMs) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const idle =
    app !== null &&
    app.getAttribute("data-test-connection-state") === "CONNECTED" &&
    app.getAttribute("data-test-script-state") === "notRunning" &&
    document.querySelector('[data-testid="stAppSkeleton"]') === null &&
    document.querySelector('[data-testid="stStatusWidgetRunningIcon"]') === null &&
    document.querySelector('[data-stale="true"]') === null;
  const now = performance.now();
  if (!idle) {
    window.__psoasIdleSince = undefined;
    return false;
  }
  if (window.__psoasIdleSince === undefined) {
    window.__psoasIdleSince = now;
  }
  return now - window.__psoasIdleSince >= settleMs;
}
"""


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
            return response.read().decode("utf-8", "replace").strip() == "ok"
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
    """A fresh context and page; fails the test if the page asked any other host."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def note_outside(request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname not in LOOPBACK_HOSTS:
            outside.append(request.url)

    context.on("request", note_outside)
    try:
        yield context.new_page()
    finally:
        context.close()
    if outside:
        pytest.fail("the app made requests beyond loopback:\n" + "\n".join(sorted(set(outside))))


def _wait_for_app(page: Page, timeout_ms: float = APP_IDLE_TIMEOUT_MS) -> None:
    """Block until the app is connected, has finished its run, and has stayed idle."""
    page.wait_for_selector('[data-testid="stApp"]', state="attached", timeout=timeout_ms)
    # Forget the previous call's idle stretch: a click made since then may not have
    # turned into a "running" state yet, and must not count as already settled.
    page.evaluate("window.__psoasIdleSince = undefined")
    page.wait_for_function(_APP_IDLE_JS, arg=APP_IDLE_SETTLE_MS, timeout=timeout_ms, polling=50)


@pytest.fixture
def wait_for_app() -> Callable[..., None]:
    """``wait_for_app(page, timeout_ms=30_000)``: wait until the app's run is over."""
    return _wait_for_app
