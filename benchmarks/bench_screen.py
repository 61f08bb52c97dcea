"""Screen 100,000 generated roster rows and compare with a plain ``csv`` copy of the file.

Run: ``python benchmarks/bench_screen.py [ROWS]``. Prints figures (medians of 5 interleaved
rounds, with their range); asserts nothing.

Targets (issue 5): screening costs at most 3 times the per-row cost of reading and writing
the same file with the ``csv`` module, and peaks under 400 MiB. The screen is timed the
way the command line runs it: read the file, screen, write the CSV report. Peak memory is
the maximum resident size of a fresh process doing only that (so generating the data does
not count), plus Python's own allocation peak from ``tracemalloc``, and the peak of the
command line itself (``python -m psoas_check screen ROSTER --out FILE``, which streams the
report to the file rather than building it in memory first).
"""

from __future__ import annotations

import csv
import io
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from psoas_check.answers import FIELDS
from psoas_check.export import write_csv
from psoas_check.readers import read_paths
from psoas_check.roster import screen

ROWS = 100_000
ROUNDS = 5
SEED = 20240601
FLAGS = list(FIELDS["red_flags"].options)
AREAS = list(FIELDS["pain_areas"].options)
DURATIONS = list(FIELDS["pain_duration"].options)


def generate(rows: int, seed: int = SEED) -> str:
    """A realistic sign-up export: a timestamp, a question column, every field, some junk."""
    rng = random.Random(seed)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Timestamp", "How did you hear about us?", *FIELDS])

    def maybe(value: str, blank: float = 0.05) -> str:
        return "" if rng.random() < blank else value

    # One value a field, in FIELDS order: a field added without its value here would shift
    # every later column and turn the benchmark into a roster of unreadable cells.
    assert len(FIELDS) == 16, "give the new field a value below, then update this count"
    for i in range(rows):
        name = rng.choice(["", "=", "+", "-", "@"]) if rng.random() < 0.01 else ""
        hours = rng.choice([str(rng.randint(0, 14)), f"{rng.randint(0, 13)}.5", "lots", "30"]
                           if rng.random() < 0.02 else [str(rng.randint(0, 14))])
        areas = rng.sample(AREAS, rng.randint(0, 2))
        flags = rng.sample(FLAGS, 1) if rng.random() < 0.03 else []
        writer.writerow([
            f"2024-06-{1 + i % 28:02d} 09:{i % 60:02d}:00",
            rng.choice(["A friend", "Instagram", "The studio noticeboard", ""]),
            f"{name}Attendee {i:06d}",
            maybe(hours),
            maybe(rng.choice(["rarely", "every_few_hours", "hourly", "Every few hours"])),
            maybe(str(rng.randint(0, 7))),
            maybe(str(rng.randint(0, 10))),
            maybe(rng.choice(["yes", "no", "Y", "n"])),
            maybe(str(rng.choice([0, 0, 5, 10, 15, 20, 30, 40]))),
            maybe(rng.choice(["yes", "no"])),
            maybe("; ".join(areas) or "none"),
            maybe(rng.choice(DURATIONS)),
            maybe(str(rng.randint(0, 10))),
            maybe(rng.choice(["yes", "no"])),
            maybe(rng.choice(["yes", "no"])),
            maybe(rng.choice(["yes", "no", "maybe"]) if rng.random() < 0.01
                  else rng.choice(["yes", "no"])),
            maybe(rng.choice(["yes", "no"])),
            maybe("; ".join(flags) or "none", blank=0.3),
        ])
    return out.getvalue()


#: CPU seconds of this process (user and system) beside the wall clock: on a machine shared
#: with other work, CPU time is what the screen itself cost.
CPU: list[float] = []


def csv_copy(source: Path, target: Path) -> float:
    start, cpu = time.perf_counter(), time.process_time()
    with source.open(newline="", encoding="utf-8") as src, target.open(
        "w", newline="", encoding="utf-8"
    ) as dst:
        csv.writer(dst).writerows(csv.reader(src))
    CPU.append(time.process_time() - cpu)
    return time.perf_counter() - start


