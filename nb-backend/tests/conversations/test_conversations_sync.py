"""Sync under retries: the SPA's queue may resend, reorder and race; the server keeps each message once,
in the client's order, so a late prompt never lands after its reply."""

import asyncio
import random

from sqlalchemy import text

from tests.support.accounts import register
from tests.support.conversations import (
    all_messages,
    api,
    image_part,
    local_backend,
    new_conversation,
    png,
    post_message,
    s3_backend,
    s3_endpoint,
)

__all__ = ["api", "local_backend", "s3_backend", "s3_endpoint"]

MESSAGES = 200
SENDERS = 4
SHARED_IMAGE = png()


def _message(index: int) -> dict:
    """Even positions are prompts, odd ones replies; every tenth reply carries the same image."""
    if index % 2 == 0:
        return {"role": "user", "parts": [{"text": f"prompt {index}"}]}
    image = [image_part(SHARED_IMAGE, thoughtSignature="sig")] if index % 10 == 1 else []
    return {"role": "model", "parts": [{"text": f"reply {index}"}, *image]}


async def test_200_messages_from_4_racing_senders_with_retries_are_stored_once_in_client_order(api, engine):
    user = await register(api)
    conversation = await new_conversation(api, user.headers)
    rng = random.Random(2026)
    sends = [index for index in range(MESSAGES)] + [rng.randrange(MESSAGES) for _ in range(MESSAGES // 2)]
    rng.shuffle(sends)
    queues = [sends[sender::SENDERS] for sender in range(SENDERS)]

    async def sender(queue: list[int]) -> list[int]:
        statuses = []
        for index in queue:
            message = _message(index)
            response = await post_message(
                api,
                user.headers,
                conversation["id"],
                message["parts"],
                message["role"],
                client_id=f"m-{index}",
                position=index,
            )
            statuses.append(response.status_code)
        return statuses

    statuses = [status for batch in await asyncio.gather(*(sender(queue) for queue in queues)) for status in batch]
    assert statuses.count(201) == MESSAGES and statuses.count(200) == len(sends) - MESSAGES
    stored = await all_messages(api, user.headers, conversation["id"], limit=37)
    assert [message["client_id"] for message in stored] == [f"m-{index}" for index in range(MESSAGES)]
    assert [message["role"] for message in stored] == ["user", "model"] * (MESSAGES // 2)
    summary = (await api.get(f"/api/conversations/{conversation['id']}", headers=user.headers)).json()
    assert summary["message_count"] == MESSAGES
    async with engine.connect() as connection:
        references = await connection.scalar(
            text(
                "SELECT count(DISTINCT image_sha256) FROM message_images JOIN messages ON messages.id = message_id "
                "WHERE conversation_id = :id"
            ),
            {"id": conversation["id"]},
        )
    assert references == 1


async def test_simultaneous_retries_of_one_image_message_store_it_once(api):
    user = await register(api)
    conversation = await new_conversation(api, user.headers)
    parts = [{"text": "same"}, image_part(png())]
    answers = await asyncio.gather(
        *(post_message(api, user.headers, conversation["id"], parts, client_id="dup") for _ in range(8))
    )
    assert sorted(answer.status_code for answer in answers) == [200] * 7 + [201]
    assert len({answer.json()["id"] for answer in answers}) == 1
    assert len(await all_messages(api, user.headers, conversation["id"])) == 1


async def test_concurrent_image_messages_are_all_counted_and_the_title_set_once(api):
    user = await register(api)
    conversation = await new_conversation(api, user.headers)
    answers = await asyncio.gather(
        *(
            post_message(
                api,
                user.headers,
                conversation["id"],
                [{"text": f"prompt {index}"}, image_part(png((400, 400)))],
                position=index,
            )
            for index in range(12)
        )
    )
    assert [answer.status_code for answer in answers] == [201] * 12
    summary = (await api.get(f"/api/conversations/{conversation['id']}", headers=user.headers)).json()
    assert summary["message_count"] == 12 and summary["title"].startswith("prompt ")
