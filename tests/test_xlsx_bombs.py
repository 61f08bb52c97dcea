"""Excel bombs under the 10 MB upload limit: refused early, or read within bounds.

Each workbook is built in ``tmp_path`` (none is committed) and read in a fresh process,
as the app's bounded reader does, which reports its own peak memory from ``VmHWM`` in
``/proc/self/status``. (Not ``ru_maxrss``: Linux carries the parent's peak across
``exec``, so a child of a 511 MiB pytest reported 511 MiB for a file refused in 10 ms.)
The outcome and the memory target (500 MiB) are asserted; the times are printed for the
report, never asserted (speed lives in benchmarks/).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from xlsx_bombs import (
    dimension_bomb,
    largest_roster,
    long_shared_string,
    many_elements,
    many_parts,
    shared_string_bomb,
    unpacked_bomb,
    wide_cells,
)

UPLOAD_LIMIT = 10 * 1024 * 1024
PEAK_LIMIT_MIB = 500
MEASURE = """
import json, resource, sys, time
from psoas_check.errors import InputError
from psoas_check.readers import read_bytes
from psoas_check.roster import screen

name = sys.argv[1]
data = open(name, "rb").read()
start = time.perf_counter()
try:
    outcome = "read %d rows" % screen([read_bytes(name.rsplit("/", 1)[-1], data)]).tally.rows
except InputError as err:
    outcome = "refused: " + str(err)
seconds = time.perf_counter() - start
try:
    with open("/proc/self/status", encoding="ascii") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
except OSError:  # no /proc (macOS): the rusage figure, which may include the parent's
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"outcome": outcome, "seconds": seconds, "peak_mib": peak}))
"""

CASES: list[tuple[str, Callable[[Path], None], str]] = [
    ("dimension", dimension_bomb, "read 1 rows"),
    ("unpacked", unpacked_bomb, "refused: unpacked.xlsx: unpacks to 351 MiB or more"),
    ("shared_string", shared_string_bomb,
     "refused: shared_string.xlsx: part xl/sharedStrings.xml unpacks 229 times larger"),
    ("long_string", long_shared_string,
     "refused: long_string.xlsx: shared text 1 is longer than 32,767 characters"),
    ("many_parts", many_parts, "refused: many_parts.xlsx: holds 5,005 parts"),
    ("wide_cells", lambda p: wide_cells(p, rows=25_000),
     "refused: wide_cells.xlsx: holds more than 2,000,000 cells"),
    ("many_elements", many_elements,
     "refused: many_elements.xlsx: holds more than 5,000,000 XML elements"),
    ("largest", largest_roster, "read 70000 rows"),
]


@pytest.mark.parametrize(("name", "build", "outcome"), CASES, ids=[c[0] for c in CASES])
def test_xlsx_bomb__under_the_upload_limit__refused_or_read_within_memory(
    name: str, build: Callable[[Path], None], outcome: str, tmp_path: Path
) -> None:
    path = tmp_path / f"{name}.xlsx"
    build(path)
    assert path.stat().st_size < UPLOAD_LIMIT

    done = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True,
                          text=True, check=True)

    measured = json.loads(done.stdout)
    print(f"{name}: {path.stat().st_size:,} bytes -> {measured['outcome'][:60]!r} in "
          f"{measured['seconds']:.2f} s, peak {measured['peak_mib']:.0f} MiB")
    assert measured["outcome"].startswith(outcome)
    assert measured["peak_mib"] < PEAK_LIMIT_MIB
