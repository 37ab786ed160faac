"""Run a simulator over real HTTP for the duration of a test (sync or async tests alike).

    with running_simulator(SimulatorConfig(image_scale=0.05)) as base_url:
        client = genai.Client(api_key="k1", http_options=types.HttpOptions(base_url=base_url))

Counters: ``GET {base_url}/_sim/stats``, ``POST {base_url}/_sim/reset``.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from devtools.threaded_server import serving
from nb.simulator.app import create_simulator_app
from nb.simulator.config import SimulatorConfig


@contextmanager
def running_simulator(config: SimulatorConfig | None = None) -> Iterator[str]:
    with serving(create_simulator_app(config), lifespan="off") as base_url:
        yield base_url
