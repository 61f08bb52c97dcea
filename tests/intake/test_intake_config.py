"""How the intake is configured: database URLs and the organiser passphrase."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import postgres_cluster
import pytest

from psoas_check.intake import Intake, IntakeError, database_url, organiser_passphrase_from_env


def test_plain_postgresql_url__driven_by_psycopg_3(
    postgres_cluster: postgres_cluster.Cluster,
) -> None:
    url = postgres_cluster.create_database("plain_url").replace("postgresql+psycopg://",
                                                                "postgresql://")
    intake = Intake(url)
    try:
        assert intake.engine.dialect.driver == "psycopg"
        assert intake.find(intake.create("Plain").workshop.code).title == "Plain"
    finally:
        intake.close()


def test_database_url__flag_then_env_then_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setenv("PSOAS_DATABASE_URL", "sqlite:///from-env.sqlite3")
    assert database_url("sqlite:///flag.sqlite3") == "sqlite:///flag.sqlite3"
    assert database_url() == "sqlite:///from-env.sqlite3"
    monkeypatch.delenv("PSOAS_DATABASE_URL")
    assert database_url() == f"sqlite:///{tmp_path / 'psoas-check' / 'intake.sqlite3'}"


def test_database_url__not_a_url__one_sentence() -> None:
    with pytest.raises(IntakeError, match=r"^the database URL is not a valid URL"):
        Intake("not a url at all")


@pytest.mark.parametrize(("value", "expected"), [
    (None, None), ("", None), ("   ", None), ("studio pass", "studio pass")])
def test_organiser_passphrase_from_env__blank_means_open(
    monkeypatch: pytest.MonkeyPatch, value: str | None, expected: str | None
) -> None:
    if value is None:
        monkeypatch.delenv("PSOAS_ORGANISER_PASSPHRASE", raising=False)
    else:
        monkeypatch.setenv("PSOAS_ORGANISER_PASSPHRASE", value)
    assert organiser_passphrase_from_env() == expected


def test_postgresql_host_that_never_answers__one_sentence_not_a_hang() -> None:
    # A listening socket that never accepts or replies: psycopg would wait for the
    # server's greeting forever without a connect timeout, and so would the page.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    port = silent.getsockname()[1]
    outcome: list[BaseException | None] = []

    def open_store() -> None:
        try:
            Intake(f"postgresql://me:secret@127.0.0.1:{port}/x").close()
            outcome.append(None)
        except BaseException as err:
            outcome.append(err)

    worker = threading.Thread(target=open_store, daemon=True)
    worker.start()
    worker.join(120)  # a generous bound for a loaded machine: hanging is what fails
    silent.close()
    assert not worker.is_alive(), "opening the store waited for the silent server forever"
    assert len(outcome) == 1
    assert isinstance(outcome[0], IntakeError)
    message = str(outcome[0])
    assert "cannot open the workshop database" in message
    assert "secret" not in message
    assert "\n" not in message
