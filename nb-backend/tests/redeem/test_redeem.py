"""Redeem codes: minted in validated batches, typable, redeemed by exactly one user, exactly once."""

import asyncio
import csv
import io
from datetime import UTC, datetime, timedelta
from urllib.parse import unquote

import httpx
from sqlalchemy import text

from tests.support.accounts import register, register_admin
from tests.support.settings import random_ip


async def mint(client, admin, count=1, credits=10, **extra):
    response = await client.post(
        "/api/admin/redeem-codes", headers=admin.headers, json={"count": count, "credits": credits, **extra}
    )
    assert response.status_code == 201, response.text
    return response.json()


async def test_codes_are_typable_high_entropy_and_stored_only_hashed(client, engine):
    admin = await register_admin(client, engine)
    batch = await mint(client, admin, count=5)
    assert len(set(batch["codes"])) == 5
    for code in batch["codes"]:
        assert code.startswith("NB-") and len(code.replace("-", "")) == 18
    async with engine.connect() as connection:
        stored = (
            (await connection.execute(text("SELECT * FROM redeem_codes WHERE batch_id = :b"), {"b": batch["batch_id"]}))
            .mappings()
            .all()
        )
    dump = str([dict(row) for row in stored])
    assert not any(code[3:] in dump or code.replace("-", "")[2:] in dump for code in batch["codes"])


async def test_redeem_is_case_and_dash_insensitive_and_credits_once(client, engine):
    admin = await register_admin(client, engine)
    account = await register(client)
    code = (await mint(client, admin, credits=25))["codes"][0]
    sloppy = code.lower().replace("-", " ")
    response = await client.post("/api/redeem", headers=account.headers, json={"code": sloppy})
    assert response.json() == {"credits_added": 25, "balance": 25}
    again = await client.post("/api/redeem", headers=account.headers, json={"code": code})
    assert again.status_code == 409
    ledger = (await client.get("/api/credits/ledger", headers=account.headers)).json()["items"]
    assert [(item["kind"], item["delta"]) for item in ledger] == [("redeem", 25)]


async def test_fifty_parallel_redemptions_of_one_code_credit_exactly_once(client, engine, base_url):
    admin = await register_admin(client, engine)
    code = (await mint(client, admin, credits=7))["codes"][0]
    accounts = await asyncio.gather(*(register(client, ip=random_ip()) for _ in range(50)))
    async with httpx.AsyncClient(base_url=base_url, timeout=60, limits=httpx.Limits(max_connections=60)) as http:
        answers = await asyncio.gather(
            *(
                http.post(
                    "/api/redeem", headers={**account.headers, "X-Forwarded-For": random_ip()}, json={"code": code}
                )
                for account in accounts
            )
        )
    assert sorted(answer.status_code for answer in answers) == [200] + [409] * 49
    async with engine.connect() as connection:
        booked = await connection.scalar(
            text(
                "SELECT count(*) FROM credit_ledger l JOIN redeem_codes c ON l.reference = c.id::text "
                "WHERE l.kind = 'redeem' AND c.batch_id = (SELECT batch_id FROM redeem_codes WHERE id = "
                "(SELECT max(id) FROM redeem_codes))"
            )
        )
        total = await connection.scalar(
            text("SELECT sum(credits) FROM users WHERE id = ANY(:ids)"), {"ids": [account.id for account in accounts]}
        )
    assert booked == 1 and total == 7


async def test_unknown_expired_and_disabled_codes_are_refused_distinctly(client, engine):
    admin = await register_admin(client, engine)
    account = await register(client)
    unknown = await client.post("/api/redeem", headers=account.headers, json={"code": "NB-0000-0000-0000-0000"})
    assert unknown.status_code == 404
    soon = (datetime.now(UTC) + timedelta(seconds=30)).isoformat()
    expiring = await mint(client, admin, expires_at=soon)
    async with engine.begin() as connection:
        await connection.execute(
            text("UPDATE redeem_codes SET expires_at = now() - interval '1 second' WHERE batch_id = :b"),
            {"b": expiring["batch_id"]},
        )
    expired = await client.post("/api/redeem", headers=account.headers, json={"code": expiring["codes"][0]})
    assert expired.status_code == 410
    disabled_batch = await mint(client, admin)
    listed = (
        await client.get(
            "/api/admin/redeem-codes", headers=admin.headers, params={"batch_id": disabled_batch["batch_id"]}
        )
    ).json()["items"]
    disable = await client.post(f"/api/admin/redeem-codes/{listed[0]['id']}/disable", headers=admin.headers)
    assert disable.status_code == 200 and disable.json()["state"] == "disabled"
    refused = await client.post("/api/redeem", headers=account.headers, json={"code": disabled_batch["codes"][0]})
    assert refused.status_code == 410
    assert (await client.get("/api/credits/balance", headers=account.headers)).json()["balance"] == 0


