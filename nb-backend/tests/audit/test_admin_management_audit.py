"""Every mutating admin route writes exactly one audit row naming the actor, the target, the change
and the client address. The routes come from the app's own route table, so a new mutating route
fails here until it is given a recipe (and an audit row)."""

import re

from sqlalchemy import text

from tests.support.accounts import register, register_admin
from tests.support.gateway import FLASH, key_pool

MUTATING = {"POST", "PUT", "PATCH", "DELETE"}
CLIENT_IP = "198.51.100.23"


async def mutating_admin_routes(client) -> set[tuple[str, str]]:
    paths = (await client.get("/openapi.json")).json()["paths"]
    return {
        (method.upper(), path)
        for path, operations in paths.items()
        if path.startswith("/api/admin")
        for method in operations
        if method.upper() in MUTATING
    }


async def _code_id(client, admin) -> int:
    await client.post("/api/admin/redeem-codes", headers=admin.headers, json={"count": 1, "credits": 1})
    return (await client.get("/api/admin/redeem-codes", headers=admin.headers, params={"limit": 1})).json()["items"][0][
        "id"
    ]


async def _key_id(client, admin) -> int:
    return (await client.get("/api/admin/tokens", headers=admin.headers)).json()[0]["id"]


async def recipes(client, admin) -> dict[tuple[str, str], tuple[dict, dict | None]]:
    """(method, path template) → (path parameters, JSON body) of a call that succeeds."""
    user = await register(client)
    return {
        ("PATCH", "/api/admin/users/{user_id}"): ({"user_id": user.id}, {"status": "banned"}),
        ("POST", "/api/admin/users/{user_id}/credits"): ({"user_id": user.id}, {"delta": 5, "reason": "audit"}),
        ("POST", "/api/admin/users/{user_id}/password"): ({"user_id": user.id}, {"new_password": "a-new-secret-pass"}),
        ("POST", "/api/admin/redeem-codes"): ({}, {"count": 2, "credits": 3}),
        ("POST", "/api/admin/redeem-codes/{code_id}/disable"): ({"code_id": await _code_id(client, admin)}, None),
        ("PUT", "/api/admin/models/{model}"): ({"model": FLASH}, {"credits": 1}),
        ("POST", "/api/admin/tokens"): ({}, {"keys": ["ok-audit-added"]}),
        ("PATCH", "/api/admin/tokens/{key_id}"): ({"key_id": await _key_id(client, admin)}, {"label": "renamed"}),
        ("POST", "/api/admin/tokens/{key_id}/probe"): ({"key_id": await _key_id(client, admin)}, None),
        ("DELETE", "/api/admin/tokens/{key_id}"): ({"key_id": await _key_id(client, admin)}, None),
    }


async def _audit_rows(engine, actor_id: int) -> list[dict]:
    async with engine.connect() as connection:
        rows = await connection.execute(
            text(
                "SELECT action, target_type, target_id, before, after, ip FROM audit_log "
                "WHERE actor_id = :actor ORDER BY id"
            ),
            {"actor": actor_id},
        )
        return [dict(row) for row in rows.mappings()]


async def test_every_mutating_admin_route_writes_exactly_one_audit_row(client, engine):
    admin = await register_admin(client, engine)
    async with key_pool(client, admin, ["ok-audit-one"]):
        calls = await recipes(client, admin)
        assert await mutating_admin_routes(client) == set(calls), "give each mutating admin route a recipe"
        for (method, template), (params, body) in calls.items():
            path = re.sub(r"\{([^}]+)\}", lambda match, params=params: str(params[match.group(1)]), template)
            before = await _audit_rows(engine, admin.id)
            response = await client.request(
                method, path, json=body, headers={**admin.headers, "X-Forwarded-For": CLIENT_IP}
            )
            assert response.status_code < 300, (method, template, response.text)
            written = (await _audit_rows(engine, admin.id))[len(before) :]
            assert len(written) == 1, (method, template, written)
            row = written[0]
            assert row["ip"] == CLIENT_IP and row["target_type"] and row["target_id"], (method, template, row)
            assert row["before"] or row["after"], (method, template, row)
            assert "a-new-secret-pass" not in str(row) and "ok-audit-added" not in str(row)
