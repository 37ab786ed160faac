"""The one owner of every change of credits.

A change is a single SQL statement that updates the balance only when it stays non-negative and
books the ledger row from the updated value, so a concurrent charge can never overdraw and the
balance always equals the ledger sum. UNIQUE (kind, reference) rejects a second booking of the
same charge or refund, which rolls the whole statement back.
"""

from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from nb.models import LedgerEntry, User
from nb.services.pagination import newest_first

_APPLY = text("""
    WITH changed AS (
        UPDATE users SET credits = credits + :delta, updated_at = now()
        WHERE id = :user_id AND credits + :delta >= 0
        RETURNING id, credits
    )
    INSERT INTO credit_ledger (user_id, delta, balance_after, kind, reference, actor_id, note)
    SELECT id, :delta, credits, :kind, :reference, :actor_id, :note FROM changed
    RETURNING balance_after
""")


class AlreadyBooked(Exception):
    """This (kind, reference) was booked before; nothing changed."""


async def apply_change(
    session: AsyncSession, user_id: int, delta: int, kind: str, reference: str,
    actor_id: int | None = None, note: str | None = None,
) -> int | None:
    """Apply `delta` and book it; the new balance, or None when the balance would go negative.

    Runs inside the caller's transaction under a savepoint, so a duplicate booking raises
    AlreadyBooked and leaves the caller's transaction usable.
    """
    params = {"user_id": user_id, "delta": delta, "kind": kind, "reference": reference,
              "actor_id": actor_id, "note": note}
    try:
        async with session.begin_nested():
            return (await session.execute(_APPLY, params)).scalar_one_or_none()
    except IntegrityError as error:
        if "uq_credit_ledger_kind_reference" in str(error.orig):
            raise AlreadyBooked(f"{kind}:{reference}") from None
        raise


async def ledger_page(session: AsyncSession, user_id: int, limit: int, before_id: int | None):
    return await newest_first(session, select(LedgerEntry).where(LedgerEntry.user_id == user_id),
                              LedgerEntry.id, limit, before_id)


@dataclass(frozen=True)
class Mismatch:
    user_id: int
    email: str
    credits: int
    ledger_sum: int


async def ledger_mismatches(session: AsyncSession) -> list[Mismatch]:
    """Users whose balance differs from the sum of their ledger; empty when the books are clean."""
    sums = (select(LedgerEntry.user_id, func.sum(LedgerEntry.delta).label("total"))
            .group_by(LedgerEntry.user_id).subquery())
    total = func.coalesce(sums.c.total, 0)
    rows = await session.execute(
        select(User.id, User.email, User.credits, total)
        .outerjoin(sums, sums.c.user_id == User.id)
        .where(User.credits != total)
    )
    return [Mismatch(*row) for row in rows]

