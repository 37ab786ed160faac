"""Login sessions: rotating refresh tokens grouped in families, and revocation of access tokens.

A family is one login. Each refresh spends its token and issues the next; presenting a spent
token means it was stolen or replayed, so the whole family is revoked. Access tokens carry their
family id (`sid`) and jti, so logout and "sign out other sessions" take effect on the next request.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from nb.accounts.models import RefreshToken, User
from nb.accounts.tokens import AccessClaims, issue_access_token, new_secret, sha256_hex
from nb.core.cache import Cache
from nb.core.errors import unauthorized
from nb.core.settings import Settings


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int
    user: User


async def issue_pair(
    session: AsyncSession, settings: Settings, user: User, family_id: uuid.UUID | None = None
) -> TokenPair:
    """Start a family (login) or continue one (refresh); the caller commits."""
    family_id = family_id or uuid.uuid4()
    refresh = new_secret("nbr_")
    session.add(
        RefreshToken(
            user_id=user.id,
            family_id=family_id,
            token_hash=sha256_hex(refresh),
            expires_at=datetime.now(UTC) + timedelta(days=settings.refresh_token_days),
        )
    )
    access, _ = issue_access_token(
        settings.jwt_secret_key, user.id, user.role, str(family_id), settings.access_token_minutes
    )
    return TokenPair(access, refresh, settings.access_token_minutes * 60, user)


async def rotate(session: AsyncSession, cache: Cache, settings: Settings, refresh_token: str) -> TokenPair:
    """Spend a refresh token and issue the next pair; a replayed token revokes its family."""
    token_hash = sha256_hex(refresh_token)
    now = datetime.now(UTC)
    spent = (
        await session.execute(
            update(RefreshToken)
            .where(
                RefreshToken.token_hash == token_hash,
                RefreshToken.used_at.is_(None),
                RefreshToken.revoked_at.is_(None),
                RefreshToken.expires_at > now,
            )
            .values(used_at=now)
            .returning(RefreshToken.user_id, RefreshToken.family_id)
        )
    ).first()
    if spent is None:
        known = (
            await session.execute(
                select(RefreshToken.user_id, RefreshToken.family_id, RefreshToken.used_at).where(
                    RefreshToken.token_hash == token_hash
                )
            )
        ).first()
        if known is not None and known.used_at is not None:
            await revoke_families(session, cache, settings, known.user_id, only=known.family_id)
            await session.commit()
        raise unauthorized("refresh token is invalid or expired")
    user = await session.get(User, spent.user_id)
    if user is None or user.status != "active":
        await session.rollback()
        raise unauthorized("account is not active")
    pair = await issue_pair(session, settings, user, spent.family_id)
    await session.commit()
    return pair


async def revoke_families(
    session: AsyncSession,
    cache: Cache,
    settings: Settings,
    user_id: int,
    only: uuid.UUID | None = None,
    keep: uuid.UUID | None = None,
) -> None:
    """Revoke one family (`only`), or every family of the user but `keep`; their access tokens die too."""
    query = update(RefreshToken).where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None))
    if only is not None:
        query = query.where(RefreshToken.family_id == only)
    if keep is not None:
        query = query.where(RefreshToken.family_id != keep)
    rows = await session.execute(query.values(revoked_at=datetime.now(UTC)).returning(RefreshToken.family_id))
    families = {str(family) for family in rows.scalars()}
    if only is not None:
        families.add(str(only))
    ttl = settings.access_token_minutes * 60
    async with cache.redis.pipeline(transaction=False) as pipe:
        for family in families:
            pipe.set(cache.key("revoked", "sid", family), 1, ex=ttl)
        await pipe.execute()


async def revoke_access_token(cache: Cache, claims: AccessClaims) -> None:
    ttl = claims.expires_at - int(datetime.now(UTC).timestamp())
    if ttl > 0:
        await cache.redis.set(cache.key("revoked", "jti", claims.jti), 1, ex=ttl)


async def is_revoked(cache: Cache, claims: AccessClaims) -> bool:
    return bool(
        await cache.redis.exists(
            cache.key("revoked", "jti", claims.jti), cache.key("revoked", "sid", claims.session_id)
        )
    )


async def logout(session: AsyncSession, cache: Cache, settings: Settings, claims: AccessClaims) -> None:
    await revoke_families(session, cache, settings, claims.user_id, only=uuid.UUID(claims.session_id))
    await session.commit()
    await revoke_access_token(cache, claims)
