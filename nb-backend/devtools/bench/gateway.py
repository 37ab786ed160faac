"""The gateway benchmark: overhead added to each generation with full billing on, and how many
generations one worker can hold in flight while the upstream takes its time."""

import asyncio
import secrets
import statistics
import threading
import time
from collections import Counter

import asyncpg
import httpx
import psutil

from devtools.processes import cpu_seconds, rss_bytes, simulator, started
from devtools.threaded_server import free_port

MODEL = "gemini-2.5-flash-image"
RAMP_SECONDS = 5.0
PROMPT = {"contents": [{"role": "user", "parts": [{"text": "benchmark lighthouse"}]}]}


class PeakRss:
    """Samples the backend's resident memory every 50 ms in a thread."""

    def __init__(self, process):
        self.process, self.peak, self._stop = process, 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_bytes(self.process))
            time.sleep(0.05)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *_):
        self._stop.set()
        self._thread.join()


async def _setup_account(http: httpx.AsyncClient, admin_email: str, admin_password: str, upstreams: list[str]) -> str:
    """Admin login, pool keys, a funded user and its platform key; returns the key."""
    admin = (await http.post("/api/auth/login", json={"email": admin_email, "password": admin_password})).json()
    headers = {"Authorization": f"Bearer {admin['access_token']}"}
    for index, upstream in enumerate(upstreams):
        await http.post(
            "/api/admin/tokens",
            headers=headers,
            json={"keys": [f"bench-key-{index}-{n}" for n in range(3)], "base_url": upstream},
        )
    user = (
        await http.post(
            "/api/auth/register",
            json={"email": f"bench-{secrets.token_hex(4)}@example.com", "password": "bench-password-1"},
        )
    ).json()
    await http.post(
        f"/api/admin/users/{user['user']['id']}/credits",
        headers=headers,
        json={"delta": 10_000_000, "reason": "benchmark"},
    )
    created = await http.post(
        "/api/keys", headers={"Authorization": f"Bearer {user['access_token']}"}, json={"name": "bench"}
    )
    return created.json()["key"]


async def _timed(http: httpx.AsyncClient, url: str, headers: dict[str, str]) -> float:
    started_at = time.perf_counter()
    response = await http.post(url, json=PROMPT, headers=headers)
    elapsed = time.perf_counter() - started_at
    if response.status_code != 200:
        raise RuntimeError(f"benchmark request failed: {response.status_code} {response.text[:200]}")
    return elapsed


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def _latency(http, url, headers, count: int) -> list[float]:
    return [await _timed(http, url, headers) for _ in range(count)]


async def run_gateway_bench(
    database_url: str, redis_url: str, data_dir: str, requests: int = 1000, in_flight: int = 1000
) -> dict:
    admin_password = secrets.token_urlsafe(16)
    port = free_port()
    env = {
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "REDIS_NAMESPACE": f"nbbench-{secrets.token_hex(4)}",
        "JWT_SECRET_KEY": secrets.token_urlsafe(40),
        "TOKEN_ENCRYPTION_KEY": secrets.token_urlsafe(40),
        "ADMIN_EMAIL": "bench-admin@example.com",
        "ADMIN_PASSWORD": admin_password,
        "PORT": str(port),
        "WORKERS": "1",
        "LOG_LEVEL": "warning",
        "DEMO_UPSTREAM": "false",
        "REGISTER_PER_IP_PER_HOUR": "1000",
        "NB_DATA_DIR": data_dir,
        "DB_POOL_SIZE": "20",
        "DB_MAX_OVERFLOW": "10",
    }
    results: dict = {}
    limits = httpx.Limits(max_connections=in_flight + 50, max_keepalive_connections=in_flight + 50)
    with (
        simulator(0, 1.0) as fast,
        simulator(10_000, 0.05) as slow,
        started(["run"], env, "/api/ready", port) as (backend, popen),
    ):
        process = psutil.Process(popen.pid)
        async with httpx.AsyncClient(base_url=backend, timeout=120, limits=limits) as http:
            key = await _setup_account(http, env["ADMIN_EMAIL"], admin_password, [fast])
            headers = {"x-goog-api-key": key}
            direct_url = f"{fast}/v1beta/models/{MODEL}:generateContent"
            gateway_url = f"/v1beta/models/{MODEL}:generateContent"
            sample = (await http.post(gateway_url, json=PROMPT, headers=headers)).content
            results["image_bytes"] = len(sample)
            await _latency(http, gateway_url, headers, 50)
            direct = await _latency(http, direct_url, {"x-goog-api-key": "direct"}, 300)
            through = await _latency(http, gateway_url, headers, 300)
            results["direct_p50_ms"] = statistics.median(direct) * 1000
            results["added_p50_ms"] = (statistics.median(through) - statistics.median(direct)) * 1000
            results["added_p99_ms"] = (_percentile(through, 0.99) - _percentile(direct, 0.99)) * 1000
            gate = asyncio.Semaphore(16)

            async def bounded() -> float:
                async with gate:
                    return await _timed(http, gateway_url, headers)

            cpu_before, wall_before = cpu_seconds(process), time.perf_counter()
            with PeakRss(process) as rss:
                await asyncio.gather(*(bounded() for _ in range(requests)))
            wall, cpu = time.perf_counter() - wall_before, cpu_seconds(process) - cpu_before
            results.update(
                generations_per_s=requests / wall,
                cpu_ms_per_generation=cpu / requests * 1000,
                peak_rss_mb=rss.peak / 2**20,
            )
            results.update(
                await _hold_in_flight(http, backend, database_url, process, env, admin_password, slow, in_flight, key)
            )
    return results


