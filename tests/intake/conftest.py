"""Fixtures for the intake tests: a store on SQLite and on a real PostgreSQL server.

``store_url`` is parametrised over both back ends, so every store test runs twice; each
test gets a fresh, empty database. ``make_intake`` opens an :class:`Intake` on it (with
small limits or a hand-driven clock when asked) and closes it after the test.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import postgres_cluster
import pytest
from intake_helpers import Clock

from psoas_check.intake import Intake

_numbers = itertools.count(1)


@pytest.fixture
def clock() -> Clock:
    """A hand-driven clock starting on 1 May 2030, 09:00 UTC."""
    return Clock()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh empty database: a SQLite file, or a new database on the session's server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'intake.sqlite3'}"
    cluster: postgres_cluster.Cluster = request.getfixturevalue("postgres_cluster")
    return cluster.create_database(f"intake_{next(_numbers)}")


@pytest.fixture
def make_intake(store_url: str) -> Iterator[Callable[..., Intake]]:
    """``make_intake(**options)``: an Intake on ``store_url``, closed after the test."""
    opened: list[Intake] = []

    def make(**options: Any) -> Intake:
        intake = Intake(store_url, **options)
        opened.append(intake)
        return intake

    yield make
    for intake in opened:
        intake.close()
