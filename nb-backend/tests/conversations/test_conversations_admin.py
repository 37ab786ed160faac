"""Admins browse every conversation, of accounts and of guests, and read one with its images."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.support.accounts import register, register_admin
from tests.support.conversations import (
    api,
    guest,
    image_part,
    local_backend,
    new_conversation,
    png,
    post_message,
    s3_backend,
    s3_endpoint,
)

__all__ = ["api", "local_backend", "s3_backend", "s3_endpoint"]


async def _ids(api, admin, **params) -> list[int]:
    response = await api.get("/api/admin/conversations", headers=admin.headers, params={"limit": 200, **params})
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


async def test_admins_filter_conversations_by_user_visitor_text_and_date(api, engine):
    admin, user, visitor = await register_admin(api, engine), await register(api), guest()
    mine = await new_conversation(api, user.headers, title="Lighthouse at dusk")
    theirs = await new_conversation(api, visitor)
    await post_message(api, visitor, theirs["id"], [{"text": "a zebra made of origami"}])
    assert await _ids(api, admin, user_id=user.id) == [mine["id"]]
    assert await _ids(api, admin, visitor_id=visitor["X-Visitor-Id"]) == [theirs["id"]]
    assert mine["id"] in await _ids(api, admin, q="lighthouse")
    assert theirs["id"] in await _ids(api, admin, q="ZEBRA made")
    now = datetime.now(UTC)
    assert theirs["id"] in await _ids(api, admin, since=(now - timedelta(minutes=5)).isoformat())
    assert theirs["id"] not in await _ids(api, admin, until=(now - timedelta(minutes=5)).isoformat())
    listed = (
        await api.get("/api/admin/conversations", headers=admin.headers, params={"visitor_id": visitor["X-Visitor-Id"]})
    ).json()
    assert listed["items"][0]["visitor_id"] == visitor["X-Visitor-Id"] and listed["items"][0]["user_id"] is None


async def test_an_admin_reads_a_guest_conversation_with_its_images(api, engine):
    admin, visitor = await register_admin(api, engine), guest()
    conversation = await new_conversation(api, visitor)
    image = png()
    await post_message(api, visitor, conversation["id"], [{"text": "edit this"}, image_part(image)])
    detail = (await api.get(f"/api/admin/conversations/{conversation['id']}", headers=admin.headers)).json()
    assert detail["visitor_id"] == visitor["X-Visitor-Id"] and detail["message_count"] == 1
    reference = detail["messages"]["items"][0]["parts"][1]["imageRef"]
    assert (await api.get(reference["url"])).content == image
    assert (await api.get(f"/api/images/{reference['id']}", headers=admin.headers)).content == image
    assert (await api.get("/api/admin/conversations/999999999", headers=admin.headers)).status_code == 404


@pytest.mark.parametrize("query", ["%", "_", "\\", "' OR 1=1 --"])
async def test_admin_text_search_treats_wildcards_and_quotes_literally(api, engine, query):
    admin, visitor = await register_admin(api, engine), guest()
    plain = await new_conversation(api, visitor, title="plain title")
    assert await _ids(api, admin, q=query, visitor_id=visitor["X-Visitor-Id"]) == []
    assert await _ids(api, admin, q="plain", visitor_id=visitor["X-Visitor-Id"]) == [plain["id"]]
