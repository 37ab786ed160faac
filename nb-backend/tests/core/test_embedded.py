"""The zero-config services start from their wheels, serve real connections and keep data on disk."""

import json
import stat
from contextlib import ExitStack

import asyncpg
from redis.asyncio import Redis

from nb.core import embedded
from nb.core.db import async_url


async def test_embedded_postgres_and_redis_start_and_answer(tmp_path):
    with ExitStack() as stack:
        postgres_url = embedded.start_postgres(tmp_path / "postgres", stack)
        redis_url = embedded.start_redis(tmp_path / "redis", stack)
        connection = await asyncpg.connect(async_url(postgres_url).replace("+asyncpg", ""))
        assert await connection.fetchval("SELECT 41 + 1") == 42
        await connection.close()
        redis = Redis.from_url(redis_url)
        assert await redis.ping()
        await redis.aclose()
    assert (tmp_path / "postgres" / "PG_VERSION").exists()


def test_secrets_are_generated_once_and_private(tmp_path):
    first = embedded.load_or_create_secrets(tmp_path)
    second = embedded.load_or_create_secrets(tmp_path)
    assert first == second and all(len(value) >= 32 for value in first.values())
    mode = stat.S_IMODE((tmp_path / "secrets.json").stat().st_mode)
    assert mode == 0o600
    assert set(json.loads((tmp_path / "secrets.json").read_text())) == set(embedded.SECRET_NAMES)


def test_production_fills_in_nothing(monkeypatch, tmp_path):
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("NB_DATA_DIR", str(tmp_path))
    with ExitStack() as stack:
        assert embedded.prepare_environment(stack) == {}
