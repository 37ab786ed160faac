"""The upstream key pool: weighted round-robin over healthy keys, shared by every worker through Redis.

Selection is one Lua call: INCR a shared cursor, walk the weighted ring from there and return the
first key that has no block marker. A marker with a TTL is a cooldown; one without is a disabled key,
so a worker whose cached key list is a second old still never picks a disabled key. Health counters
and the reasons an admin sees live in PostgreSQL.
"""

import asyncio
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import orjson
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from nb.core.cache import Cache
from nb.core.settings import Settings
from nb.pool.models import UpstreamKey
from nb.pool.secretbox import SecretBox
from nb.upstream.classify import COOLING, DISABLING, Classified, Outcome
from nb.upstream.client import Credential

PACIFIC = ZoneInfo("America/Los_Angeles")
CACHE_SECONDS = 1.0
DEMO_KEY_ID = 0

_PICK = """
local ring = cjson.decode(ARGV[2])
local n = #ring
if n == 0 then return false end
local start = redis.call('INCR', KEYS[1])
for i = 0, n - 1 do
  local id = ring[((start + i) % n) + 1]
  if not string.find(ARGV[3], ',' .. id .. ',', 1, true) and redis.call('EXISTS', ARGV[1] .. id) == 0 then
    return id
  end
end
return false
"""


@dataclass(frozen=True)
class PoolKey:
    id: int
    secret: str
    base_url: str | None
    weight: int

    @property
    def credential(self) -> Credential:
        return Credential(self.secret, self.base_url, demo=self.id == DEMO_KEY_ID)


DEMO_KEY = PoolKey(DEMO_KEY_ID, "demo", None, 1)


class PoolExhausted(Exception):
    """No key can serve now, nor within the configured wait."""


def weighted_ring(keys: list[PoolKey]) -> list[int]:
    """Smooth weighted round-robin order: weights 3:1 give a,a,b,a rather than a,a,a,b."""
    current = {key.id: 0 for key in keys}
    total = sum(key.weight for key in keys)
    ring = []
    for _ in range(total):
        for key in keys:
            current[key.id] += key.weight
        chosen = max(keys, key=lambda key: (current[key.id], -key.id))
        current[chosen.id] -= total
        ring.append(chosen.id)
    return ring


def next_pacific_midnight(now: datetime) -> datetime:
    local = now.astimezone(PACIFIC)
    return (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)


