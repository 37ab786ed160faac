"""The audit trail of admin actions, written in the same transaction as the action itself."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from nb.accounts.models import User
from nb.audit.models import AuditEntry
from nb.core.pagination import newest_first


def record(
    session: AsyncSession,
    actor: User,
    action: str,
    target_type: str,
    target_id: object,
    ip: str | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    session.add(
        AuditEntry(
            actor_id=actor.id,
            action=action,
            target_type=target_type,
            target_id=None if target_id is None else str(target_id),
            before=before,
            after=after,
            ip=ip,
        )
    )


@dataclass(frozen=True)
class AuditFilters:
    action: str | None = None
    actor_id: int | None = None
    target_type: str | None = None
    target_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None


async def audit_page(
    session: AsyncSession, limit: int, before_id: int | None, filters: AuditFilters
) -> tuple[list[AuditEntry], int | None]:
    """Newest first, keyset-paginated; filters are exact matches, `since`/`until` a time range."""
    query = select(AuditEntry)
    for column, value in (
        (AuditEntry.action, filters.action),
        (AuditEntry.actor_id, filters.actor_id),
        (AuditEntry.target_type, filters.target_type),
        (AuditEntry.target_id, filters.target_id),
    ):
        if value is not None:
            query = query.where(column == value)
    if filters.since is not None:
        query = query.where(AuditEntry.created_at >= filters.since)
    if filters.until is not None:
        query = query.where(AuditEntry.created_at < filters.until)
    return await newest_first(session, query, AuditEntry.id, limit, before_id)
