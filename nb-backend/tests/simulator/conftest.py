"""Simulators served over real HTTP, driven by the real google-genai SDK and by raw httpx."""

import uuid
from collections.abc import Callable, Iterator

import pytest
from google import genai

from devtools.simulator_server import running_simulator
from nb.simulator import SimulatorConfig

from .helpers import SLOW_MS, SMALL_SCALE, sdk_client


@pytest.fixture(scope="session")
def sim_url() -> Iterator[str]:
    """Fast simulator: tiny images, short slow-key delay."""
    with running_simulator(SimulatorConfig(image_scale=SMALL_SCALE, slow_ms=SLOW_MS)) as url:
        yield url


@pytest.fixture(scope="session")
def full_size_url() -> Iterator[str]:
    """Simulator producing images at Gemini's real pixel sizes."""
    with running_simulator(SimulatorConfig()) as url:
        yield url


@pytest.fixture
def key() -> str:
    """A healthy key no other test uses, so per-key counters start at zero."""
    return f"test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def gemini(sim_url: str, key: str) -> genai.Client:
    """A google-genai client on the fast simulator, using this test's own key."""
    return sdk_client(sim_url, key)


@pytest.fixture
def gemini_for(sim_url: str) -> Callable[[str], genai.Client]:
    """Make google-genai clients on the fast simulator for chosen (magic) keys."""
    return lambda api_key: sdk_client(sim_url, api_key)
