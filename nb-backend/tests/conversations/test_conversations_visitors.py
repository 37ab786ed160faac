"""Guest visitors: their conversations move to the account they register or sign in to, exactly once;
a retired visitor id opens nothing; visitor creation is rate-limited per address; owners have limits."""

import asyncio

from sqlalchemy import text

from tests.support.accounts import PASSWORD, new_email, register
from tests.support.conversations import (
    LIMITS,
    api,
    guest,
    local_backend,
    new_conversation,
    post_message,
    s3_backend,
    s3_endpoint,
)

__all__ = ["api", "local_backend", "s3_backend", "s3_endpoint"]


async def _guest_with_history(api, count: int = 2) -> tuple[dict[str, str], list[int]]:
    visitor = guest()
    ids = []
    for index in range(count):
        conversation = await new_conversation(api, visitor, title=f"guest {index}")
        await post_message(api, visitor, conversation["id"], [{"text": "hello"}])
        ids.append(conversation["id"])
    return visitor, ids


async def test_registering_with_a_visitor_id_moves_its_conversations_to_the_account(api):
    visitor, ids = await _guest_with_history(api)
    response = await api.post(
        "/api/auth/register", json={"email": new_email(), "password": PASSWORD, "visitor_id": visitor["X-Visitor-Id"]}
    )
    assert response.status_code == 201
    headers = {"Authorization": f"Bearer {response.json()['access_token']}"}
    listed = (await api.get("/api/conversations", headers=headers)).json()["items"]
    assert sorted(item["id"] for item in listed) == sorted(ids)
    assert (await api.get("/api/conversations", headers=visitor)).json()["items"] == []
    for conversation_id in ids:
        assert (await api.get(f"/api/conversations/{conversation_id}", headers=visitor)).status_code == 404


async def test_a_retired_visitor_id_cannot_start_new_conversations(api):
    visitor, _ = await _guest_with_history(api, 1)
    user = await register(api)
    await api.post(
        "/api/auth/login", json={"email": user.email, "password": PASSWORD, "visitor_id": visitor["X-Visitor-Id"]}
    )
    response = await api.post("/api/conversations", headers=visitor, json={})
    assert response.status_code == 403 and response.json()["code"] == "visitor_retired"


async def test_logging_in_with_a_visitor_id_moves_its_conversations_once(api):
    visitor, ids = await _guest_with_history(api)
    user = await register(api)
    first = await api.post(
        "/api/auth/login", json={"email": user.email, "password": PASSWORD, "visitor_id": visitor["X-Visitor-Id"]}
    )
    again = await api.post(
        "/api/auth/login", json={"email": user.email, "password": PASSWORD, "visitor_id": visitor["X-Visitor-Id"]}
    )
    assert first.status_code == again.status_code == 200
    listed = (await api.get("/api/conversations", headers=user.headers)).json()["items"]
    assert sorted(item["id"] for item in listed) == sorted(ids)


async def test_two_accounts_binding_one_visitor_at_once_leave_everything_with_exactly_one(api, engine):
    visitor, ids = await _guest_with_history(api, 3)
    first, second = await register(api), await register(api)
    await asyncio.gather(
        *(
            api.post(
                "/api/auth/login",
                json={"email": user.email, "password": PASSWORD, "visitor_id": visitor["X-Visitor-Id"]},
            )
            for user in (first, second)
        )
    )
    async with engine.connect() as connection:
        owners = (
            await connection.execute(
                text("SELECT DISTINCT user_id, visitor_id FROM conversations WHERE id = ANY(:ids)"), {"ids": ids}
            )
        ).all()
    assert len(owners) == 1 and owners[0].user_id in (first.id, second.id) and owners[0].visitor_id is None


async def test_visitor_creation_is_rate_limited_per_address_and_stores_nothing_over_the_limit(api, engine):
    for _ in range(LIMITS["visitors_per_ip_per_hour"]):
        await new_conversation(api, guest())
    refused = guest()
    response = await api.post("/api/conversations", headers=refused, json={})
    assert response.status_code == 429 and response.headers["Retry-After"]
    async with engine.connect() as connection:
        assert (
            await connection.scalar(
                text("SELECT count(*) FROM visitors WHERE id = :id"), {"id": refused["X-Visitor-Id"]}
            )
            == 0
        )


async def test_an_owner_cannot_exceed_its_conversation_limit(api):
    user = await register(api)
    await asyncio.gather(
        *(
            api.post("/api/conversations", headers=user.headers, json={})
            for _ in range(LIMITS["max_conversations_per_owner"] + 3)
        )
    )
    listed = (await api.get("/api/conversations", headers=user.headers, params={"limit": 200})).json()["items"]
    assert len(listed) == LIMITS["max_conversations_per_owner"]
    response = await api.post("/api/conversations", headers=user.headers, json={})
    assert response.status_code == 422 and response.json()["code"] == "conversation_limit"
