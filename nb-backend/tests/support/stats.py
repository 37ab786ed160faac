"""Helpers for the statistics tests: roll-ups on demand, raw-table figures to compare against, and
hand-made rows in a scratch database for times the API cannot produce."""

import asyncio
import uuid
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Select, literal_column, select, table, text
from sqlalchemy.ext.asyncio import AsyncEngine

from nb.core.db import session_factory
from nb.stats import rollups
from nb.stats.rollups import ROLLUP_TABLES


async def roll_up_now(engine: AsyncEngine, zone: ZoneInfo) -> datetime:
    """What the periodic job does, with a one-second lag instead of minutes: the test's own requests
    have settled, and a settlement of an earlier test's leftover request stamped before the watermark
    has committed by the time the job reads."""
    until = datetime.now(UTC)
    await asyncio.sleep(1)
    async with session_factory(engine)() as session:
        return await rollups.roll_up(session, zone, until)


def _whole_rows_in_order(name: str) -> Select:
    """SELECT * FROM <name> AS t ORDER BY t: every column, rows ordered as whole records."""
    return select(literal_column("*")).select_from(table(name).alias("t")).order_by(literal_column("t"))


async def rollup_tables(engine: AsyncEngine) -> dict[str, list[tuple]]:
    """Every roll-up row and the watermark, each table in the order of its whole rows."""
    async with engine.connect() as connection:
        return {
            name: [tuple(row) for row in await connection.execute(_whole_rows_in_order(name))]
            for name in (*ROLLUP_TABLES, "stats_watermark")
        }


async def raw_generations(engine: AsyncEngine, until: datetime, since: datetime | None = None) -> dict[tuple, tuple]:
    """(model, status) → (count, attempts, credits) of generations settled in [since, until)."""
    async with engine.connect() as connection:
        rows = await connection.execute(
            text(
                "SELECT model, status, count(*), sum(attempts), sum(credits) FROM generations "
                "WHERE settled_at < :until AND settled_at >= coalesce(CAST(:since AS timestamptz), '-infinity') "
                "GROUP BY 1, 2"
            ),
            {"until": until, "since": since},
        )
        return {(row[0], row[1]): tuple(row[2:]) for row in rows}


async def raw_ledger(engine: AsyncEngine, until: datetime, since: datetime | None = None) -> dict[str, int]:
    async with engine.connect() as connection:
        rows = await connection.execute(
            text(
                "SELECT kind, sum(delta) FROM credit_ledger WHERE created_at < :until "
                "AND created_at >= coalesce(CAST(:since AS timestamptz), '-infinity') GROUP BY kind"
            ),
            {"until": until, "since": since},
        )
        return {kind: int(total) for kind, total in rows}


async def insert_user(engine: AsyncEngine, created_at: datetime) -> int:
    async with engine.begin() as connection:
        return await connection.scalar(
            text("INSERT INTO users (email, password_hash, created_at) VALUES (:email, 'x', :at) RETURNING id"),
            {"email": f"{uuid.uuid4().hex}@example.com", "at": created_at},
        )


async def insert_generation(
    engine: AsyncEngine,
    user_id: int,
    settled_at: datetime,
    model: str = "m-flash",
    status: str = "succeeded",
    credits: int = 1,
    attempts: int = 1,
    latency_ms: int = 1500,
) -> None:
    """A settled generation and its ledger rows, as billing would have booked them."""
    generation_id = uuid.uuid4()
    async with engine.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO generations (id, user_id, model, status, credits, attempts, latency_ms, created_at, "
                "settled_at) VALUES (:id, :user, :model, :status, :credits, :attempts, :latency, :at, :at)"
            ),
            {
                "id": generation_id,
                "user": user_id,
                "model": model,
                "status": status,
                "credits": credits,
                "attempts": attempts,
                "latency": latency_ms,
                "at": settled_at,
            },
        )
        await connection.execute(
            text(
                "INSERT INTO credit_ledger (user_id, delta, balance_after, kind, reference, created_at) "
                "VALUES (:user, :delta, 0, 'generation', :ref, :at)"
            ),
            {"user": user_id, "delta": -credits, "ref": str(generation_id), "at": settled_at},
        )
        if status == "refunded":
            await connection.execute(
                text(
                    "INSERT INTO credit_ledger (user_id, delta, balance_after, kind, reference, created_at) "
                    "VALUES (:user, :delta, 0, 'refund', :ref, :at)"
                ),
                {"user": user_id, "delta": credits, "ref": str(generation_id), "at": settled_at},
            )
