"""Admin: the upstream key pool. Keys are write-only: listings show a hint, never the key."""

from datetime import datetime, timezone

from fastapi import APIRouter, Response, status
from sqlalchemy import select

from nb.deps import AdminUser, ClientIp, RuntimeDep, SessionDep
from nb.models import UpstreamKey
from nb.routers.params import RowId
from nb.schemas.gateway import ProbeOut, TokenOut, TokenPatchIn, TokensAddedOut, TokensIn
from nb.services import audit, pool_admin

router = APIRouter(prefix="/api/admin/tokens", tags=["admin"])


def _out(key: UpstreamKey) -> TokenOut:
    return TokenOut.model_validate(key).model_copy(update={"state": pool_admin.key_state(key, datetime.now(timezone.utc))})


@router.get("")
async def list_tokens(admin: AdminUser, session: SessionDep) -> list[TokenOut]:
    return [_out(key) for key in (await session.scalars(select(UpstreamKey).order_by(UpstreamKey.id))).all()]


@router.post("", status_code=status.HTTP_201_CREATED)
async def add_tokens(body: TokensIn, admin: AdminUser, runtime: RuntimeDep, session: SessionDep,
                     ip: ClientIp) -> TokensAddedOut:
    added, duplicates = await pool_admin.add_keys(session, runtime.gateway.box, body.secrets, body.label, body.weight,
                                                  str(body.base_url) if body.base_url else None)
    await session.flush()
    for key in added:
        audit.record(session, admin, "token.add", "upstream_key", key.id, ip, after={"hint": key.hint, **pool_admin.snapshot(key)})
    await session.commit()
    runtime.gateway.pool.invalidate()
    return TokensAddedOut(added=[_out(key) for key in added], duplicates=duplicates)


@router.patch("/{key_id}")
async def update_token(key_id: RowId, body: TokenPatchIn, admin: AdminUser, runtime: RuntimeDep,
                       session: SessionDep, ip: ClientIp) -> TokenOut:
    key = await pool_admin.get_key(session, key_id)
    before = pool_admin.snapshot(key)
    changes = body.model_dump(exclude_unset=True)
    if "base_url" in changes and changes["base_url"] is not None:
        changes["base_url"] = str(changes["base_url"])
    await pool_admin.update_key(session, runtime.gateway.pool, key, changes)
    await session.flush()
    await session.refresh(key)
    audit.record(session, admin, "token.update", "upstream_key", key.id, ip, before, pool_admin.snapshot(key))
    await session.commit()
    return _out(key)


@router.delete("/{key_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_token(key_id: RowId, admin: AdminUser, runtime: RuntimeDep, session: SessionDep,
                       ip: ClientIp) -> Response:
    key = await pool_admin.get_key(session, key_id)
    audit.record(session, admin, "token.delete", "upstream_key", key.id, ip, pool_admin.snapshot(key))
    await session.delete(key)
    await session.commit()
    runtime.gateway.pool.invalidate()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{key_id}/probe")
async def probe_token(key_id: RowId, admin: AdminUser, runtime: RuntimeDep, session: SessionDep,
                      ip: ClientIp) -> ProbeOut:
    key = await pool_admin.get_key(session, key_id)
    result = await pool_admin.probe_key(session, runtime.gateway.pool, runtime.gateway.box, runtime.http,
                                        runtime.settings.upstream_base_url, runtime.settings.probe_model, key)
    audit.record(session, admin, "token.probe", "upstream_key", key.id, ip, after=result)
    await session.commit()
    await session.refresh(key)
    return ProbeOut(token=_out(key), **result)
