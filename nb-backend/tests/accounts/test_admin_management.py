"""Admin management: finding accounts, reading one in full, resetting a password, redeem batches
with their counts, and filtering the audit log."""

import secrets
from datetime import UTC, datetime, timedelta

import pytest

from tests.support.accounts import PASSWORD, grant_credits, login, new_email, register, register_admin
from tests.support.gateway import FLASH, body, funded_user, generate, key_pool


@pytest.fixture
async def admin(client, engine):
    return await register_admin(client, engine)


async def _pages(client, admin, **params) -> list[dict]:
    """Every page of the user listing, following next_cursor."""
    items, cursor = [], None
    while True:
        page = (
            await client.get(
                "/api/admin/users",
                headers=admin.headers,
                params={**params, "limit": 2, **({"cursor": cursor} if cursor else {})},
            )
        ).json()
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items


async def test_users_are_searched_by_nickname_and_filtered_by_credits(client, admin):
    tag = secrets.token_hex(4)
    rich = await register(client, f"rich-{tag}@example.com")
    poor = await register(client, f"poor-{tag}@example.com")
    await grant_credits(client, admin, rich.id, 7)
    named = await client.post(
        "/api/auth/register", json={"email": new_email(), "password": PASSWORD, "nickname": f"Banana {tag}"}
    )
    found = (await client.get("/api/admin/users", headers=admin.headers, params={"q": f"banana {tag}"})).json()
    assert [item["id"] for item in found["items"]] == [named.json()["user"]["id"]]
    with_credits = await _pages(client, admin, q=tag, has_credits="true")
    without = await _pages(client, admin, q=tag, has_credits="false")
    assert [item["id"] for item in with_credits] == [rich.id]
    assert poor.id in [item["id"] for item in without] and rich.id not in [item["id"] for item in without]


@pytest.mark.parametrize(
    "sort, key, reverse",
    [
        ("credits", lambda item: (item["credits"], item["id"]), True),
        ("email", lambda item: (item["email"].lower(), item["id"]), False),
        ("oldest", lambda item: item["id"], False),
        ("newest", lambda item: item["id"], True),
    ],
)
async def test_every_sort_pages_through_all_matches_in_order_without_repeats(client, admin, sort, key, reverse):
    tag = secrets.token_hex(4)
    accounts = [await register(client, f"{letter}-{tag}@example.com") for letter in "dbeac"]
    for account, credits in zip(accounts, (3, 9, 3, 1, 0), strict=True):
        if credits:
            await grant_credits(client, admin, account.id, credits)
    listed = await _pages(client, admin, q=tag, sort=sort)
    assert len(listed) == 5 and len({item["id"] for item in listed}) == 5
    assert listed == sorted(listed, key=key, reverse=reverse)


async def test_a_foreign_cursor_is_a_400(client, admin):
    response = await client.get("/api/admin/users", headers=admin.headers, params={"sort": "credits", "cursor": "abc"})
    assert response.status_code == 400 and response.json()["code"] == "invalid_cursor"


async def test_user_detail_shows_ledger_recent_generations_and_totals(client, admin):
    async with key_pool(client, admin, ["ok-detail-key"]):
        account = await funded_user(client, admin, 12)
        assert (await generate(client, account, FLASH, body("a pear"))).status_code == 200
        assert (await generate(client, account, FLASH, body("draw #noimage"))).status_code == 200
    await client.post("/api/keys", headers=account.headers, json={"name": "script"})
    detail = (await client.get(f"/api/admin/users/{account.id}", headers=admin.headers)).json()
    assert detail["user"]["id"] == account.id and detail["user"]["credits"] == 11
    assert [entry["kind"] for entry in detail["ledger"]] == ["refund", "generation", "generation", "admin_adjust"]
    assert sorted(item["status"] for item in detail["generations"]) == ["refunded", "succeeded"]
    assert detail["totals"] | {"active_sessions": None} == {
        "generations": 2,
        "succeeded": 1,
        "refunded": 1,
        "failed": 0,
        "pending": 0,
        "credits_spent": 1,
        "api_keys": 1,
        "active_sessions": None,
        "conversations": 0,
    }
    assert detail["totals"]["active_sessions"] >= 1
    assert (await client.get("/api/admin/users/999999999", headers=admin.headers)).status_code == 404


