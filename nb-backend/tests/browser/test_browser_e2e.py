"""The SPA's browser flows (nb-app/e2e) in headless Debian Chromium against this backend serving the
built SPA, with the offline simulator as both the guests' own upstream and the platform's pool."""

import asyncio
import os
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from devtools.simulator_server import running_simulator
from devtools.threaded_server import serving
from nb.accounts.bootstrap import ensure_admin
from nb.core.db import async_url
from nb.core.migrate import upgrade
from nb.main import create_app
from nb.simulator import SimulatorConfig

APP = Path(__file__).resolve().parents[3] / "nb-app"
CHROMIUM = os.environ.get("NB_E2E_CHROMIUM", "/usr/bin/chromium")
ADMIN_EMAIL, ADMIN_PASSWORD = "e2e-admin@example.com", "e2e-admin-password"


def _prerequisites_missing() -> str | None:
    if not (APP / "dist" / "index.html").is_file():
        return "the SPA is not built (make test builds it)"
    if not Path(CHROMIUM).is_file():
        return f"no Chromium at {CHROMIUM} (make test installs Debian's chromium)"
    return None


async def test_browser_flows_pass(fresh_database, settings, infrastructure):
    missing = _prerequisites_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)
    database_url = fresh_database("e2e")
    await asyncio.to_thread(upgrade, database_url)
    e2e_settings = settings.model_copy(
        update={
            "database_url": database_url,
            "static_dir": APP / "dist",
            "demo_upstream": True,
            "redis_namespace": settings.redis_namespace + "-e2e",
            "register_per_ip_per_hour": 1000,
            "visitors_per_ip_per_hour": 1000,
        }
    )
    engine = create_async_engine(async_url(database_url))
    async with async_sessionmaker(engine)() as session:
        await ensure_admin(session, e2e_settings, ADMIN_EMAIL, ADMIN_PASSWORD)
    await engine.dispose()
    with (
        running_simulator(SimulatorConfig(image_scale=0.1)) as simulator_url,
        serving(create_app(e2e_settings)) as base_url,
    ):
        env = {
            **os.environ,
            "NB_E2E_BASE_URL": base_url,
            "NB_E2E_SIM_URL": simulator_url,
            "NB_E2E_ADMIN_EMAIL": ADMIN_EMAIL,
            "NB_E2E_ADMIN_PASSWORD": ADMIN_PASSWORD,
            "NB_E2E_CHROMIUM": CHROMIUM,
        }
        process = await asyncio.create_subprocess_exec(
            "npm",
            "run",
            "--silent",
            "test:e2e",
            cwd=APP,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        output, _ = await asyncio.wait_for(process.communicate(), timeout=900)
    print(output.decode())
    assert process.returncode == 0, output.decode()[-4000:]
