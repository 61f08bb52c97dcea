"""A bounded load test on loopback: concurrent browser sessions completing the self-check.

Run: ``python benchmarks/load_test.py [SESSIONS]`` (default 25). Prints figures; exits 0
when every session reached its own results, 1 otherwise. Hard limits: every browser
action times out after 90 s and the whole run after 240 s; it starts ONE ``streamlit run
streamlit_app.py`` on 127.0.0.1 and always stops it (and Chromium) at the end.

One Chromium, one context per session (its own cookies, its own Streamlit session), all
driven at once with Playwright's async API. Session ``i`` answers differently from every
other: sitting hours ``2 + i/2``, exercise days ``i % 8``, and its warning signs by ``i % 4``
(0: an urgent flag, 1: a see-a-clinician flag, else "None of these apply to me"), ticked on
the first step; it walks every step with Next, then presses "See my results".

Isolation is checked on each results page against what ``psoas_check`` computes for that
session's own answers: the status headline is its own and no other status's headline is
shown (so only the urgent sessions show the emergency banner), and "Your answers" lists
exactly its own sitting hours, exercise days and warning signs (an urgent result, which
shows nothing but its instruction, must show its own signs).
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _common import (
    CHROMIUM,
    CHROMIUM_ARGS,
    REPO_ROOT,
    print_machine,
    quantile,
    save,
    serve,
)
from browser.harness import APP_IDLE_JS, APP_IDLE_SETTLE_MS
from playwright.async_api import Browser, Page, async_playwright

from psoas_check.answers import FIELDS, Answers
from psoas_check.assess import assess
from psoas_check.messages import STATUS_TEXT
from psoas_check.report import ANSWERS_HEADING, summary_content
from psoas_check.rules import default_rules
from psoas_check.ui.form import STEPS
from psoas_check.ui.warning_step import NONE_APPLY

SESSIONS = 25
ACTION_TIMEOUT_MS = 90_000
RUN_TIMEOUT_S = 240.0
APP = REPO_ROOT / "streamlit_app.py"
FLAGS = {0: "saddle_numbness", 1: "pregnancy"}  # i % 4 -> the flag ticked



@dataclass
class Outcome:
    index: int
    status: str
    completed: bool = False
    to_results_s: float | None = None  # navigation to results shown
    results_run_s: float | None = None  # "See my results" pressed to results shown
    problems: list[str] = field(default_factory=list)


def answers_for(i: int) -> Answers:
    flag = FLAGS.get(i % 4)
    return Answers(
        sitting_hours=2 + i / 2,
        exercise_days=i % 8,
        red_flags=frozenset({flag} if flag else set()),
    )


async def idle(page: Page) -> None:
    await page.evaluate("window.__psoasIdleSince = undefined")
    await page.wait_for_function(
        APP_IDLE_JS, arg=APP_IDLE_SETTLE_MS, timeout=ACTION_TIMEOUT_MS, polling=100
    )


async def session(browser: Browser, url: str, i: int, expected: dict[str, Any]) -> Outcome:
    answers: Answers = expected["answers"]
    outcome = Outcome(index=i, status=expected["status"])
    step = "open a context"
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    try:
        page = await context.new_page()
        step = "open the page"
        start = time.perf_counter()
        await page.goto(url, wait_until="commit")
        await idle(page)
        flags = FIELDS["red_flags"].options  # the first step: warning signs
        for label in [flags[f] for f in sorted(answers.red_flags)] or [NONE_APPLY]:
            step = f"tick {label!r}"
            await page.get_by_text(label, exact=True).click()
            await idle(page)
        for number in range(2, len(STEPS) + 1):
            # Wait for the new step before the next click: a second click on the same,
            # not yet redrawn "Next" would ask for the same step again.
            step = f"go to step {number}"
            await page.get_by_role("button", name="Next").click()
            await page.get_by_text(f"Step {number} of {len(STEPS)}").wait_for()
            await idle(page)
            for name in ("sitting_hours", "exercise_days"):
                if STEPS[number - 1] == FIELDS[name].step:
                    step = f"answer {name}"
                    box = page.get_by_role("spinbutton", name=FIELDS[name].question)
                    await box.fill(f"{getattr(answers, name):g}")
                    await box.press("Enter")
                    await idle(page)
        step = "see the results"
        pressed = time.perf_counter()
        await page.get_by_role("button", name="See my results").click()
        await page.get_by_role("heading", name="Your results").wait_for()
        await idle(page)
        done = time.perf_counter()
        outcome.to_results_s, outcome.results_run_s = done - start, done - pressed
        step = "check the results"
        outcome.problems = await check_results(page, expected)
        outcome.completed = True
    except Exception as err:  # a failed session is a figure, not a crash
        outcome.problems.append(f"at {step}: {type(err).__name__}: {str(err).splitlines()[0]}")
    finally:
        await context.close()
    return outcome


async def check_results(page: Page, expected: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    alerts = " ".join(await page.get_by_test_id("stAlert").all_inner_texts())
    headlines = {expected["headline"], *(head for head, _ in STATUS_TEXT.values())}
    for headline in headlines:
        shown = headline in alerts
        if headline == expected["headline"] and not shown:
            problems.append(f"own headline {headline!r} not shown")
        if headline != expected["headline"] and shown:
            problems.append(f"shows another headline: {headline!r}")
    if await page.get_by_test_id("stException").count():
        problems.append("an exception is shown")
    if expected["status"] == "urgent":  # one instruction and its signs; no answers list
        text = await page.get_by_test_id("stMain").inner_text()
        missing = [sign for sign in expected["signs"] if sign not in text]
        if missing:
            problems.append(f"own warning signs not shown: {missing!r}")
        return problems
    heading = page.locator("summary", has_text=ANSWERS_HEADING)
    expander = page.get_by_test_id("stExpander").filter(has=heading)
    await expander.locator("summary").click()  # collapsed content is not drawn until opened
    await expander.get_by_role("listitem").first.wait_for()
    listed = await expander.get_by_role("listitem").all_text_contents()
    if sorted(s.strip() for s in listed) != expected["lines"]:
        problems.append(f"answers listed {listed!r}, expected {expected['lines']!r}")
    return problems


def expectations(count: int) -> list[dict[str, Any]]:
    ruleset = default_rules()
    out = []
    for i in range(count):
        answers = answers_for(i)
        result = assess(answers, ruleset)
        doc = summary_content(answers, result, ruleset)
        lines = sorted(f"{label}: {value}" for label, value in doc.answers)
        out.append({"answers": answers, "status": result.status, "headline": doc.headline,
                    "signs": [sign for sign, _ in doc.signs], "lines": lines})
    return out


async def run(url: str, count: int) -> list[Outcome]:
    expected = expectations(count)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            tasks = [
                asyncio.create_task(session(browser, url, i, expected[i])) for i in range(count)
            ]
            done, pending = await asyncio.wait(tasks, timeout=RUN_TIMEOUT_S)
            for task in pending:
                task.cancel()
            outcomes = []
            for i, task in enumerate(tasks):
                if task in done and task.exception() is None:
                    outcomes.append(task.result())
                else:
                    lost = Outcome(index=i, status=expected[i]["status"])
                    lost.problems.append(f"not finished within {RUN_TIMEOUT_S:.0f} s")
                    outcomes.append(lost)
            return outcomes
        finally:
            await browser.close()


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else SESSIONS
    info = print_machine()
    print(f"{count} concurrent sessions against one streamlit server on 127.0.0.1")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, serve(APP, Path(tmp)) as url:
        outcomes = asyncio.run(run(url, count))
        server_log = next(Path(tmp).glob("*.log")).read_text(encoding="utf-8", errors="replace")
    wall = time.perf_counter() - started

    completed = [o for o in outcomes if o.completed]
    clean = [o for o in completed if not o.problems]
    errors = [o for o in outcomes if o.problems]
    totals = [o.to_results_s for o in completed if o.to_results_s is not None]
    runs = [o.results_run_s for o in completed if o.results_run_s is not None]
    urgent = [o for o in outcomes if o.status == "urgent"]
    print(f"completions: {len(completed)}/{count} reached results; {len(clean)} with no problem")
    print(f"errors: {len(errors)}")
    for o in errors:
        print(f"  session {o.index} ({o.status}): " + "; ".join(o.problems))
    figures: dict[str, Any] = {}
    if totals:
        figures = {
            "to_results_p50_s": quantile(totals, 0.5),
            "to_results_p95_s": quantile(totals, 0.95),
            "results_run_p50_s": quantile(runs, 0.5),
            "results_run_p95_s": quantile(runs, 0.95),
        }
        print(
            f"time to results (open page, answer, 5 x Next, tick, results): "
            f"p50 {figures['to_results_p50_s']:.1f} s, p95 {figures['to_results_p95_s']:.1f} s"
        )
        print(
            f"'See my results' to results shown: p50 {figures['results_run_p50_s']:.2f} s, "
            f"p95 {figures['results_run_p95_s']:.2f} s"
        )
    isolated = len(clean) == count
    print(
        f"isolation: {len(clean)}/{count} sessions showed only their own answers and status "
        f"({len(urgent)} urgent sessions, each expected to show the emergency banner)"
    )
    tracebacks = server_log.count("Traceback")
    print(f"server log: {tracebacks} tracebacks; wall time {wall:.0f} s")
    path = save(
        "load",
        {
            "machine": info,
            "sessions": count,
            "completed": len(completed),
            "clean": len(clean),
            "errors": [{"session": o.index, "problems": o.problems} for o in errors],
            "isolated": isolated,
            "server_tracebacks": tracebacks,
            "wall_s": wall,
            **figures,
        },
    )
    print(f"wrote {path.relative_to(REPO_ROOT)}")
    return 0 if isolated and not tracebacks else 1


if __name__ == "__main__":
    sys.exit(main())
