"""A second visitor's page load while someone uploads a worst-case roster, against idle.

Run: ``python benchmarks/bench_isolation.py [ROUNDS]`` (default 6). Prints figures;
asserts nothing.

Target (issue 12, point 11): while one session's upload is being read, another session's
self-check becomes usable within 1.5x the time it takes on an idle server. One
``streamlit run streamlit_app.py``; the measured visit is bench_startup's: a fresh
Chromium context, from navigation until the first question's checkbox is usable and the
app has stayed idle 250 ms. Each round measures, in rotating order:

- ``idle``: nobody else is using the server;
- ``csv``: a second process (its own Chromium) keeps uploading the largest CSV the page
  accepts (just under the 10 MB limit, 100,000 rows) to the roster page, one upload after
  another, for the whole measured visit;
- ``xlsx``: the same with a workbook just under the limit (about 400,000 rows): reading
  it takes minutes, so each upload runs the reader to its time limit and is refused.

First, without a browser: the CPU time the server's own thread spends on one upload,
read in process (as before the worker) and through :mod:`psoas_check.worker`; thread
CPU time hardly depends on other load, so this before/after holds on a busy machine.
Also printed: the server's peak resident memory (``VmHWM``) over the whole run. Reading
and, once the columns are matched, screening and building the table happen in the child
(:mod:`psoas_check.roster_job`); what the server still holds is each session's sheets,
result and table, and the drawing of the page.
"""

from __future__ import annotations

