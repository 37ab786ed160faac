"""Who is calling: the principal dependencies (session JWT or platform key), users and admins."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from nb.accounts import sessions
from nb.accounts.api_keys import authenticate_key
from nb.accounts.models import User
from nb.accounts.tokens import AccessClaims, decode_access_token, looks_like_jwt
from nb.core.deps import RuntimeDep, SessionDep
from nb.core.errors import ApiError, forbidden, unauthorized
from nb.core.runtime import Runtime


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
    return request.headers.get("x-api-key") or request.headers.get("x-goog-api-key") or request.query_params.get("key")


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


@dataclass(frozen=True)
class SessionLogin:
    """A principal that came through a login session, so its claims are always there."""

    user: User
    claims: AccessClaims


async def get_session_principal(principal: CurrentPrincipal) -> SessionLogin:
    """Account management needs a login session: a platform key cannot mint keys or change passwords."""
    if principal.claims is None:
        raise forbidden("this action needs a login session, not an API key")
    return SessionLogin(principal.user, principal.claims)


SessionPrincipal = Annotated[SessionLogin, Depends(get_session_principal)]


CurrentUser = Annotated[User, Depends(get_user)]


async def get_admin(principal: SessionPrincipal) -> User:
    if principal.user.role != "admin":
        raise forbidden("administrators only")
    return principal.user


AdminUser = Annotated[User, Depends(get_admin)]
