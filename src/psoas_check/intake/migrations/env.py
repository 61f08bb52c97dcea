"""Alembic environment of the intake store.

Migrations run only through :func:`psoas_check.intake.store.migrate`, which hands over an
open connection (inside a transaction, holding the lock that keeps two starting servers
from migrating at once) in ``config.attributes["connection"]``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from psoas_check.intake.models import Base

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("run intake migrations through psoas_check.intake.store.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite alters tables by copying them; batch mode lets later migrations do that.
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
