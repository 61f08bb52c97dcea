"""Attendees sending to a live workshop through the real app: none lost, Send to stored.

Run: ``python benchmarks/intake_load.py [ATTENDEES] [--replicas N] [--within S]
[--at-once K] [--walk-in]`` (defaults 100 attendees, 1 replica, 60 s, 6 at once). Prints
figures and a README-ready row; asserts nothing. Exits 1 if an answer was lost or stored
twice.

- ``--replicas 1``: one ``streamlit run streamlit_app.py`` on a SQLite file in a temporary
  folder, the store a single server uses by default.
- ``--replicas 2``: a throwaway PostgreSQL (tests/postgres_cluster.py) and two servers
  sharing it and one cookie secret, started by ``deploy/replicas.py``'s ``replicas()``;
  attendee ``i`` goes to replica ``i % N``, as a balancer with session affinity would
  spread them.

The workshop is created through the intake service. Each attendee is a fresh phone-sized
Chromium context (one browser, async Playwright) that opens ``/?workshop=CODE``, ticks its
warning signs (``i % 4 == 0`` an urgent sign, ``1`` a see-a-clinician sign, else "None of
these apply to me"), presses "See my results", types its name, ticks the consent box and
presses "Send to <title>". By default the whole class first reaches its results (at most
K filling in at once, as two cores can drive only a few browsers) and then attendee ``i``
presses Send at ``i * S / ATTENDEES`` seconds: all the sends within S seconds, as in a
room where everyone finishes and sends in the same minute. ``--walk-in`` instead starts
attendee ``i`` at that moment and lets each walk the whole check before sending (the
sends then spread over as long as the browsers take).

Measured per attendee, from the moment "Send" is clicked:
- **stored**: the ``submitted_at`` the store itself wrote for that row (the server's clock,
  the same machine's as the driver's), found by name among the decrypted submissions;
- **seen**: when a poller reading the store through the service API every 0.2 s first saw
  it (stored + at most 0.2 s + the poll itself);
- **confirmed**: when the attendee's page showed "Sent to ...".
At the end every name must be stored exactly once (none lost, none doubled).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from _common import CHROMIUM, CHROMIUM_ARGS, REPO_ROOT, print_machine, quantile, save
from browser.harness import APP_IDLE_JS, APP_IDLE_SETTLE_MS, PHONE
from playwright.async_api import Browser, Page, async_playwright

from psoas_check.answers import FIELDS
from psoas_check.intake import Intake, Unlocked
from psoas_check.ui.warning_step import NONE_APPLY

sys.path.insert(0, str(REPO_ROOT / "deploy"))
import replicas as deploy  # deploy/replicas.py (the folder is not a package)

ATTENDEES = 100
WITHIN_S = 60.0
AT_ONCE = 6
POLL_S = 0.2
ACTION_TIMEOUT_MS = 90_000
TITLE = "Benchmark class"
FLAGS = {0: "saddle_numbness", 1: "pregnancy"}  # i % 4 -> the sign ticked
NAME_LABEL = "Your name for the teacher (optional)"


@dataclass
class Attendee:
    index: int
    replica: int
    clicked_wall: float | None = None  # time.time() when Send was clicked
    clicked: float | None = None  # time.monotonic() of the same moment
    confirmed: float | None = None  # monotonic: "Sent to ..." shown
    problems: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"Attendee {self.index:03d}"


class Poller(threading.Thread):
    """Reads the store through the service API every POLL_S; notes when a name first shows."""

    def __init__(self, unlocked: Unlocked) -> None:
        super().__init__(daemon=True)
        self.unlocked = unlocked
        self.first_seen: dict[str, float] = {}  # name -> time.monotonic()
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            now = time.monotonic()
            for submission in self.unlocked.submissions():
                name = submission.document["answers"].get("attendee") or ""
                self.first_seen.setdefault(name, now)
            self.stop.wait(POLL_S)


async def idle(page: Page) -> None:
    """Wait until the app's run is over (the browser tests' own idle test)."""
    await page.evaluate("window.__psoasIdleSince = undefined")
    await page.wait_for_function(
        APP_IDLE_JS, arg=APP_IDLE_SETTLE_MS, timeout=ACTION_TIMEOUT_MS, polling=100
    )


async def attend(browser: Browser, url: str, code: str, who: Attendee,
                 until_send: Callable[[], Awaitable[None]]) -> None:
    step = "open a context"
    context = await browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    try:
        page = await context.new_page()
        main = page.get_by_test_id("stMain")
        step = "open the link"
        await page.goto(f"{url}/?workshop={code}", wait_until="commit")
        await idle(page)
        flag = FLAGS.get(who.index % 4)
        step = "tick the warning signs"
        await main.get_by_text(FIELDS["red_flags"].options[flag] if flag else NONE_APPLY,
                               exact=True).click()
        await idle(page)
        step = "see the results"
        await main.get_by_role("button", name="See my results", exact=True).click()
        await main.get_by_role("heading", name="Your results").wait_for()
        await idle(page)
        if flag == FLAGS[0]:  # urgent: the send panel waits, closed, under the instruction
            await main.locator("summary", has_text=f"Send to {TITLE}").click()
            await idle(page)
        step = "give a name"
        await main.get_by_label(NAME_LABEL, exact=True).fill(who.name)
        # Ticking the consent box also sends the typed name (the text box loses focus).
        await main.get_by_text(f"I agree to send my answers to {TITLE}", exact=True).click()
        await idle(page)
        step = "send"
        button = main.get_by_role("button", name=f"Send to {TITLE}", exact=True)
        await button.wait_for()
        step = "wait for the moment to send"
        await until_send()
        step = "send"
        who.clicked_wall, who.clicked = time.time(), time.monotonic()
        await button.click()
        await main.get_by_text(f"Sent to {TITLE} at", exact=False).wait_for()
        who.confirmed = time.monotonic()
    except Exception as err:  # a failed attendee is a figure, not a crash
        who.problems.append(f"at {step}: {type(err).__name__}: {str(err).splitlines()[0]}")
    finally:
        await context.close()


async def _at_once() -> None:
    """Walking in, an attendee sends as soon as the button is there."""


async def drive(urls: list[str], code: str, attendees: list[Attendee], within: float,
                at_once: int, walk_in: bool) -> float:
    """Run every attendee, at most ``at_once`` filling in at once; returns the wall time.

    Ready first (the default): the sends start once every attendee has reached Send (or
    failed on the way), attendee ``i`` at ``i * within / N`` seconds after that.
    """
    gate = asyncio.Semaphore(at_once)
    start = time.monotonic()
    everyone = asyncio.Event()
    waiting = [0, 0.0]  # attendees at Send (or failed), and when the sends began

    def arrived() -> None:
        waiting[0] += 1
        if waiting[0] == len(attendees):
            waiting[1] = time.monotonic()
            everyone.set()

    async def due(origin: float, who: Attendee) -> None:
        await asyncio.sleep(max(0.0, origin + who.index * within / len(attendees)
                                - time.monotonic()))

    async def one(browser: Browser, who: Attendee) -> None:
        if walk_in:
            await due(start, who)
            async with gate:
                await attend(browser, urls[who.replica], code, who, _at_once)
            return
        held = True
        await gate.acquire()

        async def until_send() -> None:
            nonlocal held
            gate.release()  # this attendee's filling in is done: let the next one start
            held = False
            arrived()
            await everyone.wait()
            await due(waiting[1], who)

        try:
            await attend(browser, urls[who.replica], code, who, until_send)
        finally:
            if held:  # failed before reaching Send: free its place and count it
                gate.release()
                arrived()

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            await asyncio.gather(*(one(browser, who) for who in attendees))
        finally:
            await browser.close()
    return time.monotonic() - start


def p50_p95(values: list[float]) -> str:
    if not values:
        return "no data"
    return f"p50 {quantile(values, 0.5):.2f} s, p95 {quantile(values, 0.95):.2f} s"


def report(args: argparse.Namespace, attendees: list[Attendee], stored: dict[str, list[datetime]],
           seen: dict[str, float], wall: float, info: dict[str, Any]) -> int:
    clicked = [a for a in attendees if a.clicked is not None]
    failed = [a for a in attendees if a.problems]
    lost = [a.name for a in clicked if a.name not in stored]
    doubled = [name for name, times in stored.items() if len(times) > 1]
    stranger = [name for name in stored if name not in {a.name for a in attendees}]
    to_stored = [stored[a.name][0].timestamp() - a.clicked_wall for a in clicked
                 if a.name in stored and a.clicked_wall is not None]
    to_seen = [seen[a.name] - a.clicked for a in clicked if a.name in seen and a.clicked]
    to_confirmed = [a.confirmed - a.clicked for a in clicked if a.confirmed and a.clicked]
    sends = sorted(a.clicked for a in clicked if a.clicked is not None)
    span = sends[-1] - sends[0] if len(sends) > 1 else 0.0
    store = "one server, SQLite" if args.replicas == 1 else (
        f"{args.replicas} replicas, one PostgreSQL")
    print(f"{len(attendees)} attendees ({store}), due over {args.within:.0f} s, "
          f"at most {args.at_once} at once; wall time {wall:.0f} s")
    print(f"sent: {len(clicked)}/{len(attendees)} pressed Send, over {span:.0f} s "
          f"(first to last press); failed before or at Send: {len(failed)}")
    for who in failed:
        print(f"  {who.name} (replica {who.replica + 1}): " + "; ".join(who.problems))
    print(f"stored: {len(stored)} distinct names; lost {len(lost)}, stored twice "
          f"{len(doubled)}, unknown {len(stranger)}")
    print(f"Send -> stored (the store's own submitted_at): {p50_p95(to_stored)}")
    print(f"Send -> seen by a poller of the store (every {POLL_S:g} s): {p50_p95(to_seen)}")
    print(f"Send -> 'Sent to ...' shown to the attendee: {p50_p95(to_confirmed)}")
    figures = {name: {"p50": quantile(v, 0.5), "p95": quantile(v, 0.95)} if v else None
               for name, v in (("stored", to_stored), ("seen", to_seen),
                               ("confirmed", to_confirmed))}
    if to_stored:
        mode = "" if args.replicas == 1 else f" --replicas {args.replicas}"
        p50, p95 = quantile(to_stored, 0.5), quantile(to_stored, 0.95)
        print("\nREADME row (Performance):")
        how = ("due within" if args.walk_in else "at their results, pressing Send within")
        print(f"| {len(attendees)} attendees {how} {args.within:.0f} s, through the app "
              f"({store}; {args.at_once} browsers filling in at once) | "
              "`python benchmarks/intake_load.py"
              f"{mode}` | {len(clicked)}/{len(attendees)} sent, {len(lost)} lost; Send to "
              f"stored p50 {p50:.2f} s, p95 {p95:.2f} s; sends spread over {span:.0f} s | "
              "none lost | |")
    path = save(f"intake_load_{args.replicas}", {
        "machine": info, "attendees": len(attendees), "replicas": args.replicas,
        "within_s": args.within, "at_once": args.at_once, "wall_s": wall, "send_span_s": span,
        "sent": len(clicked), "failed": [{"name": a.name, "problems": a.problems}
                                         for a in failed],
        "lost": lost, "doubled": doubled, "unknown": stranger, "seconds": figures,
    })
    print(f"wrote {path.relative_to(REPO_ROOT)}")
    return 1 if lost or doubled or stranger else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("attendees", nargs="?", type=int, default=ATTENDEES)
    parser.add_argument("--replicas", type=int, default=1)
    parser.add_argument("--within", type=float, default=WITHIN_S)
    parser.add_argument("--at-once", type=int, default=AT_ONCE)
    parser.add_argument("--walk-in", action="store_true",
                        help="each attendee walks the whole check at its due time, then sends")
    args = parser.parse_args()
    info = print_machine()
    with contextlib.ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="psoas-bench-")))
        if args.replicas == 1:
            url = f"sqlite:///{tmp / 'intake.sqlite3'}"
        else:
            url = stack.enter_context(deploy.throwaway_postgres())
        intake = Intake(url)
        stack.callback(intake.close)
        created = intake.create(TITLE, days=1)
        code = created.workshop.code
        servers = stack.enter_context(deploy.replicas(url, tmp, args.replicas))
        attendees = [Attendee(i, i % args.replicas) for i in range(args.attendees)]
        poller = Poller(intake.unlock(code, created.key))
        poller.start()
        wall = asyncio.run(drive(servers, code, attendees, args.within, args.at_once,
                                 args.walk_in))
        time.sleep(2 * POLL_S)  # one last look for answers stored just now
        poller.stop.set()
        poller.join()
        stored: dict[str, list[datetime]] = {}
        for submission in poller.unlocked.submissions():
            name = submission.document["answers"].get("attendee") or ""
            stored.setdefault(name, []).append(submission.submitted_at.astimezone(UTC))
        logs = "".join(p.read_text(errors="replace") for p in tmp.glob("*.log"))
    status = report(args, attendees, stored, poller.first_seen, wall, info)
    print(f"server logs: {logs.count('Traceback')} tracebacks")
    return status


if __name__ == "__main__":
    sys.exit(main())
