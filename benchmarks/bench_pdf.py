"""Time building a typical person's PDF summary, warm: ``python benchmarks/bench_pdf.py``.

Measured, never asserted. The target is under 50 ms per build once warm, so the app can
build the download on click without a noticeable wait. Uses the shipped rules/ folder.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from datetime import date

from psoas_check.answers import parse_answers
from psoas_check.assess import assess
from psoas_check.pdf import to_pdf
from psoas_check.rules import default_rules

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 50
TYPICAL = {
    "attendee": "Ana 😀 Ünal",
    "sitting_hours": 9,
    "stretch_breaks": "rarely",
    "exercise_days": 1,
    "stress_level": 7,
    "abdominal_excess_lb": 20,
    "back_fatigue": "yes",
    "pain_areas": "low_back;hip_front",
}


def main() -> None:
    ruleset = default_rules()
    parsed = parse_answers(TYPICAL)
    result = assess(parsed.answers, ruleset, parsed.errors)
    today = date(2024, 5, 6)
    data = to_pdf(parsed.answers, result, ruleset, today)  # warm-up: imports, font metrics
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        to_pdf(parsed.answers, result, ruleset, today)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    p25, p75 = times[len(times) // 4], times[(3 * len(times)) // 4]
    print(f"machine: {platform.platform()}, {platform.machine()}, "
          f"python {platform.python_version()}, {os.cpu_count()} cpus")
    print(f"to_pdf typical summary ({len(data):,} bytes, {len(result.suggestions)} suggestions), "
          f"{RUNS} warm runs: median {statistics.median(times):.1f} ms (IQR {p25:.1f}-{p75:.1f}, "
          f"range {times[0]:.1f}-{times[-1]:.1f}), p95 {p95:.1f} ms (target < 50 ms)")


if __name__ == "__main__":
    main()
