"""Retention and orphan cleanup (`nb cleanup` and the periodic task) on both storage backends."""

import asyncio
import hashlib
import os
import sys
from types import SimpleNamespace

from sqlalchemy import text
from sqlalchemy.ext.asyncio import async_sessionmaker

from nb.conversations.retention import run_cleanup, start_periodic_cleanup
from nb.conversations.storage import open_blob_store, original_key, thumbnail_key
from nb.core.cache import Cache
from tests.support.accounts import register
from tests.support.conversations import (
    backend,
    backend_api,
    guest,
    image_part,
    local_backend,
    new_conversation,
    png,
    post_message,
    s3_backend,
    s3_endpoint,
)

__all__ = ["backend", "backend_api", "local_backend", "s3_backend", "s3_endpoint"]


async def _cleanup(backend, engine, redis):
    return await run_cleanup(
        async_sessionmaker(engine, expire_on_commit=False),
        Cache(redis, backend.settings.redis_namespace),
        backend.settings,
    )


async def _age(engine, conversation_id: int, days: int) -> None:
    async with engine.begin() as connection:
        await connection.execute(
            text("UPDATE conversations SET updated_at = now() - make_interval(days => :days) WHERE id = :id"),
            {"days": days, "id": conversation_id},
        )
        await connection.execute(
            text(
                "UPDATE visitors SET created_at = now() - make_interval(days => :days) "
                "WHERE id = (SELECT visitor_id FROM conversations WHERE id = :id)"
            ),
            {"days": days, "id": conversation_id},
        )


async def test_guest_conversations_past_retention_are_deleted_with_their_blobs(backend, backend_api, engine, redis):
    visitor, user = guest(), await register(backend_api)
    stale, fresh, kept = (
        await new_conversation(backend_api, visitor),
        await new_conversation(backend_api, guest()),
        await new_conversation(backend_api, user.headers),
    )
    response = await post_message(backend_api, visitor, stale["id"], [image_part(png())])
    image_id = response.json()["parts"][0]["imageRef"]["id"]
    for conversation in (stale, kept):
        await _age(engine, conversation["id"], backend.settings.guest_retention_days + 1)
    report = await _cleanup(backend, engine, redis)
    assert report.expired_conversations >= 1 and report.freed_images >= 1
    assert backend.blob_keys(image_id) == set()
    async with engine.connect() as connection:
        remaining = set(
            await connection.scalars(
                text("SELECT id FROM conversations WHERE id = ANY(:ids)"),
                {"ids": [stale["id"], fresh["id"], kept["id"]]},
            )
        )
        visitors = await connection.scalar(
            text("SELECT count(*) FROM visitors WHERE id = :id"), {"id": visitor["X-Visitor-Id"]}
        )
    assert remaining == {fresh["id"], kept["id"]} and visitors == 0


async def test_blobs_without_rows_and_rows_without_references_are_removed(backend, backend_api, engine, redis):
    store = open_blob_store(backend.settings)
    stray = png()
    stray_id = hashlib.sha256(stray).hexdigest()
    await store.put(original_key(stray_id), stray, "image/png")
    await store.put(thumbnail_key(stray_id), stray, "image/webp")
    visitor = guest()
    conversation = await new_conversation(backend_api, visitor)
    response = await post_message(backend_api, visitor, conversation["id"], [image_part(png())])
    used_id = response.json()["parts"][0]["imageRef"]["id"]
    unreferenced = png()
    unreferenced_id = hashlib.sha256(unreferenced).hexdigest()
    await store.put(original_key(unreferenced_id), unreferenced, "image/png")
    async with engine.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO images (sha256, mime_type, width, height, size) VALUES (:id, 'image/png', 64, 48, :size)"
            ),
            {"id": unreferenced_id, "size": len(unreferenced)},
        )
    report = await _cleanup(backend, engine, redis)
    assert report.orphan_blobs >= 1 and report.freed_images >= 1
    assert backend.blob_keys(stray_id) == set() and backend.blob_keys(unreferenced_id) == set()
    assert len(backend.blob_keys(used_id)) == 2


async def test_nb_cleanup_runs_from_the_command_line(local_backend, settings):
    environment = {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "REDIS_URL": settings.redis_url,
        "REDIS_NAMESPACE": settings.redis_namespace,
        "IMAGE_STORAGE_DIR": str(local_backend.settings.image_storage_path),
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "nb",
        "cleanup",
        env=environment,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    assert process.returncode == 0, err.decode()
    assert "orphan blobs removed" in out.decode()


async def test_the_periodic_cleanup_task_of_several_workers_removes_orphan_blobs(local_backend, engine, redis):
    settings = local_backend.settings.model_copy(update={"cleanup_interval_seconds": 0.2})
    stray = png()
    stray_id = hashlib.sha256(stray).hexdigest()
    await open_blob_store(settings).put(original_key(stray_id), stray, "image/png")
    workers = [
        SimpleNamespace(
            settings=settings,
            sessions=async_sessionmaker(engine, expire_on_commit=False),
            cache=Cache(redis, settings.redis_namespace),
        )
        for _ in range(2)
    ]
    tasks = [start_periodic_cleanup(worker) for worker in workers]
    try:
        for _ in range(50):
            if not local_backend.blob_keys(stray_id):
                break
            await asyncio.sleep(0.1)
    finally:
        for task in tasks:
            task.cancel()
    assert local_backend.blob_keys(stray_id) == set()
