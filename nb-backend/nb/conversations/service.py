"""Conversations and messages of one owner (an account or a guest visitor), and the move of a
visitor's conversations to the account it signs in to.

Another owner's conversation answers exactly like a missing one (404), so ids cannot be probed."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import TEXT, ColumnElement, CursorResult, cast, delete, exists, func, or_, select, text, tuple_, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from nb.conversations import images, message_parts
from nb.conversations.models import Conversation, Image, Message, MessageImage, Visitor
from nb.conversations.storage import open_blob_store
from nb.core.cache import Cache
from nb.core.errors import ApiError, not_found
from nb.core.pagination import newest_first
from nb.core.settings import Settings
from nb.core.throttle import Throttle

MAX_IMAGES_PER_MESSAGE = 14


@dataclass(frozen=True)
class Owner:
    """Plain values, so they survive the commits that release the connection before slow work."""

    user_id: int | None = None
    visitor_id: uuid.UUID | None = None
    is_admin: bool = False

    def owns(self) -> ColumnElement[bool]:
        if self.user_id is not None:
            return Conversation.user_id == self.user_id
        return Conversation.visitor_id == self.visitor_id

    @property
    def lock_name(self) -> str:
        return f"conversation-owner:{self.user_id if self.user_id is not None else self.visitor_id}"


@dataclass(frozen=True)
class MessageDraft:
    client_id: str
    role: str
    parts: list[dict[str, Any]]
    position: int | None


@dataclass(frozen=True)
class MessagePage:
    messages: list[Message]
    images: dict[str, Image]
    next_cursor: str | None


async def lock_owner(session: AsyncSession, owner: Owner) -> None:
    """Serialize the writes of one owner across workers, for this transaction only. Always taken
    first (before any row lock), so it can never complete a deadlock cycle."""
    await session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:name, 0))"), {"name": owner.lock_name})


async def _admit_visitor(
    session: AsyncSession, cache: Cache, settings: Settings, ip: str, visitor_id: uuid.UUID
) -> Throttle | None:
    """Record a first-seen visitor (rate-limited per address); a visitor bound to an account is retired.
    Counted before the insert; the caller gives the attempt back when the visitor is not committed."""
    charge = None
    row = await session.get(Visitor, visitor_id, with_for_update={"read": True})
    if row is None:
        charge = Throttle(cache, "visitor-ip", settings.visitors_per_ip_per_hour, 3600)
        await charge.take(ip)
        await session.execute(insert(Visitor).values(id=visitor_id, created_ip=ip).on_conflict_do_nothing())
        row = await session.get(Visitor, visitor_id, with_for_update={"read": True}, populate_existing=True)
        if row is None:
            raise RuntimeError(f"visitor {visitor_id} vanished right after it was inserted")
    if row.bound_user_id is not None:
        raise ApiError(
            403,
            "visitor_retired",
            "this visitor id was attached to an account: sign in, or start again with a new visitor id",
        )
    return charge


async def create_conversation(
    session: AsyncSession, cache: Cache, settings: Settings, ip: str, owner: Owner, title: str | None, model: str | None
) -> Conversation:
    await lock_owner(session, owner)
    throttle = None
    if owner.visitor_id is not None:
        throttle = await _admit_visitor(session, cache, settings, ip, owner.visitor_id)
    try:
        count = (await session.execute(select(func.count()).select_from(Conversation).where(owner.owns()))).scalar_one()
        if count >= settings.max_conversations_per_owner:
            raise ApiError(
                422,
                "conversation_limit",
                f"at most {settings.max_conversations_per_owner} conversations: delete some first",
            )
        conversation = Conversation(user_id=owner.user_id, visitor_id=owner.visitor_id, title=title, model=model)
        session.add(conversation)
        await session.commit()
    except BaseException:
        if throttle is not None:
            await throttle.give_back(ip)
        raise
    return conversation


async def owned_conversation(
    session: AsyncSession, owner: Owner, conversation_id: int, for_update: bool = False
) -> Conversation:
    """`for_update` locks the row and reloads it, so counters read earlier in the request are not reused."""
    query = select(Conversation).where(Conversation.id == conversation_id, owner.owns())
    if for_update:
        query = query.with_for_update().execution_options(populate_existing=True)
    conversation = await session.scalar(query)
    if conversation is None:
        raise not_found("conversation")
    return conversation


async def any_conversation(session: AsyncSession, conversation_id: int) -> Conversation:
    """For admins, who read every owner's conversations."""
    conversation = await session.get(Conversation, conversation_id)
    if conversation is None:
        raise not_found("conversation")
    return conversation


