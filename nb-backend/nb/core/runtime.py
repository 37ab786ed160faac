"""What a process holds open while it serves: settings, the DB engine, Redis and one shared HTTP client."""

from dataclasses import dataclass

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from nb.core.cache import Cache, create_cache
from nb.core.db import create_engine, session_factory
from nb.core.settings import Settings


@dataclass
class Runtime:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    cache: Cache
    http: httpx.AsyncClient

    @classmethod
    def open(cls, settings: Settings) -> "Runtime":
        engine = create_engine(settings)
        http = httpx.AsyncClient(
            timeout=httpx.Timeout(settings.upstream_timeout_seconds, connect=10.0),
            limits=httpx.Limits(max_connections=None, max_keepalive_connections=200),
        )
        return cls(settings, engine, session_factory(engine), create_cache(settings), http)

    async def close(self) -> None:
        await self.http.aclose()
        await self.cache.close()
        await self.engine.dispose()
