"""Admin routes: closed to anonymous callers and regular users, audited, and safe for the last admin."""

import asyncio
import re

import pytest
from sqlalchemy import text

from tests.support.accounts import register, register_admin


async def admin_routes(client) -> list[tuple[str, str]]:
    """Every admin operation in the app's own route table, so a new route is covered automatically."""
    paths = (await client.get("/openapi.json")).json()["paths"]
    return [
        (method.upper(), re.sub(r"\{[^}]+\}", "1", path))
        for path, operations in paths.items()
        if path.startswith("/api/admin")
        for method in operations
    ]


async def test_every_admin_route_refuses_anonymous_callers_and_users(client):
    user = await register(client)
    routes = await admin_routes(client)
    assert len(routes) >= 8
    for method, path in routes:
        anonymous = await client.request(method, path)
        assert anonymous.status_code == 401, (method, path)
        as_user = await client.request(method, path, headers=user.headers)
        assert as_user.status_code == 403, (method, path)


async def test_platform_keys_never_reach_admin_routes(client, engine):
    admin = await register_admin(client, engine)
    key = (await client.post("/api/keys", headers=admin.headers, json={"name": "k"})).json()["key"]
    for method, path in await admin_routes(client):
        response = await client.request(method, path, headers={"X-API-Key": key})
        assert response.status_code == 403, (method, path)


async def test_admins_cannot_ban_or_demote_themselves(client, engine):
    admin = await register_admin(client, engine)
    for body in ({"status": "banned"}, {"role": "user"}):
        response = await client.patch(f"/api/admin/users/{admin.id}", headers=admin.headers, json=body)
        assert response.status_code == 409


async def test_two_admins_demoting_each_other_at_once_leave_one_admin(client, engine):
    async with engine.begin() as connection:
        await connection.execute(text("UPDATE users SET role = 'user' WHERE role = 'admin'"))
    first, second = await register_admin(client, engine), await register_admin(client, engine)
    answers = await asyncio.gather(
        client.patch(f"/api/admin/users/{second.id}", headers=first.headers, json={"role": "user"}),
        client.patch(f"/api/admin/users/{first.id}", headers=second.headers, json={"role": "user"}),
    )
    assert sorted(answer.status_code for answer in answers) in ([200, 403], [200, 409])
    async with engine.connect() as connection:
        admins = await connection.scalar(text("SELECT count(*) FROM users WHERE role = 'admin' AND status = 'active'"))
    assert admins == 1


async def test_mutations_are_audited_with_before_after_and_ip(client, engine):
    admin = await register_admin(client, engine)
    user = await register(client)
    await client.patch(
        f"/api/admin/users/{user.id}",
        headers={**admin.headers, "X-Forwarded-For": "203.0.113.9"},
        json={"status": "banned"},
    )
    entries = (
        await client.get(
            "/api/admin/audit", headers=admin.headers, params={"action": "user.update", "actor_id": admin.id}
        )
    ).json()["items"]
    assert entries[0]["target_id"] == str(user.id)
    assert entries[0]["before"]["status"] == "active" and entries[0]["after"]["status"] == "banned"
    assert entries[0]["ip"] == "203.0.113.9"


async def test_user_search_and_filters(client, engine):
    admin = await register_admin(client, engine)
    user = await register(client)
    found = (await client.get("/api/admin/users", headers=admin.headers, params={"q": user.email[:12]})).json()
    assert user.id in [item["id"] for item in found["items"]]
    await client.patch(f"/api/admin/users/{user.id}", headers=admin.headers, json={"status": "banned"})
    banned = (
        await client.get("/api/admin/users", headers=admin.headers, params={"status": "banned", "limit": 200})
    ).json()
    assert user.id in [item["id"] for item in banned["items"]]
    assert all(item["status"] == "banned" for item in banned["items"])


@pytest.mark.parametrize("query", ["%", "_", "\\", "' OR 1=1 --"])
async def test_user_search_treats_wildcards_and_quotes_literally(client, engine, query):
    admin = await register_admin(client, engine)
    response = await client.get("/api/admin/users", headers=admin.headers, params={"q": query})
    assert response.status_code == 200 and response.json()["items"] == []
