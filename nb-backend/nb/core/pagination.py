"""Keyset pagination by descending id: stable under inserts, and cheap at any depth."""

from typing import Any

from sqlalchemy import Select
from sqlalchemy.ext.asyncio import AsyncSession


async def newest_first(
    session: AsyncSession, query: Select[Any], id_column: Any, limit: int, before_id: int | None
) -> tuple[list[Any], int | None]:
    """One page of rows and the cursor of the next page (None on the last one)."""
    if before_id is not None:
        query = query.where(id_column < before_id)
    rows = list((await session.scalars(query.order_by(id_column.desc()).limit(limit + 1))).all())
    return rows[:limit], (rows[limit - 1].id if len(rows) > limit else None)
