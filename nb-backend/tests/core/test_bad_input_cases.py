"""Inputs that once reached the database or a library unchecked and answered 500: each is a clear 4xx."""

import time
import uuid

from jose import jwt

from nb.accounts.tokens import ALGORITHM
from tests.support.accounts import register, register_admin
from tests.support.gateway import key_pool


def _nested(depth: int) -> dict:
    value: dict = {"leaf": "x"}
    for _ in range(depth):
        value = {"inner": value}
    return value


async def test_deeply_nested_message_parts_are_refused_and_the_conversation_stays_readable(client):
    account = await register(client)
    conversation = (await client.post("/api/conversations", headers=account.headers, json={})).json()
    path = f"/api/conversations/{conversation['id']}/messages"
    part = {"text": "hi", "partMetadata": _nested(900)}
    response = await client.post(
        path, headers=account.headers, json={"role": "user", "client_id": "deep", "parts": [part]}
    )
    assert response.status_code == 422 and response.json()["code"] == "invalid_request"
    assert (await client.get(path, headers=account.headers)).status_code == 200


async def test_a_lone_surrogate_in_text_is_refused(client):
    account = await register(client)
    conversation = (await client.post("/api/conversations", headers=account.headers, json={})).json()
    body = '{"role": "user", "client_id": "lone", "parts": [{"text": "a\\ud800b"}]}'
    response = await client.post(
        f"/api/conversations/{conversation['id']}/messages",
        headers={**account.headers, "content-type": "application/json"},
        content=body,
    )
    assert response.status_code == 422
    titled = await client.post(
        "/api/conversations",
        headers={**account.headers, "content-type": "application/json"},
        content='{"title": "\\udfff"}',
    )
    assert titled.status_code == 422


async def test_a_non_ascii_image_signature_is_refused(client):
    response = await client.get(
        f"/api/images/{'0' * 64}", params={"expires": int(time.time()) + 60, "signature": "é" * 10}
    )
    assert response.status_code in (403, 422), response.text


async def test_admin_token_patch_rejects_null_weight_and_overlong_base_url(client, engine):
    admin = await register_admin(client, engine)
    async with key_pool(client, admin, ["ok-bad-input-key"]) as added:
        path = f"/api/admin/tokens/{added[0]['id']}"
        assert (await client.patch(path, headers=admin.headers, json={"weight": None})).status_code == 422
        long_url = "https://relay.example.com/" + "a" * 230
        assert (await client.patch(path, headers=admin.headers, json={"base_url": long_url})).status_code == 422
        assert (await client.patch(path, headers=admin.headers, json={"weight": 3})).json()["weight"] == 3


async def test_an_overlong_model_id_is_refused(client, engine):
    admin = await register_admin(client, engine)
    response = await client.put(f"/api/admin/models/{'m' * 100}", headers=admin.headers, json={"credits": 1})
    assert response.status_code == 422


async def test_signed_tokens_with_impossible_claims_are_unauthorized(client, settings):
    now = int(time.time())
    base = {"role": "user", "jti": uuid.uuid4().hex, "iat": now, "exp": now + 600, "typ": "access"}
    for claims in (
        {"sub": str(2**70), "sid": str(uuid.uuid4())},
        {"sub": "1", "sid": "not-a-uuid"},
        {"sub": "0", "sid": str(uuid.uuid4())},
    ):
        token = jwt.encode({**base, **claims}, settings.jwt_secret_key, algorithm=ALGORITHM)
        for path in ("/api/auth/me", "/api/auth/logout"):
            response = await client.request(
                "GET" if path.endswith("me") else "POST", path, headers={"Authorization": f"Bearer {token}"}
            )
            assert response.status_code == 401, (claims, path, response.text)
