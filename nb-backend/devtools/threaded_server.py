"""Serve an ASGI app over real HTTP from a background thread with its own event loop.

Used by the tests (the backend and the simulator as black boxes on a port) and by the benchmark.
"""

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal

import uvicorn

STARTUP_TIMEOUT_S = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(app, port: int | None = None, lifespan: Literal["auto", "on", "off"] = "on") -> Iterator[str]:
    """Start uvicorn in a daemon thread; yields the base URL and stops the server on exit."""
    port = port or free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host="127.0.0.1",
            port=port,
            log_level="warning",
            access_log=False,
            lifespan=lifespan,
            timeout_graceful_shutdown=5,
            proxy_headers=False,
        )
    )
    thread = threading.Thread(target=server.run, name=f"serving-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"server on port {port} did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
