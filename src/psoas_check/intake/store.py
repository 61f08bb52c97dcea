"""Where the intake lives: the database URL, the engine, and the schema migrations.

SQLite is the default (a file in the user's data folder, WAL mode, no setup); PostgreSQL
is for several replicas sharing one store. Every statement is built by SQLAlchemy with
bound parameters; the few fixed pragmas below contain no input.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from .records import IntakeError

__all__ = [
    "CREATE_LOCK",
    "ENV_URL",
    "database_url",
    "default_sqlite_path",
    "make_engine",
    "migrate",
    "shown_url",
    "write_engine",
]

ENV_URL = "PSOAS_DATABASE_URL"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: How long a SQLite writer waits for another before giving up (milliseconds).
BUSY_TIMEOUT_MS = 15_000
#: Any fixed number: the PostgreSQL advisory lock that lets one server migrate at a time.
MIGRATION_LOCK = 0x7053_6F61  # "psoa"
#: Another fixed number: the advisory lock that makes "at most N open workshops" hold
#: when several servers create at once (see ``Intake.create``).
CREATE_LOCK = 0x7053_6F62
#: Seconds to wait for a PostgreSQL server to answer, and for a free pooled connection:
#: a host that never answers costs a page a few seconds and one sentence, not a hang.
CONNECT_TIMEOUT_S = 5
POOL_TIMEOUT_S = 10


def default_sqlite_path() -> Path:
    """The SQLite file in the user's data folder (``$XDG_DATA_HOME`` or ~/.local/share)."""
    if os.name == "nt":  # pragma: no cover - Windows
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "psoas-check" / "intake.sqlite3"


def database_url(cli_value: str | None = None) -> str:
    """``--db`` if given, else ``$PSOAS_DATABASE_URL``, else the default SQLite file."""
    if cli_value:
        return cli_value
    if os.environ.get(ENV_URL):
        return os.environ[ENV_URL]
    return "sqlite:///" + str(default_sqlite_path())


def _parse(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError as err:
        raise IntakeError("the database URL is not a valid URL (see --db or "
                         f"{ENV_URL})") from err
    # Plain postgresql:// (and Heroku-style postgres://) means psycopg 3, the driver we ship.
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise IntakeError(f"{shown_url(parsed)}: only sqlite and postgresql databases are "
                          "supported")
    return parsed


def shown_url(url: URL | str) -> str:
    """The URL with any password hidden, for messages."""
    parsed = make_url(url) if isinstance(url, str) else url
    return parsed.render_as_string(hide_password=True)


def make_engine(url: str) -> Engine:
    """An engine for ``url``; a SQLite file gets its folder, WAL mode and a busy timeout."""
    parsed = _parse(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True, pool_timeout=POOL_TIMEOUT_S,
                             connect_args={"connect_timeout": CONNECT_TIMEOUT_S})
    database = parsed.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        try:
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise IntakeError(f"{database}: cannot create its folder ({err.strerror})") from err
    engine = create_engine(parsed)
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # SQLAlchemy emits BEGIN itself (below), so sqlite3's own transaction handling is off.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS:d}")  # first: WAL needs a lock
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never wait for the one writer
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    # A writing transaction takes the write lock up front (BEGIN IMMEDIATE), so it waits
    # its turn under busy_timeout instead of failing when it upgrades from reading.
    if connection.get_execution_options().get("intake_write"):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


def write_engine(engine: Engine) -> Engine:
    """The same engine, marked so that SQLite begins its transactions ready to write."""
    return engine.execution_options(intake_write=True)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration; a no-op when it is already there.

    Two servers starting at once take turns: PostgreSQL through a transaction-scoped
    advisory lock, SQLite through BEGIN IMMEDIATE.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    try:
        with write_engine(engine).begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(select(func.pg_advisory_xact_lock(MIGRATION_LOCK)))
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except SQLAlchemyError as err:
        raise IntakeError(f"{shown_url(engine.url)}: cannot open the workshop database "
                         f"({_first_line(err)})") from err


def _first_line(err: BaseException) -> str:
    text = str(getattr(err, "orig", None) or err)
    return (text.strip().splitlines() or [type(err).__name__])[0][:160]
