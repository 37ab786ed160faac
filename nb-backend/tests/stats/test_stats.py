"""Statistics agree with the raw tables: after a mixed workload through the API, across a day
boundary of the configured time zone, and after rebuilding the roll-ups from scratch."""

import asyncio
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from nb.core.db import async_url, session_factory
from nb.core.migrate import upgrade
from nb.stats import rollups
from nb.stats import series as stats_series
from nb.stats import service as stats
from tests.support.gateway import FLASH, PRO, body, funded_user, generate, key_pool, register_admin
from tests.support.stats import insert_generation, insert_user, raw_generations, raw_ledger, roll_up_now, rollup_tables

SHANGHAI = ZoneInfo("Asia/Shanghai")
UTC_ZONE = ZoneInfo("UTC")


@pytest.fixture
async def admin(client, engine):
    return await register_admin(client, engine)


@pytest.fixture
async def scratch_engine(fresh_database):
    """An empty migrated database of its own, for rows the API cannot make (past times, chosen latencies)."""
    url = fresh_database(f"stats_{os.urandom(3).hex()}")
    await asyncio.to_thread(upgrade, url)
    engine = create_async_engine(async_url(url))
    yield engine, url
    await engine.dispose()


async def _mixed_workload(client, admin) -> int:
    """Successes on two models, a refund, a retried failure, a redemption and two adjustments."""
    buyer = await funded_user(client, admin, 30)
    assert (await generate(client, buyer, FLASH, body("a plum"))).status_code == 200
    assert (await generate(client, buyer, PRO, body("a fig", imageConfig={"imageSize": "1K"}))).status_code == 200
    assert (await generate(client, buyer, FLASH, body("draw #noimage"))).status_code == 200
    minted = (
        await client.post("/api/admin/redeem-codes", headers=admin.headers, json={"count": 1, "credits": 4})
    ).json()
    assert (
        await client.post("/api/redeem", headers=buyer.headers, json={"code": minted["codes"][0]})
    ).status_code == 200
    await client.post(f"/api/admin/users/{buyer.id}/credits", headers=admin.headers, json={"delta": -2, "reason": "t"})
    assert (await generate(client, buyer, FLASH, body("draw #500"))).status_code == 503
    return buyer.id


async def test_overview_models_and_tokens_agree_with_the_raw_tables_after_a_mixed_workload(
    client, engine, settings, admin
):
    async with key_pool(client, admin, ["ok-stats-a", "ok-stats-b"]) as keys:
        buyer = await _mixed_workload(client, admin)
        rolled = await roll_up_now(engine, settings.zone)
        overview = (await client.get("/api/admin/stats/overview", headers=admin.headers)).json()
        models = (await client.get("/api/admin/stats/models", headers=admin.headers)).json()
        tokens = {row["id"]: row for row in (await client.get("/api/admin/stats/tokens", headers=admin.headers)).json()}
        raw_keys = await _raw_by_key(engine, rolled, [key["id"] for key in keys])
    assert datetime.fromisoformat(overview["as_of"]) == rolled
    raw = await raw_generations(engine, rolled)
    everything = overview["generations"]["all_time"]
    assert everything["total"] == sum(count for count, _, _ in raw.values())
    assert everything["attempts"] == sum(attempts for _, attempts, _ in raw.values())
    assert everything["retries"] == await _raw_retries(engine, rolled)
    assert await _attempts_per_generation(engine, buyer) == [1, 1, 1, 2]
    assert {
        (model, status): figures[status]
        for model, figures in everything["by_model"].items()
        for status in ("succeeded", "refunded", "failed")
        if figures[status]
    } == {key: count for key, (count, _, _) in raw.items()}
    ledger = await raw_ledger(engine, rolled)
    assert overview["credits"]["all_time"] == {
        "spent": sum(credits for (_, status), (_, _, credits) in raw.items() if status == "succeeded"),
        "charged": -ledger.get("generation", 0),
        "refunded": ledger.get("refund", 0),
        "redeemed": ledger.get("redeem", 0),
        "adjusted": ledger.get("admin_adjust", 0),
        "signup": ledger.get("signup", 0),
    }
    by_model = {row["model"]: row for row in models}
    assert by_model[FLASH]["generations"] == sum(count for (model, _), (count, _, _) in raw.items() if model == FLASH)
    assert by_model[FLASH]["attempts"] == sum(tries for (model, _), (_, tries, _) in raw.items() if model == FLASH)
    for key_id, (generations, succeeded, mean_latency, calls) in raw_keys.items():
        assert (tokens[key_id]["generations"], tokens[key_id]["succeeded"], tokens[key_id]["calls"]) == (
            generations,
            succeeded,
            calls,
        )
        assert mean_latency is None or abs(tokens[key_id]["mean_latency_ms"] - mean_latency) <= 0.5
    assert overview["pool"]["total"] >= 2 and overview["users"]["active_today"] >= 1


async def _raw_retries(engine, until) -> int:
    async with engine.connect() as connection:
        return await connection.scalar(
            text("SELECT coalesce(sum(greatest(attempts - 1, 0)), 0) FROM generations WHERE settled_at < :until"),
            {"until": until},
        )


async def _attempts_per_generation(engine, user_id: int) -> list[int]:
    async with engine.connect() as connection:
        rows = await connection.execute(
            text("SELECT attempts FROM generations WHERE user_id = :u ORDER BY attempts"), {"u": user_id}
        )
        return [attempts for (attempts,) in rows]


