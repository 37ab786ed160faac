"""Admin: the upstream key pool. Keys are write-only: listings show a hint, never the key."""

from datetime import UTC, datetime

from fastapi import APIRouter, Response, status

from nb.accounts.deps import AdminUser
from nb.core.deps import ClientIp, SessionDep, SettingsDep
from nb.core.params import RowId
from nb.pool import admin as pool_admin
from nb.pool import probe
from nb.pool.deps import PoolDep, UpstreamDep
from nb.pool.models import UpstreamKey
from nb.pool.schemas import ProbeOut, TokenOut, TokenPatchIn, TokensAddedOut, TokensIn

router = APIRouter(prefix="/api/admin/tokens", tags=["admin"])


def _out(key: UpstreamKey) -> TokenOut:
    return TokenOut.model_validate(key).model_copy(update={"state": pool_admin.key_state(key, datetime.now(UTC))})


@router.get("")
async def list_tokens(admin: AdminUser, session: SessionDep) -> list[TokenOut]:
    return [_out(key) for key in await pool_admin.list_keys(session)]


@router.post("", status_code=status.HTTP_201_CREATED)
async def add_tokens(
    body: TokensIn, admin: AdminUser, pool: PoolDep, session: SessionDep, ip: ClientIp
) -> TokensAddedOut:
    base_url = str(body.base_url) if body.base_url else None
    added, duplicates = await pool_admin.add_audited(
        session, pool, admin, ip, body.secrets, body.label, body.weight, base_url
    )
    return TokensAddedOut(added=[_out(key) for key in added], duplicates=duplicates)


@router.patch("/{key_id}")
async def update_token(
    key_id: RowId, body: TokenPatchIn, admin: AdminUser, pool: PoolDep, session: SessionDep, ip: ClientIp
) -> TokenOut:
    changes = body.model_dump(exclude_unset=True)
    if changes.get("base_url") is not None:
        changes["base_url"] = str(changes["base_url"])
    return _out(await pool_admin.update_audited(session, pool, admin, ip, key_id, changes))


@router.delete("/{key_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_token(key_id: RowId, admin: AdminUser, pool: PoolDep, session: SessionDep, ip: ClientIp) -> Response:
    await pool_admin.delete_audited(session, pool, admin, ip, key_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{key_id}/probe")
async def probe_token(
    key_id: RowId,
    admin: AdminUser,
    pool: PoolDep,
    upstream: UpstreamDep,
    settings: SettingsDep,
    session: SessionDep,
    ip: ClientIp,
) -> ProbeOut:
    key, result = await probe.probe_audited(session, pool, upstream, settings.probe_model, admin, ip, key_id)
    return ProbeOut(token=_out(key), **result)
