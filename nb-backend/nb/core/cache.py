"""Redis client and key naming: every shared counter, cursor, cooldown and lock lives here, never in process memory."""

from redis.asyncio import Redis

from nb.core.settings import Settings


class Cache:
    """A Redis client plus the namespace every key of this deployment is prefixed with."""

    def __init__(self, redis: Redis, namespace: str):
        self.redis = redis
        self.namespace = namespace

    def key(self, *parts: object) -> str:
        return ":".join([self.namespace, *map(str, parts)])

    async def close(self) -> None:
        await self.redis.aclose()


def create_cache(settings: Settings) -> Cache:
    if not settings.redis_url:
        raise ValueError("REDIS_URL is not set")
    return Cache(Redis.from_url(settings.redis_url, decode_responses=True), settings.redis_namespace)
