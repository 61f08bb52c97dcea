"""Shared fixtures: a minimal rules folder in ``tmp_path`` and a helper to add rule files.

The catalogue written here holds exactly the contract ids (section 2) with predictable
titles ("Section back-pain", "Pose tadasana"), so tests never depend on the shipped
``rules/`` folder, which is edited independently.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import postgres_cluster as postgres_cluster_module
import pytest

from psoas_check.catalog import CONTRACT_POSES, CONTRACT_SECTIONS

# The checked-rules cache goes to a folder of this run's own, inherited by every CLI and
# app process the tests start: a test run never writes the user's ~/.cache (some tests
# point the rules at a temporary folder) and never starts from a cache left by another run.
if "PSOAS_CACHE_DIR" not in os.environ:
    os.environ["PSOAS_CACHE_DIR"] = tempfile.mkdtemp(prefix="psoas-test-cache-")
    atexit.register(shutil.rmtree, os.environ["PSOAS_CACHE_DIR"], ignore_errors=True)


def catalog_yaml(
    sections: Iterable[str] = CONTRACT_SECTIONS, poses: Iterable[str] = CONTRACT_POSES
) -> str:
    """A valid catalog.yaml holding the given section and pose ids, in that order."""
    lines = ["page: {title: The Page, author: An Author, article_author: A Writer}", "sections:"]
    lines += [
        f"  - {{id: {i}, title: Section {i}, summary: About {i}., read: Read {i}.}}"
        for i in sections
    ]
    lines.append("poses:")
    lines += [
        f"  - {{id: {i}, title: Pose {i}, summary: About {i}., read: Read {i}.}}" for i in poses
    ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def make_catalog() -> Callable[..., str]:
    """:func:`catalog_yaml`, for tests that write a catalogue of their own."""
    return catalog_yaml


#: One small rule several test modules share: balance trouble suggests a section and the
#: tree pose, with a caution on the pose.
BALANCE_RULES = """
rules:
  - id: balance
    title: Wobbly balance
    factor: Poses
    when: {field: balance_difficulty, op: "==", value: true}
    suggest:
      sections: [{id: back-pain, reason: Read this.}]
      poses: [{id: vrksasana, reason: Practise balance.}]
    cautions: [{pose: vrksasana, text: Stand by a wall.}]
    source: {section: vrksasana}
"""


@pytest.fixture
def balance_rules() -> str:
    """:data:`BALANCE_RULES`, the YAML of one rule file."""
    return BALANCE_RULES


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    """An empty rules folder holding only a valid catalog.yaml with the contract ids."""
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "catalog.yaml").write_text(catalog_yaml(), encoding="utf-8")
    return folder


@pytest.fixture
def write_rules(rules_dir: Path) -> Callable[[str, str], Path]:
    """Write ``text`` (dedented) as ``rules_dir/name``; returns the path."""

    def write(name: str, text: str) -> Path:
        path = rules_dir / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[postgres_cluster_module.Cluster]:
    """A throwaway PostgreSQL server for this test session (see tests/postgres_cluster.py).

    Skips when the server binaries are missing, but fails when ``CI`` is set: there they
    must be installed (``.ci/run`` does), so a missing server is a broken setup.
    """
    try:
        cluster = postgres_cluster_module.start()
    except postgres_cluster_module.PostgresMissing as err:
        if os.environ.get("CI"):
            pytest.fail(str(err))
        pytest.skip(str(err))
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def postgres_url(postgres_cluster: postgres_cluster_module.Cluster) -> str:
    """The SQLAlchemy URL of a database ``psoas`` on the session's PostgreSQL server."""
    return postgres_cluster.create_database("psoas")


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove AppTest's temporary folder so `-X dev` exits without a ResourceWarning."""
    app_test = sys.modules.get("streamlit.testing.v1.app_test")
    if app_test is not None:
        app_test.TMP_DIR.cleanup()
