"""Fixed-window failure counters in Redis, shared by every worker: lock a subject out, never everyone."""

from dataclasses import dataclass

from nb.core.cache import Cache
from nb.core.errors import throttled


@dataclass(frozen=True)
class Throttle:
    cache: Cache
    name: str
    limit: int
    window_seconds: int

    def _key(self, subject: str) -> str:
        return self.cache.key("throttle", self.name, subject)

    async def check(self, subject: str) -> None:
        """Raise 429 with Retry-After while `subject` is over its limit."""
        key = self._key(subject)
        async with self.cache.redis.pipeline(transaction=False) as pipe:
            # Commands on a pipeline are only queued (nothing to await); execute() returns their replies.
            pipe.get(key)
            pipe.ttl(key)
            count, ttl = await pipe.execute()
        if count is not None and int(count) >= self.limit:
            raise throttled(ttl if ttl > 0 else self.window_seconds)

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

    async def hit(self, subject: str) -> None:
        """Count one more; the window starts at the first hit (SET NX EX works on Redis 6 too)."""
        key = self._key(subject)
        async with self.cache.redis.pipeline(transaction=True) as pipe:
            pipe.set(key, 0, ex=self.window_seconds, nx=True)
            pipe.incr(key)
            await pipe.execute()

    async def clear(self, subject: str) -> None:
        await self.cache.redis.delete(self._key(subject))
