"""Redeem-code batches as an admin lists them: each with how many of its codes are in each state."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from nb.core.pagination import newest_first
from nb.redeem.models import RedeemBatch, RedeemCode
from nb.redeem.service import STATES, state_filter


async def batch_page(
    session: AsyncSession, limit: int, before_id: int | None
) -> tuple[list[dict[str, Any]], int | None]:
    """Newest batches first; the state counts of a page come from one grouped query."""
    batches, last_id = await newest_first(session, select(RedeemBatch), RedeemBatch.id, limit, before_id)
    now = datetime.now(UTC)
    counts = {
        row.batch_id: row
        for row in (
            await session.execute(
                select(
                    RedeemCode.batch_id,
                    *(func.count().filter(state_filter(state, now)).label(state) for state in STATES),
                )
                .where(RedeemCode.batch_id.in_([batch.id for batch in batches]))
                .group_by(RedeemCode.batch_id)
            )
        ).all()
    }
    rows = []
    for batch in batches:
        row = counts.get(batch.id)
        states = {state: getattr(row, state) if row else 0 for state in STATES}
        rows.append(
            {
                "id": batch.id,
                "credits": batch.credits,
                "count": batch.count,
                "note": batch.note,
                "expires_at": batch.expires_at,
                "created_by": batch.created_by,
                "created_at": batch.created_at,
                "used": states["redeemed"],
                **states,
            }
        )
    return rows, last_id
