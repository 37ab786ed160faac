"""Redeem-code batches and codes; a code is stored as a keyed hash plus a short display prefix."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from nb.core.models import Base, created_at_column


class RedeemBatch(Base):
    __tablename__ = "redeem_batches"
    __table_args__ = (CheckConstraint("credits > 0", name="credits_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    credits: Mapped[int]
    count: Mapped[int]
    note: Mapped[str | None] = mapped_column(String(200))
    expires_at: Mapped[datetime | None]
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = created_at_column()


class RedeemCode(Base):
    __tablename__ = "redeem_codes"
    __table_args__ = (CheckConstraint("credits > 0", name="credits_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("redeem_batches.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    display_prefix: Mapped[str] = mapped_column(String(16))
    credits: Mapped[int]
    expires_at: Mapped[datetime | None]
    disabled_at: Mapped[datetime | None]
    redeemed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    redeemed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = created_at_column()
