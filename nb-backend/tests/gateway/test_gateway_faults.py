"""Faults on the generation path: disconnects, killed workers, failed settlements, broken streams and
huge images. Whatever happens, credits are charged for an image or refunded exactly once."""

import asyncio
import base64
import os
import secrets
import signal
import time

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import async_sessionmaker

from devtools.processes import backend_process
from devtools.simulator_server import running_simulator
from devtools.threaded_server import serving
from nb.core.cache import Cache
from nb.gateway import billing
from nb.main import create_app
from nb.simulator import SimulatorConfig
from tests.support.gateway import (
    FLASH,
    PRO,
    balance,
    body,
    funded_user,
    generate,
    key_pool,
    register_admin,
    reset_simulator,
    simulator_stats,
)
from tests.support.ledger import check_ledger
from tests.support.settings import make_settings, random_ip


@pytest.fixture
async def admin(client, engine):
    return await register_admin(client, engine)


async def _statuses(engine, user_id: int) -> list[str]:
    async with engine.connect() as connection:
        rows = await connection.execute(text("SELECT status FROM generations WHERE user_id = :u"), {"u": user_id})
        return list(rows.scalars())


async def _wait_for(predicate, within_seconds: float = 10.0):
    deadline = time.monotonic() + within_seconds
    while not await predicate():
        assert time.monotonic() < deadline, "condition not reached in time"
        await asyncio.sleep(0.1)


async def _sweep(engine, settings, redis) -> dict:
    async with async_sessionmaker(engine)() as session:
        return await billing.sweep_stale(session, Cache(redis, settings.redis_namespace), older_than_seconds=0)


async def test_a_client_that_disconnects_mid_generation_is_refunded_once(client, admin, engine, base_url, database_url):
    async with key_pool(client, admin, ["ok-key-disconnect"]):
        account = await funded_user(client, admin, 5)
        async with httpx.AsyncClient(base_url=base_url) as impatient:
            request = asyncio.create_task(generate(impatient, account, FLASH, body("wait for it #slow")))
            await asyncio.sleep(0.5)
            request.cancel()
        await _wait_for(lambda: _refunded(engine, account.id))
    assert await balance(client, account) == 5
    assert check_ledger(database_url).returncode == 0


async def _refunded(engine, user_id: int) -> bool:
    return await _statuses(engine, user_id) == ["refunded"]


async def test_a_killed_worker_leaves_a_pending_charge_that_the_sweeper_refunds_once(
    client, admin, engine, settings, redis, tmp_path, database_url
):
    async with key_pool(client, admin, ["slow-key-killed"]):
        account = await funded_user(client, admin, 5)
        with backend_process(settings, str(tmp_path)) as (url, process):
            async with httpx.AsyncClient(base_url=url, timeout=30) as http:
                request = asyncio.create_task(generate(http, account, FLASH, body("doomed")))
                await _wait_for(lambda: _has_pending(engine, account.id))
                os.killpg(process.pid, signal.SIGKILL)
                with pytest.raises(httpx.HTTPError):
                    await request
    assert await balance(client, account) == 4
    first = await _sweep(engine, settings, redis)
    second = await _sweep(engine, settings, redis)
    assert first["refunded"] >= 1 and second == {"refunded": 0, "succeeded": 0}
    assert await balance(client, account) == 5
    assert await _statuses(engine, account.id) == ["refunded"]
    assert check_ledger(database_url).returncode == 0


async def _has_pending(engine, user_id: int) -> bool:
    return await _statuses(engine, user_id) == ["pending"]


async def test_an_image_whose_settlement_fails_is_charged_once_and_never_fetched_twice(
    client, admin, engine, settings, redis, simulator_url
):
    async with engine.begin() as connection:
        await connection.execute(
            text("""
            CREATE FUNCTION refuse_store() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION 'storage is down'; END $$ LANGUAGE plpgsql""")
        )
        await connection.execute(
            text("""
            CREATE TRIGGER refuse_store BEFORE UPDATE ON generations FOR EACH ROW
            WHEN (NEW.prompt_excerpt LIKE '%store-fails%') EXECUTE FUNCTION refuse_store()""")
        )
    try:
        async with key_pool(client, admin, ["ok-key-store"]):
            account = await funded_user(client, admin, 5)
            await reset_simulator(simulator_url)
            response = await generate(client, account, FLASH, body("store-fails please"))
            stats = await simulator_stats(simulator_url)
    finally:
        async with engine.begin() as connection:
            await connection.execute(text("DROP TRIGGER refuse_store ON generations"))
            await connection.execute(text("DROP FUNCTION refuse_store()"))
    assert response.status_code == 200 and "inlineData" in response.text
    assert stats["totals"]["calls"] == 1
    assert await _statuses(engine, account.id) == ["pending"]
    await _sweep(engine, settings, redis)
    assert await _statuses(engine, account.id) == ["succeeded"]
    assert await balance(client, account) == 4


@pytest.mark.parametrize("marker", ["#cut", "#block"])
async def test_streams_that_end_without_an_image_are_refunded(client, admin, engine, marker):
    async with key_pool(client, admin, ["ok-key-stream"]):
        account = await funded_user(client, admin, 5)
        response = await client.post(
            f"/v1beta/models/{FLASH}:streamGenerateContent",
            params={"alt": "sse"},
            json=body(f"stream {marker}"),
            headers=account.headers,
        )
    assert response.status_code == 200
    assert await balance(client, account) == 5
    assert await _statuses(engine, account.id) == ["refunded"]


