"""The live dashboard's refresh at 500 submissions against the roster page drawing the same table.

Run: ``python benchmarks/intake_dashboard.py [SUBMISSIONS] [ROUNDS] [RERUNS]`` (defaults 500,
10 and 5). Prints figures and a README-ready table; asserts nothing.

Issue 11 asks what the teacher's live view costs the server each time it refreshes itself
(a fragment rerun every few seconds, per open dashboard) when a workshop is full. Three
subjects, each an ``AppTest.run()`` of a two-line script calling one page function, as
``bench_rerun.py`` times the self-check:

- **dashboard**: ``workshop_dashboard.show_dashboard()`` with the workshop open in the
  session. It draws nothing but the live fragment, so a rerun of it is exactly the work a
  fragment refresh does: re-read the count and each answer's id and last change, notice
  nothing changed (nothing is decrypted, the screen is kept), and draw the roster view.
- **roster page**: ``roster_page.render()`` after the same 500 JSON summaries were
  uploaded and screened there, as a teacher would without the workshop: the floor.
- **table alone**: ``roster_view.show_roster()`` with the same screen, nothing else.

Beside them, the store's share, timed directly: ``Unlocked.refresh()`` (what every quiet
refresh costs) and ``Unlocked.submissions()`` from cold (one fetch and 500 sealed-box
decryptions, paid once when the teacher opens the workshop; later only what arrived or
changed is unsealed).
Rounds interleave the subjects, rotating which goes first. The workshop lives in a SQLite
file in a temporary folder (``PSOAS_DATABASE_URL`` points there for the run).
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import REPO_ROOT, fmt_ms, print_machine, ratio_report, save, spread
from streamlit.testing.v1 import AppTest

from psoas_check.answers import FIELDS, Answers
from psoas_check.assess import assess
from psoas_check.intake import Intake, Limits, Unlocked, screen_submissions
from psoas_check.report import summary_document
from psoas_check.rules import default_rules
from psoas_check.ui import roster_state
from psoas_check.ui.workshop_dashboard import OPEN

SUBMISSIONS = 500
ROUNDS = 10
RERUNS = 5
TIMEOUT_S = 120
DASHBOARD = "from psoas_check.ui.workshop_dashboard import show_dashboard\n\nshow_dashboard()\n"
ROSTER = "from psoas_check.ui.roster_page import render\n\nrender()\n"
TABLE = "from psoas_check.ui.roster_view import show_roster\n\nshow_roster({args})\n"
TABLE_ARGS = "st.session_state['bench_result'], st.session_state['bench_table']"
FLAGS = list(FIELDS["red_flags"].options)
# Filling the workshop and screening outside a script run makes Streamlit warn, once per
# call, that there is no ScriptRunContext: true and harmless here, so not printed.
# (A filter, not a level: AppTest resets Streamlit's log levels when it starts.)
logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
    lambda record: "ScriptRunContext" not in record.getMessage()
)
AREAS = list(FIELDS["pain_areas"].options)


def document(i: int) -> dict[str, Any]:
    """Attendee ``i``'s summary, as the app sends it: answers differ from one to the next."""
    flags = {FLAGS[i % len(FLAGS)]} if i % 10 == 0 else set()
    answers = Answers(
        attendee=f"Attendee {i:03d}",
        sitting_hours=float(2 + i % 12),
        stretch_breaks=("rarely", "every_few_hours", "hourly")[i % 3],
        exercise_days=i % 8,
        stress_level=i % 11,
        back_fatigue=i % 2 == 0,
        pain_areas=frozenset(AREAS[: i % 3]),
        balance_difficulty=i % 5 == 0,
        red_flags=frozenset(flags),
    )
    return summary_document(answers, assess(answers))


def fill(intake: Intake, count: int) -> tuple[str, Unlocked]:
    """A workshop holding ``count`` submissions; returns its code and the opened workshop."""
    created = intake.create("Benchmark class", days=1)
    code = created.workshop.code
    for i in range(count):
        intake.submit(code, document(i))
    return code, intake.unlock(code, created.key)


def dashboard_app(unlocked: Unlocked) -> AppTest:
    at = AppTest.from_string(DASHBOARD, default_timeout=TIMEOUT_S)
    at.session_state[OPEN] = unlocked
    return at.run()  # the first run screens and keeps the screen, as the live view does


def roster_app(unlocked: Unlocked) -> AppTest:
    """The roster page with the workshop's summaries uploaded as JSON files and screened."""
    files = [(f"arrival-{i:03d}.json", _json(s.document), "application/json")
             for i, s in enumerate(unlocked.submissions(), start=1)]
    at = AppTest.from_string(ROSTER, default_timeout=TIMEOUT_S).run()
    at.file_uploader[0].set_value(files).run()
    if roster_state.RESULT not in at.session_state:
        at.button(key="roster_screen").click().run()
    return at


