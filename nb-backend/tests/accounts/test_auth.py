"""Accounts and sessions: registration, login, rotation with reuse detection, logout, bans."""

import asyncio

from jose import jwt
from sqlalchemy import text

from tests.support.accounts import PASSWORD, login, new_email, register, register_admin


async def test_register_returns_a_session_and_the_account(client):
    email = new_email()
    response = await client.post("/api/auth/register", json={"email": email, "password": PASSWORD, "nickname": "Ann"})
    assert response.status_code == 201
    body = response.json()
    assert body["token_type"] == "bearer" and body["expires_in"] == 15 * 60
    assert body["user"]["email"] == email and body["user"]["nickname"] == "Ann" and body["user"]["credits"] == 0
    me = await client.get("/api/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.json()["id"] == body["user"]["id"]


async def test_email_is_unique_regardless_of_case(client):
    email = new_email()
    await register(client, email)
    response = await client.post("/api/auth/register", json={"email": email.upper(), "password": PASSWORD})
    assert response.status_code == 409


async def test_password_policy(client):
    email = new_email()
    for password in ("short1", "12345678901", email, "x" * 129):
        response = await client.post("/api/auth/register", json={"email": email, "password": password})
        assert response.status_code == 422, password


async def test_password_is_stored_as_argon2id(client, engine):
    account = await register(client)
    async with engine.connect() as connection:
        stored = await connection.scalar(text("SELECT password_hash FROM users WHERE id = :id"), {"id": account.id})
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


async def test_unknown_email_and_wrong_password_get_the_same_answer(client):
    account = await register(client)
    wrong = await client.post("/api/auth/login", json={"email": account.email, "password": "not-the-password"})
    unknown = await client.post("/api/auth/login", json={"email": new_email(), "password": "not-the-password"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()


async def test_access_token_pins_hs256_and_rejects_none_algorithm(client, settings):
    account = await register(client)
    claims = jwt.get_unverified_claims(account.access_token)
    assert jwt.get_unverified_header(account.access_token)["alg"] == "HS256"
    assert {"sub", "role", "jti", "exp"} <= set(claims)
    header = '{"alg":"none","typ":"JWT"}'
    import base64
    import json

    def b64(data: str) -> str:
        return base64.urlsafe_b64encode(data.encode()).rstrip(b"=").decode()

    forged = f"{b64(header)}.{b64(json.dumps({**claims, 'role': 'admin'}))}."
    response = await client.get("/api/auth/me", headers={"Authorization": f"Bearer {forged}"})
    assert response.status_code == 401


async def test_refresh_rotates_and_the_old_token_stops_working(client):
    account = await register(client)
    first = await client.post("/api/auth/refresh", json={"refresh_token": account.refresh_token})
    assert first.status_code == 200
    assert first.json()["refresh_token"] != account.refresh_token
    again = await client.post("/api/auth/refresh", json={"refresh_token": account.refresh_token})
    assert again.status_code == 401


async def test_refresh_token_reuse_revokes_the_whole_family(client):
    account = await register(client)
    rotated = (await client.post("/api/auth/refresh", json={"refresh_token": account.refresh_token})).json()
    replay = await client.post("/api/auth/refresh", json={"refresh_token": account.refresh_token})
    assert replay.status_code == 401
    newest = await client.post("/api/auth/refresh", json={"refresh_token": rotated["refresh_token"]})
    assert newest.status_code == 401
    me = await client.get("/api/auth/me", headers={"Authorization": f"Bearer {rotated['access_token']}"})
    assert me.status_code == 401


async def test_reuse_revokes_only_that_family(client):
    account = await register(client)
    other = await login(client, account.email)
    await client.post("/api/auth/refresh", json={"refresh_token": account.refresh_token})
    await client.post("/api/auth/refresh", json={"refresh_token": account.refresh_token})
    assert (await client.get("/api/auth/me", headers=other.headers)).status_code == 200


async def test_logout_kills_the_access_token_and_the_refresh_token(client):
    account = await register(client)
    assert (await client.post("/api/auth/logout", headers=account.headers)).status_code == 204
    assert (await client.get("/api/auth/me", headers=account.headers)).status_code == 401
    refreshed = await client.post("/api/auth/refresh", json={"refresh_token": account.refresh_token})
    assert refreshed.status_code == 401


async def test_change_password_signs_out_other_sessions_only(client):
    account = await register(client)
    other = await login(client, account.email)
    response = await client.post(
        "/api/auth/change-password",
        headers=account.headers,
        json={"old_password": PASSWORD, "new_password": "a-brand-new-secret"},
    )
    assert response.status_code == 204
    assert (await client.get("/api/auth/me", headers=account.headers)).status_code == 200
    assert (await client.get("/api/auth/me", headers=other.headers)).status_code == 401
    assert (await client.post("/api/auth/refresh", json={"refresh_token": other.refresh_token})).status_code == 401
    relogin = await client.post("/api/auth/login", json={"email": account.email, "password": "a-brand-new-secret"})
    assert relogin.status_code == 200


async def test_change_password_needs_the_old_password(client):
    account = await register(client)
    response = await client.post(
        "/api/auth/change-password",
        headers=account.headers,
        json={"old_password": "wrong-password", "new_password": "a-brand-new-secret"},
    )
    assert response.status_code == 400


async def test_banned_user_is_refused_on_the_next_request(client, engine):
    admin = await register_admin(client, engine)
    account = await register(client)
    key = (await client.post("/api/keys", headers=account.headers, json={"name": "k"})).json()["key"]
    banned = await client.patch(f"/api/admin/users/{account.id}", headers=admin.headers, json={"status": "banned"})
    assert banned.status_code == 200
    assert (await client.get("/api/auth/me", headers=account.headers)).status_code in (401, 403)
    assert (await client.get("/api/credits/balance", headers={"X-API-Key": key})).status_code == 403
    relogin = await client.post("/api/auth/login", json={"email": account.email, "password": PASSWORD})
    assert relogin.status_code == 403
    assert (await client.post("/api/auth/refresh", json={"refresh_token": account.refresh_token})).status_code == 401


async def test_parallel_refreshes_of_one_token_issue_at_most_one_pair(client):
    account = await register(client)
    answers = await asyncio.gather(
        *(client.post("/api/auth/refresh", json={"refresh_token": account.refresh_token}) for _ in range(10))
    )
    assert sum(answer.status_code == 200 for answer in answers) <= 1
