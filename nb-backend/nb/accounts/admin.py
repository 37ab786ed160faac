"""Admin actions on accounts: status, role and credit adjustments, each audited by the caller's router."""

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from nb.accounts import sessions
from nb.accounts.models import User
from nb.audit import service as audit
from nb.core.cache import Cache
from nb.core.errors import ApiError, not_found
from nb.core.settings import Settings
from nb.credits import ledger


def snapshot(user: User) -> dict[str, Any]:
    return {"status": user.status, "role": user.role, "credits": user.credits}


async def update_user(
    session: AsyncSession,
    cache: Cache,
    settings: Settings,
    actor: User,
    ip: str,
    user_id: int,
    status: str | None,
    role: str | None,
) -> User:
    """Ban/unban and promote/demote. Admins cannot demote or ban themselves, and the last active
    admin cannot be removed: active admins are locked first, so two admins demoting each other
    concurrently cannot both succeed."""
    removes_admin = status == "banned" or role == "user"
    if removes_admin:
        await session.execute(
            select(User.id).where(User.role == "admin", User.status == "active").order_by(User.id).with_for_update()
        )
    user = await session.get(User, user_id, with_for_update=True)
    if user is None:
        raise not_found("user")
    if user.id == actor.id and removes_admin:
        raise ApiError(409, "cannot_demote_self", "administrators cannot ban or demote themselves")
    if removes_admin and user.role == "admin" and user.status == "active":
        admins = (
            await session.execute(select(func.count()).where(User.role == "admin", User.status == "active"))
        ).scalar_one()
        if admins <= 1:
            raise ApiError(409, "last_admin", "the last active administrator cannot be removed")
    before = snapshot(user)
    user.status = status or user.status
    user.role = role or user.role
    if user.status == "banned" and before["status"] != "banned":
        await sessions.revoke_families(session, cache, settings, user.id)
    audit.record(session, actor, "user.update", "user", user.id, ip, before, snapshot(user))
    await session.commit()
    return user


async def adjust_credits(session: AsyncSession, actor: User, ip: str, user_id: int, delta: int, reason: str) -> int:
    """Add or remove credits through the ledger (never read-then-write); refuses to go below zero."""
    if await session.get(User, user_id) is None:
        raise not_found("user")
    balance = await ledger.apply_change(
        session, user_id, delta, "admin_adjust", uuid.uuid4().hex, actor_id=actor.id, note=reason
    )
    if balance is None:
        raise ApiError(409, "insufficient_credits", "the adjustment would make the balance negative")
    audit.record(
        session,
        actor,
        "user.credits",
        "user",
        user_id,
        ip,
        {"credits": balance - delta},
        {"credits": balance, "delta": delta, "reason": reason},
    )
    await session.commit()
    return balance
