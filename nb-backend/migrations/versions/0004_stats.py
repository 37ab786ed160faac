"""Statistics: hourly roll-ups of generations and credit flows, active-user sets, the roll-up watermark.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "active_user_counts_daily",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("users", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_active_user_counts_daily")),
    )
    op.create_table(
        "active_users_daily",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("day", "user_id", name=op.f("pk_active_users_daily")),
    )
    op.create_table(
        "active_users_hourly",
        sa.Column("hour", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("hour", "user_id", name=op.f("pk_active_users_hourly")),
    )
    op.create_table(
        "credit_flow_hourly",
        sa.Column("hour", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("delta_sum", sa.BigInteger(), nullable=False),
        sa.Column("entries", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("hour", "kind", name=op.f("pk_credit_flow_hourly")),
    )
    op.create_table(
        "key_usage_hourly",
        sa.Column("hour", sa.DateTime(timezone=True), nullable=False),
        sa.Column("upstream_key_id", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("generations", sa.BigInteger(), nullable=False),
        sa.Column("credits", sa.BigInteger(), nullable=False),
        sa.Column("attempts", sa.BigInteger(), nullable=False),
        sa.Column("retries", sa.BigInteger(), nullable=False),
        sa.Column("latency_ms_sum", sa.BigInteger(), nullable=False),
        sa.Column("latency_count", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("hour", "upstream_key_id", "status", name=op.f("pk_key_usage_hourly")),
    )
    op.create_table(
        "stats_watermark",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("rolled_until", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stats_watermark")),
    )
    op.create_table(
        "usage_hourly",
        sa.Column("hour", sa.DateTime(timezone=True), nullable=False),
        sa.Column("model", sa.String(length=128), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("generations", sa.BigInteger(), nullable=False),
        sa.Column("credits", sa.BigInteger(), nullable=False),
        sa.Column("attempts", sa.BigInteger(), nullable=False),
        sa.Column("retries", sa.BigInteger(), nullable=False),
        sa.Column("images", sa.BigInteger(), nullable=False),
        sa.Column("latency_ms_sum", sa.BigInteger(), nullable=False),
        sa.Column("latency_count", sa.BigInteger(), nullable=False),
        sa.Column("latency_buckets", postgresql.ARRAY(sa.BigInteger()), nullable=False),
        sa.PrimaryKeyConstraint("hour", "model", "status", name=op.f("pk_usage_hourly")),
    )
    op.create_table(
        "user_last_active",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_user_last_active")),
    )
    op.create_index(op.f("ix_user_last_active_day"), "user_last_active", ["day"], unique=False)
    op.create_index("ix_credit_ledger_created_at", "credit_ledger", ["created_at"], unique=False)
    op.create_index("ix_generations_settled_at", "generations", ["settled_at"], unique=False)
    op.create_index("ix_users_created_at", "users", ["created_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_users_created_at", table_name="users")
    op.drop_index("ix_generations_settled_at", table_name="generations")
    op.drop_index("ix_credit_ledger_created_at", table_name="credit_ledger")
    op.drop_index(op.f("ix_user_last_active_day"), table_name="user_last_active")
    op.drop_table("user_last_active")
    op.drop_table("usage_hourly")
    op.drop_table("stats_watermark")
    op.drop_table("key_usage_hourly")
    op.drop_table("credit_flow_hourly")
    op.drop_table("active_users_hourly")
    op.drop_table("active_users_daily")
    op.drop_table("active_user_counts_daily")
