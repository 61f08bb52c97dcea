"""``assess`` writes, byte for byte, what the app's download buttons give for the same file.

The command line takes its rules from the cache and fills its records without checking
them again (``rules_cache``, ``records.build``); the app's downloads are built by
``to_markdown`` and ``to_json`` from ``load_summary`` and ``assess``. A set of answer files
(every reference persona, bare and as a summary, the roster's summaries and a few odd
ones) goes through both, in this process and in fresh ones with a cold and a warm cache.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from psoas_check import cli
from psoas_check.assess import assess
from psoas_check.errors import InputError
from psoas_check.report import SCHEMA, load_summary, to_json, to_markdown
from psoas_check.rules import default_rules
from psoas_check.rules_cache import CACHE_ENV, CACHE_FILE

DATA = Path(__file__).parent / "data"
PERSONAS = yaml.safe_load((DATA / "personas.yaml").read_text(encoding="utf-8"))["personas"]
ODD = {
    "kilograms-and-unknown.json": {"abdominal_excess_kg": "50", "surprise": 1, "red_flags": []},
    "urgent-and-unreadable.json": {"red_flags": ["chest_pain", "nonsense"], "sitting_hours": 99},
    "nested-flags.json": {"attendee": "Ann", "red_flags": [["leg_weakness"], {"x": True}]},
    "pregnancy.json": {"red_flags": ["pregnancy"], "balance_difficulty": "yes"},
    "empty-object.json": {},
}


@pytest.fixture(scope="module")
def answer_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("answers")
    files = []
    for persona in PERSONAS:
        bare = folder / f"{persona['name']}.json"
        bare.write_text(json.dumps(persona["answers"]), encoding="utf-8")
        wrapped = folder / f"{persona['name']}-summary.json"
        summary = {"schema": SCHEMA, "answers": persona["answers"]}
        wrapped.write_text(json.dumps(summary), encoding="utf-8")
        files += [bare, wrapped]
    for name, answers in ODD.items():
        (folder / name).write_text(json.dumps(answers), encoding="utf-8")
        files.append(folder / name)
    return files + sorted((DATA / "roster" / "summaries").glob("*.json"))


def app_download(path: Path, fmt: str) -> bytes:
    """What the app's Markdown or JSON button gives for this file loaded on the self-check."""
    parsed = load_summary(path.read_bytes(), name=path.name)
    ruleset = default_rules()
    result = assess(parsed.answers, ruleset, parsed.errors)
    if fmt == "json":
        return to_json(parsed.answers, result).encode("utf-8")
    return to_markdown(parsed.answers, result, ruleset).encode("utf-8")


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_assess__every_answer_file__byte_identical_to_the_app_download(
    answer_files: list[Path], fmt: str, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    differing = []
    for path in answer_files:
        code = cli.main(["assess", str(path), "--format", fmt])
        out, err = capsysbinary.readouterr()
        if (code, out, err) != (0, app_download(path, fmt), b""):
            differing.append(path.name)
    assert differing == []
    assert len(answer_files) >= 50


def test_assess_json__answers_and_assessment__equal_their_records_json(
    answer_files: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    for path in answer_files:
        assert cli.main(["assess", str(path), "--format", "json"]) == 0
        document = json.loads(capsys.readouterr().out)
        parsed = load_summary(path.read_bytes())
        result = assess(parsed.answers, default_rules(), parsed.errors)
        assert document["answers"] == parsed.answers.as_json(), path.name
        assert document["assessment"] == result.as_json(), path.name


def test_assess__fresh_processes_cold_then_warm_cache__same_bytes_as_the_app(
    answer_files: list[Path], tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    env = {**os.environ, CACHE_ENV: str(cache)}
    picked = [answer_files[0], answer_files[-1], answer_files[len(answer_files) // 2]]
    outputs = []
    for round_ in ("cold", "warm"):
        for path in picked:
            for fmt in ("md", "json"):
                done = subprocess.run(
                    [sys.executable, "-m", "psoas_check", "assess", str(path), "--format", fmt],
                    capture_output=True,
                    env=env,
                    check=False,
                )
                outputs.append((round_, done.returncode, done.stderr, done.stdout))
                assert (done.returncode, done.stderr) == (0, b""), round_
                assert done.stdout == app_download(path, fmt), (round_, path.name, fmt)
        assert (cache / CACHE_FILE).is_file(), round_
    assert len(outputs) == 12


def test_build_parser__only_assess__same_help_and_errors_as_the_whole_parser(
    capsys: pytest.CaptureFixture[str],
) -> None:
    whole, one = cli.build_parser(), cli.build_parser("assess")
    for parser in (whole, one):
        with pytest.raises(SystemExit):
            parser.parse_args(["assess", "--help"])
    whole_help, one_help = capsys.readouterr().out.split("usage:")[1:]
    assert whole_help == one_help
    for argv in (["assess"], ["assess", "a.json", "--format", "docx"], ["assess", "a", "b"]):
        assert cli.main(argv) == 2
        one_error = capsys.readouterr().err
        with pytest.raises(InputError) as caught:
            whole.parse_args(argv)
        assert one_error == f"psoas_check: {caught.value}\n"
