"""The admin's view of accounts: search, filter and sort with keyset pages, one account in detail,
and a password reset that ends every session of the account."""

import base64
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import Select, func, or_, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from nb.accounts import sessions
from nb.accounts.models import ApiKey, RefreshToken, User
from nb.accounts.passwords import hash_password, password_problem
from nb.audit import service as audit
from nb.conversations.models import Conversation
from nb.core.cache import Cache
from nb.core.errors import ApiError, not_found
from nb.core.settings import Settings
from nb.credits.models import LedgerEntry
from nb.gateway.models import Generation

RECENT = 20
# sort name → (sort key, descending); ties are broken by id in the same direction.
SORTS = {
    "newest": (User.id, True),
    "oldest": (User.id, False),
    "credits": (User.credits, True),
    "email": (func.lower(User.email), False),
}


@dataclass(frozen=True)
class UserFilters:
    q: str | None = None
    status: str | None = None
    role: str | None = None
    has_credits: bool | None = None


def _filtered(filters: UserFilters) -> Select:
    query = select(User)
    if filters.q:
        pattern = "%" + filters.q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(or_(User.email.ilike(pattern), User.nickname.ilike(pattern)))
    if filters.status:
        query = query.where(User.status == filters.status)
    if filters.role:
        query = query.where(User.role == filters.role)
    if filters.has_credits is not None:
        query = query.where(User.credits > 0 if filters.has_credits else User.credits == 0)
    return query


def _encode_cursor(sort: str, user: User) -> str:
    if SORTS[sort][0] is User.id:
        return str(user.id)
    value = user.credits if sort == "credits" else user.email.lower()
    return base64.urlsafe_b64encode(orjson.dumps([value, user.id])).decode().rstrip("=")


def _decode_cursor(sort: str, cursor: str) -> tuple[Any, int]:
    try:
        if SORTS[sort][0] is User.id:
            return int(cursor), int(cursor)
        value, user_id = orjson.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(user_id, int) or not isinstance(value, int if sort == "credits" else str):
            raise ValueError(cursor)
        return value, user_id
    except (ValueError, TypeError, orjson.JSONDecodeError):
        raise ApiError(400, "invalid_cursor", "this cursor does not belong to this listing") from None


async def list_users(
    session: AsyncSession, filters: UserFilters, sort: str, limit: int, cursor: str | None
) -> tuple[list[User], str | None]:
    """One page in the chosen order and the cursor of the next (None on the last page)."""
    key, descending = SORTS[sort]
    query = _filtered(filters)
    if cursor:
        value, user_id = _decode_cursor(sort, cursor)
        position, bound = (User.id, user_id) if key is User.id else (tuple_(key, User.id), tuple_(value, user_id))
        query = query.where(position < bound if descending else position > bound)
    order = (key.desc(), User.id.desc()) if descending else (key.asc(), User.id.asc())
    rows = list((await session.scalars(query.order_by(*order).limit(limit + 1))).all())
    return rows[:limit], (_encode_cursor(sort, rows[limit - 1]) if len(rows) > limit else None)


async def user_detail(session: AsyncSession, user_id: int) -> dict[str, Any]:
    """The account, its recent ledger and generations, and totals an admin asks about first."""
    user = await session.get(User, user_id)
    if user is None:
        raise not_found("user")
    ledger = (
        await session.scalars(
            select(LedgerEntry).where(LedgerEntry.user_id == user_id).order_by(LedgerEntry.id.desc()).limit(RECENT)
        )
    ).all()
    generations = (
        await session.scalars(
            select(Generation).where(Generation.user_id == user_id).order_by(Generation.created_at.desc()).limit(RECENT)
        )
    ).all()
    by_status = dict(
        (
            await session.execute(
                select(Generation.status, func.count()).where(Generation.user_id == user_id).group_by(Generation.status)
            )
        ).all()
    )
    spent = await session.scalar(
        select(func.coalesce(func.sum(Generation.credits), 0)).where(
            Generation.user_id == user_id, Generation.status == "succeeded"
        )
    )
    now = datetime.now(UTC)
    totals = {
        "generations": sum(by_status.values()),
        **{status: by_status.get(status, 0) for status in ("succeeded", "refunded", "failed", "pending")},
        "credits_spent": spent,
        "api_keys": await session.scalar(
            select(func.count()).where(ApiKey.user_id == user_id, ApiKey.revoked_at.is_(None))
        ),
        "active_sessions": await session.scalar(
            select(func.count(func.distinct(RefreshToken.family_id))).where(
                RefreshToken.user_id == user_id,
                RefreshToken.revoked_at.is_(None),
                RefreshToken.used_at.is_(None),
                RefreshToken.expires_at > now,
            )
        ),
        "conversations": await session.scalar(select(func.count()).where(Conversation.user_id == user_id)),
    }
    return {"user": user, "totals": totals, "ledger": list(ledger), "generations": list(generations)}


async def reset_password(
    session: AsyncSession, cache: Cache, settings: Settings, actor: User, ip: str, user_id: int, new_password: str
) -> None:
    """Set a new password chosen by an admin and revoke every session of the account."""
    user = await session.get(User, user_id, with_for_update=True)
    if user is None:
        raise not_found("user")
    if problem := password_problem(new_password, user.email):
        raise ApiError(422, "weak_password", problem)
    user.password_hash = await hash_password(new_password)
    await sessions.revoke_families(session, cache, settings, user.id)
    audit.record(session, actor, "user.password_reset", "user", user.id, ip, after={"sessions_revoked": True})
    await session.commit()
