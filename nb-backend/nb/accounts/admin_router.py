"""Admin: accounts — search, detail, status and role, credit adjustments, password resets."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response, status

from nb.accounts import admin as admin_users
from nb.accounts import directory as admin_directory
from nb.accounts.admin_schemas import (
    AdminGenerationOut,
    AdminUserDetailOut,
    AdminUserOut,
    CreditAdjustIn,
    CreditAdjustOut,
    PasswordResetIn,
    UserPatchIn,
    UserTotals,
)
from nb.accounts.deps import AdminUser
from nb.core.deps import CacheDep, ClientIp, SessionDep, SettingsDep
from nb.core.params import RowId
from nb.core.schemas import Page
from nb.credits.schemas import LedgerEntryOut

router = APIRouter(prefix="/api/admin/users", tags=["admin"])


@router.get("")
async def list_users(
    admin: AdminUser,
    session: SessionDep,
    q: Annotated[str | None, Query(max_length=254, description="part of the email or nickname")] = None,
    status: Literal["active", "banned"] | None = None,
    role: Literal["user", "admin"] | None = None,
    has_credits: bool | None = None,
    sort: Literal["newest", "oldest", "credits", "email"] = "newest",
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=200, pattern=r"^[A-Za-z0-9_-]+$")] = None,
) -> Page[AdminUserOut]:
    filters = admin_directory.UserFilters(q, status, role, has_credits)
    rows, next_cursor = await admin_directory.list_users(session, filters, sort, limit, cursor)
    return Page(items=[AdminUserOut.model_validate(row) for row in rows], next_cursor=next_cursor)


@router.get("/{user_id}")
async def get_user(user_id: RowId, admin: AdminUser, session: SessionDep) -> AdminUserDetailOut:
    detail = await admin_directory.user_detail(session, user_id)
    return AdminUserDetailOut(
        user=AdminUserOut.model_validate(detail["user"]),
        totals=UserTotals(**detail["totals"]),
        ledger=[LedgerEntryOut.model_validate(row) for row in detail["ledger"]],
        generations=[AdminGenerationOut.model_validate(row) for row in detail["generations"]],
    )


@router.patch("/{user_id}")
async def update_user(
    user_id: RowId,
    body: UserPatchIn,
    admin: AdminUser,
    session: SessionDep,
    cache: CacheDep,
    settings: SettingsDep,
    ip: ClientIp,
) -> AdminUserOut:
    user = await admin_users.update_user(session, cache, settings, admin, ip, user_id, body.status, body.role)
    return AdminUserOut.model_validate(user)


@router.post("/{user_id}/credits")
async def adjust_credits(
    user_id: RowId, body: CreditAdjustIn, admin: AdminUser, session: SessionDep, ip: ClientIp
) -> CreditAdjustOut:
    balance = await admin_users.adjust_credits(session, admin, ip, user_id, body.delta, body.reason)
    return CreditAdjustOut(user_id=user_id, balance=balance)


@router.post("/{user_id}/password", status_code=status.HTTP_204_NO_CONTENT)
async def reset_password(
    user_id: RowId,
    body: PasswordResetIn,
    admin: AdminUser,
    session: SessionDep,
    cache: CacheDep,
    settings: SettingsDep,
    ip: ClientIp,
) -> Response:
    """Set a new password for the account; every session it has is revoked."""
    await admin_directory.reset_password(session, cache, settings, admin, ip, user_id, body.new_password)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
