"""The audit trail of admin actions, written in the same transaction as the action itself."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from nb.models import AuditEntry, User
from nb.services.pagination import newest_first


def record(session: AsyncSession, actor: User, action: str, target_type: str, target_id: object,
           ip: str | None, before: dict[str, Any] | None = None, after: dict[str, Any] | None = None) -> None:
    session.add(AuditEntry(actor_id=actor.id, action=action, target_type=target_type,
                           target_id=None if target_id is None else str(target_id),
                           before=before, after=after, ip=ip))


async def audit_page(session: AsyncSession, limit: int, before_id: int | None, action: str | None,
                     actor_id: int | None, target_type: str | None) -> tuple[list[AuditEntry], int | None]:
    """Newest first, keyset-paginated; filters are exact matches."""
    query = select(AuditEntry)
    for column, value in ((AuditEntry.action, action), (AuditEntry.actor_id, actor_id),
                          (AuditEntry.target_type, target_type)):
        if value is not None:
            query = query.where(column == value)
    return await newest_first(session, query, AuditEntry.id, limit, before_id)
