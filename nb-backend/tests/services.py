"""Where the tests find PostgreSQL and Redis: the machine's own servers on 127.0.0.1 when they
answer, otherwise the embedded ones (the same code path as the zero-config run)."""

import os
import socket
from contextlib import ExitStack
from pathlib import Path

from nb import embedded


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
