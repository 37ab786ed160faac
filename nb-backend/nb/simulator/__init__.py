"""Offline stand-in for the Gemini REST API (v1beta) used by tests, the benchmark and the demo."""

from nb.simulator.app import create_simulator_app
from nb.simulator.config import SimulatorConfig

__all__ = ["SimulatorConfig", "create_simulator_app"]
