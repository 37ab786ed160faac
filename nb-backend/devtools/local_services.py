"""PostgreSQL and Redis for the tests and the benchmark: the machine's own servers on 127.0.0.1 when
they answer, otherwise embedded ones (the same code path as the zero-config run). Each user makes
its own scratch databases and drops only those."""

import asyncio
import os
import socket
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

import asyncpg

from nb.core import embedded
from nb.core.db import async_url


def _answers(port: int) -> bool:
    """NB_TEST_EMBEDDED=1 pretends nothing answers, to exercise the embedded path on any machine."""
    if os.environ.get("NB_TEST_EMBEDDED") == "1":
        return False
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def postgres_admin_url(stack: ExitStack, scratch: Path) -> str:
    if _answers(5432):
        return "postgresql://postgres@127.0.0.1:5432/postgres"
    return embedded.start_postgres(scratch / "postgres", stack)


def redis_url(stack: ExitStack, scratch: Path) -> str:
    if _answers(6379):
        return "redis://127.0.0.1:6379/0"
    return embedded.start_redis(scratch / "redis", stack)


def with_database(admin_url: str, name: str) -> str:
    """The admin URL pointed at another database, keeping host and socket options."""
    base, _, query = admin_url.partition("?")
    base = base.rsplit("/", 1)[0] + "/" + name
    return f"{base}?{query}" if query else base


def admin_execute(admin_url: str, statement: str) -> None:
    """Run one statement on the server's admin database, from any thread, inside an event loop or not."""

    async def execute() -> None:
        connection = await asyncpg.connect(async_url(admin_url).replace("+asyncpg", ""))
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, execute()).result()


def create_database(admin_url: str, name: str) -> str:
    admin_execute(admin_url, f'CREATE DATABASE "{name}"')
    return with_database(admin_url, name)


def drop_database(admin_url: str, name: str) -> None:
    admin_execute(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
