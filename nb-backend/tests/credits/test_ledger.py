"""The credit ledger: no overdraft under concurrency, every change booked once, balance == ledger sum."""

import asyncio
import uuid

import pytest
from sqlalchemy import text

from nb.credits import ledger
from tests.support.accounts import grant_credits, register, register_admin
from tests.support.ledger import check_ledger


async def _debit_many(engine, user_id: int, count: int):
    from sqlalchemy.ext.asyncio import async_sessionmaker

    sessions = async_sessionmaker(engine, expire_on_commit=False)

    async def debit():
        async with sessions() as session:
            balance = await ledger.apply_change(session, user_id, -1, "generation", uuid.uuid4().hex)
            await session.commit()
            return balance

    return await asyncio.gather(*(debit() for _ in range(count)))


async def test_hundred_parallel_debits_against_ten_credits_succeed_exactly_ten_times(client, engine, database_url):
    admin = await register_admin(client, engine)
    account = await register(client)
    await grant_credits(client, admin, account.id, 10)
    results = await _debit_many(engine, account.id, 100)
    assert sum(result is not None for result in results) == 10
    assert (await client.get("/api/credits/balance", headers=account.headers)).json() == {"balance": 0}
    assert check_ledger(database_url).returncode == 0


async def test_the_same_charge_cannot_be_booked_twice(client, engine):
    from sqlalchemy.ext.asyncio import async_sessionmaker

    admin = await register_admin(client, engine)
    account = await register(client)
    await grant_credits(client, admin, account.id, 5)
    sessions = async_sessionmaker(engine)
    async with sessions() as session:
        await ledger.apply_change(session, account.id, -1, "generation", "gen-42")
        with pytest.raises(ledger.AlreadyBooked):
            await ledger.apply_change(session, account.id, -1, "generation", "gen-42")
        await session.commit()
    assert (await client.get("/api/credits/balance", headers=account.headers)).json() == {"balance": 4}


async def test_parallel_admin_adjustments_interleaved_with_debits_keep_the_books_exact(client, engine, database_url):
    admin = await register_admin(client, engine)
    account = await register(client)
    await grant_credits(client, admin, account.id, 50)
    adjustments = [
        client.post(
            f"/api/admin/users/{account.id}/credits",
            headers=admin.headers,
            json={"delta": 3 if i % 2 else -2, "reason": f"adjust {i}"},
        )
        for i in range(20)
    ]
    answers, debits = await asyncio.gather(asyncio.gather(*adjustments), _debit_many(engine, account.id, 40))
    assert all(answer.status_code in (200, 409) for answer in answers)
    async with engine.connect() as connection:
        credits, total = (
            await connection.execute(
                text(
                    "SELECT u.credits, (SELECT sum(delta) FROM credit_ledger WHERE user_id = u.id) "
                    "FROM users u WHERE id = :id"
                ),
                {"id": account.id},
            )
        ).one()
    assert credits == total >= 0
    assert check_ledger(database_url).returncode == 0


async def test_check_ledger_detects_a_tampered_balance(client, engine, fresh_database):
    from nb.core.migrate import upgrade

    url = fresh_database("tamper")
    await asyncio.to_thread(upgrade, url)
    from sqlalchemy.ext.asyncio import create_async_engine

    from nb.core.db import async_url

    scratch = create_async_engine(async_url(url))
    async with scratch.begin() as connection:
        await connection.execute(text("INSERT INTO users (email, password_hash, credits) VALUES ('t@x.io', 'x', 7)"))
    await scratch.dispose()
    result = check_ledger(url)
    assert result.returncode == 1 and "credits 7 != ledger sum 0" in result.stdout


async def test_ledger_lists_newest_first_with_a_cursor(client, engine):
    admin = await register_admin(client, engine)
    account = await register(client)
    for amount in (1, 2, 3):
        await grant_credits(client, admin, account.id, amount)
    first = (await client.get("/api/credits/ledger", headers=account.headers, params={"limit": 2})).json()
    assert [item["delta"] for item in first["items"]] == [3, 2]
    assert first["items"][0]["balance_after"] == 6 and first["items"][0]["kind"] == "admin_adjust"
    rest = (
        await client.get(
            "/api/credits/ledger", headers=account.headers, params={"limit": 2, "cursor": first["next_cursor"]}
        )
    ).json()
    assert [item["delta"] for item in rest["items"]] == [1] and rest["next_cursor"] is None


async def test_admin_adjustment_cannot_make_a_balance_negative(client, engine):
    admin = await register_admin(client, engine)
    account = await register(client)
    response = await client.post(
        f"/api/admin/users/{account.id}/credits", headers=admin.headers, json={"delta": -1, "reason": "take"}
    )
    assert response.status_code == 409