async def list_conversations(
    session: AsyncSession, owner: Owner, limit: int, before_id: int | None
) -> tuple[list[Conversation], int | None]:
    return await newest_first(session, select(Conversation).where(owner.owns()), Conversation.id, limit, before_id)


async def update_conversation(
    session: AsyncSession, owner: Owner, conversation_id: int, changes: dict[str, Any]
) -> Conversation:
    conversation = await owned_conversation(session, owner, conversation_id, for_update=True)
    for field, value in changes.items():
        setattr(conversation, field, value)
    conversation.updated_at = func.now()
    await session.commit()
    await session.refresh(conversation)
    return conversation


async def delete_conversation(
    session: AsyncSession, cache: Cache, settings: Settings, owner: Owner, conversation_id: int
) -> None:
    await owned_conversation(session, owner, conversation_id, for_update=True)
    await delete_and_free(session, cache, settings, [conversation_id])


async def delete_and_free(session: AsyncSession, cache: Cache, settings: Settings, conversation_ids: list[int]) -> int:
    """Delete conversations (messages and references go with them), then free the blobs nobody else uses."""
    referenced = set(
        await session.scalars(
            select(MessageImage.image_sha256)
            .join(Message, Message.id == MessageImage.message_id)
            .where(Message.conversation_id.in_(conversation_ids))
        )
    )
    await session.execute(
        delete(Conversation).where(Conversation.id.in_(conversation_ids)).execution_options(synchronize_session=False)
    )
    await session.commit()
    return await images.free_unreferenced(session, cache, open_blob_store(settings), referenced)


async def _stored_message(session: AsyncSession, conversation_id: int, client_id: str) -> Message | None:
    return await session.scalar(
        select(Message).where(Message.conversation_id == conversation_id, Message.client_id == client_id)
    )


async def post_message(
    session: AsyncSession, cache: Cache, settings: Settings, owner: Owner, conversation_id: int, draft: MessageDraft
) -> tuple[Message, bool]:
    """Store a message once per `client_id`: a retry answers with the stored message (created=False).
    Images are decoded and written before the short transaction that references them."""
    await owned_conversation(session, owner, conversation_id)
    if stored := await _stored_message(session, conversation_id, draft.client_id):
        return stored, False
    await session.commit()
    encoded, reused = message_parts.inline_images(draft.parts), message_parts.reused_images(draft.parts)
    if len(encoded) + len(reused) > MAX_IMAGES_PER_MESSAGE:
        raise ApiError(422, "too_many_images", f"a message holds at most {MAX_IMAGES_PER_MESSAGE} images")
    decoded = await images.decode_images(encoded)
    parts = message_parts.with_references(draft.parts, decoded)
    async with images.storing(session, cache, open_blob_store(settings), decoded, also_locked=reused):
        return await _insert_message(session, settings, owner, conversation_id, draft, parts, decoded)


async def _insert_message(
    session: AsyncSession,
    settings: Settings,
    owner: Owner,
    conversation_id: int,
    draft: MessageDraft,
    parts: list[dict[str, Any]],
    decoded: list[images.DecodedImage],
) -> tuple[Message, bool]:
    await lock_owner(session, owner)
    conversation = await owned_conversation(session, owner, conversation_id, for_update=True)
    if stored := await _stored_message(session, conversation_id, draft.client_id):
        await session.commit()
        return stored, False
    await _ensure_reusable(session, owner, message_parts.reused_images(draft.parts))
    if decoded:
        await _check_quota(session, settings, owner, decoded)
        await images.add_rows(session, decoded)
    position = draft.position
    if position is None:
        last = await session.scalar(
            select(func.max(Message.position)).where(Message.conversation_id == conversation_id)
        )
        position = 0 if last is None else last + 1
    message = Message(
        conversation_id=conversation_id, client_id=draft.client_id, role=draft.role, position=position, parts=parts
    )
    session.add(message)
    await session.flush()
    session.add_all(MessageImage(message_id=message.id, image_sha256=sha) for sha in message_parts.referenced(parts))
    conversation.message_count += 1
    conversation.updated_at = func.now()
    if conversation.title is None and draft.role == "user":
        conversation.title = message_parts.title_from(draft.parts)
    await session.commit()
    return message, True


def _owned_images(owner: Owner):
    return (
        select(MessageImage.image_sha256)
        .join(Message, Message.id == MessageImage.message_id)
        .join(Conversation, Conversation.id == Message.conversation_id)
        .where(owner.owns())
    )


async def _ensure_reusable(session: AsyncSession, owner: Owner, image_ids: list[str]) -> None:
    """An image is reused by reference only by an owner that already references it (404 otherwise)."""
    if image_ids:
        owned = set(await session.scalars(_owned_images(owner).where(MessageImage.image_sha256.in_(image_ids))))
        if owned != set(image_ids):
            raise not_found("image")


