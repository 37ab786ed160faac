"""Migrations are the only way the schema is made: upgrade from empty, downgrade to base, upgrade again."""

import asyncpg

from nb.core.db import async_url
from nb.core.migrate import downgrade, upgrade


async def _tables(url: str) -> set[str]:
    connection = await asyncpg.connect(async_url(url).replace("+asyncpg", ""))
    try:
        rows = await connection.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    finally:
        await connection.close()
    return {row["tablename"] for row in rows}


async def test_upgrade_downgrade_upgrade_on_an_empty_database(fresh_database):
    import asyncio

    url = fresh_database("migrations")
    await asyncio.to_thread(upgrade, url)
    created = await _tables(url)
    assert {"users", "credit_ledger", "redeem_codes", "audit_log", "api_keys", "refresh_tokens"} <= created
    await asyncio.to_thread(downgrade, url)
    assert await _tables(url) <= {"alembic_version"}
    await asyncio.to_thread(upgrade, url)
    assert await _tables(url) == created
