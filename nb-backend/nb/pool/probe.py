"""The probe: a cheap authenticated call (models.get) that brings back keys whose trouble was passing.

Periodically (one worker at a time) it tries keys disabled for a transient reason (suspended,
region) and keys cooling after server errors; an admin can probe any key. Health is written only
through the `KeyPool`.
"""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from nb.accounts.models import User
from nb.audit import service as audit
from nb.pool.admin import TRANSIENT_REASONS, get_key
from nb.pool.key_pool import KeyPool
from nb.pool.models import UpstreamKey
from nb.upstream.classify import Outcome
from nb.upstream.client import Credential, UpstreamClient

SERVER_ERRORS = ["INTERNAL", "UNAVAILABLE", "server_error", "connection_error"]


async def probe_key(
    session: AsyncSession, pool: KeyPool, upstream: UpstreamClient, model: str, key: UpstreamKey
) -> dict[str, Any]:
    """Success re-activates a transiently disabled or cooling key; a failure is shown, and a dead key disabled."""
    credential = Credential(pool.box.open(key.ciphertext, key.key_version), key.base_url)
    failure = await upstream.get_model(credential, model)
    if failure is None:
        if key.status != "disabled" and (key.status == "active" or key.status_reason in TRANSIENT_REASONS):
            await pool.reactivate(session, key.id)
        return {"ok": True, "error": None}
    if failure.outcome in (Outcome.CONNECTION_ERROR, Outcome.TIMEOUT):
        return {"ok": False, "error": "connection failed"}
    await pool.note_probe_failure(session, key.id, failure, may_disable=key.status == "active")
    return {"ok": False, "error": failure.error_status or f"HTTP {failure.status_code}"}


async def probe_audited(
    session: AsyncSession, pool: KeyPool, upstream: UpstreamClient, model: str, actor: User, ip: str, key_id: int
) -> tuple[UpstreamKey, dict[str, Any]]:
    key = await get_key(session, key_id)
    result = await probe_key(session, pool, upstream, model, key)
    audit.record(session, actor, "token.probe", "upstream_key", key.id, ip, after=result)
    await session.commit()
    await session.refresh(key)
    return key, result


async def probe_due_keys(session: AsyncSession, pool: KeyPool, upstream: UpstreamClient, model: str) -> int:
    """The periodic probe: transiently disabled keys and keys cooling after server errors."""
    now = datetime.now(UTC)
    rows = (
        await session.scalars(
            select(UpstreamKey).where(
                ((UpstreamKey.status == "invalid") & UpstreamKey.status_reason.in_(TRANSIENT_REASONS))
                | (
                    (UpstreamKey.status == "active")
                    & (UpstreamKey.cooling_until > now)
                    & UpstreamKey.last_error_code.in_(SERVER_ERRORS)
                )
            )
        )
    ).all()
    for key in rows:
        await probe_key(session, pool, upstream, model, key)
        await session.commit()
    return len(rows)
