"""Every change of a balance, booked once: UNIQUE (kind, reference) makes double charges and refunds impossible."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from nb.core.models import Base, created_at_column

KINDS = ("signup", "redeem", "generation", "refund", "admin_adjust")


class LedgerEntry(Base):
    __tablename__ = "credit_ledger"
    __table_args__ = (
        UniqueConstraint("kind", "reference", name="uq_credit_ledger_kind_reference"),
        CheckConstraint("kind IN ('signup', 'redeem', 'generation', 'refund', 'admin_adjust')", name="kind_known"),
        CheckConstraint("balance_after >= 0", name="balance_after_not_negative"),
        Index("ix_credit_ledger_user_id_id", "user_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    delta: Mapped[int]
    balance_after: Mapped[int]
    kind: Mapped[str] = mapped_column(String(16))
    reference: Mapped[str] = mapped_column(String(64))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = created_at_column()