def screen_file(source: Path, target: Path) -> tuple[float, float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    sheets = read_paths([source])
    read = time.perf_counter()
    result = screen(sheets)
    screened = time.perf_counter()
    with target.open("w", newline="", encoding="utf-8") as dst:
        write_csv(result.records, dst)
    CPU.append(time.process_time() - cpu)
    return read - start, screened - read, time.perf_counter() - screened


def child(source: str, cli: bool = False) -> None:
    """Screen once in a fresh process (as the command line does, with ``cli``) and print
    its peak resident size in MiB."""
    if cli:
        from psoas_check.cli import main

        main(["screen", source, "--out", str(Path(source).with_suffix(".cli.csv"))])
    else:
        screen_file(Path(source), Path(source).with_suffix(".out.csv"))
    # VmHWM, not ru_maxrss: Linux carries the parent's peak across exec into ru_maxrss.
    with open("/proc/self/status", encoding="ascii") as status:
        print(next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024)


def peak(source: Path, *flags: str) -> float:
    """The peak resident size (MiB) of a fresh process screening ``source``."""
    return float(subprocess.run(
        [sys.executable, __file__, *flags, "--child", str(source)],
        check=True, capture_output=True, text=True,
    ).stdout.strip())


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else ROWS
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "roster.csv"
        source.write_text(generate(rows), encoding="utf-8")
        size = source.stat().st_size / 2**20
        copies: list[float] = []
        runs: list[tuple[float, float, float]] = []
        for _ in range(ROUNDS):  # interleaved, so a burst of load hits both alike
            copies.append(csv_copy(source, Path(folder) / "copy.csv"))
            runs.append(screen_file(source, Path(folder) / "screened.csv"))
        report = (Path(folder) / "screened.csv").stat().st_size / 2**20
        best = min(runs, key=sum)
        totals = [sum(run) for run in runs]
        copy, total = statistics.median(copies), statistics.median(totals)
        ratios = [t / c for t, c in zip(totals, copies, strict=True)]
        copy_cpu, screen_cpu = CPU[0::2], CPU[1::2]  # before the traced run adds one more
        cpu_ratios = [t / c for c, t in zip(copy_cpu, screen_cpu, strict=True)]
        tracemalloc.start()
        screen_file(source, Path(folder) / "screened.csv")
        traced = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        rss, cli_rss = peak(source), peak(source, "--cli")
    per = 1e6 / rows
    print(f"rows: {rows:,} ({size:.1f} MiB of CSV in, {report:.1f} MiB of report out, "
          f"seed {SEED})")
    print(f"csv copy (read + write):   median {copy:.3f} s = {copy * per:.2f} us/row "
          f"(range {min(copies):.3f}-{max(copies):.3f} s, n={ROUNDS})")
    print(f"screen (read+screen+write): median {total:.3f} s = {total * per:.2f} us/row "
          f"(range {min(totals):.3f}-{max(totals):.3f} s, n={ROUNDS}; fastest run: read "
          f"{best[0]:.3f} s, screen {best[1]:.3f} s, write {best[2]:.3f} s)")
    print(f"ratio: {total / copy:.2f}x the csv copy (target at most 3x); per round "
          f"{min(ratios):.2f}-{max(ratios):.2f} (median {statistics.median(ratios):.2f})")
    print(f"cpu time ratio: {statistics.median(cpu_ratios):.2f}x (per round "
          f"{min(cpu_ratios):.2f}-{max(cpu_ratios):.2f}; copy {statistics.median(copy_cpu):.3f} s, "
          f"screen {statistics.median(screen_cpu):.3f} s of CPU)")
    print(f"peak memory: {rss:.0f} MiB resident in a fresh process; "
          f"{traced:.0f} MiB traced Python allocations (target under 400 MiB); "
          f"command line {cli_rss:.0f} MiB")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1:3] == ["--cli", "--child"]:
        child(sys.argv[3], cli=True)
    else:
        main()