class KeyPool:
    """One per process; holds a short-lived cache of decrypted active keys, nothing shared."""

    def __init__(self, settings: Settings, cache: Cache, box: SecretBox):
        self.settings = settings
        self.cache = cache
        self.box = box
        self._keys: dict[int, PoolKey] = {}
        self._ring_json = "[]"
        self._loaded_at = float("-inf")
        self.empty = False
        self._pick = cache.redis.register_script(_PICK)

    def _block_key(self, key_id: int) -> str:
        return self.cache.key("pool", "block", key_id)

    def invalidate(self) -> None:
        self._loaded_at = float("-inf")

    async def active_keys(self, session: AsyncSession) -> dict[int, PoolKey]:
        if time.monotonic() - self._loaded_at > CACHE_SECONDS:
            rows = (
                await session.execute(
                    select(
                        UpstreamKey.id,
                        UpstreamKey.ciphertext,
                        UpstreamKey.key_version,
                        UpstreamKey.base_url,
                        UpstreamKey.weight,
                        UpstreamKey.status,
                    ).order_by(UpstreamKey.id)
                )
            ).all()
            keys = [
                PoolKey(row.id, self.box.open(row.ciphertext, row.key_version), row.base_url, row.weight)
                for row in rows
                if row.status == "active"
            ]
            self.empty = not rows
            self._keys = {key.id: key for key in keys}
            self._ring_json = orjson.dumps(weighted_ring(keys)).decode()
            self._loaded_at = time.monotonic()
        return self._keys

    async def pick(self, session: AsyncSession, exclude: set[int]) -> PoolKey:
        """The next usable key; waits for the soonest cooldown when it ends within POOL_WAIT_SECONDS."""
        deadline = time.monotonic() + self.settings.pool_wait_seconds
        while True:
            keys = await self.active_keys(session)
            if self.empty and self.settings.demo_upstream_allowed:
                return DEMO_KEY
            excluded = "," + ",".join(map(str, exclude)) + ","
            chosen = await self._pick(
                keys=[self.cache.key("pool", "cursor")],
                args=[self.cache.key("pool", "block", ""), self._ring_json, excluded],
            )
            if chosen is not None:
                return keys[int(chosen)]
            wait = await self._soonest_release([key_id for key_id in keys if key_id not in exclude])
            if wait is None or time.monotonic() + wait > deadline:
                raise PoolExhausted()
            await asyncio.sleep(wait + 0.01)

    async def _soonest_release(self, key_ids: list[int]) -> float | None:
        if not key_ids:
            return None
        async with self.cache.redis.pipeline(transaction=False) as pipe:
            for key_id in key_ids:
                pipe.pttl(self._block_key(key_id))
            ttls = await pipe.execute()
        cooling = [ttl for ttl in ttls if ttl > 0]
        return min(cooling) / 1000 if cooling else None

    async def record(self, session: AsyncSession, key_id: int, result: Classified) -> None:
        """Update health after one call, in the caller's transaction. Request errors and no-image
        answers are the request's fault, never the key's."""
        if key_id == DEMO_KEY_ID:
            return
        now = datetime.now(UTC)
        if result.outcome in (Outcome.IMAGE, Outcome.NO_IMAGE, Outcome.REQUEST_ERROR, Outcome.MALFORMED):
            await session.execute(
                update(UpstreamKey)
                .where(UpstreamKey.id == key_id)
                .values(consecutive_failures=0, success_count=UpstreamKey.success_count + 1, last_used_at=now)
            )
            return
        failures = (
            await session.execute(
                update(UpstreamKey)
                .where(UpstreamKey.id == key_id)
                .values(
                    consecutive_failures=UpstreamKey.consecutive_failures + 1,
                    failure_count=UpstreamKey.failure_count + 1,
                    last_used_at=now,
                    last_error_code=result.error_status or result.outcome.value,
                    last_error_message=result.message[:300] or None,
                )
                .returning(UpstreamKey.consecutive_failures)
            )
        ).scalar_one_or_none()
        if failures is None:
            return
        if result.outcome in DISABLING:
            await self.disable(session, key_id, "invalid", DISABLING[result.outcome])
        elif result.outcome in COOLING:
            seconds = self._cooldown_seconds(result, failures, now)
            await self.cache.redis.set(self._block_key(key_id), 1, px=max(1, int(seconds * 1000)))
            await session.execute(
                update(UpstreamKey)
                .where(UpstreamKey.id == key_id)
                .values(cooling_until=now + timedelta(seconds=seconds))
            )

    def _cooldown_seconds(self, result: Classified, failures: int, now: datetime) -> float:
        if result.outcome == Outcome.DAILY_QUOTA:
            return (next_pacific_midnight(now) - now).total_seconds()
        if result.outcome == Outcome.RATE_LIMITED:
            return result.retry_after or self.settings.cooldown_default_seconds
        growth = self.settings.cooldown_server_error_seconds * 2 ** min(failures - 1, 16)
        return min(growth, self.settings.cooldown_max_seconds)

    async def note_probe_failure(
        self, session: AsyncSession, key_id: int, result: Classified, may_disable: bool
    ) -> None:
        """A failed probe shows its error to admins and disables a key the answer proves dead; it
        counts no failure (the probe is not traffic)."""
        await session.execute(
            update(UpstreamKey)
            .where(UpstreamKey.id == key_id)
            .values(
                last_error_code=result.error_status or result.outcome.value,
                last_error_message=result.message[:300] or None,
            )
        )
        if may_disable and result.outcome in DISABLING:
            await self.disable(session, key_id, "invalid", DISABLING[result.outcome])

    async def disable(self, session: AsyncSession, key_id: int, status: str, reason: str) -> None:
        await session.execute(
            update(UpstreamKey).where(UpstreamKey.id == key_id).values(status=status, status_reason=reason)
        )
        await self.cache.redis.set(self._block_key(key_id), 1)
        self.invalidate()

    async def reactivate(self, session: AsyncSession, key_id: int) -> None:
        """Back to a clean slate: re-enabling or a passing probe resets health and cooldowns."""
        await session.execute(
            update(UpstreamKey)
            .where(UpstreamKey.id == key_id)
            .values(status="active", status_reason=None, consecutive_failures=0, cooling_until=None)
        )
        await self.cache.redis.delete(self._block_key(key_id))
        self.invalidate()

    async def cooling_seconds(self, key_id: int) -> float:
        ttl = await self.cache.redis.pttl(self._block_key(key_id))
        return ttl / 1000 if ttl > 0 else 0.0
