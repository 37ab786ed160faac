"""Alembic environment: runs migrations over the app's async engine; the URL comes from the caller or DATABASE_URL."""

import asyncio

from alembic import context
from sqlalchemy.ext.asyncio import create_async_engine

from nb.core.db import async_url
from nb.core.settings import Settings
from nb.metadata import Base

target_metadata = Base.metadata


def _database_url() -> str:
    url = context.config.attributes.get("database_url") or Settings().database_url
    if not url:
        raise SystemExit("DATABASE_URL is not set")
    return async_url(url)


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


async def _run_async() -> None:
    engine = create_async_engine(_database_url())
    async with engine.connect() as connection:
        await connection.run_sync(_run)
    await engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported")
asyncio.run(_run_async())
