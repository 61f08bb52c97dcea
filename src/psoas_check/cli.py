"""The command line: ``python -m psoas_check COMMAND`` (contract section 4).

Exit codes: 0 done; 1 ``rules check`` found problems; 2 unusable input, with one line on
standard error naming the file and the problem. This path never imports Streamlit.

Example::

    $ python -m psoas_check assess my-summary.json --format md
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .errors import InputError, PsoasCheckError, RulesError
from .files import read_file

__all__ = ["build_parser", "main"]

EXIT_OK, EXIT_PROBLEMS, EXIT_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise InputError(f"{message} (see {self.prog} --help)")


def _write(text: str | bytes, out: str | None) -> None:
    if out is None:
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
        else:
            sys.stdout.write(text)
        return
    try:
        Path(out).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    except OSError as err:
        raise InputError(f"{out}: cannot be written ({err.strerror or err})") from err


def cmd_assess(args: argparse.Namespace) -> int:
    from .assess import assess
    from .report import load_summary, to_json, to_markdown
    from .rules import default_rules

    parsed = load_summary(read_file(args.answers), name=args.answers)
    ruleset = default_rules()
    try:
        result = assess(parsed.answers, ruleset, parsed.errors)
    except Exception as err:  # a bug must still name the file it met, in one line
        raise InputError(f"{args.answers}: could not be assessed (internal error: "
                         f"{type(err).__name__}: {str(err)[:80]})") from err
    if args.format == "json":
        _write(to_json(parsed.answers, result), args.out)
    elif args.format == "pdf":
        from .pdf import to_pdf

        if args.out is None and sys.stdout.isatty():
            raise InputError(
                "assess --format pdf: give --out FILE rather than printing a PDF to a terminal"
            )
        _write(to_pdf(parsed.answers, result, ruleset), args.out)
    else:
        _write(to_markdown(parsed.answers, result, ruleset), args.out)
    return EXIT_OK


def cmd_rules_check(args: argparse.Namespace) -> int:
    from .rules import check_rules

    ruleset, problems = check_rules(args.rules_dir)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return EXIT_PROBLEMS
    assert ruleset is not None
    print(
        f"ok: {len(ruleset.rules)} rules, {len(ruleset.catalog.sections)} sections, "
        f"{len(ruleset.catalog.poses)} poses in {ruleset.folder}"
    )
    return EXIT_OK


def cmd_rules_explain(args: argparse.Namespace) -> int:
    from .rules import load_rules

    print(load_rules(args.rules_dir).explain())
    return EXIT_OK


#: Commands defined in this module; any other word builds the whole parser.
OWN_COMMANDS = ("assess", "rules")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser: every command, or only ``command`` when it is one of
    :data:`OWN_COMMANDS`.

    ``main`` passes the word the user typed first: a run of ``assess`` then builds two
    parsers rather than fourteen (argparse builds each eagerly, which was a tenth of the
    command's start-up). The one command's usage, help and errors are the same either way;
    ``--help`` and anything unknown get the whole parser.
    """
    only = command if command in OWN_COMMANDS else None
    parser = _Parser(prog="psoas_check", description="Non-diagnostic psoas self-check.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    if only in (None, "assess"):
        _add_assess(sub)
    if only in (None, "rules"):
        _add_rules(sub)
    if only is None:
        from . import roster_cli  # registers screen and template

        roster_cli.add_commands(sub)
        from . import intake_cli  # registers intake (contract section 6)

        intake_cli.add_commands(sub)
    return parser


def _add_assess(sub: Any) -> None:
    p = sub.add_parser("assess", help="assess one answers file (JSON summary or object of fields)")
    p.add_argument("answers", metavar="ANSWERS.json")
    p.add_argument("--format", choices=["md", "json", "pdf"], default="md")
    p.add_argument("--out", metavar="FILE")
    p.set_defaults(run=cmd_assess)


def _add_rules(sub: Any) -> None:
    rules = sub.add_parser("rules", help="check or explain a rules folder")
    rules_sub = rules.add_subparsers(dest="rules_command", required=True, parser_class=_Parser)
    check = rules_sub.add_parser("check", help="validate rules; exit 1 listing every problem")
    check.add_argument("rules_dir", nargs="?", metavar="RULES_DIR")
    check.set_defaults(run=cmd_rules_check)
    explain = rules_sub.add_parser("explain", help="print every rule in plain English")
    explain.add_argument("rules_dir", nargs="?", metavar="RULES_DIR")
    explain.set_defaults(run=cmd_rules_explain)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code instead of raising."""
    try:
        words = sys.argv[1:] if argv is None else list(argv)
        args = build_parser(words[0] if words else None).parse_args(words)
        code: int = args.run(args)
        return code
    except RulesError as err:
        print(f"psoas_check: bad rules: {err}", file=sys.stderr)
    except PsoasCheckError as err:
        print(f"psoas_check: {err}", file=sys.stderr)
    except KeyboardInterrupt:
        print("psoas_check: interrupted", file=sys.stderr)
    except BrokenPipeError:
        return EXIT_OK
    except Exception as err:  # never a traceback for a user: one line, exit 2
        print(f"psoas_check: unexpected error: {type(err).__name__}: {err}", file=sys.stderr)
    return EXIT_INPUT
