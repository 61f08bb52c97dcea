"""Schema migrations: applied on start, a no-op the second time, safe when servers race."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from intake_helpers import answers
from sqlalchemy import inspect, text

from psoas_check.intake import Intake
from psoas_check.intake.models import Base
from psoas_check.intake.store import migrate

MakeIntake = Callable[..., Intake]


def test_migrations__applied_twice__no_op_and_data_kept(make_intake: MakeIntake) -> None:
    intake = make_intake()
    made = intake.create("Kept")
    intake.submit(made.workshop.code, answers("Ana"))
    migrate(intake.engine)
    again = make_intake()  # a second server starting on the same database
    with again.engine.connect() as connection:
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    assert [tuple(v) for v in versions] == [("0001",)]
    assert again.find(made.workshop.code).submissions == 1


def test_migrations__match_the_models__nothing_left_to_generate(make_intake: MakeIntake) -> None:
    intake = make_intake()
    with intake.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        tables = set(inspect(connection).get_table_names())
    assert differences == []
    assert tables == {"alembic_version", "workshops", "submissions"}


def test_two_processes_start_at_once__both_migrate_safely(store_url: str, tmp_path: Path) -> None:
    # Each process starts an Intake on the same empty database (purge needs no key).
    command = [sys.executable, "-m", "psoas_check", "intake", "purge", "--db", store_url]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(3)]
    outcomes = [(run.wait(timeout=120), *run.communicate()) for run in runs]
    assert outcomes == [(0, "purged 0 workshop(s)\n", "")] * 3
