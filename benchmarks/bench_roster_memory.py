"""The app server's peak memory for the largest roster the page accepts, end to end.

Run: ``python benchmarks/bench_roster_memory.py [csv|xlsx|xlsx-largest|csv-ragged|
csv-unreadable ...]`` (default all five). Prints
figures; asserts nothing.

Target (issue 12, point 9): under 500 MiB peak resident memory in the server for any file
the app accepts. One ``streamlit run streamlit_app.py``; a Chromium page opens the roster
page, uploads the file (just under the 10 MB limit), waits until the page has screened it
and shown the table, then the server's ``VmHWM`` (peak resident set) is read from /proc.
The server's idle peak (after the first page load) is printed beside it. Reading, and
screening with the page's table, happen in the worker's child process
(:mod:`psoas_check.roster_job`); what is measured is what the server itself holds: the
sheets, the result and table it gets back, and the page drawing them.

``csv-ragged`` (every row one cell too long, each reported with its row number) was the
costly one: 757 MiB, of which the sheet as unpickled (1.6 million cells as 1.2 million
strings) and a table quoting every row's distinct errors (113 MiB, then converted for the
browser). Equal cells now come back as one string and the table counts an unreadable
row's errors in words many rows share: 341 MiB (the opened attendee and the downloads
still quote every error). What crosses between server and child is packed (pickled,
compressed, read back as a stream): ``csv-unreadable`` (every answer different and
unreadable: 87 MiB of records as a pickle) no longer needs that pickle whole beside it.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from _common import CHROMIUM, CHROMIUM_ARGS, REPO_ROOT, print_machine, save, serve
from bench_isolation import APP, LIMIT_BYTES, server_peak_mib, worst_csv, worst_xlsx
from browser.harness import wait_for_app
from playwright.sync_api import sync_playwright

TARGET_MIB = 500
LARGEST_XLSX_ROWS = 52_000  # 19 cells a row (18 columns and a header) under MAX_CELLS
UPLOAD_TIMEOUT_MS = 180_000


def measure(kind: str, path: Path, folder: Path) -> dict[str, object]:
    """One fresh server: idle peak, then peak after uploading ``path`` and screening it."""
    with sync_playwright() as playwright, serve(APP, folder) as url:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(f"{url}/roster")
            wait_for_app(page)
            port = url.rsplit(":", 1)[1]
            idle = server_peak_mib(port)
            start = time.perf_counter()
            page.get_by_test_id("stMain").get_by_test_id("stFileUploader").first.locator(
                "input[type=file]").set_input_files(str(path))
            wait_for_app(page, UPLOAD_TIMEOUT_MS)
            seconds = time.perf_counter() - start
            # The page screens in the same run as the upload when nothing needs a decision.
            screened = page.get_by_text("Screened", exact=False).count() > 0
            outcome = "screened" if screened else "refused or waiting for a decision"
            peak = server_peak_mib(port)
        finally:
            browser.close()
    print(f"{kind}: {path.stat().st_size / 2**20:.2f} MiB; server peak idle {idle:.0f} MiB, "
          f"after upload {peak:.0f} MiB (target < {TARGET_MIB}); {outcome} in {seconds:.1f} s",
          flush=True)
    return {"idle_mib": idle, "peak_mib": peak, "seconds": seconds, "outcome": outcome}


def ragged_csv(folder: Path) -> Path:
    """The largest CSV with an unquoted comma in every name: every row is kept, reported
    and screened again (the costliest rows to hold)."""
    text = worst_csv(folder).read_text(encoding="utf-8").replace("Attendee ", "Smith, ")
    path = folder / "ragged.csv"
    path.write_text(text[: LIMIT_BYTES - 4096].rsplit("\n", 1)[0] + "\n", encoding="utf-8")
    return path


def unreadable_csv(folder: Path) -> Path:
    """The largest CSV whose every cell is different and no answer reads: each row's
    errors quote their own values (the largest records the server gets back)."""
    header = worst_csv(folder).read_text(encoding="utf-8").split("\n", 1)[0]
    width = header.count(",") + 1
    lines, size, row = [header], len(header), 0
    while size < LIMIT_BYTES * 0.95:
        line = ",".join(f"z{row}{column}" for column in range(width))
        lines.append(line)
        size, row = size + len(line) + 1, row + 1
    path = folder / "unreadable.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main() -> None:
    kinds = sys.argv[1:] or ["csv", "xlsx", "xlsx-largest", "csv-ragged", "csv-unreadable"]
    summary: dict[str, object] = {"machine": print_machine(), "target_mib": TARGET_MIB,
                                  "limit_bytes": LIMIT_BYTES}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        makers = {"csv": lambda: worst_csv(folder), "xlsx": lambda: worst_xlsx(folder),
                  # The largest workbook the reader takes (MAX_CELLS): read, not refused.
                  "xlsx-largest": lambda: worst_xlsx(folder, LARGEST_XLSX_ROWS),
                  "csv-ragged": lambda: ragged_csv(folder),
                  "csv-unreadable": lambda: unreadable_csv(folder)}
        for kind in kinds:
            summary[kind] = measure(kind, makers[kind](), folder)
    path = save("roster_memory", summary)
    print(f"wrote {path.relative_to(REPO_ROOT)}")


if __name__ == "__main__":
    main()