async def test_an_admin_password_reset_ends_every_session_and_the_new_password_works(client, admin):
    account = await register(client)
    response = await client.post(
        f"/api/admin/users/{account.id}/password", headers=admin.headers, json={"new_password": "reset-by-the-admin"}
    )
    assert response.status_code == 204
    assert (await client.get("/api/auth/me", headers=account.headers)).status_code == 401
    assert (await client.post("/api/auth/refresh", json={"refresh_token": account.refresh_token})).status_code == 401
    assert (
        await client.post("/api/auth/login", json={"email": account.email, "password": PASSWORD})
    ).status_code == 401
    await login(client, account.email, "reset-by-the-admin")
    audit = (
        await client.get(
            "/api/admin/audit",
            headers=admin.headers,
            params={"action": "user.password_reset", "target_id": str(account.id)},
        )
    ).json()["items"]
    assert len(audit) == 1 and "reset-by-the-admin" not in str(audit)


async def test_a_weak_password_reset_is_refused_and_changes_nothing(client, admin):
    account = await register(client)
    response = await client.post(
        f"/api/admin/users/{account.id}/password", headers=admin.headers, json={"new_password": "12345678"}
    )
    assert response.status_code == 422 and response.json()["code"] == "weak_password"
    assert (await client.get("/api/auth/me", headers=account.headers)).status_code == 200


async def test_redeem_batches_list_used_and_unused_counts(client, admin):
    minted = (
        await client.post(
            "/api/admin/redeem-codes", headers=admin.headers, json={"count": 4, "credits": 2, "note": "fair"}
        )
    ).json()
    user = await register(client)
    assert (
        await client.post("/api/redeem", headers=user.headers, json={"code": minted["codes"][0]})
    ).status_code == 200
    codes = (
        await client.get(
            "/api/admin/redeem-codes", headers=admin.headers, params={"batch_id": minted["batch_id"], "state": "unused"}
        )
    ).json()["items"]
    await client.post(f"/api/admin/redeem-codes/{codes[0]['id']}/disable", headers=admin.headers)
    batches = (await client.get("/api/admin/redeem-codes/batches", headers=admin.headers)).json()["items"]
    batch = next(item for item in batches if item["id"] == minted["batch_id"])
    assert {name: batch[name] for name in ("count", "used", "unused", "redeemed", "disabled", "expired", "note")} == {
        "count": 4,
        "used": 1,
        "unused": 2,
        "redeemed": 1,
        "disabled": 1,
        "expired": 0,
        "note": "fair",
    }


async def test_audit_log_filters_by_target_and_time(client, admin):
    user = await register(client)
    started = datetime.now(UTC) - timedelta(seconds=1)
    await grant_credits(client, admin, user.id, 3)
    await client.patch(f"/api/admin/users/{user.id}", headers=admin.headers, json={"status": "banned"})
    by_target = (
        await client.get(
            "/api/admin/audit", headers=admin.headers, params={"target_type": "user", "target_id": str(user.id)}
        )
    ).json()["items"]
    assert [entry["action"] for entry in by_target] == ["user.update", "user.credits"]
    since = (
        await client.get(
            "/api/admin/audit", headers=admin.headers, params={"since": started.isoformat(), "actor_id": admin.id}
        )
    ).json()["items"]
    assert len(since) == 2
    until = (
        await client.get(
            "/api/admin/audit", headers=admin.headers, params={"until": started.isoformat(), "actor_id": admin.id}
        )
    ).json()["items"]
    assert until == []
