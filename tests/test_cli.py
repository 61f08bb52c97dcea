"""The command line: exit codes 0 / 1 / 2, one-line messages, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from psoas_check import cli, rules
from psoas_check.assess import assess
from psoas_check.report import load_summary, summary_document, to_markdown
from psoas_check.rules import RuleSet, load_rules

ANSWERS = {"attendee": "Ann", "balance_difficulty": "yes", "sitting_hours": "lots"}


@pytest.fixture
def ruleset(
    rules_dir: Path,
    write_rules: Callable[[str, str], Path],
    balance_rules: str,
    monkeypatch: pytest.MonkeyPatch,
) -> RuleSet:
    """The inline rules, also standing in for the shipped ones that `assess` uses."""
    write_rules("a.yaml", balance_rules)
    loaded = load_rules(rules_dir)
    monkeypatch.setattr(rules, "default_rules", lambda: loaded)
    return loaded


@pytest.fixture
def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(ANSWERS), encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = cli.main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_assess__markdown__exit_0_and_the_summary_on_stdout(
    ruleset: RuleSet, answers_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "assess", answers_file)
    parsed = load_summary(answers_file.read_bytes())
    expected = to_markdown(parsed.answers, assess(parsed.answers, ruleset, parsed.errors), ruleset)
    assert (code, out, err) == (0, expected, "")
    assert out.startswith("> **Not a diagnosis.** psoas-check is not a diagnosis")


def test_assess__json__exit_0_and_output_equals_the_document(
    ruleset: RuleSet, answers_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "assess", answers_file, "--format", "json")
    parsed = load_summary(answers_file.read_bytes())
    document = summary_document(parsed.answers, assess(parsed.answers, ruleset, parsed.errors))
    assert (code, json.loads(out), err) == (0, document, "")


def test_assess__its_own_json_output__assesses_to_the_same_document(
    ruleset: RuleSet, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    readable = tmp_path / "readable.json"
    readable.write_text('{"balance_difficulty": "y", "pain_areas": "leg"}', encoding="utf-8")
    first = run(capsys, "assess", readable, "--format", "json")[1]
    again = tmp_path / "again.json"
    again.write_text(first, encoding="utf-8")
    assert run(capsys, "assess", again, "--format", "json") == (0, first, "")


def test_assess__out_file__written_and_stdout_empty(
    ruleset: RuleSet, answers_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "summary.json"
    code, out, err = run(capsys, "assess", answers_file, "--format", "json", "--out", target)
    parsed = load_summary(answers_file.read_bytes())
    document = summary_document(parsed.answers, assess(parsed.answers, ruleset, parsed.errors))
    assert (code, out, err) == (0, "", "")
    assert json.loads(target.read_text(encoding="utf-8")) == document


def test_rules_check__valid_folder__exit_0_with_counts(
    ruleset: RuleSet, rules_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "rules", "check", rules_dir) == (
        0,
        f"ok: 1 rules, 7 sections, 8 poses in {rules_dir}\n",
        "",
    )


def test_rules_check__broken_folder__exit_1_listing_every_problem(
    rules_dir: Path,
    write_rules: Callable[[str, str], Path],
    balance_rules: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    broken = balance_rules.replace("when:", "whne:").replace("vrksasana}", "vrksasna}")
    write_rules("a.yaml", broken)
    write_rules("b.yaml", "rules: [\n")
    assert run(capsys, "rules", "check", rules_dir) == (
        1,
        "",
        "a.yaml, rule balance, when: is required\n"
        "a.yaml, rule balance, whne: unknown key (did you mean `when`?)\n"
        "b.yaml: is not valid YAML at line 2\n"
        "3 problem(s) found\n",
    )


def test_rules_explain__valid_folder__exit_0_with_every_rule_in_english(
    ruleset: RuleSet, rules_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "rules", "explain", rules_dir) == (0, ruleset.explain() + "\n", "")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["assess", "{tmp}/missing.json"], "{tmp}/missing.json: no such file"),
        (["assess", "{tmp}"], "{tmp}: is a folder, not a file"),
        (
            ["assess", "{tmp}/bad.json"],
            "{tmp}/bad.json: is not a JSON summary (Expecting value: line 1 column 1 (char 0))",
        ),
        (
            ["assess", "{tmp}/list.json"],
            "{tmp}/list.json: expected a JSON object of answers, found list",
        ),
        (
            ["assess", "{tmp}/other.json"],
            "{tmp}/other.json: schema 'other@1' is not psoas-check/answers@1",
        ),
        (
            ["assess", "{tmp}/list.json", "--out", "{tmp}/nowhere/out.md"],
            "{tmp}/list.json: expected a JSON object of answers, found list",
        ),
        (
            ["assess", "{tmp}/ok.json", "--out", "{tmp}/nowhere/out.md"],
            "{tmp}/nowhere/out.md: cannot be written (No such file or directory)",
        ),
        (
            ["rules", "explain", "{tmp}/broken"],
            "bad rules: a.yaml, rule #1: must be a mapping (and 1 more)",
        ),
        (
            ["rules", "explain", "{tmp}/nowhere"],
            "bad rules: {tmp}/nowhere: is not a folder of rules",
        ),
        ([], "the following arguments are required: command (see psoas_check --help)"),
        (
            ["assess"],
            "the following arguments are required: ANSWERS.json (see psoas_check assess --help)",
        ),
        (
            ["rules"],
            "the following arguments are required: rules_command (see psoas_check rules --help)",
        ),
        (
            ["assess", "{tmp}/ok.json", "--format", "doc"],
            "argument --format: invalid choice: 'doc' (choose from 'md', 'json', 'pdf') "
            "(see psoas_check assess --help)",
        ),
    ],
)
def test_main__unusable_input__exit_2_with_one_line_and_no_traceback(
    ruleset: RuleSet,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    (tmp_path / "bad.json").write_text("not json", encoding="utf-8")
    (tmp_path / "list.json").write_text("[1]", encoding="utf-8")
    (tmp_path / "ok.json").write_text("{}", encoding="utf-8")
    (tmp_path / "other.json").write_text('{"schema": "other@1"}', encoding="utf-8")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "catalog.yaml").write_text((ruleset.folder / "catalog.yaml").read_text())
    (broken / "a.yaml").write_text("rules: [1, 2]\n")
    code, out, err = run(capsys, *[a.format(tmp=tmp_path) for a in argv])
    assert (code, out, err) == (2, "", f"psoas_check: {message.format(tmp=tmp_path)}\n")


def test_main__unknown_command__exit_2_with_one_line_naming_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "frobnicate")
    # the list of commands grows as commands are added; the line's shape does not
    assert (code, out, err.count("\n")) == (2, "", 1)
    assert err.startswith("psoas_check: argument command: invalid choice: 'frobnicate' (choose")
    assert err.endswith(" (see psoas_check --help)\n")
    assert "Traceback" not in err


def test_main__python_dash_m__runs_the_command_line(
    ruleset: RuleSet, rules_dir: Path, tmp_path: Path
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "psoas_check", "rules", "explain", str(rules_dir)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, ruleset.explain() + "\n", "")
    missing = subprocess.run(
        [sys.executable, "-m", "psoas_check", "assess", "missing.json"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert (missing.returncode, missing.stdout, missing.stderr) == (
        2,
        "",
        "psoas_check: missing.json: no such file\n",
    )
