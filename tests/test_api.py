"""The declared public API, and the promise that the core never imports Streamlit or pandas."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import types
from collections.abc import Callable
from pathlib import Path

import pytest

import psoas_check

# Runs the whole core path (import, parse, assess, JSON and Markdown, and the `assess`
# and `rules` commands) in a fresh interpreter, optionally with the heavy UI libraries
# made unimportable, then names any of them that got imported anyway.
SCRIPT = """
import sys
from pathlib import Path

rules_dir, answers_file, block = Path(sys.argv[1]), sys.argv[2], sys.argv[3] == "block"
HEAVY = ("streamlit", "pandas")
if block:
    for name in HEAVY:
        sys.modules[name] = None  # `import name` now raises ImportError

import psoas_check
import psoas_check.cli
from psoas_check import rules
from psoas_check.report import load_summary, to_json, to_markdown

rules.DEFAULT_RULES_DIR = rules_dir  # stand in for the shipped rules
ruleset = psoas_check.load_rules(rules_dir)
parsed = psoas_check.parse_answers({"balance_difficulty": "yes", "red_flags": "none"})
result = psoas_check.assess(parsed.answers, ruleset, parsed.errors)
assert result.status == "caution", result.status
assert load_summary(to_json(parsed.answers, result)).answers == parsed.answers
assert to_markdown(parsed.answers, result, ruleset).startswith("> **Not a diagnosis.**")
codes = [
    psoas_check.cli.main(["assess", answers_file]),
    psoas_check.cli.main(["assess", answers_file, "--format", "json"]),
    psoas_check.cli.main(["rules", "check", str(rules_dir)]),
    psoas_check.cli.main(["rules", "explain", str(rules_dir)]),
]
imported = [name for name in HEAVY if sys.modules.get(name) is not None]
print("RESULT", codes, imported, file=sys.stderr)
"""


def test_all__every_name__is_exported() -> None:
    missing = [name for name in psoas_check.__all__ if not hasattr(psoas_check, name)]
    assert (missing, len(set(psoas_check.__all__))) == ([], len(psoas_check.__all__))


def test_all__public_attributes__match_exactly() -> None:
    public = {
        name
        for name, value in vars(psoas_check).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert sorted(public) == sorted(psoas_check.__all__)


@pytest.mark.parametrize("mode", ["block", "watch"])
def test_core_path__streamlit_and_pandas_unavailable_or_watched__never_imported(
    rules_dir: Path,
    write_rules: Callable[[str, str], Path],
    balance_rules: str,
    tmp_path: Path,
    mode: str,
) -> None:
    write_rules("a.yaml", balance_rules)
    answers = tmp_path / "answers.json"
    answers.write_text('{"balance_difficulty": "yes"}', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(SCRIPT), str(rules_dir), str(answers), mode],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert (done.returncode, done.stderr) == (0, "RESULT [0, 0, 0, 0] []\n")


# `python -m psoas_check assess FILE`, then the libraries it loaded: what the records
# promise (records.py) is that a command on cached rules needs no pydantic (it may look
# pydantic up for the cache key, without importing it).
WATCHED_ASSESS = """
import runpy, sys
sys.argv = ["psoas_check", *sys.argv[1:]]
try:
    runpy.run_module("psoas_check", run_name="__main__")
finally:
    heavy = ("pydantic", "pydantic_core", "yaml", "streamlit", "pandas")
    print("LOADED", [name for name in heavy if name in sys.modules], file=sys.stderr)
"""


def test_assess_command__warm_rules_cache__imports_no_pydantic(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text('{"sitting_hours": 9, "stretch_breaks": "rarely", "red_flags": []}',
                       encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "PSOAS_CACHE_DIR": str(tmp_path / "cache")}
    command = ["assess", str(answers), "--format", "json"]
    cold, warm = (
        subprocess.run([sys.executable, "-c", WATCHED_ASSESS, *command],
                       capture_output=True, text=True, check=False, env=env)
        for _ in range(2)
    )
    # The first run checks the rules in full (YAML, pydantic) and caches them ...
    assert (cold.returncode, cold.stderr) == (
        0, "LOADED ['pydantic', 'pydantic_core', 'yaml']\n")
    # ... the next needs neither, and says the same.
    assert (warm.returncode, warm.stderr, warm.stdout) == (0, "LOADED []\n", cold.stdout)
    assert '"status": "ok"' in warm.stdout
