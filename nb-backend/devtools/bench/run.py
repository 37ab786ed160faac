"""Run every benchmark on scratch databases and print one table of figures."""

import asyncio
import secrets
import tempfile
from contextlib import ExitStack
from pathlib import Path

from devtools import local_services
from devtools.bench.gateway import run_gateway_bench
from devtools.bench.stats import run_stats_bench
from nb.core.migrate import upgrade

TARGETS = {
    "cpu_ms_per_generation": ("≤ 5", 5.0),
    "added_p50_ms": ("≤ 5", 5.0),
    "stats_overview_ms": ("≤ 100", 100.0),
    "stats_timeseries_90d_generations_ms": ("≤ 100", 100.0),
}


def _row(name: str, value: float | int | str) -> str:
    target, limit = TARGETS.get(name, ("", None))
    if limit is None:
        verdict = ""
    elif isinstance(value, str):
        raise TypeError(f"{name} has a target but a non-numeric value: {value!r}")
    else:
        verdict = "met" if value <= limit else "missed"
    shown = f"{value:,.2f}" if isinstance(value, float) else f"{value:,}" if isinstance(value, int) else value
    return f"| {name} | {shown} | {target} | {verdict} |"


def run_all() -> dict:
    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="nb-bench-") as scratch:
        admin_url = local_services.postgres_admin_url(stack, Path(scratch))
        redis_url = local_services.redis_url(stack, Path(scratch))
        name = f"nbbench_{secrets.token_hex(4)}"
        database_url = local_services.create_database(admin_url, name)
        try:
            upgrade(database_url)
            results = asyncio.run(run_gateway_bench(database_url, redis_url, str(Path(scratch) / "backend")))
            results.update(asyncio.run(run_stats_bench(admin_url)))
        finally:
            local_services.drop_database(admin_url, name)
    print("| measure | value | target | |\n|---|---|---|---|")
    for key, value in results.items():
        print(_row(key, value))
    return results
