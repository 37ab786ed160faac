"""Redeem codes: batches minted by admins, redeemed once by exactly one user.

Redemption is one conditional UPDATE … RETURNING plus the ledger entry in one transaction, so
under any concurrency exactly one caller wins a code and it is credited exactly once.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from nb.accounts.models import User
from nb.accounts.tokens import keyed_hash
from nb.audit import service as audit
from nb.core.cache import Cache
from nb.core.errors import ApiError, not_found
from nb.core.pagination import newest_first
from nb.core.settings import Settings
from nb.core.throttle import Throttle
from nb.credits import ledger
from nb.redeem.codes import display_prefix, generate_code, normalize_code
from nb.redeem.models import RedeemBatch, RedeemCode

STATES = ("unused", "redeemed", "expired", "disabled")


@dataclass(frozen=True)
class Redemption:
    credits_added: int
    balance: int


def _failures(cache: Cache, settings: Settings) -> Throttle:
    return Throttle(cache, "redeem-failures", settings.redeem_max_failures, settings.redeem_lockout_seconds)


async def redeem_code(
    session: AsyncSession, cache: Cache, settings: Settings, user_id: int, raw_code: str
) -> Redemption:
    failures, subject = _failures(cache, settings), str(user_id)
    await failures.take(subject)
    body = normalize_code(raw_code)
    now = datetime.now(UTC)
    won = None
    if body is not None:
        code_hash = keyed_hash(settings.redeem_code_pepper, body)
        won = (
            await session.execute(
                update(RedeemCode)
                .where(
                    RedeemCode.code_hash == code_hash,
                    RedeemCode.redeemed_by.is_(None),
                    RedeemCode.disabled_at.is_(None),
                    (RedeemCode.expires_at.is_(None)) | (RedeemCode.expires_at > now),
                )
                .values(redeemed_by=user_id, redeemed_at=now)
                .returning(RedeemCode.id, RedeemCode.credits)
            )
        ).first()
    if won is None:
        await session.rollback()
        raise await _why_not(session, body, settings)
    await failures.give_back(subject)
    balance = await ledger.apply_change(session, user_id, won.credits, "redeem", str(won.id))
    if balance is None:
        raise RuntimeError("a credit cannot take a balance below zero")
    await session.commit()
    return Redemption(won.credits, balance)


async def _why_not(session: AsyncSession, body: str | None, settings: Settings) -> ApiError:
    code = (
        None
        if body is None
        else await session.scalar(
            select(RedeemCode).where(RedeemCode.code_hash == keyed_hash(settings.redeem_code_pepper, body))
        )
    )
    if code is None:
        return not_found("redeem code")
    if code.redeemed_by is not None:
        return ApiError(409, "code_used", "this code has already been redeemed")
    if code.disabled_at is not None:
        return ApiError(410, "code_disabled", "this code has been disabled")
    return ApiError(410, "code_expired", "this code has expired")


@dataclass(frozen=True)
class MintedBatch:
    batch: RedeemBatch
    codes: list[str]


async def mint_batch(
    session: AsyncSession,
    settings: Settings,
    actor: User,
    ip: str,
    count: int,
    credits: int,
    expires_at: datetime | None,
    note: str | None,
) -> MintedBatch:
    """Create a batch, audited and committed; the plain codes exist only in the returned value."""
    batch = RedeemBatch(credits=credits, count=count, note=note, expires_at=expires_at, created_by=actor.id)
    session.add(batch)
    await session.flush()
    codes = [generate_code() for _ in range(count)]
    bodies = [_generated_body(code) for code in codes]
    session.add_all(
        RedeemCode(
            batch_id=batch.id,
            code_hash=keyed_hash(settings.redeem_code_pepper, body),
            display_prefix=display_prefix(body),
            credits=credits,
            expires_at=expires_at,
        )
        for body in bodies
    )
    await session.flush()
    audit.record(
        session,
        actor,
        "redeem.mint",
        "redeem_batch",
        batch.id,
        ip,
        after={"count": count, "credits": credits, "note": note},
    )
    await session.commit()
    return MintedBatch(batch, codes)


def _generated_body(code: str) -> str:
    body = normalize_code(code)
    if body is None:
        raise RuntimeError("a generated redeem code must normalize")
    return body


def state_of(code: RedeemCode, now: datetime) -> str:
    if code.redeemed_by is not None:
        return "redeemed"
    if code.disabled_at is not None:
        return "disabled"
    if code.expires_at is not None and code.expires_at <= now:
        return "expired"
    return "unused"


def state_filter(state: str, now: datetime):
    unredeemed = RedeemCode.redeemed_by.is_(None)
    enabled = RedeemCode.disabled_at.is_(None)
    live = RedeemCode.expires_at.is_(None) | (RedeemCode.expires_at > now)
    return {
        "redeemed": RedeemCode.redeemed_by.is_not(None),
        "disabled": unredeemed & RedeemCode.disabled_at.is_not(None),
        "expired": unredeemed & enabled & ~live,
        "unused": unredeemed & enabled & live,
    }[state]


async def list_codes(
    session: AsyncSession, batch_id: int | None, state: str | None, limit: int, before_id: int | None
) -> tuple[list[RedeemCode], int | None]:
    query = select(RedeemCode)
    if batch_id is not None:
        query = query.where(RedeemCode.batch_id == batch_id)
    if state is not None:
        query = query.where(state_filter(state, datetime.now(UTC)))
    return await newest_first(session, query, RedeemCode.id, limit, before_id)


async def batch_codes(session: AsyncSession, batch_id: int) -> tuple[RedeemBatch, list[RedeemCode]]:
    batch = await session.get(RedeemBatch, batch_id)
    if batch is None:
        raise not_found("batch")
    codes = await session.scalars(select(RedeemCode).where(RedeemCode.batch_id == batch_id).order_by(RedeemCode.id))
    return batch, list(codes.all())


async def disable_code(session: AsyncSession, actor: User, ip: str, code_id: int) -> RedeemCode:
    """Disable an unredeemed code, audited (with its state before) and committed."""
    code = await session.get(RedeemCode, code_id, with_for_update=True)
    if code is None:
        raise not_found("redeem code")
    if code.redeemed_by is not None:
        raise ApiError(409, "code_used", "a redeemed code cannot be disabled")
    before = {"state": state_of(code, datetime.now(UTC))}
    if code.disabled_at is None:
        code.disabled_at = func.now()
    audit.record(session, actor, "redeem.disable", "redeem_code", code_id, ip, before, {"state": "disabled"})
    await session.commit()
    await session.refresh(code)
    return code
