"""Fixtures: a private database and Redis namespace for this run, the app served over real HTTP,
and helpers to create accounts. Nothing of our own is mocked."""

import logging
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from devtools import local_services
from devtools.simulator_server import running_simulator
from devtools.threaded_server import serving
from nb.core.db import async_url
from nb.core.migrate import upgrade
from nb.core.observability.logs import capture_handler
from nb.core.settings import Settings
from nb.main import create_app
from nb.simulator import SimulatorConfig
from tests.support import log_capture
from tests.support.settings import DATA_DIR, RUN_ID, make_settings, random_ip


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


@pytest.fixture
async def client(base_url) -> AsyncIterator[httpx.AsyncClient]:
    """A client that appears to come from its own address (through the trusted local proxy)."""
    async with httpx.AsyncClient(
        base_url=base_url,
        timeout=60,
        headers={"X-Forwarded-For": random_ip()},
        limits=httpx.Limits(max_connections=200),
        event_hooks=log_capture.EVENT_HOOKS,
    ) as http:
        yield http
