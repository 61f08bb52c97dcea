"""``python -m psoas_check assess FILE`` against ``python -c "import pydantic"``.

Run: ``python benchmarks/bench_cli.py [ROUNDS]`` (default 15). Prints figures; asserts
nothing.

Target (issue 6): the assess command's wall time is at most 2x the floor's (median of
interleaved runs, each a fresh interpreter), and the command imports neither streamlit nor
pandas. The import check runs the command under ``-X importtime`` and, if a forbidden
module shows up, prints the chain of imports that pulled it in.

What is measured is what an installed copy does: the package's bytecode is compiled first
(pip compiles it on install; a checkout run with PYTHONDONTWRITEBYTECODE=1 would otherwise
recompile every module on every run, about 150 M instructions more), and the warm-up runs
leave the rules cache (``psoas_check.rules_cache``) written, as any earlier run would.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import REPO_ROOT, fmt_ms, print_machine, ratio_report, save, spread, verdict

TARGET = 2.0
ROUNDS = 15
WARMUP = 2
FORBIDDEN = ("streamlit", "pandas")
# A realistic summary, as the app downloads it (schema and answers; assessment omitted).
SUMMARY = """{
  "schema": "psoas-check/answers@1",
  "answers": {
    "attendee": "Sam", "sitting_hours": 9, "stretch_breaks": "rarely", "exercise_days": 1,
    "stress_level": 8, "money_stress": true, "abdominal_excess_lb": 20, "back_fatigue": true,
    "pain_areas": ["low_back", "hip_front"], "pain_lying_on_back": true,
    "knee_discomfort_sitting": false, "balance_difficulty": true,
    "arms_overhead_difficulty": false, "red_flags": []
  }
}
"""


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=REPO_ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def import_chains(command: list[str]) -> tuple[list[str], dict[str, list[str]]]:
    """Every module the command imports, and for each forbidden one the chain to it.

    ``-X importtime`` prints a module after everything it imported, one indent deeper per
    level, so a module's importer is the next line at one level less.
    """
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *command[1:]],
        cwd=REPO_ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    rows: list[tuple[int, str]] = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        name_part = line.rsplit("|", 1)[1]
        if name_part.strip() == "package":  # the header line
            continue
        depth = (len(name_part) - len(name_part.lstrip(" ")) - 1) // 2
        rows.append((depth, name_part.strip()))
    modules = [name for _, name in rows]
    chains: dict[str, list[str]] = {}
    for index, (depth, name) in enumerate(rows):
        top = name.split(".")[0]
        if top not in FORBIDDEN or top in chains:
            continue
        chain, want = [name], depth - 1
        for later_depth, later_name in rows[index + 1 :]:
            if want < 0:
                break
            if later_depth == want:
                chain.append(later_name)
                want -= 1
        chain.reverse()  # importer first; stop at the first module of the forbidden package
        first = next(i for i, mod in enumerate(chain) if mod.split(".")[0] == top)
        chains[top] = chain[: first + 1]
    return modules, chains


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else ROUNDS
    info = print_machine()
    with tempfile.TemporaryDirectory() as tmp:
        summary = Path(tmp) / "summary.json"
        summary.write_text(SUMMARY, encoding="utf-8")
        subject = [sys.executable, "-m", "psoas_check", "assess", str(summary)]
        floor = [sys.executable, "-c", "import pydantic"]
        # Not the target's floor, shown beside it: ``import pydantic`` is lazy and loads
        # none of the model machinery that any pydantic program needs.
        model_floor = [sys.executable, "-c", "from pydantic import BaseModel"]

        # Bytecode as an installed package has it (written to __pycache__, git-ignored).
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(REPO_ROOT / "src" / "psoas_check")],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        for _ in range(WARMUP):
            for command in (subject, floor, model_floor):
                timed(command)
        modules, chains = import_chains(subject)  # as measured: the rules cache is warm
        subject_times: list[float] = []
        floor_times: list[float] = []
        model_times: list[float] = []
        for i in range(rounds):  # interleaved, rotating which goes first
            trio = [(subject, subject_times), (floor, floor_times), (model_floor, model_times)]
            for command, times in trio[i % 3 :] + trio[: i % 3]:
                times.append(timed(command))

    s, f = spread(subject_times), spread(floor_times)
    ratio = ratio_report(subject_times, floor_times)
    print(f"assess one summary    {fmt_ms(s)}")
    print(f"import pydantic       {fmt_ms(f)}")
    m = spread(model_times)
    print(f"(beside it, not the target) from pydantic import BaseModel  {fmt_ms(m)}")
    print(
        f"ratio {verdict(ratio['ratio_of_medians'], TARGET)}; per-round ratios "
        f"{ratio['per_round_min']:.2f}-{ratio['per_round_max']:.2f} "
        f"(median {ratio['per_round_median']:.2f})"
    )
    print(f"assess vs BaseModel import: {s['median'] / m['median']:.2f}x (information only)")
    print(f"modules imported by assess: {len(modules)}; pydantic among them: "
          f"{'yes' if 'pydantic' in modules else 'no'} (information only)")
    for top in FORBIDDEN:
        if top in chains:
            print(f"imports {top}: YES, via " + " -> ".join(chains[top]))
        else:
            print(f"imports {top}: no")
    path = save(
        "cli",
        {
            "machine": info,
            "subject": "python -m psoas_check assess summary.json",
            "floor": 'python -c "import pydantic"',
            "subject_s": s,
            "floor_s": f,
            "basemodel_import_s": m,
            "ratio": ratio,
            "target": TARGET,
            "pass": ratio["ratio_of_medians"] <= TARGET and not chains,
            "forbidden_imports": chains,
            "module_count": len(modules),
            "imports_pydantic": "pydantic" in modules,
        },
    )
    print(f"wrote {path.relative_to(REPO_ROOT)}")


if __name__ == "__main__":
    main()
