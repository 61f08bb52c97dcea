"""Command-line ``intake`` (contract section 6): create, submit, export, delete, purge.

Example::

    $ python -m psoas_check intake create --title "Saturday hips" --format json
    {"code": "K7QM9XRT", "key": "ABCD-...", "expires": "...", "link": "/?workshop=K7QM9XRT"}
    $ python -m psoas_check intake submit K7QM9XRT my-summary.json
    $ python -m psoas_check intake export K7QM9XRT --key ABCD-... --format csv > class.csv

Every refusal (wrong key, unknown or expired code, unreadable file) is exit 2 with one
line. Only ``export`` loads pandas (through the roster path); nothing loads Streamlit.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from .errors import InputError

__all__ = ["add_commands", "export_csv", "export_json"]

KEY_HELP = ("the teacher's key shown at creation; '-' reads it from standard input, "
            "which keeps it out of the process list and the shell's history")


def add_commands(sub: Any) -> None:
    """Register ``intake`` and its sub-commands on the main parser."""
    from .cli import _Parser

    intake = sub.add_parser("intake", help="live workshop intake: create, submit, export, ...")
    commands = intake.add_subparsers(dest="intake_command", required=True, parser_class=_Parser)

    def command(name: str, text: str) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = commands.add_parser(name, help=text)
        parser.add_argument("--db", metavar="URL",
                            help="database URL (default: $PSOAS_DATABASE_URL, else a SQLite "
                                 "file in your data folder)")
        return parser

    p = command("create", "open a workshop; prints its code and the teacher's key (once)")
    p.add_argument("--title", required=True)
    p.add_argument("--days", type=int, default=14, help="days the answers are kept (1 to 365)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(run=cmd_create)

    p = command("submit", "send one answers file to a workshop, as the app does")
    p.add_argument("code", metavar="CODE")
    p.add_argument("answers", metavar="ANSWERS.json")
    p.set_defaults(run=cmd_submit)

    p = command("export", "write a workshop's submissions as screen records")
    p.add_argument("code", metavar="CODE")
    p.add_argument("--key", required=True, help=KEY_HELP)
    p.add_argument("--format", choices=["csv", "json"], default="csv")
    p.add_argument("--out", metavar="FILE")
    p.set_defaults(run=cmd_export)

    p = command("delete", "delete a workshop and its submissions now")
    p.add_argument("code", metavar="CODE")
    p.add_argument("--key", required=True, help=KEY_HELP)
    p.set_defaults(run=cmd_delete)

    p = command("purge", "delete every workshop that expired before a time (default now)")
    p.add_argument("--as-of", dest="as_of", metavar="ISO-8601")
    p.set_defaults(run=cmd_purge)


def _intake(args: argparse.Namespace, *, purge_on_start: bool = True) -> Any:
    from .intake import Intake

    return Intake(args.db, purge_on_start=purge_on_start)


def _key(given: str) -> str:
    """``--key``, or with ``--key -`` the first line of standard input."""
    if given != "-":
        return given
    line = sys.stdin.readline(200).strip()  # a key is 39 characters: no need to read more
    if not line:
        raise InputError("--key -: no key on standard input")
    return line


def cmd_create(args: argparse.Namespace) -> int:
    intake = _intake(args)
    try:
        made = intake.create(args.title, days=args.days)
    finally:
        intake.close()
    workshop = made.workshop
    if args.format == "json":
        print(json.dumps({"code": workshop.code, "key": made.key,
                          "expires": workshop.expires.isoformat(), "link": workshop.link,
                          "title": workshop.title}))
    else:
        print(f"code:    {workshop.code}\nlink:    {workshop.link}\n"
              f"expires: {workshop.expires.isoformat()}\nkey:     {made.key}")
    print("Keep the key safe: it is shown only now, and without it nobody can read the "
          "answers.", file=sys.stderr)
    return 0


def _read_answers(path: str, limit: int) -> bytes:
    """At most ``limit`` bytes of the file: a huge file (or /dev/zero) is refused after
    reading one byte past the limit, never read whole."""
    from .files import read_file

    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError:
        return read_file(path)  # fails again, with the message every command gives
    if len(data) > limit:
        raise InputError(f"{path}: too large to send (over {limit:,} bytes).")
    return data


def cmd_submit(args: argparse.Namespace) -> int:
    intake = _intake(args)
    try:
        data = _read_answers(args.answers, intake.limits.max_payload_bytes)
        intake.submit(args.code, data, name=args.answers)
        workshop = intake.find(args.code)
    finally:
        intake.close()
    print(f"sent {args.answers} to workshop {workshop.code} ({workshop.title}); "
          f"it holds {workshop.submissions} submission(s)")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .cli import _write
    from .intake import screen_submissions

    intake = _intake(args)
    try:
        submissions = intake.unlock(args.code, _key(args.key)).submissions()
    finally:
        intake.close()
    result = screen_submissions(submissions)
    times = [s.submitted_at for s in submissions]
    text = export_json(result.records, times) if args.format == "json" else export_csv(
        result.records, times)
    _write(text, args.out)
    print(result.tally.line(), file=sys.stderr)
    return 0


def export_json(records: Sequence[Any], times: Sequence[datetime]) -> str:
    """Screen records (contract section 4) with ``submitted_at``, as a JSON list."""
    rows = [{**r.to_dict(), "submitted_at": t.isoformat()}
            for r, t in zip(records, times, strict=True)]
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def export_csv(records: Sequence[Any], times: Sequence[datetime]) -> str:
    """Screen records with ``submitted_at`` as CSV, formula-safe like ``screen``'s."""
    from .export import csv_field, record_cells
    from .roster import EXTRA_KEYS, RECORD_KEYS

    buffer = io.StringIO(newline="")
    buffer.write(",".join((*RECORD_KEYS, *EXTRA_KEYS, "submitted_at")) + "\n")
    for record, moment in zip(records, times, strict=True):
        cells = [*record_cells(record), moment.isoformat()]
        buffer.write(",".join(csv_field(c) for c in cells) + "\n")
    return buffer.getvalue()


def cmd_delete(args: argparse.Namespace) -> int:
    intake = _intake(args)
    try:
        unlocked = intake.unlock(args.code, _key(args.key))
        count = unlocked.workshop.submissions
        unlocked.delete()
    finally:
        intake.close()
    print(f"deleted workshop {unlocked.workshop.code} and its {count} submission(s)")
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    as_of = _moment(args.as_of) if args.as_of else None
    # No purge on start: the count printed must include every workshop this run deleted.
    intake = _intake(args, purge_on_start=False)
    try:
        count = intake.purge(as_of)
    finally:
        intake.close()
    print(f"purged {count} workshop(s)")
    return 0


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"--as-of {text[:40]!r}: not an ISO-8601 date or time "
                         "(e.g. 2026-12-31 or 2026-12-31T18:00+01:00)") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
