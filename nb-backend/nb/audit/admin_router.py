"""Admin: the audit log."""

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from nb.accounts.deps import AdminUser
from nb.audit import service as audit
from nb.audit.schemas import AuditEntryOut
from nb.core.deps import SessionDep
from nb.core.params import Paging, RowIdFilter
from nb.core.schemas import Page

router = APIRouter(prefix="/api/admin/audit", tags=["admin"])


@router.get("")
async def list_audit(
    admin: AdminUser,
    session: SessionDep,
    paging: Paging,
    action: Annotated[str | None, Query(max_length=64)] = None,
    actor_id: RowIdFilter = None,
    target_type: Annotated[str | None, Query(max_length=32)] = None,
    target_id: Annotated[str | None, Query(max_length=64)] = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Page[AuditEntryOut]:
    """Newest first; `since`/`until` bound `created_at` (inclusive, exclusive)."""
    filters = audit.AuditFilters(action, actor_id, target_type, target_id, since, until)
    rows, last_id = await audit.audit_page(session, paging.limit, paging.before_id, filters)
    return Page(items=[AuditEntryOut.model_validate(row) for row in rows], next_cursor=paging.next_cursor(last_id))
