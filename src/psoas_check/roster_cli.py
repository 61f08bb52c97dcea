"""Command-line ``screen`` and ``template`` (contract section 4).

Example::

    $ python -m psoas_check screen signups.csv --map 'Your name=attendee' > screened.csv
    screened 12 rows (2 urgent, 1 see_clinician, 3 invalid, 0 incomplete, 4 caution, 2 ok); ...
    $ python -m psoas_check template --out roster.xlsx
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .roster import ScreenRecord

__all__ = ["FILE_KEY", "PROGRESS_ROWS", "add_commands", "cmd_screen", "cmd_template",
           "with_files", "write_report"]

#: Rosters at least this long get a progress bar (when standard error is a terminal).
PROGRESS_ROWS = 20_000
#: The column (and JSON key) naming each record's file when several are screened.
FILE_KEY = "file"
BAR = 30


def add_commands(sub: Any) -> None:
    """Register the roster sub-commands on the main parser."""
    p = sub.add_parser("screen", help="screen a roster: CSV, Excel, JSON summaries or a folder")
    p.add_argument("rosters", nargs="+", metavar="ROSTER")
    p.add_argument("--map", action="append", default=[], metavar="HEADER=field",
                   help="read the column HEADER as field (HEADER= ignores it); repeatable")
    p.add_argument("--format", choices=["csv", "json"], default="csv")
    p.add_argument("--out", metavar="FILE")
    p.set_defaults(run=cmd_screen)

    t = sub.add_parser("template", help="write a blank roster template (CSV, or Excel for .xlsx)")
    t.add_argument("--out", metavar="FILE")
    t.set_defaults(run=cmd_template)


class _Bar:
    """A one-line progress bar on standard error, drawn only for large rosters."""

    def __init__(self) -> None:
        self.shown = -1

    def __call__(self, fraction: float, message: str) -> None:
        percent = int(fraction * 100)
        if percent == self.shown:
            return
        self.shown = percent
        filled = BAR * percent // 100
        bar = "#" * filled + "." * (BAR - filled)
        sys.stderr.write(f"\r[{bar}] {percent:3d}% {message[:40]:<40}")
        sys.stderr.flush()

    def close(self) -> None:
        if self.shown >= 0:
            sys.stderr.write("\r" + " " * (BAR + 48) + "\r")
            sys.stderr.flush()


def cmd_screen(args: argparse.Namespace) -> int:
    from .cli import _write
    from .export import to_json
    from .readers import parse_mapping, read_paths
    from .roster import screen

    mapping = parse_mapping(args.map)
    sheets = read_paths(args.rosters, mapping)
    bar = _Bar() if sum(s.rows for s in sheets) >= PROGRESS_ROWS and sys.stderr.isatty() else None
    try:
        result = screen(sheets, mapping, progress=bar)
    finally:
        if bar:
            bar.close()
    if result.several_files:
        _write(with_files(result.records, args.format), args.out)
    elif args.format == "json":
        _write(to_json(result.records), args.out)
    else:
        write_report(result.records, args.out)
    print(result.tally.line(), file=sys.stderr)
    return 0


def write_report(records: Sequence[ScreenRecord], out: str | None) -> None:
    """Stream the CSV report to ``out`` (or standard output) as it is made.

    The report is many times the roster's size (every row carries its cautions and care
    points), so it is written a chunk at a time rather than built as one string first.
    """
    from .errors import InputError
    from .export import write_csv

    if out is None:
        write_csv(records, sys.stdout)
        return
    try:
        with open(out, "w", encoding="utf-8", newline="") as stream:
            write_csv(records, stream)
    except OSError as err:
        raise InputError(f"{out}: cannot be written ({err.strerror or err})") from err


def with_files(records: Sequence[ScreenRecord], form: str) -> str:
    """The records with the file (and worksheet) each came from, after the contract's keys.

    Used when several files are screened at once, so that "row 12, urgent" can be found.
    """
    import csv
    import io
    import json

    from .export import record_cells, safe_cell
    from .roster import EXTRA_KEYS, RECORD_KEYS

    if form == "json":
        rows = [{**r.to_dict(), FILE_KEY: r.source} for r in records]
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*RECORD_KEYS, *EXTRA_KEYS, FILE_KEY])
    writer.writerows([*record_cells(r), safe_cell(r.source)] for r in records)
    return buffer.getvalue()


def cmd_template(args: argparse.Namespace) -> int:
    from .cli import _write
    from .template import template_csv, template_xlsx

    if args.out and args.out.lower().endswith(".xlsx"):
        _write(template_xlsx(), args.out)
    else:
        _write(template_csv(), args.out)
    return 0
