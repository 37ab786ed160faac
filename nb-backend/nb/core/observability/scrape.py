"""The /metrics exposition.

Per-process samples (HTTP latency, DB connections in use) come from prometheus_client; under
`nb run` it runs in multiprocess mode (PROMETHEUS_MULTIPROC_DIR under the data dir), so any worker
answering a scrape reports the sum over all workers. Business figures — generations by model and
outcome, upstream attempts, credits spent, pool keys by state — are read from PostgreSQL at scrape
time, so every worker gives the same answer. Generation figures come from the roll-ups and lag real
time by the roll-up watermark (exported as nb_stats_watermark_timestamp_seconds).
"""

from datetime import UTC, datetime

from prometheus_client import REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from sqlalchemy import text

from nb.core.observability import multiprocess
from nb.core.runtime import Runtime
from nb.stats.service import pool_health


class _Snapshot:
    """A collector that hands out families computed beforehand (collectors cannot await)."""

    def __init__(self, families: list[Metric]):
        self.families = families

    def collect(self) -> list[Metric]:
        return self.families


async def _business_families(runtime: Runtime) -> list[Metric]:
    generations = CounterMetricFamily(
        "nb_generations", "Settled generations by model and final status", labels=("model", "status")
    )
    attempts = CounterMetricFamily(
        "nb_generation_attempts",
        "Upstream attempts made for settled generations, by model and the generation's final status",
        labels=("model", "status"),
    )
    spent = CounterMetricFamily("nb_credits_spent", "Credits of succeeded generations")
    upstream = CounterMetricFamily(
        "nb_upstream_attempts",
        "Upstream calls through the pool keys by outcome (the keys' health counters)",
        labels=("outcome",),
    )
    keys = GaugeMetricFamily("nb_pool_keys", "Upstream keys by state", labels=("state",))
    pending = GaugeMetricFamily("nb_generations_pending", "Generations waiting for the upstream")
    watermark = GaugeMetricFamily("nb_stats_watermark_timestamp_seconds", "Roll-ups include rows settled before this")
    async with runtime.sessions() as session:
        usage = (
            await session.execute(
                text(
                    "SELECT model, status, sum(generations), sum(attempts), sum(credits) FROM usage_hourly "
                    "GROUP BY model, status"
                )
            )
        ).all()
        calls = (
            await session.execute(
                text("SELECT coalesce(sum(success_count), 0), coalesce(sum(failure_count), 0) FROM upstream_keys")
            )
        ).one()
        states = await pool_health(session, datetime.now(UTC))
        waiting = await session.scalar(text("SELECT count(*) FROM generations WHERE status = 'pending'"))
        rolled_until = await session.scalar(text("SELECT rolled_until FROM stats_watermark WHERE id = 1"))
    total_spent = 0
    for model, status, count, tries, credits in usage:
        generations.add_metric((model, status), int(count))
        attempts.add_metric((model, status), int(tries))
        total_spent += int(credits) if status == "succeeded" else 0
    spent.add_metric((), total_spent)
    upstream.add_metric(("success",), int(calls[0]))
    upstream.add_metric(("failure",), int(calls[1]))
    for state, count in states.items():
        if state != "total":
            keys.add_metric((state,), count)
    pending.add_metric((), waiting)
    watermark.add_metric((), rolled_until.timestamp() if rolled_until else 0)
    return [generations, attempts, spent, upstream, keys, pending, watermark]


async def exposition(runtime: Runtime) -> bytes:
    """The text format: per-process samples (summed over workers when multiprocess) plus the business figures."""
    if multiprocess.enabled():
        process_registry = CollectorRegistry()
        MultiProcessCollector(process_registry)
    else:
        process_registry = REGISTRY
    business = CollectorRegistry(auto_describe=False)
    business.register(_Snapshot(await _business_families(runtime)))
    return generate_latest(process_registry) + generate_latest(business)
