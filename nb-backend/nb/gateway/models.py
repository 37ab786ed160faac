"""One row per billed generation request: the link between a charge, its refund and what happened."""

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from nb.core.models import Base, created_at_column

STATUSES = ("pending", "succeeded", "failed", "refunded")


class Generation(Base):
    __tablename__ = "generations"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'succeeded', 'failed', 'refunded')", name="status_known"),
        Index(
            "uq_generations_user_idempotency",
            "user_id",
            "idempotency_key",
            unique=True,
            postgresql_where=text("idempotency_key IS NOT NULL"),
        ),
        Index("ix_generations_pending", "created_at", postgresql_where=text("status = 'pending'")),
        Index("ix_generations_user_created", "user_id", "created_at"),
        Index("ix_generations_created", "created_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    api_key_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id", ondelete="SET NULL"))
    model: Mapped[str] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(16), server_default="pending")
    credits: Mapped[int]
    upstream_key_id: Mapped[int | None] = mapped_column(ForeignKey("upstream_keys.id", ondelete="SET NULL"))
    attempts: Mapped[int] = mapped_column(server_default="0")
    latency_ms: Mapped[int | None]
    error_class: Mapped[str | None] = mapped_column(String(64))
    image_count: Mapped[int] = mapped_column(server_default="0")
    streamed: Mapped[bool] = mapped_column(server_default="false")
    idempotency_key: Mapped[str | None] = mapped_column(String(128))
    prompt_excerpt: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = created_at_column()
    settled_at: Mapped[datetime | None]


class ModelPrice(Base):
    __tablename__ = "model_prices"
    __table_args__ = (CheckConstraint("credits >= 0", name="credits_not_negative"),)

    model: Mapped[str] = mapped_column(String(128), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(128))
    credits: Mapped[int]
    enabled: Mapped[bool] = mapped_column(server_default="true")
    image_sizes: Mapped[list[str]] = mapped_column(JSONB, server_default="[]")
    aspect_ratios: Mapped[list[str]] = mapped_column(JSONB, server_default="[]")
    max_input_images: Mapped[int] = mapped_column(server_default="14")
    sort_order: Mapped[int] = mapped_column(server_default="0")
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())