async def test_repeated_failures_are_throttled_per_user(client, engine):
    account = await register(client)
    statuses = [
        (await client.post("/api/redeem", headers=account.headers, json={"code": "NB-ZZZZ-ZZZZ-ZZZZ-ZZZZ"})).status_code
        for _ in range(11)
    ]
    assert statuses[:10] == [404] * 10 and statuses[10] == 429
    other = await register(client)
    assert (
        await client.post("/api/redeem", headers=other.headers, json={"code": "NB-ZZZZ-ZZZZ-ZZZZ-ZZZZ"})
    ).status_code == 404


async def test_a_parallel_burst_of_wrong_codes_evaluates_at_most_the_limit(client):
    account = await register(client)
    attempts = [
        client.post("/api/redeem", headers=account.headers, json={"code": f"NB-ZZZZ-ZZZZ-ZZZZ-{n:04d}"})
        for n in range(100)
    ]
    statuses = [response.status_code for response in await asyncio.gather(*attempts)]
    assert statuses.count(429) == 90 and len([status for status in statuses if status != 429]) == 10


async def test_batch_bounds_are_enforced(client, engine):
    admin = await register_admin(client, engine)
    past = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    for body in (
        {"count": 0, "credits": 1},
        {"count": 1001, "credits": 1},
        {"count": 1, "credits": 0},
        {"count": 1, "credits": -5},
        {"count": 1, "credits": 1_000_001},
        {"count": "ten", "credits": 1},
        {"count": 1, "credits": 1, "expires_at": past},
        {"count": 1, "credits": 1, "note": "n" * 201},
    ):
        response = await client.post("/api/admin/redeem-codes", headers=admin.headers, json=body)
        assert response.status_code == 422, body


async def test_listing_filters_by_state_and_export_names_non_ascii_batches(client, engine):
    admin = await register_admin(client, engine)
    account = await register(client)
    batch = await mint(client, admin, count=3, note="春节活动")
    await client.post("/api/redeem", headers=account.headers, json={"code": batch["codes"][0]})
    redeemed = (
        await client.get(
            "/api/admin/redeem-codes",
            headers=admin.headers,
            params={"batch_id": batch["batch_id"], "state": "redeemed"},
        )
    ).json()["items"]
    unused = (
        await client.get(
            "/api/admin/redeem-codes", headers=admin.headers, params={"batch_id": batch["batch_id"], "state": "unused"}
        )
    ).json()["items"]
    assert len(redeemed) == 1 and redeemed[0]["redeemed_by"] == account.id and len(unused) == 2
    export = await client.get(
        "/api/admin/redeem-codes/export", headers=admin.headers, params={"batch_id": batch["batch_id"]}
    )
    assert export.status_code == 200
    assert "春节活动" in unquote(export.headers["content-disposition"].split("filename*=UTF-8''")[1])
    rows = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert sorted(row["state"] for row in rows) == ["redeemed", "unused", "unused"]
    assert not any(code in export.text for code in batch["codes"])


async def test_export_of_a_batch_whose_note_has_control_characters_keeps_a_valid_header(client, engine):
    admin = await register_admin(client, engine)
    minted = await client.post(
        "/api/admin/redeem-codes", headers=admin.headers, json={"count": 1, "credits": 1, "note": 'a\r\nb"\x7f\\c'}
    )
    assert minted.status_code == 201, minted.text
    export = await client.get(
        "/api/admin/redeem-codes/export", headers=admin.headers, params={"batch_id": minted.json()["batch_id"]}
    )
    assert export.status_code == 200
    fallback = export.headers["content-disposition"].split('filename="')[1].split('"')[0]
    assert fallback == "redeem-codes-{}-a__b___c.csv".format(minted.json()["batch_id"])
