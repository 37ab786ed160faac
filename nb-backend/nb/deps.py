"""Named dependencies, so every route signature says what it needs and who may call it.

All are `async def`: FastAPI runs a plain `def` dependency in a worker thread, a hop per request.
"""

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from nb.cache import Cache
from nb.client_ip import client_ip
from nb.errors import ApiError, forbidden, unauthorized
from nb.models import User
from nb.runtime import Runtime
from nb.security.tokens import AccessClaims, decode_access_token, looks_like_jwt
from nb.services import sessions
from nb.services.api_keys import authenticate_key
from nb.services.conversations import Owner
from nb.settings import Settings


async def get_runtime(request: Request) -> Runtime:
    return request.app.state.runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


async def get_settings(runtime: RuntimeDep) -> Settings:
    return runtime.settings


async def get_cache(runtime: RuntimeDep) -> Cache:
    return runtime.cache


async def get_session(runtime: RuntimeDep) -> AsyncIterator[AsyncSession]:
    async with runtime.sessions() as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings)]
CacheDep = Annotated[Cache, Depends(get_cache)]
SessionDep = Annotated[AsyncSession, Depends(get_session)]


async def get_client_ip(request: Request, settings: SettingsDep) -> str:
    return client_ip(request, settings)


ClientIp = Annotated[str, Depends(get_client_ip)]


@dataclass(frozen=True)
class Principal:
    """Who is calling: a user, through a session (claims) or a platform key (api_key_id)."""

    user: User
    claims: AccessClaims | None = None
    api_key_id: int | None = None


def presented_credential(request: Request) -> str | None:
    """Authorization first (the SPA's JWT), then the Gemini-style key headers and `?key=`."""
    authorization = request.headers.get("authorization", "")
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return (request.headers.get("x-api-key") or request.headers.get("x-goog-api-key")
            or request.query_params.get("key"))


async def resolve_principal(request: Request, runtime: Runtime, session: AsyncSession) -> Principal:
    """Authenticate, then end the read transaction: the connection goes back to the pool before the
    route runs, so a request waiting on the upstream holds none."""
    credential = presented_credential(request)
    if not credential:
        raise unauthorized()
    if looks_like_jwt(credential):
        claims = decode_access_token(runtime.settings.jwt_secret_key, credential)
        if claims is None or await sessions.is_revoked(runtime.cache, claims):
            raise unauthorized("session expired or revoked")
        user = await session.get(User, claims.user_id)
        principal = Principal(user, claims=claims) if user else None
    else:
        found = await authenticate_key(session, runtime.cache, runtime.settings.api_key_touch_seconds, credential)
        principal = Principal(found[0], api_key_id=found[1]) if found else None
    if principal is None:
        raise unauthorized("invalid credentials")
    await session.commit()
    if principal.user.status != "active":
        raise ApiError(403, "account_banned", "this account is banned")
    return principal


async def get_principal(request: Request, runtime: RuntimeDep, session: SessionDep) -> Principal:
    return await resolve_principal(request, runtime, session)


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]


async def get_user(principal: CurrentPrincipal) -> User:
    return principal.user


async def get_session_principal(principal: CurrentPrincipal) -> Principal:
    """Account management needs a login session: a platform key cannot mint keys or change passwords."""
    if principal.claims is None:
        raise forbidden("this action needs a login session, not an API key")
    return principal


SessionPrincipal = Annotated[Principal, Depends(get_session_principal)]
CurrentUser = Annotated[User, Depends(get_user)]


async def get_admin(principal: SessionPrincipal) -> User:
    if principal.user.role != "admin":
        raise forbidden("administrators only")
    return principal.user


AdminUser = Annotated[User, Depends(get_admin)]


GOOGLE_KEY_PREFIX = "AIza"
GUEST_KEY_REFUSED = ("guest requests must not carry an API key: a guest's own Gemini key stays in the browser "
                     "and is never sent to this server")


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
