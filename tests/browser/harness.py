"""Plain helpers under the browser fixtures: an isolated page, and waiting for a run.

Kept out of ``conftest.py`` so a module-scoped fixture (one filled-in results page shared
by several read-only tests) can open a page the same way the ``page`` fixture does.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Request, ViewportSize

__all__ = [
    "APP_IDLE_JS",
    "APP_IDLE_SETTLE_MS",
    "APP_IDLE_TIMEOUT_MS",
    "DESKTOP",
    "PHONE",
    "isolated_page",
    "wait_for_app",
]

DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}

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
APP_IDLE_JS = """
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


def wait_for_app(page: Page, timeout_ms: float = APP_IDLE_TIMEOUT_MS) -> None:
    """Block until the app is connected, has finished its run, and has stayed idle."""
    page.wait_for_selector('[data-testid="stApp"]', state="attached", timeout=timeout_ms)
    # Forget the previous call's idle stretch: a click made since then may not have
    # turned into a "running" state yet, and must not count as already settled.
    page.evaluate("window.__psoasIdleSince = undefined")
    page.wait_for_function(APP_IDLE_JS, arg=APP_IDLE_SETTLE_MS, timeout=timeout_ms, polling=50)


@contextmanager
def isolated_page(
    browser: Browser, viewport: ViewportSize | None = None, **options: Any
) -> Iterator[Page]:
    """A page in a fresh context; fails the test if the page asked any non-loopback host."""
    context = browser.new_context(
        accept_downloads=True,
        viewport=viewport or DESKTOP,
        **options,
    )
    outside: list[str] = []

    def note_outside(request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname not in LOOPBACK_HOSTS:
            outside.append(request.url)

    context.on("request", note_outside)
    # Fail a lost element in 15 s rather than Playwright's 30; runs still get their own
    # APP_IDLE_TIMEOUT_MS through wait_for_app.
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()
    if outside:
        pytest.fail("the app made requests beyond loopback:\n" + "\n".join(sorted(set(outside))))
