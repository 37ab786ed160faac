"""Background jobs that exactly one worker runs per interval, whatever the number of processes:
each run takes a Redis lock (SET NX PX) that lives as long as the interval."""

import asyncio
import logging
from collections.abc import Awaitable, Callable

from nb.core.runtime import Runtime

log = logging.getLogger("nb.periodic")


async def _loop(runtime: Runtime, name: str, interval: float, job: Callable[[Runtime], Awaitable[object]]) -> None:
    lock = runtime.cache.key("periodic", name)
    while True:
        await asyncio.sleep(interval)
        try:
            if await runtime.cache.redis.set(lock, 1, nx=True, px=max(1, int(interval * 1000))):
                await job(runtime)
        except Exception:
            log.exception("periodic job %s failed; it will run again in %.0f s", name, interval)


def start(runtime: Runtime, name: str, interval: float, job: Callable[[Runtime], Awaitable[object]]) -> asyncio.Task:
    """Start the job's loop; the caller cancels the returned task on shutdown."""
    return asyncio.create_task(_loop(runtime, name, interval, job), name=f"periodic-{name}")
