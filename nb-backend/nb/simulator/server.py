"""Serve the simulator over HTTP (what ``nb simulator --host --port`` runs)."""

import uvicorn

from nb.simulator.app import create_simulator_app
from nb.simulator.config import SimulatorConfig


def run(host: str, port: int, latency_ms: float = 0, image_scale: float = 1.0) -> None:
    app = create_simulator_app(SimulatorConfig(latency_ms=latency_ms, image_scale=image_scale))
    uvicorn.run(app, host=host, port=port, lifespan="off")
