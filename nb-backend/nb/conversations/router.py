"""Conversations and their messages, for the signed-in user or the guest visitor making the request."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from nb.conversations import message_parts
from nb.conversations import service as conversations
from nb.conversations.deps import CurrentOwner
from nb.conversations.models import Image, Message
from nb.conversations.schemas import (
    ConversationIn,
    ConversationOut,
    ConversationPatchIn,
    MessageIn,
    MessageOut,
    MessagePage,
)
from nb.core.deps import CacheDep, ClientIp, SessionDep, SettingsDep
from nb.core.params import Paging, RowId
from nb.core.schemas import Page
from nb.core.settings import Settings

router = APIRouter(prefix="/api/conversations", tags=["conversations"])


async def message_cursor(
    cursor: Annotated[str | None, Query(pattern=r"^\d{1,16}\.\d{1,18}$")] = None,
) -> tuple[int, int] | None:
    """`position.id` of the last message of the previous page."""
    if cursor is None:
        return None
    position, message_id = cursor.split(".")
    return int(position), int(message_id)


MessageCursor = Annotated[tuple[int, int] | None, Depends(message_cursor)]
MessageLimit = Annotated[int, Query(ge=1, le=200)]


def message_out(settings: Settings, message: Message, known: dict[str, Image]) -> MessageOut:
    return MessageOut(
        id=message.id,
        client_id=message.client_id,
        role=message.role,
        position=message.position,
        parts=message_parts.rendered(settings, message.parts, known),
        created_at=message.created_at,
    )


def page_out(settings: Settings, page: conversations.MessagePage) -> MessagePage:
    return MessagePage(
        items=[message_out(settings, message, page.images) for message in page.messages], next_cursor=page.next_cursor
    )


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_conversation(
    body: ConversationIn, owner: CurrentOwner, session: SessionDep, cache: CacheDep, settings: SettingsDep, ip: ClientIp
) -> ConversationOut:
    conversation = await conversations.create_conversation(session, cache, settings, ip, owner, body.title, body.model)
    return ConversationOut.model_validate(conversation)


@router.get("")
async def list_conversations(owner: CurrentOwner, session: SessionDep, paging: Paging) -> Page[ConversationOut]:
    rows, last_id = await conversations.list_conversations(session, owner, paging.limit, paging.before_id)
    return Page(items=[ConversationOut.model_validate(row) for row in rows], next_cursor=paging.next_cursor(last_id))


@router.get("/{conversation_id}")
async def get_conversation(conversation_id: RowId, owner: CurrentOwner, session: SessionDep) -> ConversationOut:
    return ConversationOut.model_validate(await conversations.owned_conversation(session, owner, conversation_id))


@router.patch("/{conversation_id}")
async def update_conversation(
    conversation_id: RowId, body: ConversationPatchIn, owner: CurrentOwner, session: SessionDep
) -> ConversationOut:
    changes = body.model_dump(exclude_unset=True, exclude_none=True)
    conversation = await conversations.update_conversation(session, owner, conversation_id, changes)
    return ConversationOut.model_validate(conversation)


@router.delete("/{conversation_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_conversation(
    conversation_id: RowId, owner: CurrentOwner, session: SessionDep, cache: CacheDep, settings: SettingsDep
) -> Response:
    await conversations.delete_conversation(session, cache, settings, owner, conversation_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{conversation_id}/messages", status_code=status.HTTP_201_CREATED)
async def post_message(
    conversation_id: RowId,
    body: MessageIn,
    owner: CurrentOwner,
    session: SessionDep,
    cache: CacheDep,
    settings: SettingsDep,
    response: Response,
) -> MessageOut:
    """201 when stored now; 200 with the stored message when this `client_id` was stored before."""
    draft = conversations.MessageDraft(body.client_id, body.role, body.parts, body.position)
    message, created = await conversations.post_message(session, cache, settings, owner, conversation_id, draft)
    if not created:
        response.status_code = status.HTTP_200_OK
    return message_out(settings, message, await conversations.images_of(session, [message]))


@router.get("/{conversation_id}/messages")
async def list_messages(
    conversation_id: RowId,
    owner: CurrentOwner,
    session: SessionDep,
    settings: SettingsDep,
    after: MessageCursor,
    limit: MessageLimit = 50,
) -> MessagePage:
    await conversations.owned_conversation(session, owner, conversation_id)
    return page_out(settings, await conversations.message_page(session, conversation_id, limit, after))
