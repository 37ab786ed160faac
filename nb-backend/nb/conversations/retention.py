"""Housekeeping run by `nb cleanup` and by a periodic task (one worker at a time): expire old guest
conversations, free images nothing references, and delete stored blobs that have no row."""

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, exists, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from nb.conversations import images
from nb.conversations import service as conversations
from nb.conversations.models import Conversation, Image, MessageImage, Visitor
from nb.conversations.storage import open_blob_store
from nb.core import periodic
from nb.core.cache import Cache
from nb.core.runtime import Runtime
from nb.core.settings import Settings

BATCH = 200


@dataclass(frozen=True)
class CleanupReport:
    expired_conversations: int
    freed_images: int
    orphan_blobs: int


async def expire_guest_conversations(session: AsyncSession, cache: Cache, settings: Settings) -> tuple[int, int]:
    """Delete guest conversations untouched for the retention period, then visitors left with nothing.
    Returns (conversations deleted, blobs freed)."""
    cutoff = datetime.now(UTC) - timedelta(days=settings.guest_retention_days)
    expired = freed = 0
    while ids := list(
        await session.scalars(
            select(Conversation.id)
            .where(Conversation.visitor_id.is_not(None), Conversation.updated_at < cutoff)
            .order_by(Conversation.id)
            .limit(BATCH)
        )
    ):
        freed += await conversations.delete_and_free(session, cache, settings, ids)
        expired += len(ids)
    await forget_idle_visitors(session, cutoff)
    return expired, freed


async def forget_idle_visitors(session: AsyncSession, cutoff: datetime) -> None:
    """Unbound visitors created before the cutoff and left with no conversation. Each is deleted under
    its owner lock, so a conversation it creates at that moment is never lost to the cascade."""
    idle = list(
        await session.scalars(
            select(Visitor.id).where(
                Visitor.bound_user_id.is_(None),
                Visitor.created_at < cutoff,
                ~exists().where(Conversation.visitor_id == Visitor.id),
            )
        )
    )
    await session.commit()
    for visitor_id in idle:
        await conversations.lock_owner(session, conversations.Owner(visitor_id=visitor_id))
        await session.execute(
            delete(Visitor)
            .where(
                Visitor.id == visitor_id,
                Visitor.bound_user_id.is_(None),
                ~exists().where(Conversation.visitor_id == visitor_id),
            )
            .execution_options(synchronize_session=False)
        )
        await session.commit()


async def free_unreferenced_images(session: AsyncSession, cache: Cache, settings: Settings) -> int:
    """Rows whose references vanished without the service (an account deleted, a worker crashed)."""
    orphans = list(
        await session.scalars(select(Image.sha256).where(~exists().where(MessageImage.image_sha256 == Image.sha256)))
    )
    await session.commit()
    return await images.free_unreferenced(session, cache, open_blob_store(settings), orphans, wait_seconds=0)


async def delete_orphan_blobs(session: AsyncSession, cache: Cache, settings: Settings) -> int:
    store = open_blob_store(settings)
    removed = 0
    async for keys in store.key_pages():
        removed += await images.delete_orphan_blobs(session, cache, store, keys)
    return removed


async def run_cleanup(sessions: async_sessionmaker[AsyncSession], cache: Cache, settings: Settings) -> CleanupReport:
    async with sessions() as session:
        expired, freed = await expire_guest_conversations(session, cache, settings)
        freed += await free_unreferenced_images(session, cache, settings)
        orphans = await delete_orphan_blobs(session, cache, settings)
    return CleanupReport(expired, freed, orphans)


async def cleanup_job(runtime: Runtime) -> CleanupReport:
    return await run_cleanup(runtime.sessions, runtime.cache, runtime.settings)


def start_periodic_cleanup(runtime: Runtime) -> asyncio.Task:
    """The lifespan cancels the returned task on shutdown; the periodic lock keeps it to one worker."""
    return periodic.start(runtime, "cleanup", runtime.settings.cleanup_interval_seconds, cleanup_job)
