"""Fixed-window attempt counters in Redis, shared by every worker: lock a subject out, never everyone.

An attempt is counted before the work it limits (`take`) and given back when it succeeds
(`give_back`), so a burst of parallel attempts can never evaluate more than the limit.
"""

from dataclasses import dataclass

from nb.core.cache import Cache
from nb.core.errors import throttled

_GIVE_BACK = "if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('DECR', KEYS[1]) end return 0"


@dataclass(frozen=True)
class Throttle:
    cache: Cache
    name: str
    limit: int
    window_seconds: int

    def _key(self, subject: str) -> str:
        return self.cache.key("throttle", self.name, subject)

    async def take(self, subject: str) -> None:
        """Count this attempt and refuse it once over the limit, in one atomic step, so a burst of
        concurrent requests cannot all pass a check made before any of them is counted."""
        key = self._key(subject)
        async with self.cache.redis.pipeline(transaction=True) as pipe:
            pipe.set(key, 0, ex=self.window_seconds, nx=True)
            pipe.incr(key)
            pipe.ttl(key)
            _, count, ttl = await pipe.execute()
        if count > self.limit:
            raise throttled(ttl if ttl > 0 else self.window_seconds)

    async def give_back(self, subject: str) -> None:
        """Un-count an attempt that turned out fine (a correct password, a valid code, a request that
        was refused for another reason), so only failures use up the limit."""
        await self.cache.redis.eval(_GIVE_BACK, 1, self._key(subject))

    async def clear(self, subject: str) -> None:
        await self.cache.redis.delete(self._key(subject))
