"""The key pool: fair across workers, cooling on 429, disabling invalid keys, never blaming a key
for the request's own faults, and keeping keys encrypted and masked."""

import asyncio
import time

import httpx
import pytest
from sqlalchemy import text

from devtools.processes import backend_process
from tests.support.gateway import (
    FLASH,
    body,
    funded_user,
    generate,
    key_pool,
    register_admin,
    reset_simulator,
    simulator_stats,
)


@pytest.fixture
async def admin(client, engine):
    return await register_admin(client, engine)


async def _tokens(client, admin) -> dict[str, dict]:
    return {token["hint"]: token for token in (await client.get("/api/admin/tokens", headers=admin.headers)).json()}


async def test_three_keys_share_300_generations_across_two_workers_evenly(
    client, admin, settings, simulator_url, tmp_path
):
    secrets = ["fair-key-aaaa", "fair-key-bbbb", "fair-key-cccc"]
    async with key_pool(client, admin, secrets):
        account = await funded_user(client, admin, 300)
        await reset_simulator(simulator_url)
        with backend_process(settings, str(tmp_path), workers=2) as (url, _):
            async with httpx.AsyncClient(base_url=url, timeout=60, limits=httpx.Limits(max_connections=20)) as http:
                gate = asyncio.Semaphore(20)

                async def one(i: int) -> int:
                    async with gate:
                        return (await generate(http, account, FLASH, body(f"fair {i}"))).status_code

                statuses = await asyncio.gather(*(one(i) for i in range(300)))
        stats = await simulator_stats(simulator_url)
    assert statuses.count(200) == 300
    per_key = [stats["by_key"][secret]["calls"] for secret in secrets]
    assert sum(per_key) == 300 and all(90 <= calls <= 110 for calls in per_key), per_key


async def test_a_rate_limited_key_cools_for_its_retry_delay_and_is_skipped(client, admin, simulator_url):
    async with key_pool(client, admin, ["rpm-key-limited", "ok-key-healthy"]):
        account = await funded_user(client, admin, 20)
        await reset_simulator(simulator_url)
        for i in range(6):
            assert (await generate(client, account, FLASH, body(f"limited {i}"))).status_code == 200
        stats = await simulator_stats(simulator_url)
        assert stats["by_key"]["rpm-key-limited"]["calls"] == 1
        tokens = await _tokens(client, admin)
        assert tokens["ited"]["state"] == "cooling" and tokens["ited"]["last_error_code"] == "RESOURCE_EXHAUSTED"
        await asyncio.sleep(2.2)
        for i in range(4):
            await generate(client, account, FLASH, body(f"after {i}"))
        assert (await simulator_stats(simulator_url))["by_key"]["rpm-key-limited"]["calls"] == 2


async def test_an_invalid_key_is_disabled_after_one_call_and_never_used_again(client, admin, simulator_url):
    async with key_pool(client, admin, ["bad-key-inv1", "ok-key-good"]):
        account = await funded_user(client, admin, 20)
        await reset_simulator(simulator_url)
        results = [(await generate(client, account, FLASH, body(f"valid {i}"))).status_code for i in range(10)]
        stats = await simulator_stats(simulator_url)
        tokens = await _tokens(client, admin)
    assert results == [200] * 10
    assert stats["by_key"]["bad-key-inv1"]["calls"] == 1
    assert tokens["inv1"]["status"] == "invalid" and tokens["inv1"]["status_reason"] == "invalid"
    assert tokens["good"]["status"] == "active" and tokens["good"]["success_count"] == 10


async def test_blocked_prompts_and_user_errors_never_penalize_a_key(client, admin, simulator_url):
    async with key_pool(client, admin, ["ok-key-innocent"]):
        account = await funded_user(client, admin, 50)
        for marker in ("#block", "#imagesafety", "#noimage") * 5:
            await generate(client, account, FLASH, body(f"abuse {marker}"))
        for _ in range(5):
            await generate(client, account, FLASH, body("x", imageConfig={"aspectRatio": "9:9"}))
        token = (await _tokens(client, admin))["cent"]
    assert token["status"] == "active" and token["state"] == "active"
    assert token["failure_count"] == 0 and token["consecutive_failures"] == 0