async def test_a_stream_cancelled_by_its_client_before_the_image_is_refunded(client, admin, engine, base_url):
    async with key_pool(client, admin, ["slow-key-stream"]):
        account = await funded_user(client, admin, 5)
        async with httpx.AsyncClient(base_url=base_url) as impatient:
            request = asyncio.create_task(
                impatient.post(
                    f"/v1beta/models/{FLASH}:streamGenerateContent",
                    params={"alt": "sse"},
                    json=body("never mind"),
                    headers=account.headers,
                )
            )
            await asyncio.sleep(0.5)
            request.cancel()
        await _wait_for(lambda: _refunded(engine, account.id))
    assert await balance(client, account) == 5


def _image_bytes_in_sse(payload: bytes) -> list[bytes]:
    import orjson

    images = []
    for event in payload.split(b"\r\n\r\n"):
        if event.startswith(b"data: "):
            for candidate in orjson.loads(event[6:]).get("candidates", []):
                for part in (candidate.get("content") or {}).get("parts", []):
                    if "inlineData" in part and not part.get("thought"):
                        images.append(base64.b64decode(part["inlineData"]["data"]))
    return images


async def test_a_4k_image_passes_through_both_endpoints_intact(client, admin, engine):
    with running_simulator(SimulatorConfig(image_scale=1.0, pad_bytes=8 << 20)) as big_upstream:
        async with key_pool(client, admin, ["ok-key-huge"], base_url=big_upstream):
            account = await funded_user(client, admin, 30)
            request = body("a huge vista #4k", imageConfig={"imageSize": "4K", "aspectRatio": "1:1"})
            direct = await httpx.AsyncClient(timeout=60).post(
                f"{big_upstream}/v1beta/models/{PRO}:generateContent", json=request, headers={"x-goog-api-key": "k"}
            )
            plain = await generate(client, account, PRO, request)
            streamed = await client.post(
                f"/v1beta/models/{PRO}:streamGenerateContent",
                params={"alt": "sse"},
                json=request,
                headers=account.headers,
            )
    expected = [
        base64.b64decode(part["inlineData"]["data"])
        for part in direct.json()["candidates"][0]["content"]["parts"]
        if "inlineData" in part and not part.get("thought")
    ][-1]
    assert len(base64.b64encode(expected)) >= 8 << 20
    final = [part for part in plain.json()["candidates"][0]["content"]["parts"] if "inlineData" in part][-1]
    assert base64.b64decode(final["inlineData"]["data"]) == expected
    assert _image_bytes_in_sse(streamed.content)[-1] == expected
    assert await balance(client, account) == 10


async def _slow_retried_generation(database_url, infrastructure, engine, redis, simulator_url, **overrides):
    """A generation whose first attempt waits 2 s (#slow) and fails (flaky key), whose second waits 2 s
    and succeeds; the sweeper runs every 0.3 s. Returns (status, row statuses, balance, seconds taken)."""
    settings = make_settings(
        database_url,
        infrastructure["redis"],
        redis_namespace=f"nbdeadline-{secrets.token_hex(4)}",
        upstream_base_url=simulator_url,
        pending_grace_seconds=0.3,
        sweep_interval_seconds=0.3,
        **overrides,
    )
    with serving(create_app(settings)) as url:
        async with httpx.AsyncClient(base_url=url, timeout=60, headers={"X-Forwarded-For": random_ip()}) as http:
            admin = await register_admin(http, engine)
            tag = secrets.token_hex(4)
            async with key_pool(http, admin, [f"flaky-deadline-{tag}"]), key_pool(http, admin, [f"ok-deadline-{tag}"]):
                await redis.set(f"{settings.redis_namespace}:pool:cursor", -1)  # the flaky key (added first) goes first
                account = await funded_user(http, admin, 5)
                started = time.monotonic()
                response = await generate(http, account, FLASH, body("take your time #slow"))
                took = time.monotonic() - started
                await asyncio.sleep(1.0)
                return response.status_code, await _statuses(engine, account.id), await balance(http, account), took


async def test_a_generation_retried_past_one_attempts_timeout_is_never_swept(
    database_url, infrastructure, engine, redis, simulator_url
):
    """About 4 s in all, longer than one attempt's timeout plus the grace: one charge, the row
    succeeded, the books clean."""
    status, rows, credits, took = await _slow_retried_generation(
        database_url,
        infrastructure,
        engine,
        redis,
        simulator_url,
        upstream_timeout_seconds=2.5,
        generation_deadline_seconds=6.0,
    )
    assert (status, rows, credits) == (200, ["succeeded"], 4)
    assert took > 2.5 + 0.3
    assert check_ledger(database_url).returncode == 0


async def test_all_attempts_together_end_at_the_generation_deadline(
    database_url, infrastructure, engine, redis, simulator_url
):
    status, rows, credits, took = await _slow_retried_generation(
        database_url,
        infrastructure,
        engine,
        redis,
        simulator_url,
        upstream_timeout_seconds=10.0,
        generation_deadline_seconds=3.0,
    )
    assert (status, rows, credits) == (504, ["refunded"], 5)
    assert took < 3.0 + 1.0
    assert check_ledger(database_url).returncode == 0
