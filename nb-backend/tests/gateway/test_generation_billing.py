"""Billing on the generation path: charge on success only, refund every failure exactly once."""

import asyncio

import pytest
from sqlalchemy import text

from tests.support.gateway import (
    FLASH,
    PRO,
    balance,
    body,
    funded_user,
    generate,
    key_pool,
    last_image,
    register_admin,
    reset_simulator,
    simulator_stats,
)
from tests.support.ledger import check_ledger


@pytest.fixture
async def admin(client, engine):
    return await register_admin(client, engine)


async def _generation_rows(engine, user_id: int) -> list[tuple[str, int]]:
    async with engine.connect() as connection:
        rows = await connection.execute(
            text("SELECT status, credits FROM generations WHERE user_id = :u ORDER BY created_at"), {"u": user_id}
        )
        return [tuple(row) for row in rows]


async def _ledger_kinds(client, account) -> list[tuple[str, int]]:
    items = (await client.get("/api/credits/ledger", headers=account.headers, params={"limit": 200})).json()["items"]
    return sorted((item["kind"], item["delta"]) for item in items if item["kind"] != "admin_adjust")


async def test_a_successful_generation_charges_the_model_price_once(client, engine, admin):
    async with key_pool(client, admin, ["ok-key-one"]):
        account = await funded_user(client, admin, 25)
        response = await generate(client, account, PRO, body("a red fox", imageConfig={"imageSize": "1K"}))
        assert response.status_code == 200
        assert last_image(response.json()).size[0] > 0
    assert await balance(client, account) == 15
    assert await _generation_rows(engine, account.id) == [("succeeded", 10)]
    assert await _ledger_kinds(client, account) == [("generation", -10)]


@pytest.mark.parametrize("marker", ["#block", "#imagesafety", "#noimage", "#textonly", "#maxtokens"])
async def test_answers_without_an_image_are_returned_and_refunded(client, engine, admin, marker):
    async with key_pool(client, admin, ["ok-key-two"]):
        account = await funded_user(client, admin, 5)
        response = await generate(client, account, FLASH, body(f"draw {marker}"))
        assert response.status_code == 200
        assert "inlineData" not in response.text
    assert await balance(client, account) == 5
    assert await _generation_rows(engine, account.id) == [("refunded", 1)]
    assert await _ledger_kinds(client, account) == [("generation", -1), ("refund", 1)]


@pytest.mark.parametrize("marker, status", [("#504", 504), ("#malformed", 502), ("#500", 503), ("#503", 503)])
async def test_upstream_failures_are_refunded_exactly_once(client, engine, admin, marker, status):
    async with key_pool(client, admin, ["ok-key-three"]):
        account = await funded_user(client, admin, 5)
        response = await generate(client, account, FLASH, body(f"draw {marker}"))
    assert response.status_code == status
    assert response.json()["error"]["code"] == status
    assert await balance(client, account) == 5
    assert await _ledger_kinds(client, account) == [("generation", -1), ("refund", 1)]


async def test_request_errors_are_passed_through_refunded_and_not_retried(client, engine, admin, simulator_url):
    async with key_pool(client, admin, ["ok-user-error-a", "ok-user-error-b"]):
        account = await funded_user(client, admin, 5)
        await reset_simulator(simulator_url)
        response = await generate(client, account, FLASH, body("x", imageConfig={"aspectRatio": "7:3"}))
        stats = await simulator_stats(simulator_url)
    assert response.status_code == 400 and response.json()["error"]["status"] == "INVALID_ARGUMENT"
    assert stats["totals"]["calls"] == 1
    assert await balance(client, account) == 5


async def test_forty_parallel_generations_on_ten_credits_make_exactly_ten_images(client, engine, admin, database_url):
    async with key_pool(client, admin, ["ok-parallel-a", "ok-parallel-b"]):
        account = await funded_user(client, admin, 10)
        answers = await asyncio.gather(*(generate(client, account, FLASH, body(f"cat {i}")) for i in range(40)))
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [200] * 10 + [402] * 30
    assert all(
        answer.json()["error"]["status"] == "FAILED_PRECONDITION" for answer in answers if answer.status_code == 402
    )
    assert await balance(client, account) == 0
    assert check_ledger(database_url).returncode == 0


async def test_unknown_or_disabled_models_are_refused_before_charging(client, engine, admin):
    account = await funded_user(client, admin, 5)
    unknown = await generate(client, account, "gemini-9-ultra")
    assert unknown.status_code == 404 and unknown.json()["error"]["status"] == "NOT_FOUND"
    await client.put(f"/api/admin/models/{FLASH}", headers=admin.headers, json={"enabled": False})
    try:
        disabled = await generate(client, account, FLASH)
    finally:
        await client.put(f"/api/admin/models/{FLASH}", headers=admin.headers, json={"enabled": True})
    assert disabled.status_code == 404
    assert await balance(client, account) == 5 and await _generation_rows(engine, account.id) == []


async def test_empty_pool_answers_503_and_refunds(client, engine, admin):
    account = await funded_user(client, admin, 5)
    response = await generate(client, account, FLASH)
    assert response.status_code == 503 and response.json()["error"]["status"] == "UNAVAILABLE"
    assert await balance(client, account) == 5
    assert await _generation_rows(engine, account.id) == [("refunded", 1)]


async def test_idempotency_key_replays_the_first_outcome_and_charges_once(client, engine, admin, simulator_url):
    async with key_pool(client, admin, ["ok-idempotent"]):
        account = await funded_user(client, admin, 5)
        await reset_simulator(simulator_url)
        first = await generate(client, account, FLASH, body("one fox"), **{"Idempotency-Key": "req-1"})
        replays = await asyncio.gather(
            *(generate(client, account, FLASH, body("one fox"), **{"Idempotency-Key": "req-1"}) for _ in range(5))
        )
        stats = await simulator_stats(simulator_url)
    assert first.status_code == 200
    assert all(replay.status_code == 200 and replay.content == first.content for replay in replays)
    assert stats["totals"]["calls"] == 1
    assert await balance(client, account) == 4


async def test_bad_request_bodies_are_400_and_charge_nothing(client, engine, admin):
    account = await funded_user(client, admin, 5)
    for payload in (b"{not json", b"[]", b'{"contents": []}', b'{"contents": "text"}', b'{"contents": [1]}'):
        response = await client.post(
            f"/v1beta/models/{FLASH}:generateContent",
            content=payload,
            headers={**account.headers, "content-type": "application/json"},
        )
        assert response.status_code == 400, payload
        assert response.json()["error"]["status"] == "INVALID_ARGUMENT"
    assert await balance(client, account) == 5 and await _generation_rows(engine, account.id) == []


async def test_missing_or_foreign_credentials_get_a_gemini_401(client):
    for headers in ({}, {"x-goog-api-key": "AIzaSy-someone-elses-gemini-key"}):
        response = await client.post(f"/v1beta/models/{FLASH}:generateContent", json=body(), headers=headers)
        assert response.status_code == 401
        assert response.json()["error"]["status"] == "UNAUTHENTICATED"
        assert "AIza" not in response.text