async def _hold_in_flight(http, backend, database_url, process, env, admin_password, slow, count, key) -> dict:
    """Swap the pool for keys whose upstream answers after 10 s, then hold `count` requests at once."""
    admin = (await http.post("/api/auth/login", json={"email": env["ADMIN_EMAIL"], "password": admin_password})).json()
    headers = {"Authorization": f"Bearer {admin['access_token']}"}
    for token in (await http.get("/api/admin/tokens", headers=headers)).json():
        await http.patch(f"/api/admin/tokens/{token['id']}", headers=headers, json={"status": "disabled"})
    await http.post(
        "/api/admin/tokens", headers=headers, json={"keys": [f"slow-bench-{n}" for n in range(3)], "base_url": slow}
    )
    await asyncio.sleep(1.2)
    baseline = rss_bytes(process)
    connections = await asyncpg.connect(database_url.replace("postgresql+asyncpg://", "postgresql://"))
    peak_connections = 0
    done = asyncio.Event()

    async def watch_connections() -> None:
        nonlocal peak_connections
        while not done.is_set():
            active = await connections.fetchval(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            peak_connections = max(peak_connections, active)
            await asyncio.sleep(0.1)

    watcher = asyncio.create_task(watch_connections())
    started_at = time.perf_counter()
    in_flight = peak_in_flight = 0

    async def one(index: int):
        """Arrivals are spread over the first half of the upstream latency, so all are in flight at once."""
        nonlocal in_flight, peak_in_flight
        await asyncio.sleep(index * RAMP_SECONDS / count)
        in_flight += 1
        peak_in_flight = max(peak_in_flight, in_flight)
        try:
            return await http.post(
                f"/v1beta/models/{MODEL}:generateContent", json=PROMPT, headers={"x-goog-api-key": key}
            )
        finally:
            in_flight -= 1

    with PeakRss(process) as rss:
        answers = await asyncio.gather(*(one(index) for index in range(count)), return_exceptions=True)
    done.set()
    await watcher
    await connections.close()
    outcomes = Counter(
        type(answer).__name__ if isinstance(answer, BaseException) else answer.status_code for answer in answers
    )
    return {
        "in_flight": count,
        "in_flight_peak": peak_in_flight,
        "in_flight_ok": outcomes.pop(200, 0),
        "in_flight_failures": ", ".join(f"{outcome}×{n}" for outcome, n in outcomes.items()) or "none",
        "in_flight_wall_s": time.perf_counter() - started_at,
        "in_flight_peak_db_connections": peak_connections,
        "in_flight_kb_per_request": (rss.peak - baseline) / count / 1024,
    }
