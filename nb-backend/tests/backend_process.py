"""The backend as a real separate process (`nb run`), for multi-worker and kill tests."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from nb.settings import Settings
from nb.threaded_server import free_port


@contextmanager
def backend_process(settings: Settings, data_dir: str, workers: int = 1, **extra_env: str) -> Iterator[tuple[str, subprocess.Popen]]:
    port = free_port()
    env = {**os.environ, "DATABASE_URL": settings.database_url, "REDIS_URL": settings.redis_url,
           "REDIS_NAMESPACE": settings.redis_namespace, "JWT_SECRET_KEY": settings.jwt_secret_key,
           "TOKEN_ENCRYPTION_KEY": settings.token_encryption_key, "UPSTREAM_BASE_URL": settings.upstream_base_url,
           "TRUSTED_PROXIES": settings.trusted_proxies, "DEMO_UPSTREAM": "false", "NB_DATA_DIR": data_dir,
           "PORT": str(port), "WORKERS": str(workers), "LOG_LEVEL": "warning", "POOL_WAIT_SECONDS": "1",
           **extra_env}
    process = subprocess.Popen([sys.executable, "-m", "nb", "run"], env=env, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{url}/api/ready", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("backend process did not start")
        time.sleep(0.2)
    try:
        yield url, process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
