"""Platform API keys: shown once, stored as a digest, accepted in every Gemini-style place, revocable."""

from sqlalchemy import text

from tests.support.accounts import register


async def _create_key(client, account, name="ci"):
    response = await client.post("/api/keys", headers=account.headers, json={"name": name})
    assert response.status_code == 201, response.text
    return response.json()


async def test_key_is_shown_once_and_stored_only_as_a_digest(client, engine):
    account = await register(client)
    created = await _create_key(client, account)
    assert created["key"].startswith(created["prefix"])
    listed = (await client.get("/api/keys", headers=account.headers)).json()
    assert [item["id"] for item in listed] == [created["id"]]
    assert "key" not in listed[0]
    async with engine.connect() as connection:
        row = (
            (await connection.execute(text("SELECT * FROM api_keys WHERE id = :id"), {"id": created["id"]}))
            .mappings()
            .one()
        )
    assert created["key"] not in str(dict(row))


async def test_key_is_accepted_in_every_supported_place(client):
    account = await register(client)
    key = (await _create_key(client, account))["key"]
    for headers, params in (
        ({"X-API-Key": key}, {}),
        ({"x-goog-api-key": key}, {}),
        ({"Authorization": f"Bearer {key}"}, {}),
        ({}, {"key": key}),
    ):
        response = await client.get("/api/credits/balance", headers=headers, params=params)
        assert response.status_code == 200, (headers, params)


async def test_revoked_key_fails_on_the_next_request(client):
    account = await register(client)
    created = await _create_key(client, account)
    assert (await client.get("/api/credits/balance", headers={"X-API-Key": created["key"]})).status_code == 200
    assert (await client.delete(f"/api/keys/{created['id']}", headers=account.headers)).status_code == 204
    assert (await client.get("/api/credits/balance", headers={"X-API-Key": created["key"]})).status_code == 401


async def test_a_user_cannot_revoke_another_users_key(client):
    owner, intruder = await register(client), await register(client)
    created = await _create_key(client, owner)
    assert (await client.delete(f"/api/keys/{created['id']}", headers=intruder.headers)).status_code == 404
    assert (await client.get("/api/credits/balance", headers={"X-API-Key": created["key"]})).status_code == 200


async def test_a_platform_key_cannot_manage_keys_or_passwords(client):
    account = await register(client)
    key = (await _create_key(client, account))["key"]
    assert (await client.post("/api/keys", headers={"X-API-Key": key}, json={"name": "x"})).status_code == 403
    response = await client.post(
        "/api/auth/change-password", headers={"X-API-Key": key}, json={"old_password": "a", "new_password": "b"}
    )
    assert response.status_code == 403


async def test_last_used_is_recorded_without_a_write_per_request(client, engine):
    account = await register(client)
    created = await _create_key(client, account)
    for _ in range(5):
        await client.get("/api/credits/balance", headers={"X-API-Key": created["key"]})
    async with engine.connect() as connection:
        first = await connection.scalar(text("SELECT last_used_at FROM api_keys WHERE id = :id"), {"id": created["id"]})
    assert first is not None
    await client.get("/api/credits/balance", headers={"X-API-Key": created["key"]})
    async with engine.connect() as connection:
        again = await connection.scalar(text("SELECT last_used_at FROM api_keys WHERE id = :id"), {"id": created["id"]})
    assert again == first


async def test_unknown_key_is_refused_without_echoing_it(client):
    response = await client.get("/api/credits/balance", headers={"x-goog-api-key": "AIzaSyFAKE-guest-key-123"})
    assert response.status_code == 401
    assert "AIza" not in response.text