async def test_a_flaky_key_is_retried_on_another_key_without_charging_twice(client, admin, simulator_url, engine):
    async with key_pool(client, admin, ["flaky-key-one", "ok-key-steady"]):
        account = await funded_user(client, admin, 10)
        await reset_simulator(simulator_url)
        statuses = [(await generate(client, account, FLASH, body(f"flaky {i}"))).status_code for i in range(4)]
    assert statuses == [200] * 4
    async with engine.connect() as connection:
        attempts = (
            (await connection.execute(text("SELECT attempts FROM generations WHERE user_id = :u"), {"u": account.id}))
            .scalars()
            .all()
        )
    assert max(attempts) == 2
    ledger = (await client.get("/api/credits/ledger", headers=account.headers)).json()["items"]
    assert sum(item["delta"] for item in ledger if item["kind"] == "generation") == -4


async def test_when_every_key_cools_the_pool_waits_for_the_soonest_within_the_bound(client, admin, redis, settings):
    async with key_pool(client, admin, ["ok-key-resting"]) as added:
        account = await funded_user(client, admin, 10)
        block = f"{settings.redis_namespace}:pool:block:{added[0]['id']}"
        await redis.set(block, 1, px=600)
        started = time.monotonic()
        waited = await generate(client, account, FLASH, body("patient"))
        waited_for = time.monotonic() - started
        await redis.set(block, 1, px=5000)
        started = time.monotonic()
        refused = await generate(client, account, FLASH, body("impatient"))
        refused_after = time.monotonic() - started
    assert waited.status_code == 200 and waited_for >= 0.5
    assert refused.status_code == 503 and refused_after < settings.pool_wait_seconds + 1


async def test_pool_keys_are_encrypted_deduplicated_and_masked(client, admin, engine):
    secret = "AIzaSyD-very-secret-upstream-key-1234"
    async with key_pool(client, admin, [secret]) as added:
        again = await client.post("/api/admin/tokens", headers=admin.headers, json={"key": secret})
        listed = await client.get("/api/admin/tokens", headers=admin.headers)
        async with engine.connect() as connection:
            row = (
                (await connection.execute(text("SELECT * FROM upstream_keys WHERE id = :id"), {"id": added[0]["id"]}))
                .mappings()
                .one()
            )
        audit = await client.get("/api/admin/audit", headers=admin.headers, params={"action": "token.add"})
    assert again.status_code == 201 and again.json() == {"added": [], "duplicates": 1}
    assert added[0]["hint"] == "1234"
    for text_seen in (listed.text, again.text, str(dict(row)), audit.text, str(bytes(row["ciphertext"]))):
        assert secret not in text_seen and "very-secret" not in text_seen


async def test_disabling_and_re_enabling_a_key_resets_its_health(client, admin, simulator_url):
    async with key_pool(client, admin, ["flaky-key-toggle"]) as added:
        account = await funded_user(client, admin, 10)
        await reset_simulator(simulator_url)
        await generate(client, account, FLASH, body("toggle"))
        key_id = added[0]["id"]
        disabled = await client.patch(f"/api/admin/tokens/{key_id}", headers=admin.headers, json={"status": "disabled"})
        assert disabled.json()["status"] == "disabled"
        refused = await generate(client, account, FLASH, body("while disabled"))
        enabled = await client.patch(f"/api/admin/tokens/{key_id}", headers=admin.headers, json={"status": "active"})
    assert refused.status_code == 503
    assert enabled.json()["consecutive_failures"] == 0 and enabled.json()["state"] == "active"


async def test_probe_reactivates_a_transiently_disabled_key(client, admin, engine):
    async with key_pool(client, admin, ["ok-key-probe"]) as added:
        key_id = added[0]["id"]
        async with engine.begin() as connection:
            await connection.execute(
                text("UPDATE upstream_keys SET status = 'invalid', status_reason = 'suspended' WHERE id = :id"),
                {"id": key_id},
            )
        probe = await client.post(f"/api/admin/tokens/{key_id}/probe", headers=admin.headers)
    assert probe.status_code == 200 and probe.json()["ok"] is True
    assert probe.json()["token"]["status"] == "active"


async def test_bulk_add_validates_every_key(client, admin):
    for payload in (
        {"keys": []},
        {"keys": ["short"]},
        {"key": "has space inside key"},
        {"key": "x" * 300},
        {"key": "ok-key-1", "keys": ["ok-key-2"]},
        {"keys": ["ok-key-3"] * 501},
        {"key": "ok-key-weight", "weight": 0},
        {"key": "ok-key-url", "base_url": "not a url"},
    ):
        response = await client.post("/api/admin/tokens", headers=admin.headers, json=payload)
        assert response.status_code == 422, payload
