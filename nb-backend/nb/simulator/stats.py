"""Call counters that tests read through ``GET /_sim/stats`` (fairness, cooldowns, no double calls).

Each bucket counts generation ``calls`` and how they ended: ``succeeded`` (a final image was
delivered), ``no_image`` (a 200 without one: blocked, safety, text only, truncated) or
``errored`` (an error status, a malformed body or a cut stream); ``probes`` counts model
listing and lookup calls. Keys appear in full here: the simulator only ever sees fake ones.
"""

from collections import defaultdict

OUTCOMES = ("succeeded", "no_image", "errored")
MISSING_KEY = "(missing)"


def _bucket() -> dict[str, int]:
    return {"calls": 0, "succeeded": 0, "no_image": 0, "errored": 0, "probes": 0}


class SimulatorStats:
    """Counters kept on ``app.state``; only mutated from the event loop, so no locking."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.totals = _bucket()
        self.by_key: defaultdict[str, dict[str, int]] = defaultdict(_bucket)
        self.by_model: defaultdict[str, dict[str, int]] = defaultdict(_bucket)
        self.by_key_model: defaultdict[str, defaultdict[str, dict[str, int]]] = defaultdict(
            lambda: defaultdict(_bucket)
        )

    def _buckets(self, key: str | None, model_id: str | None) -> list[dict[str, int]]:
        key = key or MISSING_KEY
        buckets = [self.totals, self.by_key[key]]
        if model_id is not None:
            buckets += [self.by_model[model_id], self.by_key_model[key][model_id]]
        return buckets

    def record_call(self, key: str | None, model_id: str) -> int:
        """Count a generation call; returns how many calls this key has made, this one included."""
        for bucket in self._buckets(key, model_id):
            bucket["calls"] += 1
        return self.by_key[key or MISSING_KEY]["calls"]

    def record_outcome(self, key: str | None, model_id: str, outcome: str) -> None:
        for bucket in self._buckets(key, model_id):
            bucket[outcome] += 1

    def record_probe(self, key: str | None, model_id: str | None) -> None:
        for bucket in self._buckets(key, model_id):
            bucket["probes"] += 1

    def snapshot(self) -> dict:
        return {
            "totals": dict(self.totals),
            "by_key": {key: dict(bucket) for key, bucket in self.by_key.items()},
            "by_model": {model: dict(bucket) for model, bucket in self.by_model.items()},
            "by_key_model": {
                key: {model: dict(bucket) for model, bucket in models.items()}
                for key, models in self.by_key_model.items()
            },
        }