async def _raw_by_key(engine, until, key_ids) -> dict[int, tuple]:
    """key id → (generations settled, succeeded, mean latency of successes, upstream calls)."""
    async with engine.connect() as connection:
        rows = await connection.execute(
            text(
                "SELECT k.id, count(g.id), count(g.id) FILTER (WHERE g.status = 'succeeded'), "
                "avg(g.latency_ms) FILTER (WHERE g.status = 'succeeded'), k.success_count + k.failure_count "
                "FROM upstream_keys k LEFT JOIN generations g ON g.upstream_key_id = k.id AND g.settled_at < :until "
                "WHERE k.id = ANY(:ids) GROUP BY k.id"
            ),
            {"until": until, "ids": key_ids},
        )
        return {row[0]: (row[1], row[2], None if row[3] is None else float(row[3]), row[4]) for row in rows}


async def test_a_day_starts_at_midnight_of_the_configured_time_zone(scratch_engine):
    engine, _ = scratch_engine
    midnight = datetime(2026, 3, 9, 16, 0, tzinfo=UTC)
    before, after = midnight - timedelta(seconds=1), midnight + timedelta(seconds=1)
    early, late = (
        await insert_user(engine, midnight - timedelta(hours=6)),
        await insert_user(engine, midnight + timedelta(minutes=30)),
    )
    await insert_generation(engine, early, before, credits=3)
    await insert_generation(engine, late, after, credits=5, status="refunded", attempts=2)
    until = midnight + timedelta(hours=20)
    async with session_factory(engine)() as session:
        await rollups.roll_up(session, SHANGHAI, until)
        days = await stats_series.timeseries(
            session, SHANGHAI, "generations", "day", midnight - timedelta(days=1), until
        )
        assert [(moment.astimezone(SHANGHAI).date().isoformat(), value) for moment, value in days] == [
            ("2026-03-09", 1),
            ("2026-03-10", 1),
        ]
        in_utc = await stats_series.timeseries(
            session, UTC_ZONE, "generations", "day", midnight - timedelta(days=1), until
        )
        assert [value for _, value in in_utc] == [0, 2, 0]
        hours = await stats_series.timeseries(session, SHANGHAI, "attempts", "hour", before, after)
        assert [value for _, value in hours] == [1, 2]
        overview = await stats.overview(session, SHANGHAI, midnight + timedelta(hours=10))
    today, week = overview["generations"]["today"], overview["generations"]["last_7_days"]
    assert (today["total"], today["refunded"], today["attempts"], week["total"]) == (1, 1, 2, 2)
    assert overview["credits"]["today"] | {"spent": None} == {
        "spent": None,
        "charged": 5,
        "refunded": 5,
        "redeemed": 0,
        "adjusted": 0,
        "signup": 0,
    }
    assert overview["credits"]["last_7_days"]["spent"] == 3
    users = overview["users"]
    assert (users["new_today"], users["new_last_7_days"], users["active_today"], users["active_last_7_days"]) == (
        1,
        2,
        1,
        2,
    )


async def test_rebuild_stats_reproduces_the_incremental_rollups_exactly(scratch_engine, tmp_path):
    engine, url = scratch_engine
    start = datetime(2026, 5, 1, 7, 20, tzinfo=UTC)
    users = [await insert_user(engine, start - timedelta(days=1)) for _ in range(4)]
    async with session_factory(engine)() as session:
        for step in range(12):
            for index in range(9):
                at = start + timedelta(minutes=37 * step + 4 * index)
                await insert_generation(
                    engine,
                    users[index % 4],
                    at,
                    model=("m-flash", "m-pro")[index % 2],
                    status=("succeeded", "refunded", "failed")[index % 3],
                    credits=1 + index % 3,
                    attempts=1 + index % 2,
                    latency_ms=300 * (index + 1) * (step + 1),
                )
            await rollups.roll_up(session, SHANGHAI, start + timedelta(minutes=37 * step + 21))
    incremental = await rollup_tables(engine)
    assert incremental["usage_hourly"] and incremental["active_users_daily"]
    environment = {**os.environ, "DATABASE_URL": url, "NB_TIMEZONE": "Asia/Shanghai"}
    done = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "nb", "rebuild-stats"],
        env=environment,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert await rollup_tables(engine) == incremental


async def test_series_cover_the_range_with_zero_for_quiet_buckets(client, admin):
    response = await client.get(
        "/api/admin/stats/timeseries",
        headers=admin.headers,
        params={"metric": "generations", "bucket": "day", "from": "2020-01-01", "to": "2020-01-08"},
    )
    assert response.status_code == 200
    points = response.json()["points"]
    assert [point["t"][:10] for point in points] == [f"2020-01-0{day}" for day in range(1, 8)]
    assert {point["value"] for point in points} == {0}
    hours = (
        await client.get(
            "/api/admin/stats/timeseries",
            headers=admin.headers,
            params={"metric": "latency_p95", "bucket": "hour", "from": "2020-01-01T10", "to": "2020-01-01T12"},
        )
    ).json()
    assert [(point["t"], point["value"]) for point in hours["points"]] == [
        ("2020-01-01T18:00:00+08:00", None),
        ("2020-01-01T19:00:00+08:00", None),
    ]


@pytest.mark.parametrize(
    "params, code",
    [
        ({"metric": "nonsense"}, "invalid_request"),
        ({"metric": "generations", "from": "2020-01-01", "to": "2024-01-01"}, "range_too_long"),
        ({"metric": "generations", "from": "2024-01-02", "to": "2024-01-01"}, "empty_range"),
        ({"metric": "generations", "from": "yesterday!"}, "invalid_date"),
    ],
)
async def test_series_refuse_bad_ranges_with_a_clear_code(client, admin, params, code):
    response = await client.get("/api/admin/stats/timeseries", headers=admin.headers, params=params)
    assert response.status_code == 422 and response.json()["code"] == code
