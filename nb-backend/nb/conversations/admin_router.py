"""Admin: browse every conversation (accounts' and guests'), and read one with its images."""

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from nb.accounts.deps import AdminUser
from nb.conversations import service as conversations
from nb.conversations.router import MessageCursor, MessageLimit, page_out
from nb.conversations.schemas import AdminConversationDetailOut, AdminConversationOut
from nb.core.deps import SessionDep, SettingsDep
from nb.core.params import Paging, RowId, RowIdFilter
from nb.core.schemas import Page

router = APIRouter(prefix="/api/admin/conversations", tags=["admin"])


@router.get("")
async def list_conversations(
    admin: AdminUser,
    session: SessionDep,
    paging: Paging,
    user_id: RowIdFilter = None,
    visitor_id: uuid.UUID | None = None,
    q: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Page[AdminConversationOut]:
    search = conversations.AdminSearch(user_id, visitor_id, q, since, until)
    rows, last_id = await conversations.search_conversations(session, search, paging.limit, paging.before_id)
    return Page(
        items=[AdminConversationOut.model_validate(row) for row in rows], next_cursor=paging.next_cursor(last_id)
    )


@router.get("/{conversation_id}")
async def get_conversation(
    conversation_id: RowId,
    admin: AdminUser,
    session: SessionDep,
    settings: SettingsDep,
    after: MessageCursor,
    limit: MessageLimit = 100,
) -> AdminConversationDetailOut:
    conversation = await conversations.any_conversation(session, conversation_id)
    page = page_out(settings, await conversations.message_page(session, conversation_id, limit, after))
    return AdminConversationDetailOut(**AdminConversationOut.model_validate(conversation).model_dump(), messages=page)
