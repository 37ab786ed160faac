"""Admin operations on the upstream key pool: add (deduplicated, encrypted), edit, remove, probe."""

from datetime import datetime, timezone
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from nb.errors import not_found
from nb.models import UpstreamKey
from nb.security.secretbox import SecretBox
from nb.services.key_pool import KeyPool
from nb.services.upstream import DISABLING, MODEL_PATH, classify_error

TRANSIENT_REASONS = ("suspended", "region")


def snapshot(key: UpstreamKey) -> dict[str, Any]:
    return {"label": key.label, "weight": key.weight, "status": key.status, "base_url": key.base_url}


async def add_keys(session: AsyncSession, box: SecretBox, secrets: list[str], label: str | None, weight: int,
                   base_url: str | None) -> tuple[list[UpstreamKey], int]:
    """Insert new keys; ones already in the pool (same fingerprint) are skipped and counted."""
    added, duplicates = [], 0
    for secret in dict.fromkeys(secret.strip() for secret in secrets):
        fingerprint = box.fingerprint(secret)
        if await session.scalar(select(UpstreamKey.id).where(UpstreamKey.fingerprint == fingerprint)):
            duplicates += 1
            continue
        ciphertext, version = box.seal(secret)
        key = UpstreamKey(label=label, ciphertext=ciphertext, key_version=version, fingerprint=fingerprint,
                          hint=secret[-4:], base_url=base_url, weight=weight)
        try:
            async with session.begin_nested():
                session.add(key)
        except IntegrityError:
            duplicates += 1
            continue
        added.append(key)
    duplicates += len(secrets) - len(set(secret.strip() for secret in secrets))
    return added, duplicates


async def get_key(session: AsyncSession, key_id: int) -> UpstreamKey:
    key = await session.get(UpstreamKey, key_id)
    if key is None:
        raise not_found("upstream key")
    return key


async def update_key(session: AsyncSession, pool: KeyPool, key: UpstreamKey, changes: dict[str, Any]) -> None:
    """Apply label/weight/base_url/status changes; enabling resets the key's health."""
    status = changes.pop("status", None)
    for name, value in changes.items():
        setattr(key, name, value)
    if status == "disabled":
        await pool.disable(session, key.id, "disabled", "admin")
    elif status == "active":
        await pool.reactivate(session, key.id)
    pool.invalidate()


async def probe_key(session: AsyncSession, pool: KeyPool, box: SecretBox, http: httpx.AsyncClient,
                    default_base_url: str, model: str, key: UpstreamKey) -> dict[str, Any]:
    """A cheap authenticated call (models.get); success re-activates a transiently disabled or cooling key."""
    url = (key.base_url or default_base_url).rstrip("/") + MODEL_PATH.format(model=model)
    try:
        response = await http.get(url, headers={"x-goog-api-key": box.open(key.ciphertext, key.key_version)},
                                  timeout=15)
    except httpx.HTTPError:
        return {"ok": False, "error": "connection failed"}
    if response.status_code == 200:
        if key.status != "disabled" and (key.status == "active" or key.status_reason in TRANSIENT_REASONS):
            await pool.reactivate(session, key.id)
        return {"ok": True, "error": None}
    result = classify_error(response.status_code, response.content)
    if result.outcome in DISABLING and key.status == "active":
        await pool.disable(session, key.id, "invalid", DISABLING[result.outcome])
    key.last_error_code = result.error_status or result.outcome.value
    key.last_error_message = result.message[:300] or None
    return {"ok": False, "error": result.error_status or f"HTTP {response.status_code}"}


async def probe_due_keys(session: AsyncSession, pool: KeyPool, box: SecretBox, http: httpx.AsyncClient,
                         default_base_url: str, model: str) -> int:
    """The periodic probe: transiently disabled keys and keys cooling after server errors."""
    now = datetime.now(timezone.utc)
    rows = (await session.scalars(select(UpstreamKey).where(
        ((UpstreamKey.status == "invalid") & UpstreamKey.status_reason.in_(TRANSIENT_REASONS))
        | ((UpstreamKey.status == "active") & (UpstreamKey.cooling_until > now)
           & UpstreamKey.last_error_code.in_(["INTERNAL", "UNAVAILABLE", "server_error", "connection_error"]))
    ))).all()
    for key in rows:
        await probe_key(session, pool, box, http, default_base_url, model, key)
        await session.commit()
    return len(rows)


def key_state(key: UpstreamKey, now: datetime) -> str:
    if key.status == "active" and key.cooling_until and key.cooling_until > now:
        return "cooling"
    return key.status


async def reseal_all(session: AsyncSession, box: SecretBox) -> int:
    """Re-encrypt every key sealed under a previous TOKEN_ENCRYPTION_KEY with the current one."""
    stale = (await session.scalars(select(UpstreamKey).where(UpstreamKey.key_version != box.version)
                                   .with_for_update())).all()
    for key in stale:
        plaintext = box.open(key.ciphertext, key.key_version)
        key.ciphertext, key.key_version = box.seal(plaintext)
        key.fingerprint = box.fingerprint(plaintext)
    await session.commit()
    return len(stale)
