"""Fixtures: a private database and Redis namespace for this run, the app served over real HTTP,
and helpers to create accounts. Nothing of our own is mocked."""

import logging
import secrets
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from nb import local_services
from nb.db import async_url
from nb.main import create_app
from nb.migrate import upgrade
from nb.observability.logs import capture_handler
from nb.settings import Settings
from nb.simulator import SimulatorConfig
from nb.simulator.testing import running_simulator
from nb.threaded_server import serving
from tests import log_capture

RUN_ID = secrets.token_hex(4)
DATA_DIR = Path(tempfile.mkdtemp(prefix=f"nbtest-{RUN_ID}-"))


@pytest.fixture(scope="session", autouse=True)
def _private_data_dir() -> Iterator[None]:
    """Everything the apps under test write to disk (images, secrets) goes to this run's own folder."""
    yield
    shutil.rmtree(DATA_DIR, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def captured_logs() -> Iterator[None]:
    """Every log line of the run, formatted as in production; at the end, none may hold a secret a test made."""
    handler, root = capture_handler(log_capture.CAPTURED), logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield
    root.removeHandler(handler)
    root.setLevel(level)
    leaked = log_capture.leaked_secrets()
    assert not leaked, f"{len(leaked)} secrets reached the logs, e.g. one starting {leaked[0][:4]!r}"


@pytest.fixture(scope="session")
def infrastructure() -> Iterator[dict[str, str]]:
    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="nbtest-") as scratch:
        admin_url = local_services.postgres_admin_url(stack, Path(scratch))
        yield {"postgres_admin": admin_url, "redis": local_services.redis_url(stack, Path(scratch)), "scratch": scratch}


@pytest.fixture(scope="session")
def fresh_database(infrastructure):
    """A factory of empty databases that this run creates and drops."""
    created: list[str] = []

    def make(label: str) -> str:
        name = f"nbtest_{RUN_ID}_{label}"
        created.append(name)
        return local_services.create_database(infrastructure["postgres_admin"], name)

    yield make
    for name in created:
        local_services.drop_database(infrastructure["postgres_admin"], name)


@pytest.fixture(scope="session")
def database_url(fresh_database) -> str:
    url = fresh_database("main")
    upgrade(url)
    return url


def make_settings(database_url: str, redis_url: str, **overrides) -> Settings:
    values = dict(
        environment="test", database_url=database_url, redis_url=redis_url,
        redis_namespace=f"nbtest-{RUN_ID}", jwt_secret_key=secrets.token_urlsafe(40),
        token_encryption_key=secrets.token_urlsafe(40), trusted_proxies="127.0.0.1/32",
        db_pool_size=10, db_max_overflow=10, demo_upstream=False, pool_wait_seconds=1.0,
        sweep_interval_seconds=3600, probe_interval_seconds=3600, NB_DATA_DIR=DATA_DIR,
    )
    values.update(overrides)
    return Settings(**values)


@pytest.fixture(scope="session")
def simulator_url() -> Iterator[str]:
    with running_simulator(SimulatorConfig(image_scale=0.05)) as url:
        yield url


@pytest.fixture(scope="session")
def settings(database_url, infrastructure, simulator_url) -> Settings:
    return make_settings(database_url, infrastructure["redis"], upstream_base_url=simulator_url)


@pytest.fixture(scope="session")
def base_url(settings) -> Iterator[str]:
    with serving(create_app(settings)) as url:
        yield url


@pytest.fixture(scope="session")
async def engine(database_url) -> AsyncIterator[AsyncEngine]:
    engine = create_async_engine(async_url(database_url))
    yield engine
    await engine.dispose()


@pytest.fixture(scope="session")
async def redis(settings) -> AsyncIterator[Redis]:
    client = Redis.from_url(settings.redis_url, decode_responses=True)
    yield client
    async for key in client.scan_iter(f"{settings.redis_namespace}:*"):
        await client.delete(key)
    await client.aclose()


def random_ip() -> str:
    return f"10.{secrets.randbelow(256)}.{secrets.randbelow(256)}.{secrets.randbelow(254) + 1}"


@pytest.fixture
async def client(base_url) -> AsyncIterator[httpx.AsyncClient]:
    """A client that appears to come from its own address (through the trusted local proxy)."""
    async with httpx.AsyncClient(base_url=base_url, timeout=60, headers={"X-Forwarded-For": random_ip()},
                                 limits=httpx.Limits(max_connections=200), event_hooks=log_capture.EVENT_HOOKS) as http:
        yield http
