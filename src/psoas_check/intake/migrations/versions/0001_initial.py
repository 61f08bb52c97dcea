"""The first intake schema: workshops and their sealed submissions.

Revision ID: 0001
Revises:
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create both tables; times are stored as UTC."""
    op.create_table(
        "workshops",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires", sa.DateTime(timezone=True), nullable=False),
        sa.Column("public_key", sa.LargeBinary(32), nullable=False),
        sa.Column("sealed_private_key", sa.LargeBinary(128), nullable=False),
        sa.Column("kdf_salt", sa.LargeBinary(16), nullable=False),
        sa.Column("kdf_ops", sa.Integer(), nullable=False),
        sa.Column("kdf_mem", sa.Integer(), nullable=False),
        sa.UniqueConstraint("code", name="uq_workshops_code"),
    )
    op.create_index("ix_workshops_expires", "workshops", ["expires"])
    op.create_table(
        "submissions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "workshop_id",
            sa.Integer(),
            sa.ForeignKey("workshops.id", ondelete="CASCADE", name="fk_submissions_workshops"),
            nullable=False,
        ),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("token_hash", name="uq_submissions_token_hash"),
    )
    op.create_index("ix_submissions_workshop_id", "submissions", ["workshop_id"])


def downgrade() -> None:
    """Drop both tables (and every sealed submission with them)."""
    op.drop_index("ix_submissions_workshop_id", table_name="submissions")
    op.drop_table("submissions")
    op.drop_index("ix_workshops_expires", table_name="workshops")
    op.drop_table("workshops")
