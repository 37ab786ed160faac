"""Real separate processes (`python -m nb …`) for the tests and the benchmark: one helper starts a
process group, waits until it answers, and always stops it — even when a test killed it already."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress

import httpx
import psutil

from devtools.threaded_server import free_port
from nb.core.settings import Settings

READY_SECONDS = 90


def _wait_ready(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + READY_SECONDS
    while True:
        try:
            if httpx.get(url, timeout=1).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not come up")
        time.sleep(0.2)


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM the group (uvicorn's workers included), SIGKILL after a grace period."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@contextmanager
def started(
    command: list[str], env: dict[str, str], ready_path: str, port: int
) -> Iterator[tuple[str, subprocess.Popen]]:
    """`python -m nb <command>` in its own process group; yields its base URL once `ready_path` answers."""
    process = subprocess.Popen(
        [sys.executable, "-m", "nb", *command],
        env={**os.environ, **env},
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url + ready_path, process)
        yield url, process
    finally:
        _stop(process)


@contextmanager
def backend_process(
    settings: Settings, data_dir: str, workers: int = 1, **extra_env: str
) -> Iterator[tuple[str, subprocess.Popen]]:
    """`nb run` on the given database and Redis, for multi-worker and kill tests."""
    if settings.database_url is None or settings.redis_url is None:
        raise ValueError("backend_process needs settings with a database URL and a Redis URL")
    port = free_port()
    env = {
        "DATABASE_URL": settings.database_url,
        "REDIS_URL": settings.redis_url,
        "REDIS_NAMESPACE": settings.redis_namespace,
        "JWT_SECRET_KEY": settings.jwt_secret_key,
        "TOKEN_ENCRYPTION_KEY": settings.token_encryption_key,
        "UPSTREAM_BASE_URL": settings.upstream_base_url,
        "TRUSTED_PROXIES": settings.trusted_proxies,
        "DEMO_UPSTREAM": "false",
        "NB_DATA_DIR": data_dir,
        "PORT": str(port),
        "WORKERS": str(workers),
        "LOG_LEVEL": "warning",
        "POOL_WAIT_SECONDS": "1",
        **extra_env,
    }
    with started(["run"], env, "/api/ready", port) as running:
        yield running


@contextmanager
def simulator(latency_ms: float, image_scale: float) -> Iterator[str]:
    port = free_port()
    command = ["simulator", "--port", str(port), "--latency-ms", str(latency_ms), "--image-scale", str(image_scale)]
    with started(command, {}, "/v1beta/models?key=probe", port) as (url, _):
        yield url


def serving_tree(process: psutil.Process) -> list[psutil.Process]:
    """The backend and its workers (uvicorn forks workers when WORKERS > 1)."""
    return [process, *process.children(recursive=True)]


def cpu_seconds(process: psutil.Process) -> float:
    total = 0.0
    for member in serving_tree(process):
        times = member.cpu_times()
        total += times.user + times.system
    return total


def rss_bytes(process: psutil.Process) -> int:
    return sum(member.memory_info().rss for member in serving_tree(process))
