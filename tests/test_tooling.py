"""The project's own checks run with the tests: ruff over the tree, mypy (strict) on src/,
and the install the README gives is the one CI runs, from a lock that covers pyproject.toml."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-m", "ruff", "check", "--no-cache", "."],
        [sys.executable, "-m", "mypy", "--no-incremental", "src"],
    ],
    ids=["ruff", "mypy"],
)
def test_tooling__whole_tree__reports_nothing(command: list[str]) -> None:
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)

    assert done.returncode == 0, done.stdout + done.stderr


def _readme_commands() -> list[str]:
    """The commands in the README's "Two commands" section, one a code block."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Two commands\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^```bash\n(.+)\n```$", section, flags=re.MULTILINE)


def test_ci_run__runs_the_readme_test_command_verbatim() -> None:
    app, tests, _refresh = _readme_commands()
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()

    assert tests.endswith(" && python -m pytest")
    assert tests in ci_lines
    assert app == tests.removesuffix("python -m pytest") + "streamlit run streamlit_app.py"
    assert tests.startswith("pip install --require-hashes -r requirements.lock && ")


def test_lock__made_by_the_readme_refresh_command_from_pyproject() -> None:
    refresh = _readme_commands()[2]
    build_requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "build-system"
    ]["requires"]
    header = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()[1]

    piped, compile_command = refresh.split(" | ")
    assert piped == f"echo '{' '.join(build_requires)}'"
    # uv records its command in the lock's header, less --upgrade
    assert header == "#    " + compile_command.replace(" --upgrade", "")


def test_lock__pins_every_declared_requirement_within_its_range_with_hashes() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = [
        *pyproject["project"]["dependencies"],
        *pyproject["project"]["optional-dependencies"]["test"],
        *pyproject["build-system"]["requires"],  # the README builds the app unisolated
    ]
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pins = re.findall(r"^([A-Za-z0-9._-]+)==(\S+)(?: ;[^\\\n]*)? \\\n +--hash=sha256:", lock,
                      flags=re.MULTILINE)
    locked = {canonicalize_name(name): version for name, version in pins}

    assert len(pins) == len(re.findall(r"^[^#\s]", lock, flags=re.MULTILINE))  # all hashed
    for text in declared:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} is not in requirements.lock: refresh it (README)"
        assert requirement.specifier.contains(locked[name]), (name, locked[name])
