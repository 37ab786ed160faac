"""The pool of upstream Gemini keys: ciphertext only, a fingerprint to refuse duplicates, a hint to show."""

from datetime import datetime

from sqlalchemy import CheckConstraint, LargeBinary, String, func
from sqlalchemy.orm import Mapped, mapped_column

from nb.core.models import Base, created_at_column

STATUSES = ("active", "disabled", "invalid")


class UpstreamKey(Base):
    """`status` is what an admin or a fatal error decided; cooling is temporary and lives in
    `cooling_until` (for display) and in Redis (for selection)."""

    __tablename__ = "upstream_keys"
    __table_args__ = (
        CheckConstraint("status IN ('active', 'disabled', 'invalid')", name="status_known"),
        CheckConstraint("weight BETWEEN 1 AND 100", name="weight_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str | None] = mapped_column(String(64))
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    key_version: Mapped[str] = mapped_column(String(16))
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    hint: Mapped[str] = mapped_column(String(8))
    base_url: Mapped[str | None] = mapped_column(String(255))
    weight: Mapped[int] = mapped_column(server_default="1")
    status: Mapped[str] = mapped_column(String(16), server_default="active")
    status_reason: Mapped[str | None] = mapped_column(String(64))
    cooling_until: Mapped[datetime | None]
    consecutive_failures: Mapped[int] = mapped_column(server_default="0")
    success_count: Mapped[int] = mapped_column(server_default="0")
    failure_count: Mapped[int] = mapped_column(server_default="0")
    last_error_code: Mapped[str | None] = mapped_column(String(64))
    last_error_message: Mapped[str | None] = mapped_column(String(300))
    last_used_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = created_at_column()
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())
