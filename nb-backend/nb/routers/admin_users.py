"""Admin: accounts, their status and role, and credit adjustments."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from nb.deps import AdminUser, CacheDep, ClientIp, SessionDep, SettingsDep
from nb.routers.params import Paging, RowId
from nb.schemas.admin import AdminUserOut, CreditAdjustIn, CreditAdjustOut, UserPatchIn
from nb.schemas.common import Page
from nb.services import admin_users

router = APIRouter(prefix="/api/admin/users", tags=["admin"])


@router.get("")
async def list_users(admin: AdminUser, session: SessionDep, paging: Paging,
                     q: Annotated[str | None, Query(max_length=254)] = None,
                     status: Literal["active", "banned"] | None = None,
                     role: Literal["user", "admin"] | None = None) -> Page[AdminUserOut]:
    rows, last_id = await admin_users.search_users(session, q, status, role, paging.limit, paging.before_id)
    return Page(items=[AdminUserOut.model_validate(row) for row in rows], next_cursor=paging.next_cursor(last_id))


@router.patch("/{user_id}")
async def update_user(user_id: RowId, body: UserPatchIn, admin: AdminUser, session: SessionDep, cache: CacheDep,
                      settings: SettingsDep, ip: ClientIp) -> AdminUserOut:
    user = await admin_users.update_user(session, cache, settings, admin, ip, user_id, body.status, body.role)
    return AdminUserOut.model_validate(user)


@router.post("/{user_id}/credits")
async def adjust_credits(user_id: RowId, body: CreditAdjustIn, admin: AdminUser, session: SessionDep,
                         ip: ClientIp) -> CreditAdjustOut:
    balance = await admin_users.adjust_credits(session, admin, ip, user_id, body.delta, body.reason)
    return CreditAdjustOut(user_id=user_id, balance=balance)
