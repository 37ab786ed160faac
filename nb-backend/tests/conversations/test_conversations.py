"""Conversations round-trip for guests and users: Gemini parts kept as sent, images as references."""

import base64
import io

from PIL import Image
from sqlalchemy import text

from tests.support.accounts import register
from tests.support.conversations import (
    all_messages,
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


async def test_a_guest_creates_lists_renames_and_deletes_a_conversation(api):
    headers = guest()
    created = await new_conversation(api, headers, title="Beach cats", model="gemini-3-pro-image-preview")
    assert set(created) >= {"id", "title", "model", "message_count", "created_at", "updated_at"}
    assert (created["title"], created["message_count"]) == ("Beach cats", 0)
    listed = (await api.get("/api/conversations", headers=headers)).json()
    assert [item["id"] for item in listed["items"]] == [created["id"]] and listed["next_cursor"] is None
    renamed = await api.patch(f"/api/conversations/{created['id']}", headers=headers, json={"title": "Night cats"})
    assert renamed.status_code == 200 and renamed.json()["title"] == "Night cats"
    assert (await api.delete(f"/api/conversations/{created['id']}", headers=headers)).status_code == 204
    assert (await api.get(f"/api/conversations/{created['id']}", headers=headers)).status_code == 404


async def test_conversations_are_listed_newest_first_a_page_at_a_time(api):
    user = await register(api)
    ids = [(await new_conversation(api, user.headers))["id"] for _ in range(5)]
    first = (await api.get("/api/conversations", headers=user.headers, params={"limit": 3})).json()
    second = (
        await api.get("/api/conversations", headers=user.headers, params={"limit": 3, "cursor": first["next_cursor"]})
    ).json()
    assert [item["id"] for item in first["items"] + second["items"]] == ids[::-1]
    assert second["next_cursor"] is None


async def test_parts_are_kept_as_sent_with_images_replaced_by_signed_references(api):
    headers = guest()
    conversation = await new_conversation(api, headers)
    prompt_image, draft, final = png(), png(), png((512, 300))
    prompt = [{"text": "Put this cat on a beach"}, image_part(prompt_image)]
    await post_message(api, headers, conversation["id"], prompt)
    model_parts = [
        {"text": "Composing…", "thought": True},
        image_part(draft, thought=True),
        {"text": "Here it is."},
        image_part(final, thoughtSignature="c2lnbmF0dXJl"),
    ]
    response = await post_message(api, headers, conversation["id"], model_parts, role="model")
    assert response.status_code == 201, response.text
    messages = await all_messages(api, headers, conversation["id"])
    assert [message["role"] for message in messages] == ["user", "model"]
    parts = messages[1]["parts"]
    assert parts[0] == {"text": "Composing…", "thought": True} and parts[2] == {"text": "Here it is."}
    assert parts[1]["thought"] is True and "inlineData" not in parts[1]
    reference = parts[3]["imageRef"]
    assert parts[3]["thoughtSignature"] == "c2lnbmF0dXJl"
    assert (reference["mimeType"], reference["width"], reference["height"], reference["size"]) == (
        "image/png",
        512,
        300,
        len(final),
    )
    async with api.__class__(base_url=str(api.base_url)) as stranger:
        original = await stranger.get(reference["url"])
        thumbnail = await stranger.get(reference["thumbUrl"])
    assert original.status_code == 200 and original.content == final
    assert thumbnail.headers["content-type"] == "image/webp"
    assert max(Image.open(io.BytesIO(thumbnail.content)).size) == 256


async def test_the_title_comes_from_the_first_user_text_unless_set(api):
    headers = guest()
    untitled = await new_conversation(api, headers)
    await post_message(api, headers, untitled["id"], [{"text": "thinking", "thought": True}], role="model")
    await post_message(api, headers, untitled["id"], [{"text": "  A red\nfox in snow  "}])
    await post_message(api, headers, untitled["id"], [{"text": "now at night"}])
    titled = await new_conversation(api, headers, title="Mine")
    await post_message(api, headers, titled["id"], [{"text": "A blue bird"}])
    conversation = (await api.get(f"/api/conversations/{untitled['id']}", headers=headers)).json()
    assert conversation["title"] == "A red fox in snow" and conversation["message_count"] == 3
    assert (await api.get(f"/api/conversations/{titled['id']}", headers=headers)).json()["title"] == "Mine"


async def test_messages_are_read_oldest_first_a_page_at_a_time(api):
    headers = guest()
    conversation = await new_conversation(api, headers)
    for index in range(7):
        await post_message(api, headers, conversation["id"], [{"text": f"m{index}"}], position=index)
    messages = await all_messages(api, headers, conversation["id"], limit=3)
    assert [message["parts"][0]["text"] for message in messages] == [f"m{index}" for index in range(7)]


async def test_a_retried_client_id_returns_the_stored_message(api):
    headers = guest()
    conversation = await new_conversation(api, headers)
    first = await post_message(api, headers, conversation["id"], [{"text": "hello"}], client_id="c-1")
    retry = await post_message(api, headers, conversation["id"], [{"text": "hello again"}], client_id="c-1")
    assert (first.status_code, retry.status_code) == (201, 200)
    assert retry.json()["id"] == first.json()["id"] and retry.json()["parts"] == [{"text": "hello"}]
    assert len(await all_messages(api, headers, conversation["id"])) == 1


async def test_no_image_bytes_live_in_postgresql(api, engine):
    headers = guest()
    conversation = await new_conversation(api, headers)
    image = png()
    await post_message(
        api,
        headers,
        conversation["id"],
        [
            image_part(image),
            {"text": "with snake_case too"},
            {"inline_data": {"mime_type": "image/png", "data": base64.b64encode(png()).decode()}},
        ],
    )
    encoded = base64.b64encode(image).decode()
    async with engine.connect() as connection:
        parts = await connection.scalar(
            text("SELECT parts::text FROM messages WHERE conversation_id = :id"), {"id": conversation["id"]}
        )
    assert encoded[:40] not in parts and "inlineData" not in parts and "inline_data" not in parts


async def test_platform_keys_open_the_users_conversations(api):
    user = await register(api)
    key = (await api.post("/api/keys", headers=user.headers, json={"name": "sync"})).json()["key"]
    conversation = await new_conversation(api, user.headers)
    listed = await api.get("/api/conversations", headers={"X-API-Key": key})
    assert [item["id"] for item in listed.json()["items"]] == [conversation["id"]]


async def test_requests_without_an_owner_are_refused(api):
    assert (await api.get("/api/conversations")).status_code == 401
    for bad in ("not-a-uuid", "00000000-0000-1000-8000-000000000000", "0" * 36):
        response = await api.get("/api/conversations", headers={"X-Visitor-Id": bad})
        assert response.status_code == 400 and response.json()["code"] == "invalid_visitor_id"


async def test_a_guests_own_gemini_key_is_refused_and_never_stored(api, engine):
    visitor = guest()
    for extra in ({"x-goog-api-key": "AIzaSyGuestOwnKey0000000000000000000000"}, {"X-API-Key": "sk-relay-key"}):
        response = await api.post("/api/conversations", headers={**visitor, **extra}, json={"title": "t"})
        assert response.status_code == 400 and response.json()["code"] == "guest_key_refused"
        assert "AIza" not in response.text and "sk-relay" not in response.text
    response = await api.get("/api/conversations", headers={"Authorization": "Bearer AIzaSyGuestOwnKey00000000000"})
    assert response.status_code == 400
    async with engine.connect() as connection:
        assert (
            await connection.scalar(
                text("SELECT count(*) FROM visitors WHERE id = :id"), {"id": visitor["X-Visitor-Id"]}
            )
            == 0
        )


async def test_unknown_part_fields_are_refused(api):
    headers = guest()
    conversation = await new_conversation(api, headers)
    response = await post_message(api, headers, conversation["id"], [{"text": "hi", "apiKey": "AIzaSecret"}])
    assert response.status_code == 422 and "apiKey" in response.json()["detail"]


async def test_a_signed_in_spa_that_still_sends_its_visitor_id_acts_as_the_user(api):
    user = await register(api)
    conversation = await new_conversation(api, {**user.headers, **guest()})
    listed = (await api.get("/api/conversations", headers=user.headers)).json()["items"]
    assert [item["id"] for item in listed] == [conversation["id"]]
