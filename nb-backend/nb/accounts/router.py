"""Register, login, token refresh, logout, the current account and password changes."""

from fastapi import APIRouter, Response, status

from nb.accounts import service as accounts
from nb.accounts import sessions
from nb.accounts.deps import CurrentUser, SessionPrincipal
from nb.accounts.schemas import ChangePasswordIn, LoginIn, RefreshIn, RegisterIn, TokenPairOut, UserOut
from nb.core.deps import CacheDep, ClientIp, SessionDep, SettingsDep

router = APIRouter(prefix="/api/auth", tags=["auth"])


def _pair_out(pair: sessions.TokenPair) -> TokenPairOut:
    return TokenPairOut(
        access_token=pair.access_token,
        refresh_token=pair.refresh_token,
        expires_in=pair.expires_in,
        user=UserOut.model_validate(pair.user),
    )


@router.post("/register", status_code=status.HTTP_201_CREATED)
async def register(
    body: RegisterIn, session: SessionDep, cache: CacheDep, settings: SettingsDep, ip: ClientIp
) -> TokenPairOut:
    pair = await accounts.register(
        session, cache, settings, ip, body.email, body.password, body.nickname, body.visitor_id
    )
    return _pair_out(pair)


@router.post("/login")
async def login(
    body: LoginIn, session: SessionDep, cache: CacheDep, settings: SettingsDep, ip: ClientIp
) -> TokenPairOut:
    return _pair_out(await accounts.login(session, cache, settings, ip, body.email, body.password, body.visitor_id))


@router.post("/refresh")
async def refresh(body: RefreshIn, session: SessionDep, cache: CacheDep, settings: SettingsDep) -> TokenPairOut:
    return _pair_out(await sessions.rotate(session, cache, settings, body.refresh_token))


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
async def logout(principal: SessionPrincipal, session: SessionDep, cache: CacheDep, settings: SettingsDep) -> Response:
    await sessions.logout(session, cache, settings, principal.claims)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/me")
async def me(user: CurrentUser) -> UserOut:
    return UserOut.model_validate(user)


@router.post("/change-password", status_code=status.HTTP_204_NO_CONTENT)
async def change_password(
    body: ChangePasswordIn, principal: SessionPrincipal, session: SessionDep, cache: CacheDep, settings: SettingsDep
) -> Response:
    await accounts.change_password(
        session, cache, settings, principal.user, principal.claims.session_id, body.old_password, body.new_password
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)
