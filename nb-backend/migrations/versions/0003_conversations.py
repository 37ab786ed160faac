"""Conversations: guest visitors, conversations, messages, image blob metadata and their references.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "images",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("mime_type", sa.String(length=32), nullable=False),
        sa.Column("width", sa.BigInteger(), nullable=False),
        sa.Column("height", sa.BigInteger(), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_images")),
    )
    op.create_table(
        "visitors",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_ip", sa.String(length=64), nullable=True),
        sa.Column("bound_user_id", sa.BigInteger(), nullable=True),
        sa.Column("bound_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["bound_user_id"], ["users.id"], name=op.f("fk_visitors_bound_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visitors")),
    )
    op.create_index(op.f("ix_visitors_bound_user_id"), "visitors", ["bound_user_id"], unique=False)
    op.create_table(
        "conversations",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=True),
        sa.Column("visitor_id", sa.Uuid(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=True),
        sa.Column("model", sa.String(length=128), nullable=True),
        sa.Column("message_count", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("(user_id IS NULL) <> (visitor_id IS NULL)", name=op.f("ck_conversations_one_owner")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_conversations_user_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["visitor_id"], ["visitors.id"], name=op.f("fk_conversations_visitor_id_visitors"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversations")),
    )
    op.create_index(
        "ix_conversations_guest_updated",
        "conversations",
        ["updated_at"],
        unique=False,
        postgresql_where=sa.text("visitor_id IS NOT NULL"),
    )
    op.create_index("ix_conversations_user_id_id", "conversations", ["user_id", "id"], unique=False)
    op.create_index("ix_conversations_visitor_id_id", "conversations", ["visitor_id", "id"], unique=False)
    op.create_table(
        "messages",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("conversation_id", sa.BigInteger(), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.Column("parts", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("role IN ('user', 'model')", name=op.f("ck_messages_role_known")),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_messages_conversation_id_conversations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_messages")),
        sa.UniqueConstraint("conversation_id", "client_id", name="uq_messages_conversation_client"),
    )
    op.create_index("ix_messages_conversation_order", "messages", ["conversation_id", "position", "id"], unique=False)
    op.create_table(
        "message_images",
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("image_sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["image_sha256"], ["images.sha256"], name=op.f("fk_message_images_image_sha256_images")
        ),
        sa.ForeignKeyConstraint(
            ["message_id"], ["messages.id"], name=op.f("fk_message_images_message_id_messages"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("message_id", "image_sha256", name=op.f("pk_message_images")),
    )
    op.create_index(op.f("ix_message_images_image_sha256"), "message_images", ["image_sha256"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_message_images_image_sha256"), table_name="message_images")
    op.drop_table("message_images")
    op.drop_index("ix_messages_conversation_order", table_name="messages")
    op.drop_table("messages")
    op.drop_index("ix_conversations_visitor_id_id", table_name="conversations")
    op.drop_index("ix_conversations_user_id_id", table_name="conversations")
    op.drop_index(
        "ix_conversations_guest_updated", table_name="conversations", postgresql_where=sa.text("visitor_id IS NOT NULL")
    )
    op.drop_table("conversations")
    op.drop_index(op.f("ix_visitors_bound_user_id"), table_name="visitors")
    op.drop_table("visitors")
    op.drop_table("images")
