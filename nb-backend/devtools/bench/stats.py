"""Statistics at scale: seed generations and ledger rows with SQL (not the API) into a scratch
database, build the roll-ups, then time the overview and 90-day daily series as the admin API
computes them."""

import asyncio
import secrets
import statistics
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from devtools import local_services
from nb.core.db import async_url, session_factory
from nb.core.migrate import upgrade
from nb.core.settings import Settings
from nb.stats import rollups
from nb.stats import series as stats_series
from nb.stats import service as stats

USERS = 2000
KEYS = 8
DAYS = 90
RUNS = 7

_SEED = (
    """INSERT INTO users (email, password_hash, credits, created_at)
        SELECT 'bench-' || i || '@example.com', 'x', 100, now() - random() * :days * interval '1 day'
        FROM generate_series(1, :users) AS i""",
    """INSERT INTO upstream_keys (label, ciphertext, key_version, fingerprint, hint, status)
        SELECT 'bench-' || i, '\\x00', 'v1', md5(i::text), 'abcd', 'active' FROM generate_series(1, :keys) AS i""",
    """INSERT INTO generations (id, user_id, model, status, credits, upstream_key_id, attempts, latency_ms,
                                image_count, created_at, settled_at)
        SELECT gen_random_uuid(), u.min_id + i % :users,
               (ARRAY['gemini-3-pro-image-preview', 'gemini-2.5-flash-image',
                      'gemini-3.1-flash-image-preview'])[1 + i % 3],
               CASE WHEN i % 10 = 0 THEN 'refunded' ELSE 'succeeded' END, CASE WHEN i % 3 = 0 THEN 10 ELSE 1 END,
               k.min_id + i % :keys, 1 + (i % 17 = 0)::int, s.latency, (i % 10 <> 0)::int,
               s.at, s.at + s.latency * interval '1 millisecond'
        FROM generate_series(1, :rows) AS i
        CROSS JOIN LATERAL (SELECT now() - random() * :days * interval '1 day' AS at,
                                   (800 + random() * random() * 60000)::int AS latency, i AS _) AS s
        CROSS JOIN (SELECT min(id) AS min_id FROM users) AS u
        CROSS JOIN (SELECT min(id) AS min_id FROM upstream_keys) AS k""",
    """INSERT INTO credit_ledger (user_id, delta, balance_after, kind, reference, created_at)
       SELECT user_id, -credits, 0, 'generation', id::text, created_at FROM generations""",
    """INSERT INTO credit_ledger (user_id, delta, balance_after, kind, reference, created_at)
       SELECT user_id, credits, 0, 'refund', id::text, settled_at FROM generations WHERE status = 'refunded'""",
    "ANALYZE",
)


def _seed_params(statement: str, rows: int) -> dict[str, int]:
    """The bind parameters `statement` names, out of the seed's sizes."""
    sizes = {"rows": rows, "users": USERS, "keys": KEYS, "days": DAYS}
    return {name: value for name, value in sizes.items() if f":{name}" in statement}


async def _timed(work, runs: int = RUNS) -> float:
    """Median wall time in milliseconds, after one warm-up run."""
    await work()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        await work()
        samples.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(samples), 2)


async def _measure(engine: AsyncEngine, rows: int) -> dict[str, float]:
    zone = Settings().zone
    results: dict[str, float] = {"stats_rows": rows}
    started = time.perf_counter()
    async with engine.begin() as connection:
        for statement in _SEED:
            await connection.execute(text(statement), _seed_params(statement, rows))
    results["stats_seed_s"] = round(time.perf_counter() - started, 1)
    async with session_factory(engine)() as session:
        started = time.perf_counter()
        await rollups.rebuild(session, zone, datetime.now(UTC))
        results["stats_rollup_build_s"] = round(time.perf_counter() - started, 1)
    async with engine.connect() as connection:
        await (await connection.execution_options(isolation_level="AUTOCOMMIT")).execute(text("VACUUM ANALYZE"))
    async with session_factory(engine)() as session:
        now = datetime.now(UTC)
        results["stats_overview_ms"] = await _timed(lambda: stats.overview(session, zone, now))
        for metric in ("generations", "active_users", "latency_p95"):
            results[f"stats_timeseries_90d_{metric}_ms"] = await _timed(
                lambda metric=metric: stats_series.timeseries(
                    session, zone, metric, "day", now - timedelta(days=DAYS), now
                )
            )
        results["stats_models_ms"] = await _timed(lambda: stats.models(session, zone, now, None))
        results["stats_tokens_ms"] = await _timed(lambda: stats.tokens(session, zone, now, None))
    return results


async def run_stats_bench(database_url: str, rows: int = 1_000_000) -> dict[str, float]:
    """Create a scratch database next to `database_url`, measure, drop it; figures in ms (and s for setup)."""
    name = f"nbbench_stats_{secrets.token_hex(4)}"
    scratch_url = await asyncio.to_thread(local_services.create_database, database_url, name)
    try:
        await asyncio.to_thread(upgrade, scratch_url)
        engine = create_async_engine(async_url(scratch_url))
        try:
            return await _measure(engine, rows)
        finally:
            await engine.dispose()
    finally:
        await asyncio.to_thread(local_services.drop_database, database_url, name)
