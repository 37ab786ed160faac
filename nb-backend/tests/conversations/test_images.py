"""Image blobs on both backends (a local directory and a real S3-compatible server): stored once per
content, real images only, within the limits, and freed with their last reference."""

import base64

from sqlalchemy import text

from tests.support.conversations import (
    backend,
    backend_api,
    guest,
    image_part,
    local_backend,
    new_conversation,
    noise_png,
    png,
    post_message,
    s3_backend,
    s3_endpoint,
)

__all__ = ["backend", "backend_api", "local_backend", "s3_backend", "s3_endpoint"]


async def _rows(engine, sql: str, **params) -> int:
    async with engine.connect() as connection:
        return await connection.scalar(text(sql), params)


async def _image_id(response) -> str:
    assert response.status_code == 201, response.text
    return next(part["imageRef"]["id"] for part in response.json()["parts"] if "imageRef" in part)


async def test_the_same_image_in_10_messages_is_stored_once(backend, backend_api, engine):
    headers = guest()
    conversation = await new_conversation(backend_api, headers)
    image = png()
    ids = {
        await _image_id(await post_message(backend_api, headers, conversation["id"], [image_part(image)]))
        for _ in range(10)
    }
    (image_id,) = ids
    assert await _rows(engine, "SELECT count(*) FROM images WHERE sha256 = :id", id=image_id) == 1
    assert await _rows(engine, "SELECT count(*) FROM message_images WHERE image_sha256 = :id", id=image_id) == 10
    shard = image_id[:2]
    assert backend.blob_keys(image_id) == {f"originals/{shard}/{image_id}", f"thumbs/{shard}/{image_id}.webp"}


async def test_deleting_the_last_reference_frees_the_blob(backend, backend_api, engine):
    headers = guest()
    first, second = await new_conversation(backend_api, headers), await new_conversation(backend_api, headers)
    image = png()
    image_id = await _image_id(await post_message(backend_api, headers, first["id"], [image_part(image)]))
    await post_message(backend_api, headers, second["id"], [image_part(image)])
    await backend_api.delete(f"/api/conversations/{first['id']}", headers=headers)
    assert len(backend.blob_keys(image_id)) == 2
    assert (await backend_api.get(f"/api/images/{image_id}", headers=headers)).content == image
    await backend_api.delete(f"/api/conversations/{second['id']}", headers=headers)
    assert backend.blob_keys(image_id) == set()
    assert await _rows(engine, "SELECT count(*) FROM images WHERE sha256 = :id", id=image_id) == 0


async def _assert_refused_and_nothing_stored(backend, api, engine, parts: list[dict], status: int, code: str) -> None:
    headers = guest()
    conversation = await new_conversation(api, headers)
    keys_before = backend.stored_keys()
    images_before = await _rows(engine, "SELECT count(*) FROM images")
    response = await post_message(api, headers, conversation["id"], parts)
    assert (response.status_code, response.json()["code"]) == (status, code), response.text
    assert await _rows(engine, "SELECT count(*) FROM messages WHERE conversation_id = :id", id=conversation["id"]) == 0
    assert await _rows(engine, "SELECT count(*) FROM images") == images_before
    assert backend.stored_keys() <= keys_before


async def test_text_declared_as_an_image_is_refused(backend, backend_api, engine):
    fake = image_part(b"just some text pretending to be a picture", "image/png")
    await _assert_refused_and_nothing_stored(backend, backend_api, engine, [fake], 422, "invalid_image")


async def test_a_truncated_image_and_bad_base64_are_refused(backend, backend_api, engine):
    truncated = image_part(png((300, 300))[:-40])
    garbage = {"inlineData": {"mimeType": "image/png", "data": "!!not base64!!"}}
    for part in (truncated, garbage):
        parts = [{"text": "x"}, part]
        await _assert_refused_and_nothing_stored(backend, backend_api, engine, parts, 422, "invalid_image")


async def test_more_than_14_images_in_a_message_are_refused(backend, backend_api, engine):
    parts = [image_part(png()) for index in range(15)]
    await _assert_refused_and_nothing_stored(backend, backend_api, engine, parts, 422, "too_many_images")


async def test_an_image_over_20_mb_is_refused(backend, backend_api, engine):
    huge = {"inlineData": {"mimeType": "image/png", "data": base64.b64encode(b"\x89PNG" + bytes(21 << 20)).decode()}}
    await _assert_refused_and_nothing_stored(backend, backend_api, engine, [huge], 413, "image_too_large")


async def test_the_owner_storage_quota_is_enforced_with_nothing_stored_past_it(backend, backend_api, engine):
    headers = guest()
    conversation = await new_conversation(backend_api, headers)
    big = noise_png((600, 600))
    assert (await post_message(backend_api, headers, conversation["id"], [image_part(big)])).status_code == 201
    assert (await post_message(backend_api, headers, conversation["id"], [image_part(big)])).status_code == 201
    keys_before = backend.stored_keys()
    over = await post_message(
        backend_api, headers, conversation["id"], [image_part(noise_png((600, 600))), image_part(noise_png((600, 600)))]
    )
    assert (over.status_code, over.json()["code"]) == (413, "storage_quota_exceeded")
    assert backend.stored_keys() == keys_before


async def test_an_owner_sends_a_stored_image_back_by_reference_and_nobody_else_can(backend, backend_api, engine):
    headers, stranger = guest(), guest()
    first, second = await new_conversation(backend_api, headers), await new_conversation(backend_api, headers)
    image = png()
    posted = await post_message(backend_api, headers, first["id"], [image_part(image, thoughtSignature="sig")])
    received = posted.json()["parts"][0]
    resent = await post_message(backend_api, headers, second["id"], [{"text": "edit again"}, received], role="user")
    assert resent.status_code == 201, resent.text
    assert resent.json()["parts"][1]["imageRef"]["id"] == received["imageRef"]["id"]
    assert resent.json()["parts"][1]["thoughtSignature"] == "sig"
    await backend_api.delete(f"/api/conversations/{first['id']}", headers=headers)
    assert len(backend.blob_keys(received["imageRef"]["id"])) == 2
    theirs = await new_conversation(backend_api, stranger)
    stolen = await post_message(backend_api, stranger, theirs["id"], [received])
    assert stolen.status_code == 404
    assert await _rows(engine, "SELECT count(*) FROM messages WHERE conversation_id = :id", id=theirs["id"]) == 0
