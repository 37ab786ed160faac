"""Knobs of one simulator instance (kept on ``app.state.config``)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SimulatorConfig:
    """How the simulator shapes its answers.

    latency_ms  extra delay per generation, so gateway timeouts and concurrency can be exercised.
    image_scale multiplies the pixel size of produced PNGs (0.05 keeps tests fast); each side
                stays at least 1 px.
    pad_bytes   size of an ancillary PNG chunk added to every final image, to make image events
                huge for buffer-limit tests while the PNG still decodes.
    slow_ms     delay applied to ``slow-*`` keys and ``#slow`` prompts.
    """

    latency_ms: float = 0
    image_scale: float = 1.0
    pad_bytes: int = 0
    slow_ms: float = 2000