import csv
import io
import select
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from _common import (
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
from bench_screen import generate
from bench_startup import SELECTORS, time_to_usable
from browser.harness import wait_for_app
from playwright.sync_api import sync_playwright

TARGET = 1.5
ROUNDS = 6
LIMIT_BYTES = 10 * 2**20  # server.maxUploadSize in .streamlit/config.toml
CSV_ROWS = 100_000
XLSX_ROWS = 360_000  # 18 columns a row: just under the upload limit
UPLOAD_TIMEOUT_MS = 120_000
APP = REPO_ROOT / "streamlit_app.py"
_NS = "http://schemas.openxmlformats.org"
_PARTS = {
    "[Content_Types].xml": (
        f'<Types xmlns="{_NS}/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{_NS}/package/2006/relationships"><Relationship Id="rId1" '
        f'Type="{_NS}/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'<workbook xmlns="{_NS}/spreadsheetml/2006/main" '
        f'xmlns:r="{_NS}/officeDocument/2006/relationships"><sheets>'
        '<sheet name="Roster" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{_NS}/package/2006/relationships"><Relationship Id="rId1" '
        f'Type="{_NS}/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}


def worst_csv(folder: Path) -> Path:
    """The bench_screen roster, as many rows as fit under the upload limit."""
    path = folder / "largest.csv"
    text = generate(CSV_ROWS)
    while len(text.encode("utf-8")) >= LIMIT_BYTES * 0.95:  # drop rows until it is accepted
        text = text[: text.rindex("\n", 0, len(text) * 19 // 20) + 1]
    path.write_text(text, encoding="utf-8")
    return path


def worst_xlsx(folder: Path, rows_wanted: int = XLSX_ROWS) -> Path:
    """A workbook of the same roster's rows (inline strings), just under the upload limit."""
    rows = csv.reader(io.StringIO(generate(rows_wanted)))
    sheet = [f'<worksheet xmlns="{_NS}/spreadsheetml/2006/main"><sheetData>']
    for row in rows:
        cells = "".join(f'<c t="inlineStr"><is><t>{escape(v)}</t></is></c>' for v in row)
        sheet.append(f"<row>{cells}</row>")
    sheet.append("</sheetData></worksheet>")
    path = folder / f"rows-{rows_wanted}.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, body in _PARTS.items():
            book.writestr(name, body)
        book.writestr("xl/worksheets/sheet1.xml", "".join(sheet))
    return path


def server_cpu(folder: Path, csv_path: Path) -> dict[str, dict[str, float]]:
    """CPU the server's own thread spends per upload, in process vs through the worker.

    Thread CPU time barely moves with other processes' load, so this compares before and
    after the worker even on a busy machine. Reading alone for both files (the workbook is
    a 20,000-row one: read in process, the near-limit one would take minutes), then what
    the roster page does for the CSV: read, screen and build its table.
    """
    from psoas_check.readers import read_bytes
    from psoas_check.roster import screen
    from psoas_check.roster_job import read_bounded, screen_bounded
    from psoas_check.roster_table import result_table
    from psoas_check.rules import default_rules

    rules = default_rules()

    def screened_here(name: str, data: bytes) -> object:
        return result_table(screen([read_bytes(name, data)], None, rules))

    def screened_by_worker(name: str, data: bytes) -> object:
        return screen_bounded([read_bounded(name, data)], None, rules)

    xlsx_path = worst_xlsx(folder, 20_000)
    read_bounded("warm-up.csv", b"attendee\nA\n")  # starts the worker's helper
    figures: dict[str, dict[str, float]] = {}
    cases = [(path, how, read) for path in (csv_path, xlsx_path)
             for how, read in (("in process", read_bytes), ("worker", read_bounded))]
    cases += [(csv_path, "read and screened in process", screened_here),
              (csv_path, "read and screened by the worker", screened_by_worker)]
    for path, how, call in cases:
        data = path.read_bytes()
        samples = []
        for _ in range(3):
            start = time.thread_time()
            call(path.name, data)
            samples.append(time.thread_time() - start)
        key = f"{path.name} ({len(data) / 2**20:.1f} MiB) {how}"
        figures[key] = spread(samples)
        print(f"  server thread CPU, {key}: {fmt_ms(figures[key])}", flush=True)
    return figures


def uploader(url: str, path: str) -> None:
    """Child process: on "start" upload ``path`` again and again until "stop" (stdin)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{url}/roster")
        wait_for_app(page)
        print("ready", flush=True)
        for command in sys.stdin:
            if command.strip() != "start":
                break
            uploads = 0
            while True:
                page.get_by_test_id("stMain").get_by_test_id("stFileUploader").first.locator(
                    "input[type=file]"
                ).set_input_files(path)
                if uploads == 0:
                    print("uploading", flush=True)
                wait_for_app(page, UPLOAD_TIMEOUT_MS)
                uploads += 1
                if _stop_requested():
                    break
            print(f"stopped {uploads}", flush=True)
        browser.close()


def _stop_requested() -> bool:
    ready, _, _ = select.select([sys.stdin], [], [], 0)
    return bool(ready) and sys.stdin.readline().strip() == "stop"


def server_peak_mib(port: str) -> float | None:
    """VmHWM of the ``streamlit run`` serving ``port`` (found in /proc), in MiB."""
    for proc in Path("/proc").iterdir():
        try:
            command = (proc / "cmdline").read_bytes().split(b"\0")
            if b"streamlit" in b" ".join(command) and port.encode() in command:
                for line in (proc / "status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            continue
    return None


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else ROUNDS
    info = print_machine()
    times: dict[str, list[float]] = {"idle": [], "csv": [], "xlsx": []}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        folder = Path(tmp)
        files = {"csv": worst_csv(folder), "xlsx": worst_xlsx(folder)}
        for kind, path in files.items():
            size = path.stat().st_size
            print(f"{kind}: {path.name}, {size / 2**20:.2f} MiB (limit {LIMIT_BYTES / 2**20:g})")
        print("CPU the server's own thread spends reading one upload (3 reads each):")
        cpu = server_cpu(folder, files["csv"])
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            with serve(APP, folder) as url:
                time_to_usable(browser, url, SELECTORS["app"])  # first session: imports
                uploaders = {kind: _start_uploader(url, path) for kind, path in files.items()}
                try:
                    for i in range(rounds):
                        order = list(times)[i % 3 :] + list(times)[: i % 3]
                        for case in order:
                            times[case].append(_visit(browser, url, uploaders.get(case)))
                        print(f"  round {i + 1}/{rounds}: " + ", ".join(
                            f"{c} {times[c][-1] * 1000:.0f} ms" for c in times), flush=True)
                finally:
                    for process in uploaders.values():
                        _finish(process)
                peak = server_peak_mib(url.rsplit(":", 1)[1])
        finally:
            browser.close()

    summary: dict[str, object] = {"machine": info, "target": TARGET, "rounds": rounds}
    print(f"idle:   {fmt_ms(spread(times['idle']))}")
    for case in ("csv", "xlsx"):
        ratio = ratio_report(times[case], times["idle"])
        summary[case] = {"seconds": spread(times[case]), "ratio": ratio}
        print(f"{case}:   {fmt_ms(spread(times[case]))}")
        print(f"  {case} vs idle {verdict(ratio['ratio_of_medians'], TARGET)}; per-round "
              f"{ratio['per_round_min']:.2f}-{ratio['per_round_max']:.2f}")
    summary["idle"] = {"seconds": spread(times["idle"])}
    summary["server_peak_mib"] = peak
    summary["server_thread_cpu_s"] = cpu
    print(f"server peak resident memory over the run: {peak:.0f} MiB" if peak else
          "server peak resident memory: not found")
    path = save("isolation", summary)
    print(f"wrote {path.relative_to(REPO_ROOT)}")


def _start_uploader(url: str, path: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, __file__, "--upload", url, str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert process.stdout is not None
    if process.stdout.readline().strip() != "ready":
        raise SystemExit("the uploading browser did not open the roster page")
    return process


def _visit(browser: object, url: str, busy: subprocess.Popen[str] | None) -> float:
    """One measured visit; with ``busy``, while that uploader keeps uploading."""
    if busy is None:
        return time_to_usable(browser, url, SELECTORS["app"])  # type: ignore[arg-type]
    assert busy.stdin is not None
    assert busy.stdout is not None
    busy.stdin.write("start\n")
    busy.stdin.flush()
    busy.stdout.readline()  # "uploading": the file is on its way to the server
    time.sleep(0.3)  # let the transfer finish and the read begin
    try:
        return time_to_usable(browser, url, SELECTORS["app"])  # type: ignore[arg-type]
    finally:
        busy.stdin.write("stop\n")
        busy.stdin.flush()
        busy.stdout.readline()  # "stopped N": its current upload has been answered


def _finish(process: subprocess.Popen[str]) -> None:
    if process.stdin is not None:
        process.stdin.close()
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--upload":
        uploader(sys.argv[2], sys.argv[3])
    else:
        main()