async def _check_quota(
    session: AsyncSession, settings: Settings, owner: Owner, decoded: list[images.DecodedImage]
) -> None:
    """Bytes of the distinct images the owner references, with this message's new ones added."""
    owned = _owned_images(owner)
    used = (
        await session.execute(select(func.coalesce(func.sum(Image.size), 0)).where(Image.sha256.in_(owned)))
    ).scalar_one()
    new = images.unique(decoded)
    already = set(await session.scalars(owned.where(MessageImage.image_sha256.in_([image.sha256 for image in new]))))
    added = sum(len(image.data) for image in new if image.sha256 not in already)
    if used + added > settings.storage_quota_bytes_per_owner:
        raise ApiError(
            413,
            "storage_quota_exceeded",
            f"image storage quota of {settings.storage_quota_bytes_per_owner} bytes reached: "
            "delete some conversations first",
        )


async def message_page(
    session: AsyncSession, conversation_id: int, limit: int, after: tuple[int, int] | None
) -> MessagePage:
    """Oldest first, in the client's order (position, then arrival); keyset-paginated."""
    query = select(Message).where(Message.conversation_id == conversation_id)
    if after is not None:
        query = query.where(tuple_(Message.position, Message.id) > tuple_(*after))
    rows = list((await session.scalars(query.order_by(Message.position, Message.id).limit(limit + 1))).all())
    page = rows[:limit]
    cursor = f"{page[-1].position}.{page[-1].id}" if len(rows) > limit else None
    return MessagePage(page, await images_of(session, page), cursor)


async def images_of(session: AsyncSession, messages: list[Message]) -> dict[str, Image]:
    """The metadata of every image the messages reference, to render their references."""
    shas = set().union(*(message_parts.referenced(message.parts) for message in messages))
    if not shas:
        return {}
    return {image.sha256: image for image in await session.scalars(select(Image).where(Image.sha256.in_(shas)))}


async def bind_visitor(session: AsyncSession, user_id: int, visitor_id: uuid.UUID) -> int:
    """Retire the visitor id and move its conversations to the account, in the caller's transaction.
    Only the first account to bind a visitor gets them: the conditional upsert locks the visitor row.
    Returns how many conversations moved."""
    bound = await session.scalar(
        insert(Visitor)
        .values(id=visitor_id, bound_user_id=user_id, bound_at=func.now())
        .on_conflict_do_update(
            index_elements=["id"],
            set_={"bound_user_id": user_id, "bound_at": func.now()},
            where=Visitor.bound_user_id.is_(None),
        )
        .returning(Visitor.id)
    )
    if bound is None:
        return 0
    moved = await session.execute(
        update(Conversation).where(Conversation.visitor_id == visitor_id).values(user_id=user_id, visitor_id=None)
    )
    if not isinstance(moved, CursorResult):  # what an UPDATE always returns; Session.execute is typed Result
        raise TypeError(f"an UPDATE returned {type(moved).__name__}, not a CursorResult")
    return moved.rowcount


async def ensure_image_readable(session: AsyncSession, owner: Owner, sha256: str) -> None:
    """Admins read any image; others only images a message of theirs references (404 otherwise)."""
    if owner.is_admin:
        return
    mine = await session.scalar(_owned_images(owner).where(MessageImage.image_sha256 == sha256).limit(1))
    if mine is None:
        raise not_found("image")


@dataclass(frozen=True)
class AdminSearch:
    user_id: int | None = None
    visitor_id: uuid.UUID | None = None
    text: str | None = None
    since: datetime | None = None
    until: datetime | None = None


async def search_conversations(
    session: AsyncSession, search: AdminSearch, limit: int, before_id: int | None
) -> tuple[list[Conversation], int | None]:
    """Newest first; `text` matches the title or any message's parts, literally (no wildcards)."""
    query = select(Conversation)
    if search.user_id is not None:
        query = query.where(Conversation.user_id == search.user_id)
    if search.visitor_id is not None:
        query = query.where(Conversation.visitor_id == search.visitor_id)
    if search.since is not None:
        query = query.where(Conversation.created_at >= search.since)
    if search.until is not None:
        query = query.where(Conversation.created_at < search.until)
    if search.text:
        pattern = "%" + search.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        in_messages = exists().where(
            Message.conversation_id == Conversation.id, cast(Message.parts, TEXT).ilike(pattern)
        )
        query = query.where(or_(Conversation.title.ilike(pattern), in_messages))
    return await newest_first(session, query, Conversation.id, limit, before_id)
