"""The one owner of every change of credits.

A change is a single SQL statement: it locks the balance row, books the ledger entry (unless that
(kind, reference) is booked already) with the new balance, and writes that balance back, but only
when it stays non-negative. A concurrent charge can never overdraw, the balance always equals the
ledger sum, and the same charge or refund can never be booked twice. The row lock is FOR NO KEY
UPDATE, which the KEY SHARE locks taken by foreign keys (a generation row inserted earlier in the same
transaction) do not conflict with, so concurrent reservations cannot deadlock.
"""

from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from nb.accounts.models import User
from nb.core.pagination import newest_first
from nb.credits.models import LedgerEntry

_APPLY = text("""
    WITH account AS (
        SELECT id, credits FROM users WHERE id = :user_id AND credits + :delta >= 0 FOR NO KEY UPDATE
    ), booked AS (
        INSERT INTO credit_ledger (user_id, delta, balance_after, kind, reference, actor_id, note)
        SELECT id, :delta, credits + :delta, :kind, :reference, :actor_id, :note FROM account
        ON CONFLICT (kind, reference) DO NOTHING
        RETURNING user_id, balance_after
    ), changed AS (
        UPDATE users SET credits = booked.balance_after, updated_at = now()
        FROM booked WHERE users.id = booked.user_id
        RETURNING users.credits
    )
    SELECT (SELECT credits FROM changed) AS balance,
           EXISTS (SELECT 1 FROM credit_ledger WHERE kind = :kind AND reference = :reference) AS booked_before
""")


class AlreadyBooked(Exception):
    """This (kind, reference) was booked before; nothing changed."""


async def apply_change(
    session: AsyncSession,
    user_id: int,
    delta: int,
    kind: str,
    reference: str,
    actor_id: int | None = None,
    note: str | None = None,
) -> int | None:
    """Apply `delta` and book it in the caller's transaction; the new balance, or None when the
    balance would go negative. Raises AlreadyBooked when this (kind, reference) exists."""
    params = {
        "user_id": user_id,
        "delta": delta,
        "kind": kind,
        "reference": reference,
        "actor_id": actor_id,
        "note": note,
    }
    balance, booked_before = (await session.execute(_APPLY, params)).one()
    if booked_before:
        raise AlreadyBooked(f"{kind}:{reference}")
    return balance


async def ledger_page(session: AsyncSession, user_id: int, limit: int, before_id: int | None):
    return await newest_first(
        session, select(LedgerEntry).where(LedgerEntry.user_id == user_id), LedgerEntry.id, limit, before_id
    )


@dataclass(frozen=True)
class Mismatch:
    user_id: int
    email: str
    credits: int
    ledger_sum: int


async def ledger_mismatches(session: AsyncSession) -> list[Mismatch]:
    """Users whose balance differs from the sum of their ledger; empty when the books are clean."""
    sums = (
        select(LedgerEntry.user_id, func.sum(LedgerEntry.delta).label("total")).group_by(LedgerEntry.user_id).subquery()
    )
    total = func.coalesce(sums.c.total, 0)
    rows = await session.execute(
        select(User.id, User.email, User.credits, total)
        .outerjoin(sums, sums.c.user_id == User.id)
        .where(User.credits != total)
    )
    return [Mismatch(*row) for row in rows]
