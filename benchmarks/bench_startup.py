"""Time until the self-check form is usable in Chromium, against a hello-world app.

Run: ``python benchmarks/bench_startup.py [WARM_ROUNDS] [COLD_ROUNDS]`` (defaults 10
and 4). Prints figures; asserts nothing.

Targets (issue 12): warm at most 1.1x, cold at most 1.2x the hello-world app
(``floor_pages/hello_app.py``: a title and one text input), the same measurement on both:

- the clock starts at navigation (the page's ``performance`` time origin), in a fresh
  browser context (no cache, no cookies, a new Streamlit session);
- it stops at the moment from which the first question's input (the first warning sign's
  checkbox; the hello app's text input) is visible and enabled *and* the app is idle
  (connected, script not running, no skeleton, no stale elements), provided that lasts
  250 ms: a moment of idleness between two runs does not count.

Two cases, each rounds interleaved ABAB (alternating which goes first):

- warm: both servers already running and visited once; a fresh context each time;
- cold: a fresh ``streamlit run`` of each per round, first visit (the server imports the
  app on its first session, so this includes loading the package and the rules).

It also prints what the first page is made of, which a loaded machine does not blur:
messages the server sends over the WebSocket until usable (and their bytes), element
containers drawn, and files the browser fetched (scripts load per element kind).
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from _common import (
    BENCH_DIR,
    CHROMIUM,
    CHROMIUM_ARGS,
    REPO_ROOT,
    fmt_ms,
    print_machine,
    ratio_report,
    save,
    serve,
    spread,
    verdict,
)
from playwright.sync_api import Browser, sync_playwright

# Issue 12: warm at most 1.1x the hello-world app, cold at most 1.2x.
TARGETS = {"warm": 1.1, "cold": 1.2}
WARM_ROUNDS = 10
COLD_ROUNDS = 4
SETTLE_MS = 250
TIMEOUT_MS = 60_000
APP = REPO_ROOT / "streamlit_app.py"
HELLO = BENCH_DIR / "floor_pages" / "hello_app.py"
# The first question is the warning signs (asked first): its first checkbox.
SELECTORS = {
    "app": '[data-testid="stCheckbox"] input[type="checkbox"]',
    "hello": 'input[aria-label="Your name"]',
}

# Resolves to the page time (ms since navigation) at which "usable" began, once it has
# held for settleMs; until then returns false.
_USABLE_JS = """
([selector, settleMs]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const input = document.querySelector(selector);
  const usable =
    app !== null &&
    app.getAttribute("data-test-connection-state") === "CONNECTED" &&
    app.getAttribute("data-test-script-state") === "notRunning" &&
    document.querySelector('[data-testid="stAppSkeleton"]') === null &&
    document.querySelector('[data-testid="stStatusWidgetRunningIcon"]') === null &&
    document.querySelector('[data-stale="true"]') === null &&
    input !== null && !input.disabled && input.checkVisibility();
  const now = performance.now();
  if (!usable) {
    window.__usableSince = undefined;
    return false;
  }
  if (window.__usableSince === undefined) {
    window.__usableSince = now;
  }
  return now - window.__usableSince >= settleMs ? window.__usableSince : false;
}
"""


def time_to_usable(browser: Browser, url: str, selector: str) -> float:
    """Seconds from navigation to a usable form, in a fresh context."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        handle = page.wait_for_function(
            _USABLE_JS, arg=[selector, SETTLE_MS], timeout=TIMEOUT_MS, polling=10
        )
        return float(handle.json_value()) / 1000
    finally:
        context.close()


def structure(browser: Browser, url: str, selector: str) -> dict[str, int]:
    """What one fresh visit receives and draws until usable (counts, not times)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        frames: list[int] = []
        page.on("websocket", lambda ws: ws.on(
            "framereceived", lambda payload: frames.append(len(payload))))
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        page.wait_for_function(_USABLE_JS, arg=[selector, SETTLE_MS], timeout=TIMEOUT_MS,
                               polling=10)
        return {
            "messages": len(frames),
            "message_bytes": sum(frames),
            "elements": page.locator('[data-testid="stElementContainer"]').count(),
            "files_fetched": page.evaluate("performance.getEntriesByType('resource').length"),
        }
    finally:
        context.close()


def interleave(rounds: int, measure: Callable[[str], float]) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"app": [], "hello": []}
    for i in range(rounds):
        order = ["app", "hello"] if i % 2 == 0 else ["hello", "app"]
        for name in order:
            times[name].append(measure(name))
        print(
            f"  round {i + 1}/{rounds}: app {times['app'][-1] * 1000:.0f} ms, "
            f"hello {times['hello'][-1] * 1000:.0f} ms",
            flush=True,
        )
    return times


def main() -> None:
    warm_rounds = int(sys.argv[1]) if len(sys.argv) > 1 else WARM_ROUNDS
    cold_rounds = int(sys.argv[2]) if len(sys.argv) > 2 else COLD_ROUNDS
    info = print_machine()
    scripts = {"app": APP, "hello": HELLO}
    results: dict[str, dict[str, list[float]]] = {}
    shape: dict[str, dict[str, int]] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        logs = Path(tmp)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            print(f"warm: {warm_rounds} rounds, servers running, a fresh context each time")
            with serve(APP, logs) as app_url, serve(HELLO, logs) as hello_url:
                urls = {"app": app_url, "hello": hello_url}
                for name in urls:  # first sessions: imports, rule loading
                    time_to_usable(browser, urls[name], SELECTORS[name])
                shape = {n: structure(browser, urls[n], SELECTORS[n]) for n in urls}
                for name, counts in shape.items():
                    print(f"  {name}: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
                results["warm"] = interleave(
                    warm_rounds, lambda n: time_to_usable(browser, urls[n], SELECTORS[n])
                )

            print(f"cold: {cold_rounds} rounds, a fresh server for each visit")

            def cold(name: str) -> float:
                with serve(scripts[name], logs) as url:
                    return time_to_usable(browser, url, SELECTORS[name])

            results["cold"] = interleave(cold_rounds, cold)
        finally:
            browser.close()

    summary: dict[str, object] = {
        "machine": info, "targets": TARGETS, "settle_ms": SETTLE_MS, "first_page": shape
    }
    for case, times in results.items():
        ratio = ratio_report(times["app"], times["hello"])
        summary[case] = {
            "app_s": spread(times["app"]),
            "hello_s": spread(times["hello"]),
            "ratio": ratio,
        }
        print(f"{case}: self-check form {fmt_ms(spread(times['app']))}")
        print(f"{case}: hello world     {fmt_ms(spread(times['hello']))}")
        print(
            f"{case}: ratio {verdict(ratio['ratio_of_medians'], TARGETS[case])}; per-round "
            f"{ratio['per_round_min']:.2f}-{ratio['per_round_max']:.2f}"
        )
    path = save("startup", summary)
    print(f"wrote {path.relative_to(REPO_ROOT)}")


if __name__ == "__main__":
    main()
