"""Start the simulator and the backend as separate processes, measured from outside."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import psutil

from nb.threaded_server import free_port


def _wait_ready(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 90
    while True:
        try:
            if httpx.get(url, timeout=1).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not come up")
        time.sleep(0.2)


@contextmanager
def started(command: list[str], env: dict[str, str], ready_path: str, port: int) -> Iterator[tuple[str, psutil.Process]]:
    process = subprocess.Popen([sys.executable, "-m", "nb", *command], env={**os.environ, **env},
                               start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url + ready_path, process)
        yield url, psutil.Process(process.pid)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


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
