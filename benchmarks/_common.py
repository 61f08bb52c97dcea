"""Shared helpers for the benchmarks: summary statistics, the machine, and result files.

Benchmarks here are measured, never asserted: each prints its figures (a subject against
a floor measured in the same run) and writes them to ``benchmarks/results/NAME.json``
(git-ignored).
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"

# The browser tests' way of serving the app and launching Chromium, shared so the figures
# here come from the same set-up the tests prove.
sys.path.insert(0, str(REPO_ROOT / "tests"))
from browser.server import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "serve"]


def quantile(values: Sequence[float], q: float) -> float:
    """The ``q`` quantile (0..1) by linear interpolation; a single value is its own."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = q * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def spread(values: Sequence[float]) -> dict[str, float]:
    """Median with its interquartile range and extremes."""
    return {
        "n": len(values),
        "median": statistics.median(values),
        "p25": quantile(values, 0.25),
        "p75": quantile(values, 0.75),
        "min": min(values),
        "max": max(values),
    }


def fmt_ms(stats: dict[str, float]) -> str:
    """``12.3 ms (IQR 11.9-13.0, range 11.5-15.2, n=40)`` from seconds."""
    return (
        f"{stats['median'] * 1000:7.1f} ms  (IQR {stats['p25'] * 1000:.1f}-"
        f"{stats['p75'] * 1000:.1f}, range {stats['min'] * 1000:.1f}-"
        f"{stats['max'] * 1000:.1f}, n={stats['n']})"
    )


def ratio_report(subject: Sequence[float], floor: Sequence[float]) -> dict[str, float]:
    """Ratio of medians, and the spread of the per-round ratios (rounds paired ABAB)."""
    per_round = [s / f for s, f in zip(subject, floor, strict=True)]
    return {
        "ratio_of_medians": statistics.median(subject) / statistics.median(floor),
        "per_round_median": statistics.median(per_round),
        "per_round_min": min(per_round),
        "per_round_max": max(per_round),
    }


def verdict(ratio: float, target: float) -> str:
    return f"{ratio:.2f}x (target <= {target:g}x): {'PASS' if ratio <= target else 'MISS'}"


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    try:
        load = os.getloadavg()
    except OSError:  # pragma: no cover - not on every platform
        load = (float("nan"),) * 3
    return {
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "processor": _cpu_model(),
        "python": sys.version.split()[0],
        "loadavg_at_start": [round(x, 2) for x in load],
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def print_machine() -> dict[str, Any]:
    info = machine()
    print(
        f"machine: {info['platform']}; {info['cpu_count']} CPUs ({info['processor']}); "
        f"Python {info['python']}; load average {info['loadavg_at_start']}"
    )
    return info


def save(name: str, data: dict[str, Any]) -> Path:
    """Write ``benchmarks/results/NAME.json`` and return its path."""
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    path.write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")
    return path