def table_app(unlocked: Unlocked) -> AppTest:
    result = screen_submissions(unlocked.submissions(), default_rules())
    at = AppTest.from_string(
        "import streamlit as st\n" + TABLE.format(args=TABLE_ARGS), default_timeout=TIMEOUT_S
    )
    at.session_state["bench_result"] = result
    at.session_state["bench_table"] = roster_state.result_table(result)
    return at.run()


def _json(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def rerun_time(at: AppTest, reruns: int) -> float:
    """Mean seconds per ``AppTest.run()`` over ``reruns`` runs with nothing changed."""
    start = time.perf_counter()
    for _ in range(reruns):
        at.run()
    if at.exception:
        raise RuntimeError(f"the page raised: {at.exception[0].message}")
    return (time.perf_counter() - start) / reruns


def store_time(step: Callable[[], object], reruns: int) -> float:
    """Mean seconds per call of one store step."""
    start = time.perf_counter()
    for _ in range(reruns):
        step()
    return (time.perf_counter() - start) / reruns


def rows_drawn(at: AppTest) -> int:
    """How many rows the roster view's table holds (proof both draw the same table)."""
    return len(at.dataframe[0].value) if at.dataframe else 0


def main() -> None:
    args = [int(a) for a in sys.argv[1:4]]
    count, rounds, reruns = (args + [SUBMISSIONS, ROUNDS, RERUNS][len(args):])[:3]
    info = print_machine()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'intake.sqlite3'}"
        os.environ["PSOAS_DATABASE_URL"] = url
        intake = Intake(url, limits=Limits(max_submissions=max(count, 1)))
        code, unlocked = fill(intake, count)
        apps = {"dashboard": dashboard_app(unlocked), "roster page": roster_app(unlocked),
                "table alone": table_app(unlocked)}
        drawn = {name: rows_drawn(at) for name, at in apps.items()}
        def decrypt_all() -> object:
            unlocked.forget()  # as on a first open: every answer unsealed
            return unlocked.submissions()

        steps: dict[str, Callable[[], object]] = {"refresh": unlocked.refresh,
                                                  "decrypt": decrypt_all}
        times: dict[str, list[float]] = {name: [] for name in [*apps, *steps]}
        jobs: list[tuple[str, AppTest | Callable[[], object]]] = [*apps.items(),
                                                                  *steps.items()]
        for i in range(rounds):
            for name, job in jobs[i % len(jobs):] + jobs[: i % len(jobs)]:
                seconds = (rerun_time(job, reruns) if isinstance(job, AppTest)
                           else store_time(job, reruns))
                times[name].append(seconds)
        intake.close()
    stats = {name: spread(values) for name, values in times.items()}
    ratio = ratio_report(times["dashboard"], times["roster page"])
    print(f"workshop {code} with {count} submissions; rows drawn: "
          + ", ".join(f"{name} {rows}" for name, rows in drawn.items()))
    for name in ("dashboard", "roster page", "table alone", "refresh", "decrypt"):
        label = {"refresh": "store: quiet refresh", "decrypt": "store: decrypt all"}.get(
            name, name + " rerun")
        print(f"{label:26s} {fmt_ms(stats[name])}")
    print(f"dashboard refresh / roster page rerun: {ratio['ratio_of_medians']:.2f}x "
          f"(per round {ratio['per_round_min']:.2f}-{ratio['per_round_max']:.2f})")
    ms = {name: s["median"] * 1000 for name, s in stats.items()}
    print("\nREADME row (Performance):")
    print(f"| Live dashboard refresh at {count} submissions vs the roster page drawing the "
          f"same table (AppTest rerun) | `python benchmarks/intake_dashboard.py` | "
          f"{ms['dashboard']:.0f} vs {ms['roster page']:.0f} ms: "
          f"**{ratio['ratio_of_medians']:.2f}x** (per round {ratio['per_round_min']:.2f}-"
          f"{ratio['per_round_max']:.2f}; the store's quiet refresh {ms['refresh']:.0f} ms, "
          f"decrypting all {count} on opening {ms['decrypt']:.0f} ms; the table alone "
          f"{ms['table alone']:.0f} ms) | "
          "measured | |")
    path = save("intake_dashboard", {
        "machine": info, "submissions": count, "rounds": rounds, "reruns": reruns,
        "rows_drawn": drawn, "seconds": stats, "ratio": ratio,
    })
    print(f"wrote {path.relative_to(REPO_ROOT)}")


if __name__ == "__main__":
    main()
