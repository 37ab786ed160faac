"""latency_ms: a per-generation delay that streams thought text early and never blocks other calls."""

import asyncio
import time
from collections.abc import Iterator

import httpx
import pytest

from devtools.simulator_server import running_simulator
from nb.simulator import SimulatorConfig

from .helpers import PRO, prompt_body

LATENCY_MS = 400


@pytest.fixture(scope="module")
def slow_url() -> Iterator[str]:
    with running_simulator(SimulatorConfig(latency_ms=LATENCY_MS, image_scale=0.05)) as url:
        yield url


def test_stream_sends_thoughts_before_the_latency_and_the_image_after_it(slow_url):
    body = prompt_body("a comet", thinkingConfig={"includeThoughts": True})
    started = time.monotonic()
    arrivals = []
    with httpx.stream(
        "POST",
        f"{slow_url}/v1beta/models/{PRO}:streamGenerateContent",
        params={"alt": "sse"},
        headers={"x-goog-api-key": "latency"},
        json=body,
        timeout=10,
    ) as response:
        for line in response.iter_lines():
            if line.startswith("data: "):
                arrivals.append((time.monotonic() - started, "inlineData" in line))

    first_image_at = next(at for at, has_image in arrivals if has_image)
    assert arrivals[0][0] < LATENCY_MS / 1000 <= first_image_at


async def test_concurrent_generations_wait_their_latency_in_parallel(slow_url):
    async with httpx.AsyncClient(base_url=slow_url, headers={"x-goog-api-key": "latency"}, timeout=10) as http:
        started = time.monotonic()
        responses = await asyncio.gather(
            *(http.post(f"/v1beta/models/{PRO}:generateContent", json=prompt_body(f"picture {n}")) for n in range(6))
        )
        elapsed = time.monotonic() - started

    assert all(response.status_code == 200 for response in responses)
    assert LATENCY_MS / 1000 <= elapsed < 3 * LATENCY_MS / 1000
