"""Charging for generations: reserve before the upstream call, settle after it, refund exactly once.

Each step is one short transaction; none is open while the upstream works. A refund is a
conditional `pending → refunded` transition plus a ledger entry keyed by the generation id, so a
second refund (a retry, the sweeper, a cancelled request) finds nothing to do.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import BigInteger, String, literal, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from nb.core.cache import Cache
from nb.core.errors import ApiError
from nb.credits import ledger
from nb.gateway.models import Generation, ModelPrice
from nb.gateway.prices import model_not_found


@dataclass(frozen=True)
class Earlier:
    """The generation an Idempotency-Key already named."""

    status: str
    streamed: bool


@dataclass(frozen=True)
class Reservation:
    generation_id: uuid.UUID
    credits: int
    replay_of: Earlier | None = None


async def reserve(
    session: AsyncSession,
    user_id: int,
    api_key_id: int | None,
    model: str,
    idempotency_key: str | None,
    prompt_excerpt: str | None,
    streamed: bool,
) -> Reservation:
    """Price the model, insert the pending generation and debit its credits in one transaction.

    The generation row is inserted straight from the model's price row (one statement prices and
    records it). With an Idempotency-Key already used by this user, nothing is charged and the
    earlier generation is returned for replay.
    """
    generation_id = uuid.uuid4()
    priced = select(
        literal(generation_id),
        literal(user_id),
        literal(api_key_id, BigInteger),
        ModelPrice.model,
        ModelPrice.credits,
        literal(idempotency_key, String),
        literal(prompt_excerpt, String),
        literal(streamed),
    ).where(ModelPrice.model == model, ModelPrice.enabled.is_(True))
    credits = await session.scalar(
        insert(Generation)
        .from_select(
            ["id", "user_id", "api_key_id", "model", "credits", "idempotency_key", "prompt_excerpt", "streamed"], priced
        )
        .on_conflict_do_nothing(
            index_elements=["user_id", "idempotency_key"], index_where=Generation.idempotency_key.is_not(None)
        )
        .returning(Generation.credits)
    )
    if credits is None and idempotency_key is None:
        await session.rollback()
        raise model_not_found(model)
    if credits is None:
        earlier = (
            await session.execute(
                select(Generation.id, Generation.credits, Generation.status, Generation.streamed).where(
                    Generation.user_id == user_id, Generation.idempotency_key == idempotency_key
                )
            )
        ).first()
        await session.rollback()
        if earlier is None:
            raise model_not_found(model)
        return Reservation(earlier.id, earlier.credits, replay_of=Earlier(earlier.status, earlier.streamed))
    if credits and await ledger.apply_change(session, user_id, -credits, "generation", str(generation_id)) is None:
        await session.rollback()
        raise ApiError(
            402, "insufficient_credits", f"insufficient credits: {model} costs {credits} credits per generation"
        )
    await session.commit()
    return Reservation(generation_id, credits)


@dataclass(frozen=True)
class Settlement:
    upstream_key_id: int | None
    attempts: int
    latency_ms: int
    image_count: int = 0
    error_class: str | None = None


async def mark_succeeded(session: AsyncSession, generation_id: uuid.UUID, settlement: Settlement) -> None:
    await session.execute(
        update(Generation)
        .where(Generation.id == generation_id, Generation.status == "pending")
        .values(status="succeeded", settled_at=datetime.now(UTC), **_columns(settlement))
    )


async def refund(session: AsyncSession, generation_id: uuid.UUID, settlement: Settlement | None = None) -> bool:
    """Give the credits back if the generation is still pending; True when this call refunded."""
    values = _columns(settlement) if settlement else {}
    row = (
        await session.execute(
            update(Generation)
            .where(Generation.id == generation_id, Generation.status == "pending")
            .values(status="refunded", settled_at=datetime.now(UTC), **values)
            .returning(Generation.user_id, Generation.credits)
        )
    ).first()
    if row is None:
        return False
    if row.credits:
        await ledger.apply_change(session, row.user_id, row.credits, "refund", str(generation_id))
    return True


def _columns(settlement: Settlement) -> dict:
    return {
        "upstream_key_id": settlement.upstream_key_id or None,
        "attempts": settlement.attempts,
        "latency_ms": settlement.latency_ms,
        "image_count": settlement.image_count,
        "error_class": settlement.error_class,
    }


def produced_marker(cache: Cache, generation_id: uuid.UUID) -> str:
    """Set in Redis the moment an image exists, before settling: the sweeper then keeps the charge
    even when the settle transaction itself failed."""
    return cache.key("generation", "produced", generation_id)


async def sweep_stale(session: AsyncSession, cache: Cache, older_than_seconds: float) -> dict[str, int]:
    """Settle generations left pending by a crash or a lost connection: keep the charge when an image
    was produced, refund otherwise."""
    cutoff = datetime.now(UTC) - timedelta(seconds=older_than_seconds)
    stale = (
        await session.scalars(
            select(Generation.id).where(Generation.status == "pending", Generation.created_at < cutoff).limit(1000)
        )
    ).all()
    counts = {"refunded": 0, "succeeded": 0}
    for generation_id in stale:
        if await cache.redis.exists(produced_marker(cache, generation_id)):
            await session.execute(
                update(Generation)
                .where(Generation.id == generation_id, Generation.status == "pending")
                .values(status="succeeded", settled_at=datetime.now(UTC), error_class="settled_by_sweeper")
            )
            counts["succeeded"] += 1
        elif await refund(session, generation_id, None):
            counts["refunded"] += 1
        await session.commit()
    return counts
