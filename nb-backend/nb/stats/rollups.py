"""Maintaining the statistics roll-ups from the raw tables, off the hot path.

A periodic job folds rows settled before `now - STATS_ROLLUP_LAG_SECONDS` into the hourly tables.
`settled_at` (and a ledger row's `created_at`) is stamped just before its transaction commits, so
the lag guarantees that every row stamped before the new watermark is visible when the job reads.
Each run recomputes whole hours from the start of the watermark's hour, so a run is idempotent, an
interrupted run changes nothing, and `rebuild` (the same computation from the beginning) yields
exactly the same tables. Runs are serialized by a transaction-level advisory lock, whichever worker
or command starts them; settling a generation never touches these tables.
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from nb.core.runtime import Runtime
from nb.stats.models import LATENCY_BOUNDS_MS

ADVISORY_LOCK = 7_411_953_001
BEGINNING = datetime(1970, 1, 1, tzinfo=UTC)
ROLLUP_TABLES = (
    "usage_hourly",
    "key_usage_hourly",
    "credit_flow_hourly",
    "active_users_hourly",
    "active_users_daily",
    "active_user_counts_daily",
    "user_last_active",
)

_BOUNDS = "ARRAY[" + ", ".join(map(str, LATENCY_BOUNDS_MS)) + "]::int[]"
_BUCKETS = (
    "ARRAY["
    + ", ".join(
        f"count(*) FILTER (WHERE width_bucket(latency_ms, {_BOUNDS}) = {index})"
        for index in range(len(LATENCY_BOUNDS_MS) + 1)
    )
    + "]"
)
_RETRIES = "sum(greatest(attempts - 1, 0))"
_SETTLED = "FROM generations WHERE settled_at >= :start AND settled_at < :until AND status <> 'pending'"

_STATEMENTS = (
    "DELETE FROM usage_hourly WHERE hour >= :start",
    f"""INSERT INTO usage_hourly (hour, model, status, generations, credits, attempts, retries, images,
                                  latency_ms_sum, latency_count, latency_buckets)
        SELECT date_trunc('hour', settled_at, 'UTC'), model, status, count(*), sum(credits), sum(attempts),
               {_RETRIES}, sum(image_count), coalesce(sum(latency_ms), 0), count(latency_ms), {_BUCKETS}
        {_SETTLED} GROUP BY 1, 2, 3""",
    "DELETE FROM key_usage_hourly WHERE hour >= :start",
    f"""INSERT INTO key_usage_hourly (hour, upstream_key_id, status, generations, credits, attempts, retries,
                                      latency_ms_sum, latency_count)
        SELECT date_trunc('hour', settled_at, 'UTC'), coalesce(upstream_key_id, 0), status, count(*), sum(credits),
               sum(attempts), {_RETRIES}, coalesce(sum(latency_ms), 0), count(latency_ms)
        {_SETTLED} GROUP BY 1, 2, 3""",
    "DELETE FROM credit_flow_hourly WHERE hour >= :start",
    """INSERT INTO credit_flow_hourly (hour, kind, delta_sum, entries)
       SELECT date_trunc('hour', created_at, 'UTC'), kind, sum(delta), count(*)
       FROM credit_ledger WHERE created_at >= :start AND created_at < :until GROUP BY 1, 2""",
    f"""INSERT INTO active_users_hourly (hour, user_id)
        SELECT DISTINCT date_trunc('hour', settled_at, 'UTC'), user_id {_SETTLED} ON CONFLICT DO NOTHING""",
    f"""INSERT INTO active_users_daily (day, user_id)
        SELECT DISTINCT (settled_at AT TIME ZONE :zone)::date, user_id {_SETTLED} ON CONFLICT DO NOTHING""",
    """INSERT INTO active_user_counts_daily (day, users)
       SELECT day, count(*) FROM active_users_daily WHERE day >= (CAST(:start AS timestamptz) AT TIME ZONE :zone)::date
       GROUP BY day ON CONFLICT (day) DO UPDATE SET users = excluded.users""",
    """INSERT INTO user_last_active (user_id, day)
       SELECT user_id, max(day) FROM active_users_daily
       WHERE day >= (CAST(:start AS timestamptz) AT TIME ZONE :zone)::date GROUP BY user_id
       ON CONFLICT (user_id) DO UPDATE SET day = greatest(user_last_active.day, excluded.day)""",
)


def hour_floor(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


async def _locked_watermark(session: AsyncSession) -> datetime | None:
    await session.execute(text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": ADVISORY_LOCK})
    return await session.scalar(text("SELECT rolled_until FROM stats_watermark WHERE id = 1"))


async def _fold(session: AsyncSession, zone: ZoneInfo, start: datetime, until: datetime) -> None:
    params = {"start": start, "until": until, "zone": zone.key}
    for statement in _STATEMENTS:
        await session.execute(text(statement), params)
    await session.execute(
        text(
            "INSERT INTO stats_watermark (id, rolled_until) VALUES (1, :until) "
            "ON CONFLICT (id) DO UPDATE SET rolled_until = excluded.rolled_until"
        ),
        {"until": until},
    )


async def roll_up(session: AsyncSession, zone: ZoneInfo, until: datetime) -> datetime:
    """Fold everything settled before `until` into the roll-ups and commit; returns the watermark."""
    watermark = await _locked_watermark(session)
    if watermark is not None and until <= watermark:
        await session.rollback()
        return watermark
    await _fold(session, zone, hour_floor(watermark) if watermark else BEGINNING, until)
    await session.commit()
    return until


async def rebuild(session: AsyncSession, zone: ZoneInfo, until: datetime | None = None) -> datetime:
    """Recompute every roll-up from the raw tables up to `until` (default: the current watermark)."""
    watermark = await _locked_watermark(session)
    until = until or watermark or datetime.now(UTC)
    await session.execute(text("TRUNCATE " + ", ".join(ROLLUP_TABLES)))
    await _fold(session, zone, BEGINNING, until)
    await session.commit()
    return until


async def roll_up_now(runtime: Runtime) -> datetime:
    """The periodic job: everything settled more than the configured lag ago."""
    settings = runtime.settings
    until = datetime.now(UTC) - timedelta(seconds=settings.stats_rollup_lag_seconds)
    async with runtime.sessions() as session:
        return await roll_up(session, settings.zone, until)
