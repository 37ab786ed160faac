"""The owner of conversations and images: a user, or a guest known only by its visitor id."""

import uuid
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from nb.accounts.deps import presented_credential, resolve_principal
from nb.accounts.tokens import looks_like_jwt
from nb.conversations.service import Owner
from nb.core.deps import RuntimeDep, SessionDep
from nb.core.errors import ApiError
from nb.core.runtime import Runtime

GOOGLE_KEY_PREFIX = "AIza"


GUEST_KEY_REFUSED = (
    "guest requests must not carry an API key: a guest's own Gemini key stays in the browser "
    "and is never sent to this server"
)


def _visitor_id(value: str) -> uuid.UUID:
    try:
        visitor = uuid.UUID(value)
    except ValueError:
        visitor = None
    if visitor is None or visitor.version != 4 or len(value) != 36:
        raise ApiError(400, "invalid_visitor_id", "X-Visitor-Id must be a UUID v4")
    return visitor


async def resolve_owner(request: Request, runtime: Runtime, session: AsyncSession) -> Owner:
    """A user (session JWT or platform key) or a guest (`X-Visitor-Id`). A guest request carrying any
    other credential (its own upstream key) is refused before the key is looked at or stored."""
    visitor = request.headers.get("x-visitor-id")
    credential = presented_credential(request)
    if visitor is not None and not (credential and looks_like_jwt(credential)):
        if credential:
            raise ApiError(400, "guest_key_refused", GUEST_KEY_REFUSED)
        return Owner(visitor_id=_visitor_id(visitor))
    if credential and credential.startswith(GOOGLE_KEY_PREFIX):
        raise ApiError(400, "guest_key_refused", GUEST_KEY_REFUSED)
    principal = await resolve_principal(request, runtime, session)
    return Owner(user_id=principal.user.id, is_admin=principal.user.role == "admin" and principal.claims is not None)


async def get_owner(request: Request, runtime: RuntimeDep, session: SessionDep) -> Owner:
    return await resolve_owner(request, runtime, session)


CurrentOwner = Annotated[Owner, Depends(get_owner)]
