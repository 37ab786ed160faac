"""Ownership matrix: users A and B, visitors V1 and V2, an admin. Every conversation and image route
refuses every other owner with 404 (never 403, so ids cannot be probed) and changes nothing."""

import httpx
import pytest

from tests.support.accounts import register, register_admin
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


@pytest.fixture
async def owners(api, engine) -> dict[str, dict[str, str]]:
    a, b = await register(api), await register(api)
    admin = await register_admin(api, engine)
    return {"A": a.headers, "B": b.headers, "V1": guest(), "V2": guest(), "admin": admin.headers}


@pytest.fixture
async def holdings(api, owners) -> dict[str, dict]:
    """Each owner's conversation, holding one message with an image of its own."""
    held = {}
    for name, headers in owners.items():
        conversation = await new_conversation(api, headers, title=f"{name}'s")
        message = await post_message(api, headers, conversation["id"], [{"text": name}, image_part(png())])
        held[name] = {"conversation": conversation["id"], "image": message.json()["parts"][1]["imageRef"]["id"]}
    return held


def _attempts(conversation_id: int, image_id: str) -> list[tuple[str, str, dict | None]]:
    base = f"/api/conversations/{conversation_id}"
    return [
        ("GET", base, None),
        ("PATCH", base, {"title": "stolen"}),
        ("DELETE", base, None),
        ("GET", base + "/messages", None),
        ("POST", base + "/messages", {"client_id": "intruder", "role": "user", "parts": [{"text": "x"}]}),
        ("GET", f"/api/images/{image_id}", None),
        ("GET", f"/api/images/{image_id}/thumb", None),
    ]


async def test_every_cross_owner_attempt_is_a_404_and_changes_nothing(api: httpx.AsyncClient, owners, holdings):
    for intruder, headers in owners.items():
        for victim, held in holdings.items():
            if victim == intruder:
                continue
            for method, path, body in _attempts(held["conversation"], held["image"]):
                if intruder == "admin" and path.startswith("/api/images"):
                    continue
                response = await api.request(method, path, headers=headers, json=body)
                assert response.status_code == 404, (intruder, victim, method, path, response.text)
    for name, held in holdings.items():
        conversation = (await api.get(f"/api/conversations/{held['conversation']}", headers=owners[name])).json()
        assert (conversation["title"], conversation["message_count"]) == (f"{name}'s", 1)
        messages = await all_messages(api, owners[name], held["conversation"])
        assert [message["parts"][0]["text"] for message in messages] == [name]


async def test_each_owner_lists_only_its_own_conversations(api, owners, holdings):
    for name, headers in owners.items():
        listed = (await api.get("/api/conversations", headers=headers)).json()["items"]
        assert [item["id"] for item in listed] == [holdings[name]["conversation"]]


async def test_owners_and_admins_read_images_without_a_signed_url(api, owners, holdings):
    for name, held in holdings.items():
        for reader in (name, "admin"):
            response = await api.get(f"/api/images/{held['image']}", headers=owners[reader])
            assert response.status_code == 200 and response.headers["content-type"] == "image/png"


async def test_an_image_shared_by_two_owners_stays_readable_by_each_only_through_its_own_message(api, owners):
    shared = png()
    mine = await new_conversation(api, owners["V1"])
    theirs = await new_conversation(api, owners["B"])
    posted = await post_message(api, owners["V1"], mine["id"], [image_part(shared)])
    image_id = posted.json()["parts"][0]["imageRef"]["id"]
    await post_message(api, owners["B"], theirs["id"], [image_part(shared)])
    assert (await api.get(f"/api/images/{image_id}", headers=owners["A"])).status_code == 404
    await api.delete(f"/api/conversations/{mine['id']}", headers=owners["V1"])
    assert (await api.get(f"/api/images/{image_id}", headers=owners["V1"])).status_code == 404
    assert (await api.get(f"/api/images/{image_id}", headers=owners["B"])).status_code == 200


async def test_a_forged_or_expired_signature_falls_back_to_ownership(api, owners, holdings):
    image_id = holdings["A"]["image"]
    signed = (await all_messages(api, owners["A"], holdings["A"]["conversation"]))[0]["parts"][1]["imageRef"]["url"]
    assert (await api.get(signed)).status_code == 200
    expires = signed.split("expires=")[1].split("&")[0]
    for forged in (
        signed.replace(f"expires={expires}", f"expires={int(expires) + 600}"),
        signed.replace(image_id, holdings["B"]["image"]),
        signed.replace(f"/api/images/{image_id}", f"/api/images/{image_id}/thumb"),
        f"/api/images/{image_id}?expires=1&signature=" + signed.split("signature=")[1],
    ):
        assert (await api.get(forged)).status_code == 401, forged
        assert (await api.get(forged, headers=owners["V2"])).status_code == 404, forged
