"""Admin operations on the upstream key pool: add (deduplicated, encrypted), edit, remove.

Each mutation is one unit of work: it changes the rows, audits, commits and refreshes the pool."""

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from nb.accounts.models import User
from nb.audit import service as audit
from nb.core.errors import not_found
from nb.pool.key_pool import KeyPool
from nb.pool.models import UpstreamKey
from nb.pool.secretbox import SecretBox

TRANSIENT_REASONS = ("suspended", "region")


def snapshot(key: UpstreamKey) -> dict[str, Any]:
    return {"label": key.label, "weight": key.weight, "status": key.status, "base_url": key.base_url}


async def add_keys(
    session: AsyncSession, box: SecretBox, secrets: list[str], label: str | None, weight: int, base_url: str | None
) -> tuple[list[UpstreamKey], int]:
    """Insert new keys; ones already in the pool (same fingerprint) are skipped and counted."""
    added, duplicates = [], 0
    for secret in dict.fromkeys(secret.strip() for secret in secrets):
        fingerprint = box.fingerprint(secret)
        if await session.scalar(select(UpstreamKey.id).where(UpstreamKey.fingerprint == fingerprint)):
            duplicates += 1
            continue
        ciphertext, version = box.seal(secret)
        key = UpstreamKey(
            label=label,
            ciphertext=ciphertext,
            key_version=version,
            fingerprint=fingerprint,
            hint=secret[-4:],
            base_url=base_url,
            weight=weight,
        )
        try:
            async with session.begin_nested():
                session.add(key)
        except IntegrityError:
            duplicates += 1
            continue
        added.append(key)
    duplicates += len(secrets) - len(set(secret.strip() for secret in secrets))
    return added, duplicates


async def list_keys(session: AsyncSession) -> list[UpstreamKey]:
    return list((await session.scalars(select(UpstreamKey).order_by(UpstreamKey.id))).all())


async def add_audited(
    session: AsyncSession,
    pool: KeyPool,
    actor: User,
    ip: str,
    secrets: list[str],
    label: str | None,
    weight: int,
    base_url: str | None,
) -> tuple[list[UpstreamKey], int]:
    added, duplicates = await add_keys(session, pool.box, secrets, label, weight, base_url)
    await session.flush()
    for key in added:
        audit.record(session, actor, "token.add", "upstream_key", key.id, ip, after={"hint": key.hint, **snapshot(key)})
    await session.commit()
    pool.invalidate()
    return added, duplicates


async def update_audited(
    session: AsyncSession, pool: KeyPool, actor: User, ip: str, key_id: int, changes: dict[str, Any]
) -> UpstreamKey:
    key = await get_key(session, key_id)
    before = snapshot(key)
    await update_key(session, pool, key, changes)
    await session.flush()
    await session.refresh(key)
    audit.record(session, actor, "token.update", "upstream_key", key.id, ip, before, snapshot(key))
    await session.commit()
    return key


async def delete_audited(session: AsyncSession, pool: KeyPool, actor: User, ip: str, key_id: int) -> None:
    key = await get_key(session, key_id)
    audit.record(session, actor, "token.delete", "upstream_key", key.id, ip, snapshot(key))
    await session.delete(key)
    await session.commit()
    pool.invalidate()


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


def key_state(key: UpstreamKey, now: datetime) -> str:
    if key.status == "active" and key.cooling_until and key.cooling_until > now:
        return "cooling"
    return key.status


async def reseal_all(session: AsyncSession, box: SecretBox) -> int:
    """Re-encrypt every key sealed under a previous TOKEN_ENCRYPTION_KEY with the current one."""
    stale = (
        await session.scalars(select(UpstreamKey).where(UpstreamKey.key_version != box.version).with_for_update())
    ).all()
    for key in stale:
        plaintext = box.open(key.ciphertext, key.key_version)
        key.ciphertext, key.key_version = box.seal(plaintext)
        key.fingerprint = box.fingerprint(plaintext)
    await session.commit()
    return len(stale)
