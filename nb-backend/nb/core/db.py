"""Async SQLAlchemy engine and session factory; one engine per process, opened by the app's lifespan."""

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from nb.core.settings import Settings


def async_url(url: str) -> str:
    """Accept plain `postgresql://` URLs (as operators write them) and use the asyncpg driver."""
    for prefix in ("postgresql+asyncpg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    raise ValueError("DATABASE_URL must be a PostgreSQL URL")


def create_engine(settings: Settings) -> AsyncEngine:
    """No pre-ping: with asyncpg it costs a BEGIN and a ROLLBACK on every checkout, several per
    generation. A connection the server dropped fails one request instead, and SQLAlchemy then
    invalidates the whole pool, so the next requests get fresh connections."""
    if not settings.database_url:
        raise ValueError("DATABASE_URL is not set")
    return create_async_engine(
        async_url(settings.database_url),
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_recycle=1800,
    )


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
