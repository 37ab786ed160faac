"""Platform API keys: shown once at creation, looked up by digest, revocable at once."""

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from nb.accounts.models import ApiKey, User
from nb.accounts.tokens import new_secret, sha256_hex
from nb.core.cache import Cache
from nb.core.errors import ApiError, not_found

KEY_PREFIX = "nbk_"
DISPLAY_PREFIX_LENGTH = 12
MAX_KEYS_PER_USER = 50


@dataclass(frozen=True)
class CreatedKey:
    row: ApiKey
    key: str


async def create_key(session: AsyncSession, user_id: int, name: str) -> CreatedKey:
    active = await session.scalars(select(ApiKey.id).where(ApiKey.user_id == user_id, ApiKey.revoked_at.is_(None)))
    if len(active.all()) >= MAX_KEYS_PER_USER:
        raise ApiError(409, "too_many_keys", f"at most {MAX_KEYS_PER_USER} active keys per account")
    key = new_secret(KEY_PREFIX)
    row = ApiKey(user_id=user_id, name=name, prefix=key[:DISPLAY_PREFIX_LENGTH], key_hash=sha256_hex(key))
    session.add(row)
    await session.commit()
    return CreatedKey(row, key)


async def list_keys(session: AsyncSession, user_id: int) -> list[ApiKey]:
    query = select(ApiKey).where(ApiKey.user_id == user_id, ApiKey.revoked_at.is_(None)).order_by(ApiKey.id.desc())
    return list((await session.scalars(query)).all())


async def revoke_key(session: AsyncSession, user_id: int, key_id: int) -> None:
    revoked = await session.execute(
        update(ApiKey)
        .where(ApiKey.id == key_id, ApiKey.user_id == user_id, ApiKey.revoked_at.is_(None))
        .values(revoked_at=datetime.now(UTC))
        .returning(ApiKey.id)
    )
    if revoked.first() is None:
        raise not_found("API key")
    await session.commit()


async def authenticate_key(
    session: AsyncSession, cache: Cache, touch_seconds: int, key: str
) -> tuple[User, int] | None:
    """The key's owner and key id, or None for an unknown or revoked key.

    `last_used_at` is written at most once per `touch_seconds` per key (a Redis SET NX gate),
    so a busy key costs no write per request.
    """
    if not key.startswith(KEY_PREFIX):
        return None
    found = (
        await session.execute(
            select(User, ApiKey.id)
            .join(ApiKey, ApiKey.user_id == User.id)
            .where(ApiKey.key_hash == sha256_hex(key), ApiKey.revoked_at.is_(None))
        )
    ).first()
    if found is None:
        return None
    user, key_id = found
    if await cache.redis.set(cache.key("apikey-touch", key_id), 1, nx=True, ex=touch_seconds):
        await session.execute(update(ApiKey).where(ApiKey.id == key_id).values(last_used_at=datetime.now(UTC)))
        await session.commit()
    return user, key_id
