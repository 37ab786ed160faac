"""Gateway: the upstream key pool, model prices (seeded with the defaults) and generations.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


RATIOS = ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"]
DEFAULT_PRICES = [
    {
        "model": "gemini-3-pro-image-preview",
        "display_name": "Nano Banana Pro",
        "credits": 10,
        "image_sizes": ["1K", "2K", "4K"],
        "aspect_ratios": RATIOS,
        "max_input_images": 14,
        "sort_order": 1,
    },
    {
        "model": "gemini-3.1-flash-image-preview",
        "display_name": "Nano Banana 2",
        "credits": 5,
        "image_sizes": ["512", "1K", "2K", "4K"],
        "aspect_ratios": RATIOS + ["1:4", "4:1", "1:8", "8:1"],
        "max_input_images": 14,
        "sort_order": 2,
    },
    {
        "model": "gemini-2.5-flash-image",
        "display_name": "Nano Banana",
        "credits": 1,
        "image_sizes": [],
        "aspect_ratios": RATIOS,
        "max_input_images": 3,
        "sort_order": 3,
    },
]


def upgrade() -> None:
    op.create_table(
        "model_prices",
        sa.Column("model", sa.String(length=128), nullable=False),
        sa.Column("display_name", sa.String(length=128), nullable=False),
        sa.Column("credits", sa.BigInteger(), nullable=False),
        sa.Column("enabled", sa.Boolean(), server_default="true", nullable=False),
        sa.Column("image_sizes", postgresql.JSONB(astext_type=sa.Text()), server_default="[]", nullable=False),
        sa.Column("aspect_ratios", postgresql.JSONB(astext_type=sa.Text()), server_default="[]", nullable=False),
        sa.Column("max_input_images", sa.BigInteger(), server_default="14", nullable=False),
        sa.Column("sort_order", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("credits >= 0", name=op.f("ck_model_prices_credits_not_negative")),
        sa.PrimaryKeyConstraint("model", name=op.f("pk_model_prices")),
    )
    prices = sa.table(
        "model_prices",
        sa.column("model"),
        sa.column("display_name"),
        sa.column("credits"),
        sa.column("image_sizes", postgresql.JSONB),
        sa.column("aspect_ratios", postgresql.JSONB),
        sa.column("max_input_images"),
        sa.column("sort_order"),
    )
    op.bulk_insert(prices, DEFAULT_PRICES)
    op.create_table(
        "upstream_keys",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("label", sa.String(length=64), nullable=True),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
        sa.Column("key_version", sa.String(length=16), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("hint", sa.String(length=8), nullable=False),
        sa.Column("base_url", sa.String(length=255), nullable=True),
        sa.Column("weight", sa.BigInteger(), server_default="1", nullable=False),
        sa.Column("status", sa.String(length=16), server_default="active", nullable=False),
        sa.Column("status_reason", sa.String(length=64), nullable=True),
        sa.Column("cooling_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("consecutive_failures", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("success_count", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("failure_count", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("last_error_code", sa.String(length=64), nullable=True),
        sa.Column("last_error_message", sa.String(length=300), nullable=True),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("status IN ('active', 'disabled', 'invalid')", name=op.f("ck_upstream_keys_status_known")),
        sa.CheckConstraint("weight BETWEEN 1 AND 100", name=op.f("ck_upstream_keys_weight_range")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_upstream_keys")),
        sa.UniqueConstraint("fingerprint", name=op.f("uq_upstream_keys_fingerprint")),
    )
    op.create_table(
        "generations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("api_key_id", sa.BigInteger(), nullable=True),
        sa.Column("model", sa.String(length=128), nullable=False),
        sa.Column("status", sa.String(length=16), server_default="pending", nullable=False),
        sa.Column("credits", sa.BigInteger(), nullable=False),
        sa.Column("upstream_key_id", sa.BigInteger(), nullable=True),
        sa.Column("attempts", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("latency_ms", sa.BigInteger(), nullable=True),
        sa.Column("error_class", sa.String(length=64), nullable=True),
        sa.Column("image_count", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("streamed", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("idempotency_key", sa.String(length=128), nullable=True),
        sa.Column("prompt_excerpt", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("settled_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'succeeded', 'failed', 'refunded')", name=op.f("ck_generations_status_known")
        ),
        sa.ForeignKeyConstraint(
            ["api_key_id"], ["api_keys.id"], name=op.f("fk_generations_api_key_id_api_keys"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["upstream_key_id"],
            ["upstream_keys.id"],
            name=op.f("fk_generations_upstream_key_id_upstream_keys"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_generations_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_generations")),
    )
    op.create_index("ix_generations_created", "generations", ["created_at"], unique=False)
    op.create_index(
        "ix_generations_pending",
        "generations",
        ["created_at"],
        unique=False,
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_index("ix_generations_user_created", "generations", ["user_id", "created_at"], unique=False)
    op.create_index(
        "uq_generations_user_idempotency",
        "generations",
        ["user_id", "idempotency_key"],
        unique=True,
        postgresql_where=sa.text("idempotency_key IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index(
        "uq_generations_user_idempotency",
        table_name="generations",
        postgresql_where=sa.text("idempotency_key IS NOT NULL"),
    )
    op.drop_index("ix_generations_user_created", table_name="generations")
    op.drop_index("ix_generations_pending", table_name="generations", postgresql_where=sa.text("status = 'pending'"))
    op.drop_index("ix_generations_created", table_name="generations")
    op.drop_table("generations")
    op.drop_table("upstream_keys")
    op.drop_table("model_prices")
